import { slidingExtremeInto } from './kernels.js';
import { assertPeriod, assertSameLength } from './validate.js';

/**
 * Williams %R (Larry Williams, 1973): %R = −100 × (HH_n − C) / (HH_n − LL_n), HH/LL the
 * highest high and lowest low of bars t−n+1..t (current bar included).
 *
 * Source: CONVENTIONS §12 `willr14` (backtrader `WilliamsR`, TA-Lib `WILLR`). A window with
 * HH = LL gives −100 (trading-signals' choice; it keeps %R = fast %K − 100).
 *
 * @param high highs [price]
 * @param low lows [price]
 * @param close closes [price]
 * @param period n [bars], integer ≥ 1 (default 14)
 * @returns a new array in [−100, 0] [percent]; NaN for the first n − 1 bars (warm-up n − 1)
 * @throws RangeError if `period` is not an integer ≥ 1 or the columns differ in length
 */
export function williamsR(high: Float64Array, low: Float64Array, close: Float64Array, period = 14): Float64Array {
  assertPeriod('williamsR', 'period', period);
  const n = assertSameLength('williamsR', ['high', 'low', 'close'], [high, low, close]);
  const out = new Float64Array(n);
  const lowest = new Float64Array(n);
  slidingExtremeInto(high, period, true, out, null);
  slidingExtremeInto(low, period, false, lowest, null);
  for (let t = period - 1; t < n; t++) {
    const highest = out[t];
    const range = highest - lowest[t];
    out[t] = range > 0 ? (-100 * (highest - close[t])) / range : -100;
  }
  return out;
}
