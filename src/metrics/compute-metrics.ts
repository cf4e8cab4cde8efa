/**
 * computeMetrics: the full backtesting.py 0.6.6 statistics set from an equity curve, the
 * closes and the closed trades. Pure: no I/O, no clock, no randomness; a few single passes
 * over the Float64Arrays and no per-bar allocation.
 */

import { InternalError } from '../errors.js';
import { barPeriodMs, durationUnitMs } from './bar-period.js';
import { jensenAlpha, marketBeta } from './beta.js';
import { drawdownMetrics } from './drawdown.js';
import { annualisationFactor, periodGrouping, summarisePeriodicReturns } from './periodic-returns.js';
import { metricKeys, type MetricKey } from './registry.js';
import { annualReturn, annualVolatility, buyHoldReturn, cagr, geometricMeanReturn, totalReturn } from './returns.js';
import { calmarRatio, sharpeRatio, sortinoRatio } from './risk-ratios.js';
import { systemQualityNumber } from './sqn.js';
import { tradeMetrics } from './trades.js';
import { isUnavailable, type Metrics, type MetricsInput, type MetricValues } from './types.js';

/**
 * Computes every metric of the registry (`metricRegistry`, in its order) for one run.
 *
 * Formulas: backtesting.py 0.6.6 `backtesting/_stats.py` `compute_stats`, as documented in the
 * reference set's CONVENTIONS.md §11 and on each registry entry. Differences from
 * backtesting.py, all deliberate:
 * - every ratio is a fraction (backtesting.py prints percent), and drawdowns are positive
 *   (`maxDrawdown: 0.312` for its `Max. Drawdown [%] -31.2`);
 * - `commissions` is 0 without commissions (backtesting.py omits the row);
 * - durations are in ms, rounded up to the bar period's smallest unit as backtesting.py does;
 * - a value backtesting.py leaves as NaN or ±inf is `null` with a reason (no closed trades,
 *   zero volatility, no losing trade…); so are the drawdown durations in its "no drawdown
 *   period" case, where it prints drawdown fractions instead (see `drawdownMetrics`);
 * - `maxDrawdownBars` is added.
 *
 * With no bars every value is `null`.
 *
 * @throws InternalError when `time`, `close` and `equity` differ in length.
 */
export function computeMetrics(input: MetricsInput): Metrics {
  const { time, close, equity, trades, firstDecisionBar } = input;
  const n = time.length;
  if (close.length !== n || equity.length !== n) {
    throw new InternalError(
      'BT_INTERNAL_METRICS_INPUT',
      `metrics need equal-length series, got time "${n}", close "${close.length}", equity "${equity.length}"`,
    );
  }
  if (n === 0) return allUnavailable('the series has no bars');

  const periodMs = barPeriodMs(time);
  const unitMs = durationUnitMs(periodMs);
  const grouping = periodGrouping(periodMs);
  const periodsPerYear = annualisationFactor(time, grouping);
  const periodic = summarisePeriodicReturns(time, equity, grouping);
  const geometricMean = geometricMeanReturn(periodic);

  const drawdown = drawdownMetrics(time, equity, unitMs);
  const total = totalReturn(equity);
  const buyHold = buyHoldReturn(close, firstDecisionBar);
  const annual = annualReturn(periodic, geometricMean, periodsPerYear, grouping);
  const volatility = annualVolatility(periodic, geometricMean, periodsPerYear, grouping);
  const beta = marketBeta(equity, close);
  const tradeValues = tradeMetrics(trades, n, unitMs);

  const values: MetricValues = {
    start: time[0],
    end: time[n - 1],
    durationMs: time[n - 1] - time[0],
    exposure: tradeValues.exposure,
    equityFinal: equity[n - 1],
    equityPeak: drawdown.equityPeak,
    commissions: tradeValues.commissions,
    totalReturn: total,
    buyHoldReturn: buyHold,
    annualReturn: annual,
    annualVolatility: volatility,
    cagr: cagr(time, equity),
    sharpe: sharpeRatio(annual, volatility),
    sortino: sortinoRatio(annual, periodic, periodsPerYear),
    calmar: calmarRatio(annual, drawdown.maxDrawdown),
    alpha: jensenAlpha(total, beta, buyHold),
    beta,
    maxDrawdown: drawdown.maxDrawdown,
    avgDrawdown: drawdown.avgDrawdown,
    maxDrawdownDurationMs: drawdown.maxDrawdownDurationMs,
    avgDrawdownDurationMs: drawdown.avgDrawdownDurationMs,
    maxDrawdownBars: drawdown.maxDrawdownBars,
    tradeCount: tradeValues.tradeCount,
    winRate: tradeValues.winRate,
    bestTrade: tradeValues.bestTrade,
    worstTrade: tradeValues.worstTrade,
    avgTrade: tradeValues.avgTrade,
    maxTradeDurationMs: tradeValues.maxTradeDurationMs,
    avgTradeDurationMs: tradeValues.avgTradeDurationMs,
    profitFactor: tradeValues.profitFactor,
    expectancy: tradeValues.expectancy,
    sqn: systemQualityNumber(trades, input.sqn),
    kellyCriterion: tradeValues.kellyCriterion,
  };
  return toMetrics(values);
}

const NOT_FINITE = 'the result is not a finite number (the equity or prices hold non-finite or non-positive values)';

/** Orders the values as the registry does and turns unavailable or non-finite ones into null. */
function toMetrics(computed: MetricValues): Metrics {
  const values = {} as Record<MetricKey, number | null>;
  const nullReasons: Partial<Record<MetricKey, string>> = {};
  for (const key of metricKeys) {
    const value = computed[key];
    if (isUnavailable(value)) {
      values[key] = null;
      nullReasons[key] = value.reason;
    } else if (!Number.isFinite(value)) {
      // A guard, not an expected path: NaN or ±Infinity must never reach JSON.
      values[key] = null;
      nullReasons[key] = NOT_FINITE;
    } else {
      values[key] = value === 0 ? 0 : value; // no -0 in the output
    }
  }
  return { values, nullReasons };
}

function allUnavailable(reason: string): Metrics {
  const values = {} as Record<MetricKey, number | null>;
  const nullReasons: Partial<Record<MetricKey, string>> = {};
  for (const key of metricKeys) {
    values[key] = null;
    nullReasons[key] = reason;
  }
  return { values, nullReasons };
}
