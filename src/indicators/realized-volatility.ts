import { stdev } from './stdev.js';
import { assertFinite, assertPeriod } from './validate.js';

/**
 * Realized (historical close-to-close) volatility, annualized: the sample standard deviation of
 * the last n log returns r[k] = ln(C[k] / C[k−1]), times √(periodsPerYear):
 * σ[t] = sqrt( Σ (r[k] − r̄)² / (n − 1) ) × √P over k = t−n+1..t.
 *
 * Source: John C. Hull, "Options, Futures, and Other Derivatives" (10th ed., 2018), §15.4,
 * "Estimating volatility from historical data" (the n − 1 estimator of the log-return σ,
 * scaled by √(trading days per year)). The test checks it against technicalindicators `SD`
 * (population σ, rescaled by √(n / (n − 1))).
 *
 * @param close closes [price], all > 0
 * @param period n, the number of returns [bars], integer ≥ 2 (default 20)
 * @param periodsPerYear bars per year P, finite > 0 (default 252, daily bars)
 * @returns a new array [fraction per year, e.g. 0.2 = 20 %]; NaN for the first n bars
 *   (warm-up n: the first return is at bar 1)
 * @throws RangeError if `period` is not an integer ≥ 2 or `periodsPerYear` is not finite > 0
 */
export function realizedVolatility(close: Float64Array, period = 20, periodsPerYear = 252): Float64Array {
  assertPeriod('realizedVolatility', 'period', period, 2);
  assertFinite('realizedVolatility', 'periodsPerYear', periodsPerYear, 0);
  const n = close.length;
  const out = new Float64Array(n).fill(NaN);
  if (n < 2) return out;
  const returns = new Float64Array(n - 1);
  for (let t = 1; t < n; t++) returns[t - 1] = Math.log(close[t] / close[t - 1]);
  const sigma = stdev(returns, period, 1);
  const scale = Math.sqrt(periodsPerYear);
  for (let t = period; t < n; t++) out[t] = sigma[t - 1] * scale;
  return out;
}
