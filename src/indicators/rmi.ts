import { assertPeriod } from './validate.js';

/**
 * Relative Momentum Index (Roger Altman, "Relative Momentum Index: Modifying RSI", Technical
 * Analysis of Stocks & Commodities, February 1993): Wilder's RSI computed on the change over
 * `momentum` bars instead of one bar.
 *
 * ```
 * up[t] = max(x[t] − x[t−m], 0),  dn[t] = max(x[t−m] − x[t], 0)              t ≥ m
 * avgUp = mean of the first n ups, then avgUp[t] = avgUp[t−1] × (1 − 1/n) + up[t] / n  (dn alike)
 * RMI[t] = 100 − 100 / (1 + avgUp[t] / avgDn[t])                             t ≥ m + n − 1
 * ```
 *
 * With m = 1 it is the RSI ({@link rsi}). When avgDn = 0 the RMI is 100 (avgUp > 0) or 50 (no
 * movement), the RSI's rule; trading-signals `RMI`, otherwise identical, gives 100 for both.
 *
 * @param values input series, e.g. closes [price]
 * @param period smoothing length n [bars], integer ≥ 1 (default 14)
 * @param momentum look-back m of the change [bars], integer ≥ 1 (default 5)
 * @returns a new array in [0, 100] [index points]; NaN for the first m + n − 1 bars (warm-up)
 * @throws RangeError if `period` or `momentum` is not an integer ≥ 1
 */
export function rmi(values: Float64Array, period = 14, momentum = 5): Float64Array {
  assertPeriod('rmi', 'period', period);
  assertPeriod('rmi', 'momentum', momentum);
  const n = values.length;
  const out = new Float64Array(n);
  const warmup = momentum + period - 1;
  out.fill(NaN, 0, Math.min(warmup, n));
  if (n <= warmup) return out;
  const alpha = 1 / period;
  const alpha1 = 1 - alpha;
  let sumUp = 0;
  let sumDn = 0;
  for (let t = momentum; t <= warmup; t++) {
    const change = values[t] - values[t - momentum];
    if (change > 0) sumUp += change;
    else sumDn -= change;
  }
  let avgUp = sumUp / period;
  let avgDn = sumDn / period;
  out[warmup] = rmiValue(avgUp, avgDn);
  for (let t = warmup + 1; t < n; t++) {
    const change = values[t] - values[t - momentum];
    avgUp = avgUp * alpha1 + (change > 0 ? change : 0) * alpha;
    avgDn = avgDn * alpha1 + (change < 0 ? -change : 0) * alpha;
    out[t] = rmiValue(avgUp, avgDn);
  }
  return out;
}

function rmiValue(avgUp: number, avgDn: number): number {
  if (avgDn === 0) return avgUp === 0 ? 50 : 100;
  return 100 - 100 / (1 + avgUp / avgDn);
}
