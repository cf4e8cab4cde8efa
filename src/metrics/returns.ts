/**
 * Return metrics: total, buy & hold, annualised, volatility and CAGR, as in backtesting.py
 * 0.6.6 `_stats.py` `compute_stats` (CONVENTIONS.md §11). All results are fractions.
 */

import { DAY_MS } from './bar-period.js';
import type { PeriodGrouping, PeriodicReturnSummary } from './periodic-returns.js';
import { unavailable, type MetricValue } from './types.js';

/** Total return (E[N−1] − E[0]) / E[0] [fraction]. */
export function totalReturn(equity: Float64Array): MetricValue {
  const first = equity[0];
  if (first === 0) return unavailable('the initial equity is zero');
  return (equity[equity.length - 1] - first) / first;
}

/**
 * Buy & hold return (C[N−1] − C[W]) / C[W] [fraction], W = i0 − 1 (backtesting.py's
 * `_indicator_warmup_nbars`): bought at the close of the bar before the first decision.
 */
export function buyHoldReturn(close: Float64Array, firstDecisionBar: number): MetricValue {
  const startBar = Math.max(0, firstDecisionBar - 1);
  if (startBar >= close.length) return unavailable('the first decision bar is after the last bar');
  const start = close[startBar];
  if (start === 0) return unavailable('the close at the buy-and-hold start is zero');
  return (close[close.length - 1] - start) / start;
}

/**
 * Geometric mean g of the periodic returns: exp(Σ ln(1 + r_k) / count) − 1; 0 when some
 * 1 + r_k ≤ 0; NaN without any periodic return. Source: backtesting.py `geometric_mean`.
 */
export function geometricMeanReturn(summary: PeriodicReturnSummary): number {
  if (summary.count === 0) return Number.NaN;
  if (summary.hasNonPositiveGrowth) return 0;
  return Math.exp(summary.logGrowthSum / summary.count) - 1;
}

/** Reason used by every metric that needs at least one periodic return. */
export function noPeriodicReturnReason(grouping: PeriodGrouping): string {
  return `all bars fall in one calendar ${grouping}, so there is no periodic return`;
}

/** Annualised return (1 + g)^A − 1 [fraction]. */
export function annualReturn(
  summary: PeriodicReturnSummary,
  geometricMean: number,
  periodsPerYear: number,
  grouping: PeriodGrouping,
): MetricValue {
  if (summary.count === 0) return unavailable(noPeriodicReturnReason(grouping));
  return (1 + geometricMean) ** periodsPerYear - 1;
}

/**
 * Annualised volatility sqrt((s² + (1 + g)²)^A − (1 + g)^(2A)) [fraction], s² the sample
 * variance of the periodic returns: the standard deviation of a compounded A-period return.
 * Source: backtesting.py 0.6.6, after https://dx.doi.org/10.2139/ssrn.3054517.
 */
export function annualVolatility(
  summary: PeriodicReturnSummary,
  geometricMean: number,
  periodsPerYear: number,
  grouping: PeriodGrouping,
): MetricValue {
  if (summary.count === 0) return unavailable(noPeriodicReturnReason(grouping));
  if (summary.count === 1) return unavailable('there is only one periodic return, so its variance is undefined');
  const growth = 1 + geometricMean;
  const radicand = (summary.variance + growth ** 2) ** periodsPerYear - growth ** (2 * periodsPerYear);
  // Only rounding can make it negative (s² ≈ 0); backtesting.py would print NaN.
  if (radicand < 0) return unavailable('the variance of the periodic returns is too small to annualise');
  return Math.sqrt(radicand);
}

/**
 * Compound annual growth rate (E[N−1] / E[0])^(1/Y) − 1 [fraction], Y = (whole days of the
 * duration T[N−1] − T[0] + its remaining whole seconds / 86400) / 365.25 (milliseconds are
 * dropped, as pandas `Timedelta.days` and `.seconds` do).
 */
export function cagr(time: Float64Array, equity: Float64Array): MetricValue {
  const durationMs = time[time.length - 1] - time[0];
  const days = Math.floor(durationMs / DAY_MS);
  const seconds = Math.floor((durationMs - days * DAY_MS) / 1000);
  const years = (days + seconds / 86_400) / 365.25;
  if (years === 0) return unavailable('the series spans less than one second');
  const first = equity[0];
  if (first === 0) return unavailable('the initial equity is zero');
  const growth = equity[equity.length - 1] / first;
  if (growth < 0) return unavailable('the final equity has the opposite sign of the initial equity');
  return growth ** (1 / years) - 1;
}
