import { assertPeriod } from './validate.js';

/**
 * Relative strength index, Wilder (J. Welles Wilder, "New Concepts in Technical Trading
 * Systems", 1978), exactly as CONVENTIONS §9:
 *
 * ```
 * up[t] = max(x[t] − x[t−1], 0),  dn[t] = max(x[t−1] − x[t], 0)          t ≥ 1
 * avgUp[n] = mean(up[1..n]);  avgUp[t] = avgUp[t−1] × (1 − 1/n) + up[t] × (1/n)   (same for avgDn)
 * RSI[t] = 100 − 100 / (1 + avgUp[t] / avgDn[t])                          t ≥ n
 * ```
 *
 * When avgDn = 0 the RSI is 100 (avgUp > 0) or 50 (no movement at all: neutral, where TA-Lib
 * gives 0 and backtrader divides by zero). Matches TA-Lib `RSI` and trading-signals `RSI`.
 *
 * @param values input series, e.g. closes [price]
 * @param period n [bars], integer ≥ 1 (default 14)
 * @returns a new array of RSI values in [0, 100] [index points]; NaN for the first n bars
 *   (warm-up n)
 * @throws RangeError if `period` is not an integer ≥ 1
 */
export function rsi(values: Float64Array, period = 14): Float64Array {
  assertPeriod('rsi', 'period', period);
  const n = values.length;
  const out = new Float64Array(n);
  out.fill(NaN, 0, Math.min(period, n));
  if (n <= period) return out;
  const alpha = 1 / period;
  const alpha1 = 1 - alpha;
  let sumUp = 0;
  let sumDn = 0;
  for (let t = 1; t <= period; t++) {
    const change = values[t] - values[t - 1];
    if (change > 0) sumUp += change;
    else sumDn -= change;
  }
  let avgUp = sumUp / period;
  let avgDn = sumDn / period;
  out[period] = rsiValue(avgUp, avgDn);
  for (let t = period + 1; t < n; t++) {
    const change = values[t] - values[t - 1];
    const up = change > 0 ? change : 0;
    const dn = change < 0 ? -change : 0;
    avgUp = avgUp * alpha1 + up * alpha;
    avgDn = avgDn * alpha1 + dn * alpha;
    out[t] = rsiValue(avgUp, avgDn);
  }
  return out;
}

function rsiValue(avgUp: number, avgDn: number): number {
  if (avgDn === 0) return avgUp === 0 ? 50 : 100;
  return 100 - 100 / (1 + avgUp / avgDn);
}
