import { assertSameLength } from './validate.js';

/**
 * True range (Wilder, 1978): TR[t] = max(H[t], C[t−1]) − min(L[t], C[t−1]) for t ≥ 1, i.e. the
 * bar's range extended to the previous close. There is no TR at bar 0 (no previous close).
 *
 * Source: CONVENTIONS §12 `atr14` (backtrader `TrueRange`, TA-Lib `TRANGE`). technicalindicators
 * `TrueRange` also starts at bar 1; trading-signals `TR` uses H[0] − L[0] at bar 0.
 *
 * @param high highs [price]
 * @param low lows [price]
 * @param close closes [price]
 * @returns a new array [price]; NaN at bar 0 (warm-up 1)
 * @throws RangeError if the columns differ in length
 */
export function trueRange(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const n = assertSameLength('trueRange', ['high', 'low', 'close'], [high, low, close]);
  const out = new Float64Array(n);
  if (n > 0) out[0] = NaN;
  for (let t = 1; t < n; t++) {
    const prevClose = close[t - 1];
    out[t] = Math.max(high[t], prevClose) - Math.min(low[t], prevClose);
  }
  return out;
}
