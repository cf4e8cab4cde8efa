/**
 * The `ctx` objects of a portfolio strategy: {@link createPortfolioInitContext} for `init` and
 * {@link PortfolioRunContext} for `next`. Per-symbol views are built once; nothing is
 * allocated per bar except by `rebalance`, which places orders.
 */
import { strategyCopy } from '../data/bar-series.js';
import { spreadToTimeline, type AlignedFeeds, type AlignedSymbol } from '../data/align.js';
import { higherTimeframe, parseTimeframe, type HigherTimeframe } from '../data/timeframe.js';
import { localDay, type TimeZone } from '../data/time-zone.js';
import type { Broker } from '../engine/broker.js';
import type { LogEntry, Order, Sizing } from '../engine/types.js';
import { StrategyError } from '../errors.js';
import { didYouMean } from '../config/suggest.js';
import { leadingNaNs, LivePosition, type RegisteredIndicator } from './context.js';
import type { CloseOptions, IndicatorOptions, OrderOptions, PositionView } from './define-strategy.js';
import type {
  PortfolioContext,
  PortfolioInitContext,
  RebalanceOptions,
  SymbolInit,
  SymbolView,
} from './define-portfolio-strategy.js';
import { buildOrderRequest, closeRequest, marketOrderRequest } from './order-request.js';
import { SeriesView, type BarClock } from './series-view.js';

/** An indicator registered for one symbol, spread onto the timeline. */
export interface SymbolIndicator extends RegisteredIndicator {
  readonly symbol: number;
  /** Timeline index of its first value (Infinity when it has none). */
  readonly firstValueIndex: number;
}

/** Tag of the orders `rebalance` places unless told otherwise. */
export const REBALANCE_TAG = 'rebalance';

/** Looks up a symbol by name; throws a StrategyError with a did-you-mean. */
function symbolIndex(lookup: ReadonlyMap<string, number>, symbols: readonly string[], symbol: string): number {
  const index = lookup.get(symbol);
  if (index === undefined) {
    throw new StrategyError('BT_SYMBOL_UNKNOWN', `unknown symbol "${symbol}"${didYouMean(symbol, symbols)}`, {
      hint: `the run's symbols: ${symbols.join(', ')}`,
    });
  }
  return index;
}

/**
 * Builds the `init` context of a portfolio run; registered indicators are appended to
 * `registry` (one list for all symbols).
 */
export function createPortfolioInitContext<P>(
  feeds: AlignedFeeds,
  params: P,
  clock: BarClock,
  registry: SymbolIndicator[],
  zone: TimeZone,
): PortfolioInitContext<P> {
  const symbols = feeds.symbols.map((s) => s.symbol);
  const lookup = new Map(symbols.map((s, i) => [s, i]));
  // Each strategy gets its own copy of the columns: writing into them cannot move a fill (issue 13).
  const inits: SymbolInit[] = feeds.symbols.map((s, index) => ({ symbol: s.symbol, index, bars: strategyCopy(s.series), timelineIndex: s.timelineIndex }));
  return {
    params,
    symbols,
    time: feeds.time.slice(),
    timeZone: zone.name,
    data: (symbol: string): SymbolInit => inits[symbolIndex(lookup, symbols, symbol)],
    indicator(symbol: string, name: string, values: Float64Array, options: IndicatorOptions = {}): SeriesView {
      const index = symbolIndex(lookup, symbols, symbol);
      if (registry.some((indicator) => indicator.symbol === index && indicator.name === name)) {
        throw new StrategyError('BT_INDICATOR_DUPLICATE', `two indicators of "${symbol}" are registered as "${name}"`, {
          hint: 'give each ctx.indicator(symbol, name, …) of a symbol its own name',
        });
      }
      const aligned = feeds.symbols[index];
      const own = aligned.series.length;
      if (!(values instanceof Float64Array) || (values.length !== own && values.length !== feeds.length)) {
        const length = (values as { length?: unknown } | undefined)?.length;
        throw new StrategyError(
          'BT_INDICATOR_LENGTH',
          `indicator "${name}" of "${symbol}" has ${String(length)} values, but "${symbol}" has ${own} bars and the timeline ${feeds.length}`,
          { hint: "compute it on ctx.data(symbol).bars (one value per own bar, NaN during warm-up), or one value per timeline bar" },
        );
      }
      const isOwn = values.length === own;
      const timeline = isOwn ? spreadToTimeline(aligned, values, feeds.length) : values;
      const ownWarmup = options.warmup ?? leadingNaNs(values);
      const firstValueIndex = isOwn ? (ownWarmup < own ? aligned.timelineIndex[ownWarmup] : Infinity) : ownWarmup < feeds.length ? ownWarmup : Infinity;
      registry.push({
        name,
        values: timeline,
        warmup: ownWarmup,
        overlay: options.overlay ?? true,
        symbol: index,
        firstValueIndex,
      });
      return new SeriesView(name, timeline, clock);
    },
    timeframe: (symbol: string, timeframe: string): HigherTimeframe =>
      higherTimeframe(inits[symbolIndex(lookup, symbols, symbol)].bars, parseTimeframe(timeframe, 'ctx.timeframe'), zone),
    session: (time: number): number => localDay(zone, time),
  };
}

