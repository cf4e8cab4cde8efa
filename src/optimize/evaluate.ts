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

/**
 * What to collect of each trial's per-bar returns for the overfitting statistics: the bar
 * returns r_t = e_t / e_{t−1} − 1 of equity e for t = `from` … n − 1 (the rows every trial of a
 * search shares), cut into `splits` consecutive blocks of as equal length as possible (block b
 * holds rows ⌊b·T/S⌋ … ⌊(b+1)·T/S⌋ − 1 of the T rows), and per block the sum of the returns and
 * the sum of their squares; then the sum and the sum of squares over all rows, added in row
 * order (so they do not depend on S).
 */
export interface ReturnBlocksSpec {
  /** First bar of the rows (≥ 1). */
  readonly from: number;
  /** Number of blocks S (≥ 1). */
  readonly splits: number;
}

/** Values per trial of the return blocks of `spec`: S sums, S sums of squares, the total sum and the total sum of squares. */
export function blockWidth(spec: ReturnBlocksSpec): number {
  return 2 * spec.splits + 2;
}

/** A batch's encoded metric values and, when asked for, each trial's return blocks ({@link blockWidth} values each). */
export interface TrialBatch {
  readonly values: Float64Array;
  readonly blocks?: Float64Array;
}

/** Row counts of the blocks of `spec` over `bars` bars (see {@link ReturnBlocksSpec}). */
export function blockCounts(spec: ReturnBlocksSpec, bars: number): Float64Array {
  const rows = Math.max(0, bars - spec.from);
  const counts = new Float64Array(spec.splits);
  for (let b = 0; b < spec.splits; b++) counts[b] = Math.floor(((b + 1) * rows) / spec.splits) - Math.floor((b * rows) / spec.splits);
  return counts;
}

/** Writes the {@link blockWidth} block values of `equity` into `out` at `offset`. */
export function writeReturnBlocks(equity: Float64Array, spec: ReturnBlocksSpec, out: Float64Array, offset: number): void {
  const n = equity.length;
  const rows = Math.max(0, n - spec.from);
  const splits = spec.splits;
  let total = 0;
  let totalSquares = 0;
  for (let b = 0; b < splits; b++) {
    const start = spec.from + Math.floor((b * rows) / splits);
    const end = spec.from + Math.floor(((b + 1) * rows) / splits);
    let sum = 0;
    let squares = 0;
    for (let t = start; t < end; t++) {
      const r = equity[t] / equity[t - 1] - 1;
      sum += r;
      squares += r * r;
      total += r;
      totalSquares += r * r;
    }
    out[offset + b] = sum;
    out[offset + splits + b] = squares;
  }
  out[offset + 2 * splits] = total;
  out[offset + 2 * splits + 1] = totalSquares;
}

/** Engine settings of every trial besides the shared first decision bar. */
export type TrialRunOptions = Omit<RunOptions, 'minFirstDecisionBar'>;

/**
 * Runs each of `paramsList` on `bars`, every run deciding from `firstDecisionBar` or later (0:
 * from its own first decision bar, as `bt run`).
 * @returns the metric values, {@link METRIC_COUNT} per trial, NaN for null, and the return
 *   blocks of `returns` when given.
 * @throws StrategyError / DataError from `runBacktest`.
 */
export function evaluateTrials(
  bars: BarSeries,
  strategy: Strategy,
  options: TrialRunOptions,
  firstDecisionBar: number,
  paramsList: readonly Readonly<Record<string, unknown>>[],
  returns?: ReturnBlocksSpec,
): TrialBatch {
  const out = new Float64Array(paramsList.length * METRIC_COUNT);
  const blocks = returns === undefined ? undefined : new Float64Array(paramsList.length * blockWidth(returns));
  const runOptions: RunOptions = { ...options, minFirstDecisionBar: firstDecisionBar };
  for (let t = 0; t < paramsList.length; t++) {
    const result = runBacktest(bars, strategy, paramsList[t] as ParamValues<typeof strategy.params>, runOptions);
    const metrics = computeMetrics({
      time: bars.time,
      close: bars.close,
      equity: result.equity,
      trades: result.trades,
      firstDecisionBar: result.firstDecisionBar,
      ...(options.sqn === undefined ? {} : { sqn: options.sqn }),
    });
    const values = metrics.values as Record<string, number | null>;
    const base = t * METRIC_COUNT;
    for (let k = 0; k < METRIC_COUNT; k++) {
      const value = values[metricKeys[k]];
      out[base + k] = value === null ? NaN : value;
    }
    if (blocks !== undefined) writeReturnBlocks(result.equity, returns!, blocks, t * blockWidth(returns!));
  }
  return { values: out, blocks };
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
