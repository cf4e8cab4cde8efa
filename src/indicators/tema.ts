import { smoothInto } from './kernels.js';
import { assertPeriod } from './validate.js';

/**
 * Triple exponential moving average (Mulloy, TASC 1994): TEMA = 3 × E1 − 3 × E2 + E3, with
 * E1 = EMA(n) of x, E2 = EMA(n) of E1, E3 = EMA(n) of E2, each seeded with the simple mean of
 * its first n defined inputs (α = 2/(n+1)).
 *
 * Source: TA-Lib `TEMA` (lookback 3(n − 1)).
 *
 * @param values input series [price]
 * @param period n [bars], integer ≥ 1
 * @returns a new array in the input's units; NaN for the first 3(n − 1) bars (warm-up 3n − 3)
 * @throws RangeError if `period` is not an integer ≥ 1
 */
export function tema(values: Float64Array, period: number): Float64Array {
  assertPeriod('tema', 'period', period);
  const alpha = 2 / (period + 1);
  const out = new Float64Array(values.length);
  const e2 = new Float64Array(values.length);
  const e3 = new Float64Array(values.length);
  smoothInto(values, 0, period, alpha, out);
  smoothInto(out, period - 1, period, alpha, e2);
  smoothInto(e2, 2 * (period - 1), period, alpha, e3);
  for (let t = 0; t < out.length; t++) out[t] = 3 * out[t] - 3 * e2[t] + e3[t];
  return out;
}
