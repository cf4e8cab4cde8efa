/**
 * `runBacktest`: the event-driven, bar-by-bar simulation of one strategy on one series.
 * Pure: no I/O, no clock, no randomness; the same inputs give the same result.
 *
 * For every bar t (CONVENTIONS.md §2): the broker matches pending orders against bar t
 * (market orders at the open, then stops, then limits), equity is marked at the close, and
 * from the first decision bar on the strategy's `next` decides at the close. Orders it places
 * fill from bar t+1 on (or at bar t's close with `fillAt: 'close'`, and market-on-close orders
 * always).
 */
import type { BarSeries } from '../data/bar-series.js';
import { formatTime } from '../data/bar-series.js';
import { BtError, DataError, ProcessExitCall, StrategyError, safeString } from '../errors.js';
import { createInitContext, RunContext, type RegisteredIndicator } from '../strategy/context.js';
import type { Strategy } from '../strategy/define-strategy.js';
import type { ParamSchema, ParamValues } from '../strategy/params.js';
import type { BarClock } from '../strategy/series-view.js';
import { Broker, type BrokerConfig } from './broker.js';
import { timeZone } from '../data/time-zone.js';
import type { Fill, LogEntry, OpenTrade, OrderRecord, RejectedOrder, Sizing, Trade } from './types.js';

