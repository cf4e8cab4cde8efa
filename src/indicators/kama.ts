import { assertPeriod } from './validate.js';

/**
 * Kaufman's adaptive moving average (Perry Kaufman, "Smarter Trading", 1995):
 *
 * ```
 * ER[t]   = |x[t] − x[t−n]| / Σ_{i=t−n+1..t} |x[i] − x[i−1]|     efficiency ratio, 1 if the sum is 0
 * SC[t]   = (ER[t] × (2/(fast+1) − 2/(slow+1)) + 2/(slow+1))²      smoothing constant
 * KAMA[t] = KAMA[t−1] + SC[t] × (x[t] − KAMA[t−1]),  KAMA[n−1] = x[n−1]
 * ```
 *
 * Source: TA-Lib `KAMA` (fast 2, slow 30 fixed there; the seed x[n−1] is not output, the first
 * value is at bar n). trading-signals `KAMA` also outputs the seed x[n−1] and is otherwise
 * identical.
 *
 * @param values input series [price]
 * @param period n, efficiency-ratio window [bars], integer ≥ 1
 * @param fastPeriod fastest EMA length [bars], integer ≥ 1 (default 2)
 * @param slowPeriod slowest EMA length [bars], integer ≥ 1 (default 30)
 * @returns a new array in the input's units; NaN for the first n bars (warm-up n)
 * @throws RangeError if a period is not an integer ≥ 1
 */
export function kama(values: Float64Array, period = 10, fastPeriod = 2, slowPeriod = 30): Float64Array {
  assertPeriod('kama', 'period', period);
  assertPeriod('kama', 'fastPeriod', fastPeriod);
  assertPeriod('kama', 'slowPeriod', slowPeriod);
  const n = values.length;
  const out = new Float64Array(n);
  out.fill(NaN, 0, Math.min(period, n));
  if (n <= period) return out;
  const fast = 2 / (fastPeriod + 1);
  const slow = 2 / (slowPeriod + 1);
  // Σ|Δx| over the window, recomputed every `period` bars so rounding cannot accumulate.
  let volatility = 0;
  let prev = values[period - 1];
  for (let t = period; t < n; t++) {
    if ((t - period) % period === 0) {
      volatility = 0;
      for (let i = t - period + 1; i <= t; i++) volatility += Math.abs(values[i] - values[i - 1]);
    } else {
      volatility += Math.abs(values[t] - values[t - 1]) - Math.abs(values[t - period] - values[t - period - 1]);
    }
    const change = Math.abs(values[t] - values[t - period]);
    // TA-Lib's guard: a window with no movement (or rounding pushing Σ below |change|) is efficient.
    const efficiency = volatility > change ? change / volatility : 1;
    const sc = (efficiency * (fast - slow) + slow) ** 2;
    prev = (values[t] - prev) * sc + prev;
    out[t] = prev;
  }
  return out;
}

/**
 * Kaufman's adaptive moving average as backtrader computes it (`bt.indicators.KAMA`,
 * `AdaptiveMovingAverage`: `ExponentialSmoothingDynamic` over the smoothing constant above):
 * the same efficiency ratio and smoothing constant, but seeded with the simple average of the
 * n values ending at the first bar that has an efficiency ratio,
 *
 * ```
 * KAMA[n] = (x[1] + … + x[n]) / n,   KAMA[t] = KAMA[t−1] + SC[t] × (x[t] − KAMA[t−1]) for t > n
 * ```
 *
 * where {@link kama} (TA-Lib) seeds with the previous value x[n−1] and applies SC[n] at bar n.
 * Both converge as the seed's weight decays. Same arguments, warm-up (n) and errors as {@link kama}.
 */
export function kamaBacktrader(values: Float64Array, period = 30, fastPeriod = 2, slowPeriod = 30): Float64Array {
  assertPeriod('kamaBacktrader', 'period', period);
  assertPeriod('kamaBacktrader', 'fastPeriod', fastPeriod);
  assertPeriod('kamaBacktrader', 'slowPeriod', slowPeriod);
  const n = values.length;
  const out = new Float64Array(n);
  out.fill(NaN, 0, Math.min(period, n));
  if (n <= period) return out;
  const fast = 2 / (fastPeriod + 1);
  const slow = 2 / (slowPeriod + 1);
  let seed = 0;
  for (let i = 1; i <= period; i++) seed += values[i];
  let prev = seed / period;
  out[period] = prev;
  let volatility = 0;
  for (let t = period + 1; t < n; t++) {
    if ((t - period - 1) % period === 0) {
      volatility = 0;
      for (let i = t - period + 1; i <= t; i++) volatility += Math.abs(values[i] - values[i - 1]);
    } else {
      volatility += Math.abs(values[t] - values[t - 1]) - Math.abs(values[t - period] - values[t - period - 1]);
    }
    const change = Math.abs(values[t] - values[t - period]);
    const efficiency = volatility > change ? change / volatility : 1;
    const sc = (efficiency * (fast - slow) + slow) ** 2;
    prev = (values[t] - prev) * sc + prev;
    out[t] = prev;
  }
  return out;
}
