import { assertPeriod } from './validate.js';

/**
 * Rolling z-score: z[t] = (x[t] − mean(x[t−n+1..t])) / σ(x[t−n+1..t]), with the population σ
 * (divisor n, as {@link stdev} with ddof 0): the standard score of the current value within a
 * moving window that includes it. Each window is summed two-pass around its mean; a window
 * whose values are all equal gives 0 (the value is the mean).
 *
 * Source: the common definition (standard score); same as trading-signals `getZScore` over
 * the window, which throws where σ = 0.
 *
 * @param values input series, e.g. closes or a spread [any unit]
 * @param period window n [bars], integer ≥ 2 (default 20)
 * @returns a new array [standard deviations]; NaN for the first n − 1 bars (warm-up n − 1)
 * @throws RangeError if `period` is not an integer ≥ 2
 */
export function zScore(values: Float64Array, period = 20): Float64Array {
  assertPeriod('zScore', 'period', period, 2);
  const n = values.length;
  const out = new Float64Array(n);
  out.fill(NaN, 0, Math.min(period - 1, n));
  for (let t = period - 1; t < n; t++) {
    const first = values[t - period + 1];
    let sum = 0;
    let isFlat = true;
    for (let k = t - period + 1; k <= t; k++) {
      sum += values[k];
      if (values[k] !== first) isFlat = false;
    }
    if (isFlat) {
      out[t] = 0;
      continue;
    }
    const mean = sum / period;
    let squares = 0;
    for (let k = t - period + 1; k <= t; k++) {
      const d = values[k] - mean;
      squares += d * d;
    }
    out[t] = (values[t] - mean) / Math.sqrt(squares / period);
  }
  return out;
}
