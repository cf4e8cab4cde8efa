/**
 * Periodic returns of the equity curve and the annualisation factor A, as in backtesting.py
 * 0.6.6 `compute_stats`: `equity.resample(freq).last().dropna().pct_change()` with
 * freq = 'W' (weeks ending Sunday), 'ME', 'YE' or 'D' chosen from the bar period.
 */

import { DAY_MS } from './bar-period.js';

/** Calendar period the equity curve is sampled at (UTC calendar). */
export type PeriodGrouping = 'day' | 'week' | 'month' | 'year';

/**
 * Grouping for bar period P [ms]: with d = whole days of P, weeks if d = 7, months if d = 31,
 * years if d = 365, calendar days otherwise (so intraday data gives one return per day).
 */
export function periodGrouping(periodMs: number): PeriodGrouping {
  const days = Math.floor(periodMs / DAY_MS);
  if (days === 7) return 'week';
  if (days === 31) return 'month';
  if (days === 365) return 'year';
  return 'day';
}

/**
 * Periods per year A: 52 for weeks, 12 for months, 1 for years; for days 365 when more than
 * 2/7 × 0.6 of all bars fall on a Saturday or Sunday (markets that trade every day), else 252.
 */
export function annualisationFactor(time: Float64Array, grouping: PeriodGrouping): number {
  if (grouping === 'week') return 52;
  if (grouping === 'month') return 12;
  if (grouping === 'year') return 1;
  let weekendBars = 0;
  for (let i = 0; i < time.length; i++) {
    const weekday = dayOfWeek(Math.floor(time[i] / DAY_MS));
    if (weekday >= 5) weekendBars++;
  }
  // Same expression and evaluation order as backtesting.py: mean > 2 / 7 * .6
  return weekendBars / time.length > (2 / 7) * 0.6 ? 365 : 252;
}

/**
 * Summary of the periodic returns r_k = E_k / E_{k−1} − 1, where E_k is the equity at the last
 * bar of the k-th calendar period that holds a bar. Computed in one pass without storing them.
 */
export interface PeriodicReturnSummary {
  /** Number of periodic returns (periods with a bar, minus one). */
  readonly count: number;
  /** Σ ln(1 + r_k) over the returns with 1 + r_k > 0. */
  readonly logGrowthSum: number;
  /** True when some 1 + r_k ≤ 0 (backtesting.py then sets the geometric mean to 0). */
  readonly hasNonPositiveGrowth: boolean;
  /** Sample variance of r_k (divisor count − 1); NaN when count < 2. */
  readonly variance: number;
  /** Mean of min(r_k, 0)² over all returns; NaN when count = 0. */
  readonly downsideMeanSquare: number;
}

/**
 * Groups the equity curve into UTC calendar periods and summarises the returns between the
 * periods' last equities. `time` must be ascending (bars of one period are contiguous).
 */
export function summarisePeriodicReturns(
  time: Float64Array,
  equity: Float64Array,
  grouping: PeriodGrouping,
): PeriodicReturnSummary {
  const periodKey = PERIOD_KEYS[grouping];
  let count = 0;
  let logGrowthSum = 0;
  let hasNonPositiveGrowth = false;
  let mean = 0;
  let squaredDeviations = 0; // Welford's M2
  let downsideSquares = 0;
  let previousPeriodEquity = 0;
  let hasPreviousPeriod = false;

  const closePeriod = (periodEquity: number): void => {
    if (hasPreviousPeriod) {
      const periodReturn = periodEquity / previousPeriodEquity - 1;
      count++;
      const growth = periodReturn + 1;
      if (growth > 0) logGrowthSum += Math.log(growth);
      else hasNonPositiveGrowth = true;
      const delta = periodReturn - mean;
      mean += delta / count;
      squaredDeviations += delta * (periodReturn - mean);
      if (periodReturn < 0) downsideSquares += periodReturn * periodReturn;
    }
    previousPeriodEquity = periodEquity;
    hasPreviousPeriod = true;
  };

  const n = time.length;
  if (n > 0) {
    let currentKey = periodKey(time[0]);
    for (let i = 1; i < n; i++) {
      const key = periodKey(time[i]);
      if (key !== currentKey) {
        closePeriod(equity[i - 1]);
        currentKey = key;
      }
    }
    closePeriod(equity[n - 1]);
  }

  return {
    count,
    logGrowthSum,
    hasNonPositiveGrowth,
    variance: count >= 2 ? squaredDeviations / (count - 1) : Number.NaN,
    downsideMeanSquare: count >= 1 ? downsideSquares / count : Number.NaN,
  };
}

/** Day of week of a UTC day number (days since 1970-01-01, a Thursday): Monday 0 … Sunday 6. */
function dayOfWeek(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** A number identifying the calendar period that holds time `ms`. */
type PeriodKey = (ms: number) => number;

const PERIOD_KEYS: Readonly<Record<PeriodGrouping, PeriodKey>> = {
  day: (ms) => Math.floor(ms / DAY_MS),
  // pandas 'W' = 'W-SUN': a week ends on Sunday, so key each day by its Sunday.
  week: (ms) => {
    const day = Math.floor(ms / DAY_MS);
    return day + 6 - dayOfWeek(day);
  },
  month: (ms) => monthNumber(Math.floor(ms / DAY_MS)),
  year: (ms) => Math.floor(monthNumber(Math.floor(ms / DAY_MS)) / 12),
};

/**
 * year × 12 + (month − 1) of a UTC day number in the proleptic Gregorian calendar, without a
 * Date object. Source: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms",
 * `civil_from_days` (http://howardhinnant.github.io/date_algorithms.html).
 */
function monthNumber(days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // March = 0
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}
