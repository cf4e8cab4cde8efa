import { smoothInto } from './kernels.js';
import { assertPeriod } from './validate.js';

/**
 * Double exponential moving average (Mulloy, "Smoothing Data with Faster Moving Averages",
 * TASC 1994): DEMA = 2 × E1 − E2, where E1 = EMA(n) of x and E2 = EMA(n) of E1, each EMA
 * seeded with the simple mean of its first n defined inputs (α = 2/(n+1)).
 *
 * Source: TA-Lib `DEMA` (lookback 2(n − 1)). trading-signals seeds both EMAs with their first
 * input and agrees only after convergence.
 *
 * @param values input series [price]
 * @param period n [bars], integer ≥ 1
 * @returns a new array in the input's units; NaN for the first 2(n − 1) bars (warm-up 2n − 2)
 * @throws RangeError if `period` is not an integer ≥ 1
 */
export function dema(values: Float64Array, period: number): Float64Array {
  assertPeriod('dema', 'period', period);
  const alpha = 2 / (period + 1);
  const out = new Float64Array(values.length);
  const e2 = new Float64Array(values.length);
  smoothInto(values, 0, period, alpha, out);
  smoothInto(out, period - 1, period, alpha, e2);
  for (let t = 0; t < out.length; t++) out[t] = 2 * out[t] - e2[t];
  return out;
}
