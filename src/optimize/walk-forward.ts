/**
 * Walk-forward analysis (`bt walkforward`): optimize on an in-sample window, run the best
 * parameters on the out-of-sample window that follows, move on, and judge the strategy by the
 * out-of-sample results only.
 *
 * Windows. `train`, `test` and `step` are bar counts (`500`) or calendar lengths (`2y`, `6m`,
 * `3w`, `10d`; years are 12 months, weeks 7 days; a month added to the 31st ends on the
 * month's last day). Calendar boundaries are measured from the first bar's time t0, each as
 * one offset from t0 (no drift): rolling window k has in-sample [t0 + k·step, +train) and
 * out-of-sample [that end, +test); anchored windows all start at t0 and their in-sample end
 * moves by k·step. A boundary falls on the first bar at or after its time. A window is used
 * only when the data reaches the end of its out-of-sample part (calendar: its end is at most
 * one bar period after the last bar); `step` defaults to `test`, and a step shorter than the
 * test window is refused because out-of-sample windows would overlap.
 *
 * In-sample. Each window is an ordinary optimization of its bars: all its runs decide from
 * 1 + the largest warm-up W in the search space (probed on the window), ranked by the
 * objective. The reported in-sample metrics of the best run are computed over the bars where
 * it decides (from the bar before its first decision to the window's end), like the
 * out-of-sample ones.
 *
 * Out-of-sample. The best parameters run on the bars from W + 1 bars before the test window to
 * its end, with the first decision forced to the test window's first bar
 * (`minFirstDecisionBar`), so indicators are warmed up on earlier data but nothing is decided
 * before the window; trades still open at the window's last close are closed there
 * (commission charged), so each window starts and ends flat. Only the window's bars count: the
 * segment runs from the bar before the window (equity = initial cash) to its last bar.
 *
 * Stitching. Segments are chained by returns: segment k is scaled so that it starts at the
 * equity where segment k − 1 ended; its trades are re-indexed into the stitched series and
 * their cash amounts scaled by the same factor. The combined metrics are `computeMetrics` on
 * that curve. A window without a best run (no objective value) holds cash.
 *
 * Walk-forward efficiency (Pardo): the annualized out-of-sample return divided by the
 * annualized in-sample return, WFE = CAGR(stitched out-of-sample curve) / mean over windows of
 * the in-sample CAGR. It is null when the mean in-sample CAGR is not above 0. Each window also
 * reports its own ratio, out-of-sample CAGR / in-sample CAGR.
 */
import { sliceBars, type BarSeries } from '../data/bar-series.js';
import { runBacktest } from '../engine/run-backtest.js';
import type { Trade } from '../engine/types.js';
import { DataError, UsageError } from '../errors.js';
import { barPeriodMs } from '../metrics/bar-period.js';
import { computeMetrics, type Metrics } from '../metrics/index.js';
import type { Strategy } from '../strategy/define-strategy.js';
import type { ParamValues } from '../strategy/params.js';
import type { MetricValuesRecord, TrialRunOptions } from './evaluate.js';
import type { TrialEvaluator } from './evaluator.js';
import { objectiveValue, type Objective } from './objective.js';
import { buildOptimizeResult } from './result.js';
import { plannedTrials, probeSearchWarmup, runSearch, type MethodSettings } from './search.js';
import { paramsAt, type ParamValue, type SearchSpace } from './search-space.js';
import type { ValidCombinations } from './valid-combinations.js';
import type { SearchWarmup } from './warmup.js';

/** A window length: a number of bars, or a calendar length. */
export type WindowLength =
  | { readonly kind: 'bars'; readonly bars: number; readonly text: string }
  | { readonly kind: 'calendar'; readonly months: number; readonly days: number; readonly text: string };

/**
 * Parses `--train`, `--test` or `--step`: `500` (bars) or `2y`, `6m`, `3w`, `10d`.
 * @throws UsageError `BT_BAD_VALUE`.
 */
