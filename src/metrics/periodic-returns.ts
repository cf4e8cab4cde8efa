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
 * The daily answer is remembered per `time` array (bar times never change once loaded), so an
 * optimization's thousands of runs over the same bars count the weekend bars once.
 */
export function annualisationFactor(time: Float64Array, grouping: PeriodGrouping): number {
  if (grouping === 'week') return 52;
  if (grouping === 'month') return 12;
  if (grouping === 'year') return 1;
  const cached = dailyFactors.get(time);
  if (cached !== undefined) return cached;
  let weekendBars = 0;
  for (let i = 0; i < time.length; i++) {
    const weekday = dayOfWeek(Math.floor(time[i] / DAY_MS));
    if (weekday >= 5) weekendBars++;
  }
  // Same expression and evaluation order as backtesting.py: mean > 2 / 7 * .6
  const factor = weekendBars / time.length > (2 / 7) * 0.6 ? 365 : 252;
  dailyFactors.set(time, factor);
  return factor;
}

const dailyFactors = new WeakMap<Float64Array, number>();

/** Per `time` array and grouping: the index of the last bar of each calendar period. */
const periodEndCache = new WeakMap<Float64Array, Partial<Record<PeriodGrouping, Int32Array>>>();

/**
 * Indices of the last bar of each calendar period of `grouping` that holds a bar, ascending
 * (the last is `time.length − 1`; empty for no bars). Remembered per `time` array.
 */
export function periodEnds(time: Float64Array, grouping: PeriodGrouping): Int32Array {
  let byGrouping = periodEndCache.get(time);
  const cached = byGrouping?.[grouping];
  if (cached !== undefined) return cached;
  const periodKey = PERIOD_KEYS[grouping];
  const n = time.length;
  const ends: number[] = [];
  if (n > 0) {
    let currentKey = periodKey(time[0]);
    for (let i = 1; i < n; i++) {
      const key = periodKey(time[i]);
      if (key !== currentKey) {
        ends.push(i - 1);
        currentKey = key;
      }
    }
    ends.push(n - 1);
  }
  const result = Int32Array.from(ends);
  if (byGrouping === undefined) {
    byGrouping = {};
    periodEndCache.set(time, byGrouping);
  }
  byGrouping[grouping] = result;
  return result;
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
 * periods' last equities. `time` must be ascending (bars of one period are contiguous); the
 * period boundaries are found once per `time` array ({@link periodEnds}).
 */
export function summarisePeriodicReturns(
  time: Float64Array,
  equity: Float64Array,
  grouping: PeriodGrouping,
): PeriodicReturnSummary {
  let count = 0;
  let logGrowthSum = 0;
  let hasNonPositiveGrowth = false;
  let mean = 0;
  let squaredDeviations = 0; // Welford's M2
  let downsideSquares = 0;
  const ends = periodEnds(time, grouping);
  if (ends.length > 0) {
    let previousPeriodEquity = equity[ends[0]];
    for (let k = 1; k < ends.length; k++) {
      const periodEquity = equity[ends[k]];
      const periodReturn = periodEquity / previousPeriodEquity - 1;
      count++;
      const growth = periodReturn + 1;
      // ln(1) is exactly 0: a period without a position skips the logarithm.
      if (growth > 0) {
        if (growth !== 1) logGrowthSum += Math.log(growth);
      } else hasNonPositiveGrowth = true;
      const delta = periodReturn - mean;
      mean += delta / count;
      squaredDeviations += delta * (periodReturn - mean);
      if (periodReturn < 0) downsideSquares += periodReturn * periodReturn;
      previousPeriodEquity = periodEquity;
    }
  }

  return periodicSummary(count, logGrowthSum, hasNonPositiveGrowth, squaredDeviations, downsideSquares);
}

/** The summary object of {@link summarisePeriodicReturns}. */
function periodicSummary(count: number, logGrowthSum: number, hasNonPositiveGrowth: boolean, squaredDeviations: number, downsideSquares: number): PeriodicReturnSummary {
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

// One call on two bars when the module loads, so that the code after the loop above has type
// feedback before V8 first compiles the loop on-stack (OSR) in a long call: otherwise Node 20's
// V8 reuses that OSR code, compiled without feedback for the tail, and deoptimizes on every
// later call (seen with --trace-deopt: one deoptimization per run of an optimization).
summarisePeriodicReturns(Float64Array.of(0, DAY_MS), Float64Array.of(1, 1), 'day');
