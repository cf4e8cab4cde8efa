/**
 * The `ctx` objects a strategy sees: {@link createInitContext} for `init` (whole series) and
 * {@link RunContext} for `next` (causal views up to the current bar). One `RunContext` is
 * reused for every bar: nothing is allocated per bar.
 */
import { strategyCopy, type BarSeries } from '../data/bar-series.js';
import { StrategyError } from '../errors.js';
import type { Broker } from '../engine/broker.js';
import type { LogEntry, Order, Sizing } from '../engine/types.js';
import type { CloseOptions, IndicatorOptions, InitContext, OrderOptions, PositionView, StrategyContext } from './define-strategy.js';
import { buildOrderRequest, closeRequest, isEmpty, marketOrderRequest } from './order-request.js';
import type { OrderRequest } from '../engine/broker.js';
import { SeriesView, type BarClock } from './series-view.js';
import { higherTimeframe, parseTimeframe, type HigherTimeframe } from '../data/timeframe.js';
import { localDay, UTC_ZONE, type TimeZone } from '../data/time-zone.js';

/** An indicator registered in `init`. */
export interface RegisteredIndicator {
  readonly name: string;
  readonly values: Float64Array;
  /** Leading bars without a value [bars]. */
  readonly warmup: number;
  readonly overlay: boolean;
}

/** Number of leading NaN values of `values`. */
export function leadingNaNs(values: Float64Array): number {
  let count = 0;
  while (count < values.length && values[count] !== values[count]) count++;
  return count;
}

/**
 * Builds the `init` context for `bars`; registered indicators are appended to `registry`.
 * `zone` (`--tz`, default UTC) defines sessions and higher-timeframe buckets.
 * The context's `bars`, `open`…`time` are a private copy ({@link strategyCopy}).
 * @throws StrategyError `BT_INDICATOR_LENGTH` when a registered series has the wrong length,
 *   `BT_INDICATOR_DUPLICATE` when a name is registered twice.
 */
export function createInitContext<P>(
  bars: BarSeries,
  params: P,
  clock: BarClock,
  registry: RegisteredIndicator[],
  zone: TimeZone = UTC_ZONE,
): InitContext<P> {
  // The strategy gets its own copy of the columns: writing into them cannot move a fill (issue 13).
  const own = strategyCopy(bars);
  return {
    timeZone: zone.name,
    session: (time: number): number => localDay(zone, time),
    timeframe: (timeframe: string): HigherTimeframe => higherTimeframe(bars, parseTimeframe(timeframe, 'ctx.timeframe'), zone),
    params,
    symbol: bars.symbol,
    bars: own,
    get open() {
      return own.open;
    },
    get high() {
      return own.high;
    },
    get low() {
      return own.low;
    },
    get close() {
      return own.close;
    },
    get volume() {
      return own.volume;
    },
    get time() {
      return own.time;
    },
    indicator(name: string, values: Float64Array, options: IndicatorOptions = {}): SeriesView {
      if (registry.some((indicator) => indicator.name === name)) {
        throw new StrategyError('BT_INDICATOR_DUPLICATE', `two indicators are registered as "${name}"`, {
          hint: 'give each ctx.indicator(name, …) its own name',
        });
      }
      if (!(values instanceof Float64Array) || values.length !== bars.length) {
        const length = (values as { length?: unknown } | undefined)?.length;
        throw new StrategyError(
          'BT_INDICATOR_LENGTH',
          `indicator "${name}" has ${String(length)} values but the data has ${bars.length} bars`,
          { hint: 'register a Float64Array with one value per bar (NaN during warm-up)' },
        );
      }
      const warmup = options.warmup ?? leadingNaNs(values);
      registry.push({ name, values, warmup, overlay: options.overlay ?? true });
      return new SeriesView(name, values, clock);
    },
  };
}