class LiveSymbolView implements SymbolView {
  readonly symbol: string;
  readonly index: number;
  readonly open: SeriesView;
  readonly high: SeriesView;
  readonly low: SeriesView;
  readonly close: SeriesView;
  readonly volume: SeriesView;
  readonly indicators: Readonly<Record<string, SeriesView>>;
  readonly #lastClose: Float64Array;
  readonly #clock: BarClock;

  constructor(aligned: AlignedSymbol, index: number, clock: BarClock, indicators: Record<string, SeriesView>, lastClose: Float64Array) {
    this.symbol = aligned.symbol;
    this.index = index;
    this.open = new SeriesView('open', aligned.open, clock);
    this.high = new SeriesView('high', aligned.high, clock);
    this.low = new SeriesView('low', aligned.low, clock);
    this.close = new SeriesView('close', aligned.close, clock);
    this.volume = new SeriesView('volume', aligned.volume, clock);
    this.indicators = indicators;
    this.#lastClose = lastClose;
    this.#clock = clock;
  }

  get lastClose(): number {
    return this.#lastClose[this.#clock.bar];
  }
}

/** Weights within this of the limits are accepted (float sums such as 0.1 + 0.2 + 0.7). */
const WEIGHT_TOLERANCE = 1e-9;

/** The `next` context of a portfolio run. */
export class PortfolioRunContext<P> implements PortfolioContext<P> {
  readonly #clock: BarClock;
  readonly #broker: Broker;
  readonly #feeds: AlignedFeeds;
  readonly #equity: Float64Array;
  readonly #defaultSizing: Sizing;
  readonly #logs: LogEntry[];
  readonly #lookup: Map<string, number>;
  readonly #views: LiveSymbolView[];
  readonly #positions: LivePosition[];
  readonly #closes: Float64Array[];
  readonly #fractional: boolean;
  readonly #commissionRate: number;
  readonly #commissionFixed: number;
  readonly params: P;
  readonly symbols: readonly string[];
  readonly lastBar: number;

