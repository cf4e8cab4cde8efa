import { meanInto } from './kernels.js';
import { assertPeriod } from './validate.js';

/**
 * Simple moving average: SMA(n)[t] = (x[t−n+1] + … + x[t]) / n.
 *
 * Source: CONVENTIONS §9 (backtrader `SimpleMovingAverage`, TA-Lib `SMA`). The window sum is
 * a compensated running sum, within an ulp or two of the exactly rounded sum on any length
 * (backtrader sums each window with `math.fsum`).
 *
 * @param values input series, e.g. closes [price]
 * @param period window length n [bars], integer ≥ 1
 * @returns a new array of the input's length, in the input's units; NaN for the first n − 1
 *   bars (warm-up n − 1)
 * @throws RangeError if `period` is not an integer ≥ 1
 */
export function sma(values: Float64Array, period: number): Float64Array {
  assertPeriod('sma', 'period', period);
  const out = new Float64Array(values.length);
  meanInto(values, 0, period, out);
  return out;
}
