import { assertPeriod, assertSameLength } from './validate.js';

/**
 * NR-n, the narrowest range of n bars (Toby Crabel, "Day Trading with Short Term Price
 * Patterns and Opening Range Breakout", 1990, ch. on NR4 and NR7): 1 when the bar's range
 * H[t] − L[t] is the smallest of the last n bars' ranges (a tie with an earlier bar counts),
 * else 0. NR7 is n = 7, NR4 n = 4.
 *
 * No reference library computes it; the test checks a hand-computed series.
 *
 * @param high highs [price]
 * @param low lows [price]
 * @param period n [bars], integer ≥ 1 (default 7; n = 1 flags every bar)
 * @returns a new array of 0/1 flags; NaN for the first n − 1 bars (warm-up n − 1)
 * @throws RangeError if `period` is not an integer ≥ 1 or the columns differ in length
 */
export function narrowestRange(high: Float64Array, low: Float64Array, period = 7): Float64Array {
  assertPeriod('narrowestRange', 'period', period);
  const n = assertSameLength('narrowestRange', ['high', 'low'], [high, low]);
  const out = new Float64Array(n).fill(NaN);
  for (let t = period - 1; t < n; t++) {
    const range = high[t] - low[t];
    let isNarrowest = true;
    for (let k = t - period + 1; k < t && isNarrowest; k++) if (high[k] - low[k] < range) isNarrowest = false;
    out[t] = isNarrowest ? 1 : 0;
  }
  return out;
}
