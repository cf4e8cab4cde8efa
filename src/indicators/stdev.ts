import { meanInto, varianceInto } from './kernels.js';
import { assertPeriod } from './validate.js';

/**
 * Rolling standard deviation of x[t−n+1..t]:
 * σ[t] = sqrt( Σ (x[k] − mean[t])² / (n − ddof) ).
 * ddof = 0 gives the population σ (divisor n; Bollinger's, backtrader `StandardDeviation`,
 * TA-Lib `STDDEV`), ddof = 1 the sample σ (divisor n − 1; pandas `rolling().std()`).
 *
 * The sum of squares is updated in O(1) per bar and recomputed two-pass every n bars, so it
 * avoids the cancellation of mean(x²) − mean(x)² (backtrader's form, which differs from a
 * two-pass σ by up to 1.2e-13 relative on the S&P 500 file).
 *
 * @param values input series [price]
 * @param period n [bars], integer ≥ 1 + ddof
 * @param ddof delta degrees of freedom: 0 (population, default) or 1 (sample)
 * @returns a new array in the input's units; NaN for the first n − 1 bars (warm-up n − 1)
 * @throws RangeError if `ddof` is not 0 or 1, or `period` is not an integer ≥ 1 + ddof
 */
export function stdev(values: Float64Array, period: number, ddof: 0 | 1 = 0): Float64Array {
  if (ddof !== 0 && ddof !== 1) {
    throw new RangeError(`stdev: ddof must be 0 (population) or 1 (sample), got "${String(ddof)}"`);
  }
  assertPeriod('stdev', 'period', period, 1 + ddof);
  const out = new Float64Array(values.length);
  meanInto(values, 0, period, out);
  varianceInto(values, period, out, period - ddof, out);
  for (let t = period - 1; t < out.length; t++) out[t] = Math.sqrt(out[t]);
  return out;
}
