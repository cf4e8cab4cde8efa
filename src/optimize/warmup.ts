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
 * combination is probed on a short prefix (at least 256 bars, and four times the largest
 * warm-up seen so far) and only re-probed on all bars when the prefix is all warm-up. A probe
 * costs a small fraction of a run.
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

const MIN_PROBE_BARS = 256;

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
 * The largest warm-up over `combinations` (full parameter values, in search order) on `bars`,
 * with `ctx` in the run's time zone (`--tz`, default UTC).
 * @throws DataError `BT_DATA_TOO_SHORT` when that warm-up leaves no bar to decide on (naming
 *   the combination); StrategyError when `init` throws.
 */
export function searchWarmup(bars: BarSeries, strategy: Strategy, combinations: Iterable<Readonly<Record<string, unknown>>>, timeZoneName?: string): SearchWarmup {
  const n = bars.length;
  const zone = timeZoneName === undefined ? undefined : timeZone(timeZoneName);
  let largest = -1;
  let largestParams: Readonly<Record<string, unknown>> = {};
  let probeLength = Math.min(n, MIN_PROBE_BARS);
  let probe = sliceBars(bars, 0, probeLength);
  for (const params of combinations) {
    let warmup: number | undefined;
    if (probeLength < n) {
      try {
        const short = warmupOf(probe, strategy, params, zone);
        if (short < probeLength - 1) warmup = short;
      } catch {
        // Some init code needs more bars than the prefix; probe on all of them below.
      }
    }
    warmup ??= warmupOf(bars, strategy, params, zone);
    if (warmup > largest) {
      largest = warmup;
      largestParams = params;
      const wanted = Math.min(n, Math.max(MIN_PROBE_BARS, 4 * (warmup + 1)));
      if (wanted > probeLength) {
        probeLength = wanted;
        probe = sliceBars(bars, 0, probeLength);
      }
    }
  }
  const warmupBars = Math.max(0, largest);
  const firstDecisionBar = 1 + warmupBars;
  if (firstDecisionBar >= n) {
    throw new DataError(
      'BT_DATA_TOO_SHORT',
      `${bars.source.file}: ${n} bars are too few for this search: the largest warm-up is ${warmupBars} bars${warmupBars >= n ? ' or more' : ''} (${describeParams(largestParams)}), so no bar is left to decide on`,
      {
        hint: 'use more bars (widen --from/--to, or a longer file) or narrow the --param ranges to shorter periods',
        location: { file: bars.source.file },
      },
    );
  }
  return { warmupBars, firstDecisionBar, params: largestParams };
}