export function parseWindowLength(raw: string, flag: string): WindowLength {
  const text = raw.trim();
  const match = /^(\d+)\s*([ymwd]?)$/i.exec(text);
  const count = match === null ? NaN : Number(match[1]);
  if (match === null || !(count > 0) || !Number.isSafeInteger(count)) {
    throw new UsageError('BT_BAD_VALUE', `${flag}: expected a number of bars (500) or a length like 2y, 6m, 3w, 10d, got "${raw}"`, {
      hint: 'y = years, m = months, w = weeks, d = days; a plain number counts bars',
      location: { flag },
    });
  }
  const unit = match[2].toLowerCase();
  if (unit === '') return { kind: 'bars', bars: count, text };
  const months = unit === 'y' ? 12 * count : unit === 'm' ? count : 0;
  const days = unit === 'w' ? 7 * count : unit === 'd' ? count : 0;
  return { kind: 'calendar', months, days, text };
}

/** `ms` plus `months` calendar months (clamped to the month's last day) and `days` days, in UTC. */
export function addCalendar(ms: number, months: number, days: number): number {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(date.getUTCDate(), lastDay);
  const timeOfDay = ms - Date.UTC(year, date.getUTCMonth(), date.getUTCDate());
  return Date.UTC(year, month, day) + timeOfDay + days * 86_400_000;
}

