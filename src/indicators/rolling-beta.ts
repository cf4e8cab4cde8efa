import { assertPeriod, assertSameLength } from './validate.js';

/**
 * Rolling ordinary-least-squares slope of `y` on `x` over the last n bars (current bar
 * included), the hedge ratio of a pair:
 *
 * ```
 * β[t] = Σ (x[k] − x̄)(y[k] − ȳ) / Σ (x[k] − x̄)²      k = t−n+1..t
 * ```
 *
 * (the least-squares slope of the model y = α + β·x + ε; e.g. G. Vidyamurthy, "Pairs Trading:
 * Quantitative Methods and Analysis", Wiley 2004, ch. 5). Each window is summed two-pass
 * around its means. A window where x does not vary gives β = 0 (no fitted slope).
 *
 * @param y dependent series, e.g. closes of the first leg [price]
 * @param x regressor, e.g. closes of the second leg [price]
 * @param period window n [bars], integer ≥ 2 (default 60)
 * @returns a new array [units of y per unit of x]; NaN for the first n − 1 bars (warm-up n − 1)
 * @throws RangeError if `period` is not an integer ≥ 2 or the columns differ in length
 */
export function rollingBeta(y: Float64Array, x: Float64Array, period = 60): Float64Array {
  assertPeriod('rollingBeta', 'period', period, 2);
  const n = assertSameLength('rollingBeta', ['y', 'x'], [y, x]);
  const out = new Float64Array(n);
  out.fill(NaN, 0, Math.min(period - 1, n));
  for (let t = period - 1; t < n; t++) {
    let meanX = 0;
    let meanY = 0;
    for (let k = t - period + 1; k <= t; k++) {
      meanX += x[k];
      meanY += y[k];
    }
    meanX /= period;
    meanY /= period;
    let sxy = 0;
    let sxx = 0;
    for (let k = t - period + 1; k <= t; k++) {
      const dx = x[k] - meanX;
      sxy += dx * (y[k] - meanY);
      sxx += dx * dx;
    }
    out[t] = sxx > 0 ? sxy / sxx : 0;
  }
  return out;
}
