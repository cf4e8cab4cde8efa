import { assertPeriod } from './validate.js';

/**
 * Momentum: MOM[t] = x[t] − x[t−n].
 *
 * Source: TA-Lib `MOM`, backtrader `Momentum`, trading-signals `MOM`.
 *
 * @param values input series [price]
 * @param period n [bars], integer ≥ 1 (default 10)
 * @returns a new array in the input's units; NaN for the first n bars (warm-up n)
 * @throws RangeError if `period` is not an integer ≥ 1
 */
export function momentum(values: Float64Array, period = 10): Float64Array {
  assertPeriod('momentum', 'period', period);
  const n = values.length;
  const out = new Float64Array(n);
  out.fill(NaN, 0, Math.min(period, n));
  for (let t = period; t < n; t++) out[t] = values[t] - values[t - period];
  return out;
}
