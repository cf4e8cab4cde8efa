/**
 * The bar period P and the rounding of reported durations, as backtesting.py 0.6.6 does it
 * (`backtesting/_util.py` `_data_period` and `_stats.py` `_round_timedelta`).
 */

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const SECOND_MS = 1_000;

/**
 * Bar period P [ms]: the median of the differences T[i] − T[i−1] over the last 100 bars (up
 * to 99 differences; an even count takes the mean of the middle two). NaN with fewer than two
 * bars. Source: backtesting.py `_data_period` = `Series(index[-100:]).diff().dropna().median()`.
 */
export function barPeriodMs(time: Float64Array): number {
  const n = time.length;
  if (n < 2) return Number.NaN;
  const start = Math.max(1, n - 99);
  const differences = new Float64Array(n - start);
  for (let i = start; i < n; i++) differences[i - start] = time[i] - time[i - 1];
  differences.sort();
  const middle = differences.length >> 1;
  return differences.length % 2 === 1
    ? differences[middle]
    : (differences[middle - 1] + differences[middle]) / 2;
}

/**
 * The unit durations are rounded up to [ms]: P's smallest non-zero component, as pandas'
 * `Timedelta.resolution_string` picks it (days for daily data, hours for hourly, minutes for
 * 5-minute data, not 5 minutes). A period of 0 rounds to days, like pandas. Sub-millisecond
 * units, and an undefined P (fewer than two bars), give 1 ms: no rounding of ms durations.
 */
export function durationUnitMs(periodMs: number): number {
  if (!Number.isFinite(periodMs) || !Number.isInteger(periodMs)) return 1;
  if (periodMs % SECOND_MS !== 0) return 1;
  if (periodMs % MINUTE_MS !== 0) return SECOND_MS;
  if (periodMs % HOUR_MS !== 0) return MINUTE_MS;
  if (periodMs % DAY_MS !== 0) return HOUR_MS;
  return DAY_MS;
}

/**
 * Rounds a duration [ms] up to a whole multiple of `unitMs` (pandas `Timedelta.ceil`).
 */
export function ceilDuration(durationMs: number, unitMs: number): number {
  return ceilQuotient(durationMs, unitMs) * unitMs;
}

/**
 * Rounds the mean `sumMs / count` up to a whole multiple of `unitMs`, exactly: the quotient
 * is never rounded to a whole number by floating point first, so a mean a few milliseconds
 * above a whole day still becomes the next day, as in pandas (whose mean is in nanoseconds).
 * Exact while `sumMs` is a whole number below 2^53.
 */
export function ceilMeanDuration(sumMs: number, count: number, unitMs: number): number {
  return ceilQuotient(sumMs, count * unitMs) * unitMs;
}

/** ceil(numerator / denominator) for whole numbers, corrected for rounding of the division. */
function ceilQuotient(numerator: number, denominator: number): number {
  let quotient = Math.floor(numerator / denominator);
  while (quotient * denominator > numerator) quotient--;
  while ((quotient + 1) * denominator <= numerator) quotient++;
  return quotient * denominator === numerator ? quotient : quotient + 1;
}