/** Settings of one run besides the data and the strategy. */
export interface RunOptions {
  readonly broker: BrokerConfig;
  /** Sizing of orders that name none (all-in: `{ kind: 'fraction', fraction: ALL_IN_FRACTION }`). */
  readonly defaultSizing: Sizing;
  /** Close open trades at the last close (commission charged) instead of leaving them open. */
  readonly closeAtEnd: boolean;
  /**
   * Do not decide before this bar even if the warm-up is shorter (optimizers use it so that
   * every run covers the same window). Default 0.
   */
  readonly minFirstDecisionBar?: number;
  /** With `closeAtEnd`, the last bar's price open trades close at: `close` (default) or `open` (backtesting.py's `finalize_trades`). */
  readonly closeAtEndPrice?: 'close' | 'open';
  /**
   * First decision bar: `after-warmup` (default) 1 + the warm-up, or `at-warmup` the warm-up
   * itself, the bar where every indicator has its first value (backtrader's first `next`).
   */
  readonly firstDecision?: 'after-warmup' | 'at-warmup';
  /** SQN's standard deviation for the metrics (not used by the engine): `sample` (default) or `population`. */
  readonly sqn?: 'sample' | 'population';
  /** IANA zone of `--tz` for sessions and `ctx.timeframe` buckets; default UTC. */
  readonly timeZone?: string;
  /**
   * Called with (bars done, total bars) every {@link PROGRESS_INTERVAL_BARS} bars and once at
   * the end, for progress display. It must not touch the run. Default: none (no calls).
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Bars between two `onProgress` calls: rare enough to cost nothing in the bar loop. */
export const PROGRESS_INTERVAL_BARS = 65_536;

/** Everything a run produced. Arrays are in event order; nothing is mutated afterwards. */
export interface RunResult {
  readonly strategy: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly bars: BarSeries;
  /** Largest leading-NaN count of the registered indicators [bars]. */
  readonly warmupBars: number;
  /** First bar whose close the strategy decides at: max(1 + warm-up (or the warm-up, `at-warmup`), minFirstDecisionBar). */
  readonly firstDecisionBar: number;
  /** Equity at each bar's close [cash], one value per bar. */
  readonly equity: Float64Array;
  readonly fills: readonly Fill[];
  readonly trades: readonly Trade[];
  readonly openTrades: readonly OpenTrade[];
  readonly rejectedOrders: readonly RejectedOrder[];
  readonly orders: readonly OrderRecord[];
  readonly logs: readonly LogEntry[];
  readonly indicators: readonly RegisteredIndicator[];
  /** Cash after the last bar [cash]. */
  readonly finalCash: number;
  readonly commissionPaid: number;
  readonly slippagePaid: number;
}

/** bt's own modules (src/ or dist/src/): frames there are not the user's code. */
const OWN_SOURCE = new URL('../', import.meta.url).href;
const OWN_SOURCE_PATH = OWN_SOURCE.replace(/^file:\/\//, '');

/** Where a user-strategy exception happened: `file:line` from its stack, if any. */
function userFrame(error: unknown): string | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  if (stack === undefined) return undefined;
  for (const line of stack.split('\n').slice(1)) {
    const match = /\(?((?:file:\/\/)?[^()\s]+):(\d+):(\d+)\)?$/.exec(line.trim());
    if (match === null) continue;
    const file = match[1];
    if (file.includes('node_modules') || file.startsWith('node:') || file.startsWith(OWN_SOURCE) || file.startsWith(OWN_SOURCE_PATH)) continue;
    return `${file.replace(/^file:\/\//, '')}:${match[2]}`;
  }
  return undefined;
}

/** Wraps an exception from a strategy's `init`/`next` as a StrategyError naming the bar and time (BtErrors pass through). */
export function strategyFailure(error: unknown, strategy: string, phase: string, bars: BarSeries, bar: number | undefined): BtError {
  if (error instanceof BtError) return error;
  const where = userFrame(error);
  const at =
    bar === undefined ? '' : ` at bar ${bar} (${formatTime(bars.time[bar], bars.intraday)})`;
  if (error instanceof ProcessExitCall) {
    return new StrategyError('BT_STRATEGY_EXIT', `strategy "${strategy}" called process.exit(${safeString(error.requestedCode ?? '')}) in ${phase}${at}; a strategy cannot end the run`, {
      hint: `${where === undefined ? '' : `see ${where}; `}return from ${phase} instead, or throw an Error to stop the run (exit 4)`,
      location: where === undefined ? undefined : { file: where },
      cause: error,
    });
  }
  const message = error instanceof Error ? `${safeString(error.name)}: ${safeString(error.message)}` : safeString(error);
  return new StrategyError('BT_STRATEGY_THREW', `strategy "${strategy}" threw in ${phase}${at}: ${message}`, {
    hint: where === undefined ? 'fix the strategy code; run with --debug for the stack trace' : `see ${where}; run with --debug for the stack trace`,
    location: where === undefined ? undefined : { file: where },
    cause: error,
  });
}

/**
 * The error of an equity that is no longer a finite number (an overflow from extreme prices or
 * sizes): the run cannot go on, and no metric of it would mean anything.
 */
export function nonFiniteEquity(value: number, bars: BarSeries, bar: number): DataError {
  return new DataError('BT_NON_FINITE', `equity at bar ${bar} (${formatTime(bars.time[bar], bars.intraday)}) is "${value}", not a finite amount`, {
    hint: `prices and sizes are too extreme for exact arithmetic; keep prices above 1e-6 and cash within ${'1e-6'} … 1e15`,
    location: { file: bars.source.file },
  });
}

/** True when `value` is a Promise or any other thenable. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * The error of an `async` `init`/`next` (or one returning a Promise): the engine cannot wait
 * for it, so the run stops at the first such bar. The promise's own outcome is absorbed so it
 * cannot end the process later as an unhandled rejection.
 */
export function asynchronousStrategy(returned: PromiseLike<unknown>, strategy: string, phase: 'init' | 'next', bars: BarSeries, bar: number | undefined): StrategyError {
  Promise.resolve(returned).catch(() => undefined);
  const at = bar === undefined ? '' : ` at bar ${bar} (${formatTime(bars.time[bar], bars.intraday)})`;
  return new StrategyError('BT_STRATEGY_ASYNC', `strategy "${strategy}": ${phase} returned a Promise${at}; ${phase} must be synchronous`, {
    hint: `remove "async" (and "await") from ${phase}; a strategy decides from data already loaded`,
  });
}

/**
 * Runs `strategy` with resolved `params` over `bars`.
 * @throws StrategyError `BT_STRATEGY_THREW` when `init` or `next` throws (with bar index and
 *   time), `BT_STRATEGY_EXIT` when either calls `process.exit`, `BT_STRATEGY_ASYNC` when either
 *   returns a Promise, `BT_INDICATOR_LENGTH` for a mis-sized indicator; DataError `BT_DATA_TOO_SHORT` when
 *   the data has no bar after the warm-up.
 */
export function runBacktest<S extends ParamSchema, State>(
  bars: BarSeries,
  strategy: Strategy<S, State>,
  params: ParamValues<S>,
  options: RunOptions,
): RunResult {
  const n = bars.length;
  const clock: BarClock = { bar: n - 1 };
  const indicators: RegisteredIndicator[] = [];
  let state: State;
  try {
    state = strategy.init(createInitContext(bars, params, clock, indicators, options.timeZone === undefined ? undefined : timeZone(options.timeZone)));
  } catch (error) {
    throw strategyFailure(error, strategy.name, 'init', bars, undefined);
  }
  if (isThenable(state)) throw asynchronousStrategy(state, strategy.name, 'init', bars, undefined);
  let warmup = 0;
  let longest: RegisteredIndicator | undefined;
  for (const indicator of indicators) {
    if (indicator.warmup > warmup) {
      warmup = indicator.warmup;
      longest = indicator;
    }
  }
  const firstDecisionBar = Math.max(options.firstDecision === 'at-warmup' ? warmup : 1 + warmup, options.minFirstDecisionBar ?? 0);
  if (firstDecisionBar >= n) {
    const why =
      longest !== undefined && warmup >= n
        ? `indicator "${longest.name}" has no value on any of them`
        : `the first decision would be at bar ${firstDecisionBar} (bars are numbered from 0; warm-up ${warmup} bars)`;
    throw new DataError('BT_DATA_TOO_SHORT', `${bars.source.file}: ${n} bars are too few: ${why}`, {
      hint: 'use more bars (widen --from/--to, or a longer file) or shorten the indicator periods',
      location: { file: bars.source.file },
    });
  }

  const broker = new Broker(options.broker, [bars], bars.time);
  const equity = new Float64Array(n);
  const logs: LogEntry[] = [];
  const ctx = new RunContext({ clock, broker, bars, params, equity, defaultSizing: options.defaultSizing, logs });
  const fillAtClose = options.broker.fillAt === 'close';
  const next = strategy.next;
  const onProgress = options.onProgress;
  // The next bar at which to report progress; never reached without a callback.
  let progressAt = onProgress === undefined ? Infinity : PROGRESS_INTERVAL_BARS;

  let bar = 0;
  try {
    for (; bar < n; bar++) {
      if (bar === progressAt) {
        onProgress!(bar, n);
        progressAt += PROGRESS_INTERVAL_BARS;
      }
      clock.bar = bar;
      if (broker.hasPending) broker.processBar(bar);
      equity[bar] = broker.markEquity(bar);
      // Overflowing money (prices near 1e-308, sizes near 1e308) stops the run here, naming the bar.
      if (equity[bar] - equity[bar] !== 0) throw nonFiniteEquity(equity[bar], bars, bar);
      if (bar >= firstDecisionBar) {
        const returned: unknown = next.call(strategy, ctx, state);
        if (returned !== undefined && isThenable(returned)) throw asynchronousStrategy(returned, strategy.name, 'next', bars, bar);
        if ((fillAtClose && broker.hasPending) || broker.hasCloseOrders) {
          broker.fillAtClose(bar);
          equity[bar] = broker.markEquity(bar);
        }
      }
    }
  } catch (error) {
    throw strategyFailure(error, strategy.name, 'next', bars, bar);
  }
  if (options.closeAtEnd) {
    broker.closeAllAt(n - 1, options.closeAtEndPrice ?? 'close');
    equity[n - 1] = broker.markEquity(n - 1);
  }
  onProgress?.(n, n);
  const snapshot = broker.snapshot(n - 1);
  return {
    strategy: strategy.name,
    params: params as Readonly<Record<string, unknown>>,
    bars,
    warmupBars: warmup,
    firstDecisionBar,
    equity,
    fills: snapshot.fills,
    trades: snapshot.trades,
    openTrades: snapshot.openTrades,
    rejectedOrders: snapshot.rejectedOrders,
    orders: snapshot.orders,
    logs,
    indicators,
    finalCash: snapshot.cash,
    commissionPaid: broker.commissionPaid,
    slippagePaid: broker.slippagePaid,
  };
}
