import { smoothInto } from './kernels.js';
import { trueRange } from './true-range.js';
import { assertPeriod, assertSameLength } from './validate.js';

/**
 * Average true range (Wilder, 1978): ATR = S_n(TR), Wilder's smoothing of the true range,
 * seeded at bar n with the mean of TR[1..n], then ATR[t] = ATR[t−1] × (1 − 1/n) + TR[t] × (1/n).
 *
 * Source: CONVENTIONS §12 `atr14` (backtrader `AverageTrueRange`). TA-Lib `ATR` (unstable
 * period 0) and technicalindicators `ATR` define it the same way; trading-signals `ATR` seeds
 * with TR[0] = H[0] − L[0] and converges after a few hundred bars.
 *
 * @param high highs [price]
 * @param low lows [price]
 * @param close closes [price]
 * @param period n [bars], integer ≥ 1 (default 14)
 * @returns a new array [price]; NaN for the first n bars (warm-up n)
 * @throws RangeError if `period` is not an integer ≥ 1 or the columns differ in length
 */
export function atr(high: Float64Array, low: Float64Array, close: Float64Array, period = 14): Float64Array {
  assertPeriod('atr', 'period', period);
  assertSameLength('atr', ['high', 'low', 'close'], [high, low, close]);
  const out = trueRange(high, low, close);
  smoothInto(out, 1, period, 1 / period, out);
  return out;
}
