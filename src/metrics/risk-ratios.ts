/**
 * Risk-adjusted return ratios: Sharpe, Sortino and Calmar, as in backtesting.py 0.6.6
 * `_stats.py` `compute_stats`, with a zero risk-free rate. All take the annualised return
 * R = (1 + g)^A − 1 as a fraction.
 */

import type { PeriodicReturnSummary } from './periodic-returns.js';
import { isUnavailable, unavailable, type MetricValue } from './types.js';

/** Sharpe ratio R / annualised volatility [ratio]; undefined when the volatility is 0. */
export function sharpeRatio(annualReturn: MetricValue, annualVolatility: MetricValue): MetricValue {
  if (isUnavailable(annualReturn)) return annualReturn;
  if (isUnavailable(annualVolatility)) return annualVolatility;
  if (annualVolatility === 0) return unavailable('the volatility is zero');
  return annualReturn / annualVolatility;
}

/**
 * Sortino ratio R / (sqrt(mean of min(r_k, 0)²) × sqrt(A)) [ratio], the mean taken over all
 * periodic returns; undefined when no periodic return is negative (backtesting.py: ±inf, or
 * NaN when R = 0).
 */
export function sortinoRatio(
  annualReturn: MetricValue,
  summary: PeriodicReturnSummary,
  periodsPerYear: number,
): MetricValue {
  if (isUnavailable(annualReturn)) return annualReturn;
  const downsideDeviation = Math.sqrt(summary.downsideMeanSquare) * Math.sqrt(periodsPerYear);
  if (downsideDeviation === 0) return unavailable('no periodic return is negative, so the downside deviation is zero');
  return annualReturn / downsideDeviation;
}

/** Calmar ratio R / maximum drawdown [ratio]; undefined without a drawdown. */
export function calmarRatio(annualReturn: MetricValue, maxDrawdown: MetricValue): MetricValue {
  if (isUnavailable(annualReturn)) return annualReturn;
  if (isUnavailable(maxDrawdown)) return maxDrawdown;
  if (maxDrawdown === 0) return unavailable('there is no drawdown');
  return annualReturn / maxDrawdown;
}
