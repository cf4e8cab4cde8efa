/**
 * `runPortfolio`: one portfolio strategy over several symbols sharing one account.
 * Pure: no I/O, no clock, no randomness; the same inputs give the same result.
 *
 * The symbols are aligned on the union of their timestamps (`alignFeeds`). For every timeline
 * bar t, as in `runBacktest`: the broker matches pending orders against bar t (a symbol with
 * no bar at t fills nothing there: its orders wait for its next bar), equity is marked at the
 * close (each position at its symbol's last close), and from the first decision bar on the
 * strategy's `next` decides. The same `Broker` as single-asset runs, so fills, commission,
 * slippage and rejections follow the same rules.
 */
import { alignFeeds, closeOnTimeline, filledClose, type AlignedFeeds } from '../data/align.js';
import type { BarSeries } from '../data/bar-series.js';
import { timeZone as resolveZone, UTC_ZONE } from '../data/time-zone.js';
import { DataError, UsageError } from '../errors.js';
import type { PortfolioStrategy } from '../strategy/define-portfolio-strategy.js';
import type { ParamSchema, ParamValues } from '../strategy/params.js';
import { createPortfolioInitContext, PortfolioRunContext, type SymbolIndicator } from '../strategy/portfolio-context.js';
import type { BarClock } from '../strategy/series-view.js';
import { Broker, type SymbolPrices } from './broker.js';
import { asynchronousStrategy, isThenable, nonFiniteEquity, strategyFailure, type RunOptions, type RunResult } from './run-backtest.js';
import type { LogEntry } from './types.js';

/** Settings of a portfolio run: those of a single-asset run, plus the benchmark. */
export interface PortfolioRunOptions extends RunOptions {
  /**
   * What alpha, beta and buy & hold are measured against: a symbol of the run, or a series
   * (e.g. an index file), put on the timeline by carrying its last close forward. Default:
   * the first symbol.
   */
  readonly benchmark?: string | BarSeries;
}

/** Per-symbol figures of a portfolio run, in symbol order. */
export interface SymbolBreakdown {
  readonly symbol: string;
  /** Timeline bars where the symbol has a bar. */
  readonly bars: number;
  readonly firstTime: number;
  readonly lastTime: number;
  /** Fraction of timeline bars (from the first decision bar on) ending with a position [fraction]. */
  readonly exposure: number;
  /** Mean of |position value| / equity over the same bars [fraction]. */
  readonly averageWeight: number;
}

/**
 * A portfolio run's result: a {@link RunResult} (so every report, check and store that reads
 * one works unchanged) whose `bars` is the benchmark's close on the timeline (symbol: the
 * run's symbols joined by commas), plus what only a portfolio has. Fills, trades and orders
 * carry `symbol` as an index into `symbols`.
 */
export interface PortfolioRunResult extends RunResult {
  readonly kind: 'portfolio';
  readonly symbols: readonly string[];
  /** The aligned data. */
  readonly feeds: AlignedFeeds;
  /** The benchmark: a symbol of the run, or the symbol of the benchmark series given. */
  readonly benchmark: string;
  readonly breakdown: readonly SymbolBreakdown[];
  /** Indicators registered per symbol (timeline values). */
  readonly symbolIndicators: readonly SymbolIndicator[];
}

/** True when `result` came from {@link runPortfolio}. */
export function isPortfolioResult(result: RunResult): result is PortfolioRunResult {
  return (result as Partial<PortfolioRunResult>).kind === 'portfolio';
}

/** Builds the benchmark close on the timeline and names it. */
function benchmarkClose(feeds: AlignedFeeds, benchmark: string | BarSeries | undefined): { name: string; close: Float64Array } {
  if (benchmark === undefined) return { name: feeds.symbols[0].symbol, close: filledClose(feeds.symbols[0]) };
  if (typeof benchmark === 'string') {
    const symbol = feeds.symbols.find((s) => s.symbol === benchmark) ?? feeds.symbols.find((s) => s.symbol.toLowerCase() === benchmark.toLowerCase());
    if (symbol === undefined) {
      throw new UsageError('BT_BENCHMARK_UNKNOWN', `benchmark "${benchmark}" is neither a symbol of the run nor a file`, {
        hint: `give one of ${feeds.symbols.map((s) => s.symbol).join(', ')}, or the path of a data file`,
        location: { flag: '--benchmark' },
      });
    }
    return { name: symbol.symbol, close: filledClose(symbol) };
  }
  if (benchmark.length === 0) {
    throw new DataError('BT_DATA_EMPTY', `benchmark "${benchmark.source.file}" has no bars`, { hint: 'give a benchmark file with bars', location: { file: benchmark.source.file } });
  }
  return { name: benchmark.symbol, close: closeOnTimeline(benchmark, feeds.time) };
}

/**
 * Runs the portfolio `strategy` with resolved `params` over `series` (one per symbol, in the
 * order given; the first is the default benchmark).
 * @throws StrategyError `BT_STRATEGY_THREW` (init/next threw, with bar and time),
 *   `BT_INDICATOR_LENGTH`; DataError `BT_DATA_TOO_SHORT` (no bar after the warm-up),
 *   `BT_DATA_DUPLICATE_SYMBOL`; UsageError `BT_BENCHMARK_UNKNOWN`.
 */