  constructor(options: {
    clock: BarClock;
    broker: Broker;
    feeds: AlignedFeeds;
    params: P;
    equity: Float64Array;
    defaultSizing: Sizing;
    logs: LogEntry[];
    indicators: readonly SymbolIndicator[];
    /** Per symbol: last close at or before each timeline bar (NaN before listing). */
    lastCloses: readonly Float64Array[];
    zone: TimeZone;
    fractional: boolean;
    commissionRate: number;
    commissionFixed: number;
  }) {
    this.#clock = options.clock;
    this.#broker = options.broker;
    this.#feeds = options.feeds;
    this.#equity = options.equity;
    this.#defaultSizing = options.defaultSizing;
    this.#logs = options.logs;
    this.#fractional = options.fractional;
    this.#commissionRate = options.commissionRate;
    this.#commissionFixed = options.commissionFixed;
    this.#closes = options.feeds.symbols.map((s) => s.close);
    this.params = options.params;
    this.symbols = options.feeds.symbols.map((s) => s.symbol);
    this.lastBar = options.feeds.length - 1;
    this.#lookup = new Map(this.symbols.map((s, i) => [s, i]));
    this.#views = options.feeds.symbols.map((aligned, index) => {
      const byName: Record<string, SeriesView> = {};
      for (const indicator of options.indicators) {
        if (indicator.symbol === index) byName[indicator.name] = new SeriesView(indicator.name, indicator.values, options.clock);
      }
      return new LiveSymbolView(aligned, index, options.clock, byName, options.lastCloses[index]);
    });
    this.#positions = this.symbols.map((_, index) => new LivePosition(options.broker, index));
    this.session = (time: number): number => localDay(options.zone, time);
  }

  readonly session: (time: number) => number;

  get bar(): number {
    return this.#clock.bar;
  }
  get time(): number {
    return this.#feeds.time[this.#clock.bar];
  }
  get cash(): number {
    return this.#broker.cash;
  }
  get equity(): number {
    return this.#equity[this.#clock.bar];
  }
  get pendingOrders(): readonly Order[] {
    return this.#broker.pendingOrders();
  }

  #index(symbol: string): number {
    return symbolIndex(this.#lookup, this.symbols, symbol);
  }

  data(symbol: string): SymbolView {
    return this.#views[this.#index(symbol)];
  }

  position(symbol: string): PositionView {
    return this.#positions[this.#index(symbol)];
  }

  isTradable(symbol: string): boolean {
    const close = this.#closes[this.#index(symbol)][this.#clock.bar];
    return close === close;
  }

  weight(symbol: string): number {
    const index = this.#index(symbol);
    const net = this.#broker.netQuantity(index);
    if (net === 0) return 0;
    return (net * this.#views[index].lastClose) / this.#equity[this.#clock.bar];
  }

  buy(symbol: string, options: OrderOptions = {}): number {
    return this.#broker.submit(buildOrderRequest(this.#index(symbol), 'buy', options, this.#defaultSizing), this.#clock.bar).id;
  }

  sell(symbol: string, options: OrderOptions = {}): number {
    return this.#broker.submit(buildOrderRequest(this.#index(symbol), 'sell', options, this.#defaultSizing), this.#clock.bar).id;
  }

  closePosition(symbol: string, options: CloseOptions = {}): number {
    const index = this.#index(symbol);
    const net = this.#broker.netQuantity(index);
    if (net === 0) return this.#broker.closeAfterMarketOnClose(index, this.#clock.bar, options.tag);
    return this.#broker.submit(closeRequest(index, net > 0 ? 'sell' : 'buy', options.tag), this.#clock.bar).id;
  }

  cancel(orderId: number): boolean {
    return this.#broker.cancel(orderId, this.#clock.bar);
  }

  rebalance(targets: Readonly<Record<string, number>>, options: RebalanceOptions = {}): number[] {
    const tag = options.tag ?? REBALANCE_TAG;
    const n = this.symbols.length;
    const weights = new Float64Array(n);
    let sum = 0;
    for (const [symbol, weight] of Object.entries(targets)) {
      const index = this.#lookup.get(symbol);
      if (index === undefined) {
        throw new StrategyError('BT_REBALANCE_INVALID', `rebalance: unknown symbol "${symbol}"${didYouMean(symbol, this.symbols)}`, {
          hint: `the run's symbols: ${this.symbols.join(', ')}`,
        });
      }
      if (!(weight >= -WEIGHT_TOLERANCE && weight <= 1 + WEIGHT_TOLERANCE)) {
        throw new StrategyError('BT_REBALANCE_INVALID', `rebalance: weight of "${symbol}" must be in [0, 1], got "${weight}"`, {
          hint: 'weights are fractions of equity (0.25 = 25 %); rebalancing does not short',
        });
      }
      weights[index] = Math.max(0, weight);
      sum += weights[index];
    }
    if (sum > 1 + WEIGHT_TOLERANCE) {
      throw new StrategyError('BT_REBALANCE_INVALID', `rebalance: weights add up to "${sum}", above 1`, {
        hint: 'scale the weights so that they sum to at most 1 (the rest stays in cash)',
      });
    }
    const bar = this.#clock.bar;
    for (const order of this.#broker.pendingOrders()) if (order.tag === tag) this.#broker.cancel(order.id, bar, 'replaced by a later rebalance');
    const equity = this.#equity[bar];
    const perUnitFactor = 1 + this.#commissionRate;
    const whole = (units: number): number => (this.#fractional ? units : Math.floor(units + 1e-9));
    const sells: { symbol: number; units: number }[] = [];
    const buys: { symbol: number; units: number }[] = [];
    for (let s = 0; s < n; s++) {
      const close = this.#closes[s][bar];
      // No bar now: cannot be priced or traded; the position stays as it is.
      if (close !== close) continue;
      const held = this.#broker.netQuantity(s);
      // Move the holding's value to w·E: a buy spends the gap, its commission included; a sell
      // sells the units above the target (all of them for weight 0).
      const gap = weights[s] * equity - held * close;
      let units: number;
      if (weights[s] === 0) units = -held;
      else if (gap > 0) units = whole(Math.max(0, gap - this.#commissionFixed) / (close * perUnitFactor));
      else units = -whole(-gap / close);
      if (units < 0) sells.push({ symbol: s, units: -units });
      else if (units > 0) buys.push({ symbol: s, units });
    }
    const ids: number[] = [];
    for (const { symbol, units } of sells) {
      ids.push(this.#broker.submit({ ...marketOrderRequest(symbol, 'sell', { kind: 'units', units }), tag }, bar).id);
    }
    for (const { symbol, units } of buys) {
      ids.push(this.#broker.submit({ ...marketOrderRequest(symbol, 'buy', { kind: 'capped-units', units }), tag }, bar).id);
    }
    return ids;
  }

  log(message: string): void {
    this.#logs.push({ bar: this.#clock.bar, time: this.#feeds.time[this.#clock.bar], message: String(message) });
  }
}
