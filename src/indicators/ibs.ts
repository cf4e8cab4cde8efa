import { assertSameLength } from './validate.js';

/**
 * Internal bar strength: where the close sits in the bar's range, IBS = (C − L) / (H − L).
 * 0 closes at the low, 1 at the high; a bar with no range gives 0.5 (trading-signals `IBS`).
 *
 * Source: the common definition, studied as a mean-reversion signal in A. Pagonidis, "The IBS
 * Effect: Mean Reversion in Equity ETFs" (NAAIM Wagner Award, 2014).
 *
 * @param high highs [price]
 * @param low lows [price]
 * @param close closes [price]
 * @returns a new array in [0, 1] [fraction]; no warm-up
 * @throws RangeError if the columns differ in length
 */
export function ibs(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const n = assertSameLength('ibs', ['high', 'low', 'close'], [high, low, close]);
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const range = high[t] - low[t];
    out[t] = range > 0 ? (close[t] - low[t]) / range : 0.5;
  }
  return out;
}