/** A position view that reads the broker live (no copy per bar). */
export class LivePosition implements PositionView {
  readonly #broker: Broker;
  readonly #symbol: number;
  constructor(broker: Broker, symbol: number) {
    this.#broker = broker;
    this.#symbol = symbol;
  }
  get signedQuantity(): number {
    return this.#broker.netQuantity(this.#symbol);
  }
  get quantity(): number {
    return Math.abs(this.#broker.netQuantity(this.#symbol));
  }
  get side(): 'long' | 'short' | 'flat' {
    const net = this.#broker.netQuantity(this.#symbol);
    return net > 0 ? 'long' : net < 0 ? 'short' : 'flat';
  }
  get isLong(): boolean {
    return this.#broker.netQuantity(this.#symbol) > 0;
  }
  get isShort(): boolean {
    return this.#broker.netQuantity(this.#symbol) < 0;
  }
  get isFlat(): boolean {
    return this.#broker.netQuantity(this.#symbol) === 0;
  }
  get averagePrice(): number {
    return this.#broker.averagePrice(this.#symbol);
  }
  get unrealizedPnl(): number {
    return this.#broker.unrealizedPnl(this.#symbol);
  }
}

/** The `next` context of a single-symbol run. */
export class RunContext<P> implements StrategyContext<P> {
  readonly #clock: BarClock;
  readonly #broker: Broker;
  readonly #bars: BarSeries;
  readonly #equity: Float64Array;
  readonly #defaultSizing: Sizing;
  readonly #logs: LogEntry[];
  /** Plain market orders with the default sizing, built once (orders only read them). */
  readonly #defaultBuy: OrderRequest;
  readonly #defaultSell: OrderRequest;
  readonly params: P;
  readonly symbol: string;
  readonly lastBar: number;
  readonly open: SeriesView;
  readonly high: SeriesView;
  readonly low: SeriesView;
  readonly close: SeriesView;
  readonly volume: SeriesView;
  readonly position: PositionView;

  constructor(options: {
    clock: BarClock;
    broker: Broker;
    bars: BarSeries;
    params: P;
    equity: Float64Array;
    defaultSizing: Sizing;
    logs: LogEntry[];
  }) {
    this.#clock = options.clock;
    this.#broker = options.broker;
    this.#bars = options.bars;
    this.#equity = options.equity;
    this.#defaultSizing = options.defaultSizing;
    this.#logs = options.logs;
    this.#defaultBuy = marketOrderRequest(0, 'buy', options.defaultSizing);
    this.#defaultSell = marketOrderRequest(0, 'sell', options.defaultSizing);
    this.params = options.params;
    this.symbol = options.bars.symbol;
    this.lastBar = options.bars.length - 1;
    this.open = new SeriesView('open', options.bars.open, options.clock);
    this.high = new SeriesView('high', options.bars.high, options.clock);
    this.low = new SeriesView('low', options.bars.low, options.clock);
    this.close = new SeriesView('close', options.bars.close, options.clock);
    this.volume = new SeriesView('volume', options.bars.volume, options.clock);
    this.position = new LivePosition(options.broker, 0);
  }

  get bar(): number {
    return this.#clock.bar;
  }
  get time(): number {
    return this.#bars.time[this.#clock.bar];
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

  buy(options?: OrderOptions): number {
    const request = options === undefined || isEmpty(options) ? this.#defaultBuy : buildOrderRequest(0, 'buy', options, this.#defaultSizing);
    return this.#broker.submit(request, this.#clock.bar).id;
  }

  sell(options?: OrderOptions): number {
    const request = options === undefined || isEmpty(options) ? this.#defaultSell : buildOrderRequest(0, 'sell', options, this.#defaultSizing);
    return this.#broker.submit(request, this.#clock.bar).id;
  }

  closePosition(options: CloseOptions = {}): number {
    const net = this.#broker.netQuantity(0);
    if (net === 0) return this.#broker.closeAfterMarketOnClose(0, this.#clock.bar, options.tag);
    return this.#broker.submit(closeRequest(0, net > 0 ? 'sell' : 'buy', options.tag), this.#clock.bar).id;
  }

  cancel(orderId: number): boolean {
    return this.#broker.cancel(orderId, this.#clock.bar);
  }

  log(message: string): void {
    this.#logs.push({ bar: this.#clock.bar, time: this.#bars.time[this.#clock.bar], message: String(message) });
  }
}
