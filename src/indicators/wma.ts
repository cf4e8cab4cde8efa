import { wmaInto } from './kernels.js';
import { assertPeriod } from './validate.js';

/**
 * Linearly weighted moving average:
 * WMA(n)[t] = (2 / (n × (n + 1))) × Σ_{m=1..n} m × x[t−n+m] — weight n on the current bar,
 * 1 on the oldest.
 *
 * Source: CONVENTIONS §12 `wma20` (backtrader `WeightedMovingAverage`, TA-Lib `WMA`).
 * Computed in O(1) per bar with a running update that is recomputed exactly every n bars.
 *
 * @param values input series [price]
 * @param period n [bars], integer ≥ 1
 * @returns a new array in the input's units; NaN for the first n − 1 bars (warm-up n − 1)
 * @throws RangeError if `period` is not an integer ≥ 1
 */
export function wma(values: Float64Array, period: number): Float64Array {
  assertPeriod('wma', 'period', period);
  const out = new Float64Array(values.length);
  wmaInto(values, 0, period, out);
  return out;
}
