/**
 * The shared first decision bar of an optimization. Every run of one optimization decides
 * from the same bar, 1 + the largest warm-up of any valid combination in the search space, so
 * all runs are compared over the same window (backtesting.py lets the window move with each
 * combination's warm-up).
 *
 * The warm-up of a combination is what `runBacktest` would find: the largest warm-up of the
 * indicators its `init` registers. It is found by running `init` only (no bar loop, no
 * broker). Because indicators are causal (the indicator contract), `init` on the first L bars
 * gives the same leading-NaN count as on all bars whenever that count is below L − 1; so each
 * combination is probed on a short prefix, just longer than the largest warm-up seen so far,
 * and the prefix is doubled only when it is all warm-up. A probe costs a small fraction of a
 * run, and batches of probes run on the worker pool like the runs.
 */
import { sliceBars, type BarSeries } from '../data/bar-series.js';
import { BtError, DataError, StrategyError } from '../errors.js';
import { timeZone, type TimeZone } from '../data/time-zone.js';
import { createInitContext, type RegisteredIndicator } from '../strategy/context.js';
import type { Strategy } from '../strategy/define-strategy.js';
import type { ParamValues } from '../strategy/params.js';

/** The largest warm-up in a search space and a combination that has it. */
export interface SearchWarmup {
  /** Largest warm-up [bars]. */
  readonly warmupBars: number;
  /** First decision bar of every run: 1 + warmupBars. */
  readonly firstDecisionBar: number;
  /** Parameters of the first combination (in search order) with that warm-up. */
  readonly params: Readonly<Record<string, unknown>>;
}

/** Shortest prefix a combination is probed on [bars]. */
const MIN_PROBE_BARS = 64;

function describeParams(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ');
}

/**
 * Warm-up [bars] of `strategy` with `params` on `bars`: the largest warm-up of the indicators
 * its `init` registers (0 when none).
 * @throws StrategyError `BT_STRATEGY_THREW` when `init` throws on all bars.
 */
export function warmupOf(bars: BarSeries, strategy: Strategy, params: Readonly<Record<string, unknown>>, zone?: TimeZone): number {
  const registry: RegisteredIndicator[] = [];
  try {
    strategy.init(createInitContext(bars, params as ParamValues<typeof strategy.params>, { bar: bars.length - 1 }, registry, zone));
  } catch (error) {
    if (error instanceof BtError) throw error;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new StrategyError('BT_STRATEGY_THREW', `strategy "${strategy.name}" threw in init with ${describeParams(params)}: ${message}`, {
      hint: 'fix the strategy code, or leave these parameter values out of the search; run with --debug for the stack trace',
      cause: error,
    });
  }
  let warmup = 0;
  for (const indicator of registry) if (indicator.warmup > warmup) warmup = indicator.warmup;
  return warmup;
}

/**
 * Warm-up [bars] of each of `paramsList` on `bars` (see the module comment). Each combination
 * is probed on a prefix one bar longer than the largest warm-up seen so far in this batch (at
 * least {@link MIN_PROBE_BARS}), doubled while the prefix is all warm-up, and on all bars when
 * `init` fails on a prefix. Used in-process and by the pool's workers (a batch each).
 * @throws StrategyError when `init` throws on all bars.
 */
export function probeWarmups(bars: BarSeries, strategy: Strategy, paramsList: readonly Readonly<Record<string, unknown>>[], timeZoneName?: string): Int32Array {
  const n = bars.length;
  const zone = timeZoneName === undefined ? undefined : timeZone(timeZoneName);
  const out = new Int32Array(paramsList.length);
  let largest = 0;
  const prefixes = new Map<number, BarSeries>();
  const prefix = (length: number): BarSeries => {
    let cut = prefixes.get(length);
    if (cut === undefined) {
      cut = sliceBars(bars, 0, length);
      prefixes.set(length, cut);
    }
    return cut;
  };
  paramsList.forEach((params, i) => {
    let length = Math.min(n, Math.max(MIN_PROBE_BARS, largest + 2));
    let warmup: number | undefined;
    while (length < n) {
      let short: number;
      try {
        short = warmupOf(prefix(length), strategy, params, zone);
      } catch {
        break; // some init code needs more bars than the prefix: probe on all of them
      }
      if (short < length - 1) {
        warmup = short;
        break;
      }
      length = Math.min(n, 2 * length);
    }
    warmup ??= warmupOf(bars, strategy, params, zone);
    out[i] = warmup;
    if (warmup > largest) largest = warmup;
  });
  return out;
}

/**
 * The shared first decision bar from the warm-ups of `combinations` (in search order).
 * @throws DataError `BT_DATA_TOO_SHORT` when the largest warm-up leaves no bar to decide on
 *   (naming the first combination that has it).
 */
export function summarizeWarmups(bars: BarSeries, warmups: Int32Array, combinations: readonly Readonly<Record<string, unknown>>[]): SearchWarmup {
  const n = bars.length;
  let at = -1;
  for (let i = 0; i < warmups.length; i++) if (at < 0 || warmups[i] > warmups[at]) at = i;
  const warmupBars = at < 0 ? 0 : warmups[at];
  const params = at < 0 ? {} : combinations[at];
  const firstDecisionBar = 1 + warmupBars;
  if (firstDecisionBar >= n) {
    throw new DataError(
      'BT_DATA_TOO_SHORT',
      `${bars.source.file}: ${n} bars are too few for this search: the largest warm-up is ${warmupBars} bars${warmupBars >= n ? ' or more' : ''} (${describeParams(params)}), so no bar is left to decide on`,
      {
        hint: 'use more bars (widen --from/--to, or a longer file) or narrow the --param ranges to shorter periods',
        location: { file: bars.source.file },
      },
    );
  }
  return { warmupBars, firstDecisionBar, params };
}

/**
 * The largest warm-up over `combinations` (full parameter values, in search order) on `bars`,
 * with `ctx` in the run's time zone (`--tz`, default UTC), probed in this thread.
 * @throws DataError `BT_DATA_TOO_SHORT` when that warm-up leaves no bar to decide on (naming
 *   the combination); StrategyError when `init` throws.
 */
export function searchWarmup(bars: BarSeries, strategy: Strategy, combinations: Iterable<Readonly<Record<string, unknown>>>, timeZoneName?: string): SearchWarmup {
  const list = [...combinations];
  return summarizeWarmups(bars, probeWarmups(bars, strategy, list, timeZoneName), list);
}