export function runPortfolio<S extends ParamSchema, State>(
  series: readonly BarSeries[],
  strategy: PortfolioStrategy<S, State>,
  params: ParamValues<S>,
  options: PortfolioRunOptions,
): PortfolioRunResult {
  const feeds = alignFeeds(series);
  const n = feeds.length;
  const zone = options.timeZone === undefined ? UTC_ZONE : resolveZone(options.timeZone);
  const symbols = feeds.symbols.map((s) => s.symbol);
  const benchmark = benchmarkClose(feeds, options.benchmark);
  const bars: BarSeries = {
    symbol: symbols.join(','),
    time: feeds.time,
    open: benchmark.close,
    high: benchmark.close,
    low: benchmark.close,
    close: benchmark.close,
    volume: new Float64Array(n).fill(NaN),
    length: n,
    extra: {},
    intraday: feeds.intraday,
    source: series[0].source,
  };

  const clock: BarClock = { bar: n - 1 };
  const indicators: SymbolIndicator[] = [];
  let state: State;
  try {
    state = strategy.init(createPortfolioInitContext(feeds, params, clock, indicators, zone));
  } catch (error) {
    throw strategyFailure(error, strategy.name, 'init', bars, undefined);
  }
  if (isThenable(state)) throw asynchronousStrategy(state, strategy.name, 'init', bars, undefined);
  // Warm-up: only symbols that trade from the first timestamp hold back the first decision;
  // a later-listed symbol's indicators simply read NaN until they are warm.
  let lastWarm = 0;
  let longest: SymbolIndicator | undefined;
  let warmup = 0;
  for (const indicator of indicators) {
    if (feeds.symbols[indicator.symbol].firstIndex !== 0) continue;
    if (indicator.firstValueIndex > lastWarm) {
      lastWarm = indicator.firstValueIndex;
      longest = indicator;
    }
    if (indicator.warmup > warmup) warmup = indicator.warmup;
  }
  const firstDecisionBar = Math.max(1 + lastWarm, options.minFirstDecisionBar ?? 0);
  if (firstDecisionBar >= n) {
    const why =
      longest !== undefined && lastWarm >= n
        ? `indicator "${longest.name}" of "${symbols[longest.symbol]}" has no value on any of them`
        : `the first decision would be at bar ${firstDecisionBar} (bars are numbered from 0)`;
    throw new DataError('BT_DATA_TOO_SHORT', `${n} timeline bars are too few: ${why}`, {
      hint: 'use more bars (widen --from/--to, or longer files) or shorten the indicator periods',
      location: { file: series[0].source.file },
    });
  }

  const prices: SymbolPrices[] = feeds.symbols.map((s) => ({ open: s.open, high: s.high, low: s.low, close: s.close }));
  const broker = new Broker(options.broker, prices, feeds.time);
  const equity = new Float64Array(n);
  const logs: LogEntry[] = [];
  const lastCloses = feeds.symbols.map((s) => {
    const out = new Float64Array(n);
    let value = NaN;
    for (let u = 0; u < n; u++) {
      const c = s.close[u];
      if (c === c) value = c;
      out[u] = value;
    }
    return out;
  });
  const ctx = new PortfolioRunContext({
    clock,
    broker,
    feeds,
    params,
    equity,
    defaultSizing: options.defaultSizing,
    logs,
    indicators,
    lastCloses,
    zone,
    fractional: options.broker.fractional,
    commissionRate: options.broker.commission.rate,
    commissionFixed: options.broker.commission.fixed,
  });
  const fillAtClose = options.broker.fillAt === 'close';
  const next = strategy.next;
  const m = symbols.length;
  const heldBars = new Float64Array(m);
  const weightSum = new Float64Array(m);

  let bar = 0;
  try {
    for (; bar < n; bar++) {
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
        const e = equity[bar];
        for (let s = 0; s < m; s++) {
          const net = broker.netQuantity(s);
          if (net !== 0) {
            heldBars[s]++;
            weightSum[s] += Math.abs(net * lastCloses[s][bar]) / e;
          }
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
  const snapshot = broker.snapshot(n - 1);
  const decisionBars = n - firstDecisionBar;
  const breakdown = feeds.symbols.map(
    (s, index): SymbolBreakdown => ({
      symbol: s.symbol,
      bars: s.series.length,
      firstTime: s.series.time[0],
      lastTime: s.series.time[s.series.length - 1],
      exposure: heldBars[index] / decisionBars,
      averageWeight: weightSum[index] / decisionBars,
    }),
  );
  return {
    kind: 'portfolio',
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
    indicators: [],
    finalCash: snapshot.cash,
    commissionPaid: broker.commissionPaid,
    slippagePaid: broker.slippagePaid,
    symbols,
    feeds,
    benchmark: benchmark.name,
    breakdown,
    symbolIndicators: indicators,
  };
}
