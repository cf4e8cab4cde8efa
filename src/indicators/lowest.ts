import { slidingExtremeInto } from './kernels.js';
import { assertPeriod } from './validate.js';

/**
 * Lowest value of x[t−n+1..t] (current bar included); TA-Lib `MIN`, backtrader `Lowest`.
 * Amortised O(1) per bar (monotonic deque).
 *
 * @param values input series [any unit]
 * @param period n [bars], integer ≥ 1
 * @returns a new array in the input's units; NaN for the first n − 1 bars (warm-up n − 1)
 * @throws RangeError if `period` is not an integer ≥ 1
 */
export function lowest(values: Float64Array, period: number): Float64Array {
  assertPeriod('lowest', 'period', period);
  const out = new Float64Array(values.length);
  slidingExtremeInto(values, period, false, out, null);
  return out;
}
