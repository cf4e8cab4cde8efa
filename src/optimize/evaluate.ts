/**
 * Running a batch of trials: one backtest per parameter combination, all deciding from the same
 * first decision bar, reduced to their metric values. The same function runs in the main
 * thread (`--workers 1`) and in the pool's workers, so results do not depend on where a trial
 * ran.
 *
 * Metric values travel as one Float64Array per batch, `metricKeys.length` values per trial in
 * registry order, with NaN standing for `null` (no metric is ever NaN, so the code is exact).
 */
import type { BarSeries } from '../data/bar-series.js';
import { runBacktest, type RunOptions } from '../engine/run-backtest.js';
import { computeMetrics, metricKeys, type MetricKey } from '../metrics/index.js';
import type { Strategy } from '../strategy/define-strategy.js';
import type { ParamValues } from '../strategy/params.js';

/** Metric values of one run, every registry key in registry order (`null` = unavailable). */
export type MetricValuesRecord = Record<MetricKey, number | null>;

/** Number of values per trial in an encoded batch. */
export const METRIC_COUNT = metricKeys.length;

/** Engine settings of every trial besides the shared first decision bar. */
export type TrialRunOptions = Omit<RunOptions, 'minFirstDecisionBar'>;

/**
 * Runs each of `paramsList` on `bars` with every run deciding from `firstDecisionBar`.
 * @returns the metric values, {@link METRIC_COUNT} per trial, NaN for null.
 * @throws StrategyError / DataError from `runBacktest`.
 */
export function evaluateTrials(
  bars: BarSeries,
  strategy: Strategy,
  options: TrialRunOptions,
  firstDecisionBar: number,
  paramsList: readonly Readonly<Record<string, unknown>>[],
): Float64Array {
  const out = new Float64Array(paramsList.length * METRIC_COUNT);
  const runOptions: RunOptions = { ...options, minFirstDecisionBar: firstDecisionBar };
  for (let t = 0; t < paramsList.length; t++) {
    const result = runBacktest(bars, strategy, paramsList[t] as ParamValues<typeof strategy.params>, runOptions);
    const metrics = computeMetrics({
      time: bars.time,
      close: bars.close,
      equity: result.equity,
      trades: result.trades,
      firstDecisionBar: result.firstDecisionBar,
    });
    const values = metrics.values as Record<string, number | null>;
    const base = t * METRIC_COUNT;
    for (let k = 0; k < METRIC_COUNT; k++) {
      const value = values[metricKeys[k]];
      out[base + k] = value === null ? NaN : value;
    }
  }
  return out;
}

/** Decodes trial `t` of an encoded batch into a metric record. */
export function decodeMetrics(values: Float64Array, t: number): MetricValuesRecord {
  const record = {} as Record<string, number | null>;
  const base = t * METRIC_COUNT;
  for (let k = 0; k < METRIC_COUNT; k++) {
    const value = values[base + k];
    record[metricKeys[k]] = value === value ? value : null;
  }
  return record as MetricValuesRecord;
}
