import { assertPeriod } from './validate.js';

/**
 * Rate of change in percent: ROC[t] = 100 × ((x[t] − x[t−n]) / x[t−n]).
 *
 * Source: CONVENTIONS §12 `roc10` (backtrader `RateOfChange100`; TA-Lib `ROC`;
 * technicalindicators `ROC`). trading-signals `ROC` returns the fraction (without × 100).
 * A zero reference value gives ±Infinity or NaN.
 *
 * @param values input series [price]
 * @param period n [bars], integer ≥ 1 (default 10)
 * @returns a new array [percent]; NaN for the first n bars (warm-up n)
 * @throws RangeError if `period` is not an integer ≥ 1
 */
export function roc(values: Float64Array, period = 10): Float64Array {
  assertPeriod('roc', 'period', period);
  const n = values.length;
  const out = new Float64Array(n);
  out.fill(NaN, 0, Math.min(period, n));
  for (let t = period; t < n; t++) {
    const reference = values[t - period];
    out[t] = 100 * ((values[t] - reference) / reference);
  }
  return out;
}