/** First index whose time is ≥ `ms` (n when none). */
function lowerBound(time: Float64Array, ms: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (time[mid] < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One walk-forward window as bar ranges `[start, end)`. */
export interface WalkForwardWindow {
  /** 1-based. */
  readonly index: number;
  readonly inSample: { readonly start: number; readonly end: number };
  readonly outOfSample: { readonly start: number; readonly end: number };
}

/** Walk-forward windowing settings. */
export interface Windowing {
  readonly train: WindowLength;
  readonly test: WindowLength;
  /** Defaults to `test`. */
  readonly step: WindowLength;
  readonly anchored: boolean;
}

/**
 * The windows of `time` (see the module comment).
 * @throws UsageError `BT_FLAG_CONFLICT` (bars mixed with calendar lengths), `BT_WALKFORWARD_OVERLAP`
 *   (step shorter than test); DataError `BT_WALKFORWARD_NO_WINDOW` (data too short for one window).
 */
export function walkForwardWindows(time: Float64Array, windowing: Windowing): WalkForwardWindow[] {
  const { train, test, step, anchored } = windowing;
  const kinds = new Set([train.kind, test.kind, step.kind]);
  if (kinds.size > 1) {
    throw new UsageError('BT_FLAG_CONFLICT', `--train "${train.text}", --test "${test.text}" and --step "${step.text}" mix bar counts with calendar lengths`, {
      hint: 'give all three as bars (--train 500 --test 100) or all as lengths (--train 2y --test 6m)',
      location: { flag: '--step' },
    });
  }
  const n = time.length;
  const windows: WalkForwardWindow[] = [];
  const period = barPeriodMs(time);
  const dataEnd = n > 0 ? time[n - 1] + (Number.isFinite(period) ? period : 0) : -Infinity;
  for (let k = 0; ; k++) {
    let isStart: number;
    let isEnd: number;
    let testEnd: number;
    if (train.kind === 'bars' && test.kind === 'bars' && step.kind === 'bars') {
      isStart = anchored ? 0 : k * step.bars;
      isEnd = (anchored ? 0 : isStart) + train.bars + (anchored ? k * step.bars : 0);
      testEnd = isEnd + test.bars;
      if (testEnd > n) break;
    } else if (train.kind === 'calendar' && test.kind === 'calendar' && step.kind === 'calendar') {
      const t0 = time[0];
      const at = (months: number, days: number): number => addCalendar(t0, months, days);
      const startMonths = anchored ? 0 : k * step.months;
      const startDays = anchored ? 0 : k * step.days;
      const endMonths = anchored ? train.months + k * step.months : startMonths + train.months;
      const endDays = anchored ? train.days + k * step.days : startDays + train.days;
      const testEndTime = at(endMonths + test.months, endDays + test.days);
      if (n === 0 || testEndTime > dataEnd) break;
      isStart = lowerBound(time, at(startMonths, startDays));
      isEnd = lowerBound(time, at(endMonths, endDays));
      testEnd = lowerBound(time, testEndTime);
    } else break;
    if (isEnd >= testEnd || isEnd - isStart < 2) {
      if (isEnd >= n) break;
      continue;
    }
    const previous = windows[windows.length - 1];
    if (previous !== undefined && isEnd < previous.outOfSample.end) {
      throw new UsageError('BT_WALKFORWARD_OVERLAP', `--step "${step.text}" is shorter than --test "${test.text}": out-of-sample windows would overlap`, {
        hint: `use --step ${test.text} (the default) or longer`,
        location: { flag: '--step' },
      });
    }
    windows.push({ index: windows.length + 1, inSample: { start: isStart, end: isEnd }, outOfSample: { start: isEnd, end: testEnd } });
  }
  if (windows.length === 0) {
    throw new DataError('BT_WALKFORWARD_NO_WINDOW', `${n} bars are too few for one walk-forward window of --train "${train.text}" plus --test "${test.text}"`, {
      hint: 'use more data (widen --from/--to) or shorter --train/--test windows',
    });
  }
  return windows;
}

/** A stretch of equity to stitch: point 0 is the bar before the window (equity at its start). */
export interface EquitySegment {
  readonly time: Float64Array;
  readonly close: Float64Array;
  readonly equity: Float64Array;
  /** Closed trades, bar indices within the segment. */
  readonly trades: readonly Trade[];
}

/** A stitched out-of-sample curve: point 0 is the bar before the first window. */
export interface StitchedCurve extends EquitySegment {
  /** Scale applied to each segment (stitched equity at its start / its own start equity). */
  readonly factors: readonly number[];
}

/** Chains segments by returns (see the module comment). */
export function stitchSegments(segments: readonly EquitySegment[]): StitchedCurve {
  let length = 1;
  for (const segment of segments) length += segment.time.length - 1;
  const time = new Float64Array(length);
  const close = new Float64Array(length);
  const equity = new Float64Array(length);
  const trades: Trade[] = [];
  const factors: number[] = [];
  if (segments.length === 0) return { time, close, equity, trades, factors };
  time[0] = segments[0].time[0];
  close[0] = segments[0].close[0];
  equity[0] = segments[0].equity[0];
  let at = 0;
  for (const segment of segments) {
    const factor = equity[at] / segment.equity[0];
    factors.push(factor);
    const base = at;
    for (let j = 1; j < segment.time.length; j++) {
      at++;
      time[at] = segment.time[j];
      close[at] = segment.close[j];
      equity[at] = segment.equity[j] * factor;
    }
    for (const trade of segment.trades) {
      trades.push({
        ...trade,
        id: trades.length + 1,
        entryBar: trade.entryBar + base,
        exitBar: trade.exitBar + base,
        grossPnl: trade.grossPnl * factor,
        commission: trade.commission * factor,
        slippage: trade.slippage * factor,
        pnl: trade.pnl * factor,
      });
    }
  }
  return { time, close, equity, trades, factors };
}

/** Metrics of a segment, deciding from its point 1. */
export function segmentMetrics(segment: EquitySegment): Metrics {
  return computeMetrics({ time: segment.time, close: segment.close, equity: segment.equity, trades: segment.trades, firstDecisionBar: 1 });
}

/** The bars `[from, to)` of a run over `bars` as a segment, trades re-indexed from `from`. */
function cutSegment(bars: BarSeries, equity: Float64Array, trades: readonly Trade[], from: number, to: number): EquitySegment {
  return {
    time: bars.time.subarray(from, to),
    close: bars.close.subarray(from, to),
    equity: equity.subarray(from, to),
    trades: trades.filter((t) => t.entryBar >= from).map((t) => ({ ...t, entryBar: t.entryBar - from, exitBar: t.exitBar - from })),
  };
}

/** Everything a walk-forward analysis runs from. */
export interface WalkForwardPlan {
  readonly bars: BarSeries;
  readonly strategy: Strategy;
  readonly options: TrialRunOptions;
  readonly space: SearchSpace;
  readonly valid: ValidCombinations;
  readonly method: MethodSettings;
  readonly objective: Objective;
  readonly windows: readonly WalkForwardWindow[];
  /** The first window's warm-up when already probed (`windowWarmup`). */
  readonly firstWarmup?: SearchWarmup;
}

/** How the analysis reports and stops (as a search). */
export interface WalkForwardControl {
  readonly evaluator: TrialEvaluator;
  readonly signal?: AbortSignal;
  /** Called after each batch with runs done and planned over all windows. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The outcome of one window. */
export interface WindowResult {
  readonly window: WalkForwardWindow;
  /** Largest warm-up in the search space on the in-sample bars, and the first decision bar (in-sample index). */
  readonly warmupBars: number;
  readonly firstDecisionBar: number;
  /** Runs made in-sample. */
  readonly evaluated: number;
  /** Best parameters in-sample and their objective value; null when no run had one. */
  readonly best: { readonly params: Readonly<Record<string, ParamValue>>; readonly objective: number } | null;
  /** Metrics of the best run over its in-sample decision bars; null without a best run. */
  readonly inSample: Metrics | null;
  /** Metrics of the best parameters out of sample; null without a best run. */
  readonly outOfSample: Metrics | null;
  /** Out-of-sample CAGR / in-sample CAGR; null when either is null or the in-sample CAGR ≤ 0. */
  readonly efficiency: number | null;
}

/** The outcome of a walk-forward analysis. */
export interface WalkForwardOutcome {
  readonly windows: readonly WindowResult[];
  /** The stitched out-of-sample curve of the completed windows. */
  readonly curve: StitchedCurve;
  /** Metrics of the stitched curve; null without a completed window. */
  readonly combined: Metrics | null;
  readonly efficiency: {
    readonly value: number | null;
    /** CAGR of the stitched out-of-sample curve. */
    readonly outOfSampleAnnualized: number | null;
    /** Mean in-sample CAGR over windows with a best run. */
    readonly inSampleAnnualized: number | null;
    readonly nullReason: string | null;
  };
  /** True when interrupted (the completed windows are kept). */
  readonly incomplete: boolean;
}

function ratio(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || !(denominator > 0)) return null;
  return numerator / denominator;
}

/**
 * The largest warm-up in the search space on a window's in-sample bars, probed on the
 * evaluator.
 * @returns undefined when `signal` aborted.
 * @throws DataError `BT_DATA_TOO_SHORT` naming the window when it is shorter than that warm-up.
 */
export async function windowWarmup(
  bars: BarSeries,
  window: WalkForwardWindow,
  combinations: readonly Readonly<Record<string, unknown>>[],
  evaluator: TrialEvaluator,
  signal?: AbortSignal,
): Promise<SearchWarmup | undefined> {
  try {
    return await probeSearchWarmup(evaluator, bars, window.inSample, combinations, signal);
  } catch (error) {
    if (error instanceof DataError && error.code === 'BT_DATA_TOO_SHORT') {
      throw new DataError('BT_DATA_TOO_SHORT', `walk-forward window ${window.index}: ${error.message}`, { hint: 'use a longer --train window or narrow the --param ranges to shorter periods' });
    }
    throw error;
  }
}

/**
 * Runs the analysis window by window.
 * @throws DataError `BT_DATA_TOO_SHORT` when an in-sample window is shorter than the warm-up;
 *   BtError from runs.
 */
export async function runWalkForward(plan: WalkForwardPlan, control: WalkForwardControl): Promise<WalkForwardOutcome> {
  const { bars, strategy, space, valid, objective } = plan;
  const perWindow = plannedTrials(plan.method, valid.indices.length);
  const total = perWindow * plan.windows.length;
  const combinations = valid.indices.map((index) => paramsAt(space, index));
  const results: WindowResult[] = [];
  const segments: EquitySegment[] = [];
  let done = 0;
  let incomplete = false;
  for (const window of plan.windows) {
    const isBars = sliceBars(bars, window.inSample.start, window.inSample.end);
    const warmup = window === plan.windows[0] && plan.firstWarmup !== undefined ? plan.firstWarmup : await windowWarmup(bars, window, combinations, control.evaluator, control.signal);
    if (warmup === undefined) {
      incomplete = true;
      break;
    }
    const before = done;
    const outcome = await runSearch(
      { space, valid, method: plan.method, objective, window: window.inSample, firstDecisionBar: warmup.firstDecisionBar },
      { evaluator: control.evaluator, signal: control.signal, onProgress: (count) => control.onProgress?.(before + count, total) },
    );
    done = before + outcome.runs.length;
    if (outcome.incomplete) {
      incomplete = true;
      break;
    }
    const result = buildOptimizeResult(objective, null, outcome.runs);
    const options = plan.options;
    const oosStart = window.outOfSample.start;
    const lookbackStart = oosStart - warmup.firstDecisionBar;
    if (result.best === null) {
      // Hold cash through the window.
      const from = oosStart - 1;
      const flat = new Float64Array(window.outOfSample.end - from).fill(options.broker.initialCash);
      segments.push({ time: bars.time.subarray(from, window.outOfSample.end), close: bars.close.subarray(from, window.outOfSample.end), equity: flat, trades: [] });
      results.push({ window, warmupBars: warmup.warmupBars, firstDecisionBar: warmup.firstDecisionBar, evaluated: outcome.runs.length, best: null, inSample: null, outOfSample: null, efficiency: null });
      continue;
    }
    const params = result.best.params;
    const typed = params as ParamValues<typeof strategy.params>;
    const isRun = runBacktest(isBars, strategy, typed, { ...options, minFirstDecisionBar: warmup.firstDecisionBar });
    const inSample = segmentMetrics(cutSegment(isBars, isRun.equity, isRun.trades, warmup.firstDecisionBar - 1, isBars.length));
    const oosBars = sliceBars(bars, lookbackStart, window.outOfSample.end);
    const oosRun = runBacktest(oosBars, strategy, typed, { ...options, closeAtEnd: true, minFirstDecisionBar: warmup.firstDecisionBar });
    const segment = cutSegment(oosBars, oosRun.equity, oosRun.trades, warmup.firstDecisionBar - 1, oosBars.length);
    segments.push(segment);
    const outOfSample = segmentMetrics(segment);
    results.push({
      window,
      warmupBars: warmup.warmupBars,
      firstDecisionBar: warmup.firstDecisionBar,
      evaluated: outcome.runs.length,
      best: { params, objective: objectiveValue(objective, result.best.metrics)! },
      inSample,
      outOfSample,
      efficiency: ratio(outOfSample.values.cagr, inSample.values.cagr),
    });
  }
  const curve = stitchSegments(segments);
  const combined = segments.length > 0 ? segmentMetrics(curve) : null;
  const isCagrs = results.map((r) => r.inSample?.values.cagr ?? null).filter((v): v is number => v !== null);
  const inSampleAnnualized = isCagrs.length > 0 ? isCagrs.reduce((a, b) => a + b, 0) / isCagrs.length : null;
  const outOfSampleAnnualized = combined?.values.cagr ?? null;
  const value = ratio(outOfSampleAnnualized, inSampleAnnualized);
  const nullReason =
    value !== null
      ? null
      : outOfSampleAnnualized === null
        ? 'no out-of-sample return'
        : inSampleAnnualized === null
          ? 'no in-sample return'
          : 'the mean in-sample annualized return is not above 0';
  return { windows: results, curve, combined, efficiency: { value, outOfSampleAnnualized, inSampleAnnualized, nullReason }, incomplete };
}

/** Metric values of a window's metrics, or null. */
export function metricValues(metrics: Metrics | null): MetricValuesRecord | null {
  return metrics === null ? null : (metrics.values as MetricValuesRecord);
}
