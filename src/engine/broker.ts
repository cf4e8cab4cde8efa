/**
 * The broker: one account (cash), netting positions per symbol built as FIFO lists of open
 * trades, an order book, and the matching of orders against bars. The engine is its only
 * caller. All prices are per unit in the quote currency; all bar indices are global (for
 * multi-asset runs every symbol's arrays are aligned on one timeline, NaN where a symbol has
 * no bar, and such a symbol is not tradable at that bar).
 *
 * Matching rules (README "Fill rules"; CONVENTIONS.md §2, §4, §8):
 * 1. Market orders placed at the close of bar t−1 fill at open[t], in placement order.
 *    With `fillAt: 'close'` they fill at the close of the bar they were placed on instead.
 * 2. Then stop-type orders active at t (stops, trailing stops, stop-limit triggers, stop-loss
 *    legs), in placement order: a bar that opens beyond the stop fills at the open, otherwise
 *    at the stop when the bar's range reaches it.
 * 3. Then limit-type orders (limits, take-profit legs, triggered stop-limits): at the limit or
 *    the better open. So when a stop-loss and a take-profit could both fill in one bar, the
 *    stop-loss fills and the take-profit is cancelled (pessimistic). Slippage never takes a
 *    limit-type fill beyond its limit price.
 * 4. Bracket legs are active from the bar after their entry filled. Trailing stops ratchet
 *    with each bar's high (long) or low (short) after that bar was matched; a trailing leg
 *    counts its entry bar only when the entry filled at that bar's open.
 * 5. Orders with a bar limit expire after their last eligible bar.
 * 6. Market-on-close orders (`market-on-close`, asked for with `atClose`) fill at the close of
 *    the bar they were placed on, after the strategy decided, in placement order; one whose
 *    symbol has no bar there expires. In close-fill mode plain market orders join them.
 *
 * Resting limit orders are kept in heaps keyed by limit price (one per side and symbol), so a
 * bar costs O(log n) per order it can fill, not a pass over every resting order; the orders it
 * reaches are still matched in placement order.
 */
import { DataError, InternalError } from '../errors.js';
import { OrderHeap } from './order-heap.js';
import { commissionOf, floorDivide, slippedPrice, type CommissionConfig } from './costs.js';
import { transition } from './order-state.js';
import type {
  ExitLevel,
  Fill,
  FillReason,
  OpenTrade,
  Order,
  OrderRecord,
  OrderStatus,
  RejectedOrder,
  Trade,
  TrailDistance,
} from './types.js';

/** backtesting.py's default `buy()` size, 1 − 2⁻⁵² (CONVENTIONS.md §7.1). */
export const ALL_IN_FRACTION = 1 - 2 ** -52;

/** Prices of one symbol on the run's timeline (NaN where it has no bar). */
export interface SymbolPrices {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
}

/** Account and cost settings of a run. */
export interface BrokerConfig {
  /** Starting cash [cash, > 0]. */
  readonly initialCash: number;
  readonly commission: CommissionConfig;
  /** Adverse slippage as a fraction of the reference price [fraction]. */
  readonly slippageRate: number;
  /** Allow fractional units; otherwise sizes are floored to whole units. */
  readonly fractional: boolean;
  /** `next-open`: market orders fill at the next bar's open; `close`: at the signal bar's close. */
  readonly fillAt: 'next-open' | 'close';
  /** Exits attached to every entry that has none of its own (`--stop-loss` etc.). */
  readonly defaultStopLoss: ExitLevel | undefined;
  readonly defaultTakeProfit: ExitLevel | undefined;
  readonly defaultTrailingStop: TrailDistance | undefined;
  /**
   * When the stop-loss and take-profit legs of an entry filled at a bar's open become active:
   * `next-bar` (default; backtrader's `buy_bracket`) or `entry-bar`, matched against the rest of
   * the entry bar (backtesting.py's `buy(sl=…, tp=…)`). Trailing legs always start next bar.
   */
  readonly bracketActivation?: 'next-bar' | 'entry-bar';
}

/** The order fields a caller provides; the broker assigns id, status and bar. */
export type OrderRequest = Omit<Order, 'id' | 'submittedBar'>;

interface WorkingOrder {
  readonly order: Order;
  readonly isBuy: boolean;
  /** First bar at which it may fill. */
  readonly activeFrom: number;
  /** Last bar at which it may fill (Infinity for good-till-cancelled). */
  readonly lastBar: number;
  status: OrderStatus;
  /** Bar of the last status change (fill, cancel, expiry, rejection). */
  closedBar: number | undefined;
  /** Why it was cancelled, expired or rejected. */
  reason: string | undefined;
  /** Current trailing-stop level [price]; NaN until set. */
  trailLevel: number;
  /** First bar whose range moves the trailing level. */
  trailFrom: number;
  /**
   * First bar at which a stop-limit works as a limit: Infinity until its stop triggers; the
   * trigger bar after a gap, else the bar after the trigger.
   */
  limitFrom: number;
}

interface Lot {
  readonly id: number;
  readonly symbol: number;
  /** +1 long, −1 short. */
  readonly sign: 1 | -1;
  quantity: number;
  readonly entryBar: number;
  readonly entryTime: number;
  readonly entryPrice: number;
  /** Entry commission of the remaining quantity [cash]. */
  entryCommission: number;
  /** Entry slippage of the remaining quantity [cash]. */
  entrySlippage: number;
  readonly tag: string | undefined;
  legs: WorkingOrder[];
}

const STOP_TYPES = new Set(['stop', 'trailing-stop']);

/**
 * An empty array already in V8's "objects" elements kind. A literal `[]` starts as small
 * integers and changes kind at its first push of an object; every run's new arrays did that
 * again, which threw away the broker's optimized code for the first runs of a process (more
 * runs on a busy or smaller machine, where recompiling waits longer for a free core). Starting
 * in the final kind keeps one optimized version from the first run on.
 */
function objectList<T>(): T[] {
  const list = [undefined] as unknown as T[];
  list.pop();
  return list;
}

/** Order book, account and positions of one run. */
export class Broker {
  readonly #config: BrokerConfig;
  readonly #prices: readonly SymbolPrices[];
  readonly #time: Float64Array;
  #cash: number;
  readonly #lastClose: Float64Array;
  /** Signed net quantity per symbol [units]. */
  readonly #net: Float64Array;
  readonly #lots: Lot[][];
  /** Pending orders other than plain limit orders, in placement order. */
  #pending: WorkingOrder[] = objectList();
  /**
   * Resting plain limit orders per symbol, keyed by limit price: buys highest limit first, sells
   * lowest first, so a bar reaches only the orders it can fill (a buy limit fills when the
   * bar's low is at or below it, a sell limit when the high is at or above it). Orders that left
   * the pending state (cancelled, expired) are dropped when they surface.
   */
  readonly #buyLimits: OrderHeap<WorkingOrder>[];
  readonly #sellLimits: OrderHeap<WorkingOrder>[];
  /** Limit orders with a bar limit, earliest last bar first, for expiry. */
  readonly #limitExpiry = new OrderHeap<WorkingOrder>((a, b) => a.lastBar < b.lastBar);
  /** Number of plain limit orders still pending. */
  #pendingLimits = 0;
  /** Plain limit orders in placement order, pending or closed since {@link pendingOrders} last pruned it. */
  #limitOrders: WorkingOrder[] = objectList();
  /** Every order ever placed, by id − 1 (ids are assigned in placement order from 1). */
  readonly #orders: WorkingOrder[] = objectList();
  readonly #fills: Fill[] = objectList();
  readonly #trades: Trade[] = objectList();
  readonly #rejected: RejectedOrder[] = objectList();
  #nextOrderId = 1;
  /** Market-on-close orders placed since the last {@link fillAtClose}. */
  #closeOrders = 0;
  /** Set when an order left the pending state since the pending list was last compacted. */
  #changed = false;
  #nextTradeId = 1;
  #commissionPaid = 0;
  #slippagePaid = 0;

  constructor(config: BrokerConfig, prices: readonly SymbolPrices[], time: Float64Array) {
    this.#config = config;
    this.#prices = prices;
    this.#time = time;
    this.#cash = config.initialCash;
    this.#lastClose = new Float64Array(prices.length).fill(NaN);
    this.#net = new Float64Array(prices.length);
    this.#lots = prices.map(() => objectList<Lot>());
    this.#buyLimits = prices.map(() => new OrderHeap<WorkingOrder>((a, b) => a.order.limitPrice! > b.order.limitPrice!));
    this.#sellLimits = prices.map(() => new OrderHeap<WorkingOrder>((a, b) => a.order.limitPrice! < b.order.limitPrice!));
  }

  /** True while any order is pending. */
  get hasPending(): boolean {
    return this.#pending.length > 0 || this.#pendingLimits > 0;
  }

  /** True when a market-on-close order waits for this bar's close ({@link fillAtClose}). */
  get hasCloseOrders(): boolean {
    return this.#closeOrders > 0;
  }

  /**
   * For a `symbol` with a market-on-close order pending (placed at `bar`, so it fills at this
   * close): places a close order for the position that order opens (opposite side, whole
   * position, sized when it fills at the next fill point). Returns its id, or -1 when no
   * market-on-close order for `symbol` is pending.
   */
  closeAfterMarketOnClose(symbol: number, bar: number, tag: string | undefined): number {
    if (this.#closeOrders === 0) return -1;
    const entry = this.#pending.find((w) => w.status === 'pending' && w.order.type === 'market-on-close' && w.order.symbol === symbol);
    if (entry === undefined) return -1;
    return this.submit(closeRequest(symbol, entry.isBuy ? 'sell' : 'buy', tag), bar).id;
  }

  get cash(): number {
    return this.#cash;
  }

  get commissionPaid(): number {
    return this.#commissionPaid;
  }

  get slippagePaid(): number {
    return this.#slippagePaid;
  }

  /** Signed net position of `symbol` [units]. */
  netQuantity(symbol: number): number {
    return this.#net[symbol];
  }

  /** Quantity-weighted entry price of `symbol`'s open trades; NaN when flat. */
  averagePrice(symbol: number): number {
    const lots = this.#lots[symbol];
    if (lots.length === 0) return NaN;
    let value = 0;
    let quantity = 0;
    for (const lot of lots) {
      value += lot.quantity * lot.entryPrice;
      quantity += lot.quantity;
    }
    return value / quantity;
  }

  /** Unrealized P&L of `symbol`'s open trades at its last close [cash]. */
  unrealizedPnl(symbol: number): number {
    const mark = this.#lastClose[symbol];
    let pnl = 0;
    for (const lot of this.#lots[symbol]) pnl += lot.sign * lot.quantity * (mark - lot.entryPrice);
    return pnl;
  }

  /** Pending orders, in placement order. */
  pendingOrders(): Order[] {
    const limits = (this.#limitOrders = this.#limitOrders.filter((w) => w.status === 'pending'));
    if (limits.length === 0) return this.#pending.filter((w) => w.status === 'pending').map((w) => w.order);
    // Merge the two lists, both in placement (id) order.
    const merged: Order[] = [];
    let j = 0;
    for (const working of this.#pending) {
      if (working.status !== 'pending') continue;
      while (j < limits.length && limits[j].order.id < working.order.id) merged.push(limits[j++].order);
      merged.push(working.order);
    }
    while (j < limits.length) merged.push(limits[j++].order);
    return merged;
  }

  /**
   * Marks equity at the close of `bar`: cash plus every position at its symbol's last close
   * [cash] (CONVENTIONS.md §5).
   */
  markEquity(bar: number): number {
    if (this.#prices.length === 1) {
      const close = this.#prices[0].close[bar];
      if (close === close) this.#lastClose[0] = close;
      const net = this.#net[0];
      return net === 0 ? this.#cash : this.#cash + net * this.#lastClose[0];
    }
    let equity = this.#cash;
    for (let s = 0; s < this.#prices.length; s++) {
      const close = this.#prices[s].close[bar];
      if (close === close) this.#lastClose[s] = close;
      const net = this.#net[s];
      if (net !== 0) equity += net * this.#lastClose[s];
    }
    return equity;
  }

  /**
   * Places an order at the close of `bar`. It is eligible from `bar + 1`, or at this bar's
   * close via {@link fillAtClose} for market-on-close orders (and market orders in close-fill
   * mode).
   */
  submit(request: OrderRequest, bar: number): Order {
    const order = makeOrder(request, this.#nextOrderId++, bar);
    if (order.type === 'market-on-close') this.#closeOrders++;
    this.#enqueue(order, bar + 1);
    return order;
  }

  /** Cancels a pending order; false when it is not pending. */
  cancel(orderId: number, bar: number, reason = 'cancelled by strategy'): boolean {
    const working = Number.isInteger(orderId) && orderId >= 1 ? this.#orders[orderId - 1] : undefined;
    if (working === undefined || working.status !== 'pending') return false;
    this.#close(working, 'canceled', bar, reason);
    this.#compact();
    return true;
  }

  /** Matches pending orders against bar `bar` (steps 1–5 of the file comment). */
  processBar(bar: number): void {
    const before = this.#pending;
    for (const working of before) {
      if (working.status === 'pending' && working.order.type === 'market' && working.activeFrom <= bar) {
        const open = this.#prices[working.order.symbol].open[bar];
        if (open === open) this.#execute(working, bar, open, 'signal');
      }
    }
    for (const working of this.#pending) {
      if (working.status !== 'pending' || working.activeFrom > bar) continue;
      const type = working.order.type;
      if (STOP_TYPES.has(type) || (type === 'stop-limit' && working.limitFrom === Infinity)) this.#matchStop(working, bar);
    }
    this.#limitPass(bar);
    this.#endOfBar(bar);
  }

  /**
   * Fills at the close of `bar` the market-on-close orders placed at `bar` (and, in close-fill
   * mode, the market orders placed at `bar`), in placement order. A market-on-close order
   * whose symbol has no bar at `bar` expires.
   */
  fillAtClose(bar: number): void {
    const closeMode = this.#config.fillAt === 'close';
    for (const working of this.#pending) {
      if (working.status !== 'pending' || working.order.submittedBar !== bar) continue;
      const type = working.order.type;
      if (type === 'market-on-close' || (closeMode && type === 'market')) {
        const close = this.#prices[working.order.symbol].close[bar];
        if (close === close) this.#execute(working, bar, close, 'signal', true);
        else if (type === 'market-on-close') this.#close(working, 'expired', bar, 'no bar to fill the market-on-close order at');
      }
    }
    this.#closeOrders = 0;
    this.#compact();
  }

  /**
   * Closes every open trade at the close of `bar` (`--close-at-end`), or at its open with
   * `price: 'open'` (backtesting.py's `finalize_trades`; the last close when the open is missing).
   */
  closeAllAt(bar: number, price: 'close' | 'open' = 'close'): void {
    for (let s = 0; s < this.#lots.length; s++) {
      const net = this.#net[s];
      if (net === 0) continue;
      const order = this.submit(closeRequest(s, net > 0 ? 'sell' : 'buy', 'end-of-data'), bar);
      const working = this.#pending.find((w) => w.order === order)!;
      const open = price === 'open' ? this.#prices[s].open[bar] : NaN;
      this.#execute(working, bar, open === open ? open : this.#lastClose[s], 'end-of-data', true);
    }
    this.#compact();
  }

  /** Everything the run produced, after the last bar. */
  snapshot(lastBar: number): {
    fills: Fill[];
    trades: Trade[];
    openTrades: OpenTrade[];
    rejectedOrders: RejectedOrder[];
    orders: OrderRecord[];
    cash: number;
  } {
    const openTrades: OpenTrade[] = [];
    for (const lots of this.#lots) {
      for (const lot of lots) {
        const mark = this.#lastClose[lot.symbol];
        openTrades.push({
          id: lot.id,
          symbol: lot.symbol,
          side: lot.sign > 0 ? 'long' : 'short',
          quantity: lot.quantity,
          entryBar: lot.entryBar,
          entryTime: lot.entryTime,
          entryPrice: lot.entryPrice,
          entryCommission: lot.entryCommission,
          markPrice: mark,
          unrealizedPnl: lot.sign * lot.quantity * (mark - lot.entryPrice),
          tag: lot.tag,
        });
      }
    }
    openTrades.sort((a, b) => a.id - b.id);
    const orders: OrderRecord[] = this.#orders.map((w) => ({
      order: w.order,
      status: w.status,
      closedBar: w.closedBar,
      reason: w.status === 'pending' ? `still pending after the last bar (${lastBar})` : w.reason,
    }));
    return {
      fills: this.#fills,
      trades: this.#trades,
      openTrades,
      rejectedOrders: this.#rejected,
      orders,
      cash: this.#cash,
    };
  }

  #enqueue(order: Order, activeFrom: number): WorkingOrder {
    const isBuy = order.side === 'buy';
    const lastBar = order.expiresAfterBars === undefined ? Infinity : order.submittedBar + order.expiresAfterBars;
    const working: WorkingOrder = {
      order,
      isBuy,
      activeFrom,
      lastBar,
      status: 'pending',
      closedBar: undefined,
      reason: undefined,
      trailLevel: NaN,
      trailFrom: activeFrom,
      limitFrom: Infinity,
    };
    if (order.type === 'trailing-stop' && order.trail !== undefined && order.parentTradeId === undefined) {
      const reference = this.#prices[order.symbol].close[order.submittedBar];
      working.trailLevel = trailLevel(order.trail, isBuy, reference);
    }
    this.#orders.push(working);
    if (order.type === 'limit') {
      this.#pendingLimits++;
      this.#limitOrders.push(working);
      this.#restLimit(working);
      if (lastBar !== Infinity) this.#limitExpiry.push(working);
    } else this.#pending.push(working);
    return working;
  }

  #close(working: WorkingOrder, status: OrderStatus, bar: number, reason: string | undefined): void {
    if (working.order.type === 'limit' && working.status === 'pending') this.#pendingLimits--;
    working.status = transition(working.order.id, working.status, status);
    working.closedBar = bar;
    working.reason = reason;
    this.#changed = true;
  }

  #reject(working: WorkingOrder, bar: number, reason: string): void {
    this.#close(working, 'rejected', bar, reason);
    this.#rejected.push({ order: working.order, bar, time: this.#time[bar], reason });
  }

  #matchStop(working: WorkingOrder, bar: number): void {
    const order = working.order;
    const prices = this.#prices[order.symbol];
    const open = prices.open[bar];
    if (open !== open) return;
    const stop = order.type === 'trailing-stop' ? working.trailLevel : order.stopPrice!;
    if (stop !== stop) return;
    let fillPrice: number;
    if (working.isBuy) {
      if (open >= stop) fillPrice = open;
      else if (prices.high[bar] >= stop) fillPrice = stop;
      else return;
    } else if (open <= stop) fillPrice = open;
    else if (prices.low[bar] <= stop) fillPrice = stop;
    else return;
    if (order.type === 'stop-limit') {
      const limit = order.limitPrice!;
      // Triggered at the open (gap): fill at the open if it satisfies the limit, else it rests
      // as a limit from the open on, and the limit pass of this bar may still fill it.
      // Triggered inside the bar at the stop: fill at the stop when the stop satisfies the
      // limit. Otherwise the limit lies beyond the stop, and the bar's range may have reached
      // it before the trigger; only a close at or beyond the limit proves the price crossed it
      // afterwards (fill at the limit), else it rests as a limit from the next bar.
      const atOpen = fillPrice === open;
      working.limitFrom = atOpen ? bar : bar + 1;
      const satisfies = working.isBuy ? fillPrice <= limit : fillPrice >= limit;
      if (satisfies) this.#execute(working, bar, fillPrice, 'signal');
      else if (!atOpen && (working.isBuy ? prices.close[bar] <= limit : prices.close[bar] >= limit)) {
        this.#execute(working, bar, limit, 'signal');
      }
      return;
    }
    const reason: FillReason =
      order.role === 'stop-loss' ? 'stop-loss' : order.type === 'trailing-stop' ? 'trailing-stop' : 'signal';
    this.#execute(working, bar, fillPrice, reason);
  }

  /**
   * Step 3: the limit-type orders that can fill at `bar` (resting limits the bar's range
   * reaches, from the price-keyed books, and triggered stop-limits), matched in placement order
   * as one pass over every pending order would. Those still pending afterwards (a symbol with
   * no bar) go back to their book.
   */
  #limitPass(bar: number): void {
    let candidates: WorkingOrder[] | undefined;
    if (this.#pendingLimits > 0) {
      for (let s = 0; s < this.#prices.length; s++) {
        const low = this.#prices[s].low[bar];
        const high = this.#prices[s].high[bar];
        const buys = this.#buyLimits[s];
        for (let top = buys.peek(); top !== undefined && (top.status !== 'pending' || top.order.limitPrice! >= low); top = buys.peek()) {
          buys.pop();
          if (top.status === 'pending') (candidates ??= []).push(top);
        }
        const sells = this.#sellLimits[s];
        for (let top = sells.peek(); top !== undefined && (top.status !== 'pending' || top.order.limitPrice! <= high); top = sells.peek()) {
          sells.pop();
          if (top.status === 'pending') (candidates ??= []).push(top);
        }
      }
    }
    for (const working of this.#pending) {
      if (working.status === 'pending' && working.order.type === 'stop-limit' && working.limitFrom <= bar && working.activeFrom <= bar) (candidates ??= []).push(working);
    }
    if (candidates === undefined) return;
    if (candidates.length > 1) candidates.sort((a, b) => a.order.id - b.order.id);
    for (const working of candidates) {
      if (working.status === 'pending' && working.activeFrom <= bar) this.#matchLimit(working, bar);
    }
    for (const working of candidates) if (working.status === 'pending' && working.order.type === 'limit') this.#restLimit(working);
  }

  /** Puts a pending plain limit order in its symbol's book (a NaN limit can never fill and rests nowhere). */
  #restLimit(working: WorkingOrder): void {
    const limit = working.order.limitPrice!;
    if (limit !== limit) return;
    (working.isBuy ? this.#buyLimits : this.#sellLimits)[working.order.symbol].push(working);
  }

  #matchLimit(working: WorkingOrder, bar: number): void {
    const order = working.order;
    const prices = this.#prices[order.symbol];
    const open = prices.open[bar];
    if (open !== open) return;
    const limit = order.limitPrice!;
    let fillPrice: number;
    if (working.isBuy) {
      if (open <= limit) fillPrice = open;
      else if (prices.low[bar] <= limit) fillPrice = limit;
      else return;
    } else if (open >= limit) fillPrice = open;
    else if (prices.high[bar] >= limit) fillPrice = limit;
    else return;
    this.#execute(working, bar, fillPrice, order.role === 'take-profit' ? 'take-profit' : 'signal');
  }

  #endOfBar(bar: number): void {
    for (const working of this.#pending) {
      if (working.status !== 'pending') continue;
      const order = working.order;
      if (order.type === 'trailing-stop' && bar >= working.trailFrom && order.trail !== undefined) {
        const prices = this.#prices[order.symbol];
        const extreme = working.isBuy ? prices.low[bar] : prices.high[bar];
        if (extreme === extreme) {
          const level = trailLevel(order.trail, working.isBuy, extreme);
          if (working.trailLevel !== working.trailLevel) working.trailLevel = level;
          else working.trailLevel = working.isBuy ? Math.min(working.trailLevel, level) : Math.max(working.trailLevel, level);
        }
      }
      if (bar >= working.lastBar) this.#close(working, 'expired', bar, `not filled within ${order.expiresAfterBars} bars`);
    }
    const expiry = this.#limitExpiry;
    for (let top = expiry.peek(); top !== undefined && (top.status !== 'pending' || bar >= top.lastBar); top = expiry.peek()) {
      expiry.pop();
      if (top.status === 'pending') this.#close(top, 'expired', bar, `not filled within ${top.order.expiresAfterBars} bars`);
    }
    this.#compact();
  }

  /** Drops orders that are no longer pending from the pending list. */
  #compact(): void {
    if (!this.#changed) return;
    this.#pending = this.#pending.filter((w) => w.status === 'pending');
    this.#changed = false;
  }

  /** Equity with `symbol` marked at `price` and the others at their last close [cash]. */
  #equityAt(symbol: number, price: number): number {
    let equity = this.#cash;
    for (let s = 0; s < this.#net.length; s++) {
      const net = this.#net[s];
      if (net !== 0) equity += net * (s === symbol ? price : this.#lastClose[s]);
    }
    return equity;
  }

  /** Equity not tied up in open positions (leverage 1) [cash]. */
  #available(symbol: number, price: number): number {
    let used = 0;
    for (let s = 0; s < this.#net.length; s++) {
      const net = this.#net[s];
      if (net !== 0) used += Math.abs(net) * (s === symbol ? price : this.#lastClose[s]);
    }
    return Math.max(0, this.#equityAt(symbol, price) - used);
  }

  #roundUnits(quantity: number): number {
    return this.#config.fractional ? quantity : Math.floor(quantity + 1e-9);
  }

  /**
   * Fills `working` at `reference` (before slippage) on `bar`, or rejects it. Resolves the
   * size, closes opposite trades first (FIFO, or the parent trade for bracket legs), then
   * opens a new trade with the remainder after checking that cash covers it.
   */
  #execute(working: WorkingOrder, bar: number, reference: number, reason: FillReason, atClose = false): void {
    const order = working.order;
    const symbol = order.symbol;
    const isBuy = working.isBuy;
    const sign = isBuy ? 1 : -1;
    let price = slippedPrice(this.#config.slippageRate, isBuy, reference);
    // A limit is a promise: slippage never takes a limit-type fill (limit, take-profit,
    // stop-limit) beyond its limit price.
    const limit = order.limitPrice;
    if (limit !== undefined && (isBuy ? price > limit : price < limit)) price = limit;
    const net = this.#net[symbol];
    const opposite = net !== 0 && Math.sign(net) !== sign;
    const config = this.#config;

    let quantity: number;
    const sizing = order.sizing;
    switch (sizing.kind) {
      case 'units':
        quantity = this.#roundUnits(sizing.units);
        break;
      case 'close': {
        if (order.parentTradeId !== undefined) {
          const lot = this.#lots[symbol].find((l) => l.id === order.parentTradeId);
          quantity = lot === undefined ? 0 : lot.quantity;
        } else quantity = opposite ? Math.abs(net) : 0;
        if (quantity === 0) {
          this.#close(working, 'canceled', bar, 'no position to close');
          return;
        }
        break;
      }
      case 'fraction': {
        // backtesting.py 0.6.6 `_process_orders`: size = (margin_available × f) // (p + (f·p·rate)/f)
        const f = sizing.fraction;
        const perUnit = price + (f * price * config.commission.rate) / f;
        const budget = this.#available(symbol, price) * f - config.commission.fixed;
        quantity = config.fractional ? budget / perUnit : floorDivide(budget, perUnit);
        break;
      }
      case 'capped-units': {
        const perUnit = price * (1 + config.commission.rate);
        const budget = this.#available(symbol, price) + (opposite ? Math.abs(net) * price : 0) - config.commission.fixed;
        const affordable = config.fractional ? budget / perUnit : floorDivide(budget, perUnit);
        quantity = this.#roundUnits(Math.min(sizing.units, Math.max(0, affordable)));
        if (!(quantity > 0)) {
          this.#reject(working, bar, `insufficient cash: available ${round2(budget + config.commission.fixed)} pays for no unit at ${price} plus commission`);
          return;
        }
        break;
      }
      case 'cash': {
        const perUnit = price * (1 + config.commission.rate);
        const budget = sizing.cash - config.commission.fixed;
        quantity = config.fractional ? budget / perUnit : floorDivide(budget, perUnit);
        break;
      }
      case 'risk': {
        const stopLoss = order.stopLoss ?? config.defaultStopLoss;
        const stopPrice = stopLoss === undefined ? NaN : exitPrice(stopLoss, isBuy, price, 'stop-loss');
        // The stop must lie on the losing side, or the "risk" is not a loss and the size is meaningless.
        const distance = isBuy ? price - stopPrice : stopPrice - price;
        if (!(distance > 0)) {
          const reason =
            stopLoss === undefined
              ? 'risk sizing needs a stop-loss (stopLossPrice, stopLossFraction or a run default)'
              : `risk sizing needs a stop-loss ${isBuy ? 'below' : 'above'} the fill price ${price}, got ${stopPrice}`;
          this.#reject(working, bar, reason);
          return;
        }
        const budget = this.#equityAt(symbol, price) * sizing.riskFraction;
        quantity = this.#roundUnits(budget / distance);
        break;
      }
    }
    if (order.reduceOnly) {
      if (!opposite && order.parentTradeId === undefined) {
        this.#close(working, 'canceled', bar, 'no position to reduce');
        return;
      }
      quantity = Math.min(quantity, Math.abs(net));
    }
    if (quantity === Infinity || quantity === -Infinity) {
      throw new DataError('BT_NON_FINITE', `the size of order ${order.id} at bar ${bar} is not a finite number of units (price ${price})`, {
        hint: 'prices and sizes are too extreme for exact arithmetic; keep prices above 1e-6 and cash within 1e-6 … 1e15',
      });
    }
    if (!(quantity > 0)) {
      this.#reject(working, bar, `size rounds to ${quantity > 0 ? quantity : 0} units at price ${price}`);
      return;
    }

    const closing = opposite ? Math.min(quantity, Math.abs(net)) : 0;
    const opening = quantity - closing;
    const totalCommission = commissionOf(config.commission, quantity, price);
    if (opening > 0) {
      // Leverage 1: the new exposure and the fill's commission (one fee, also when the fill
      // closes a position first) must be covered by equity that is not already tied up, after
      // the closing part has released its value.
      const available = this.#available(symbol, price) + closing * price;
      const cost = opening * price + totalCommission;
      if (cost > available * (1 + 1e-12) + 1e-9) {
        this.#reject(
          working,
          bar,
          `insufficient cash: ${opening} units at ${price} plus commission need ${round2(cost)}, available ${round2(available)}`,
        );
        return;
      }
    }

    this.#close(working, 'filled', bar, undefined);
    const time = this.#time[bar];
    const slippagePerUnit = Math.abs(price - reference);
    let remaining = closing;
    let commissionShareLeft = totalCommission;
    const closedLots: Lot[] = [];
    if (closing > 0) {
      const lots = this.#lots[symbol];
      const ordered =
        order.parentTradeId !== undefined ? lots.filter((l) => l.id === order.parentTradeId) : lots.slice();
      for (const lot of ordered) {
        if (remaining <= 0) break;
        const part = Math.min(remaining, lot.quantity);
        const exitCommission = quantity === part ? totalCommission : (totalCommission * part) / quantity;
        commissionShareLeft -= exitCommission;
        this.#closeLot(lot, part, price, reference, exitCommission, part * slippagePerUnit, bar, time, reason, order.id);
        if (lot.quantity === 0) closedLots.push(lot);
        remaining -= part;
      }
      this.#lots[symbol] = lots.filter((l) => l.quantity > 0);
    }
    for (const lot of closedLots) this.#cancelLegs(lot, bar);
    if (opening > 0) {
      const entryCommission = closing === 0 ? totalCommission : commissionShareLeft;
      this.#openLot(order, sign, opening, price, reference, entryCommission, opening * slippagePerUnit, bar, time, atClose);
    }
  }

  #closeLot(
    lot: Lot,
    quantity: number,
    price: number,
    reference: number,
    exitCommission: number,
    exitSlippage: number,
    bar: number,
    time: number,
    reason: FillReason,
    orderId: number,
  ): void {
    const share = quantity === lot.quantity ? 1 : quantity / lot.quantity;
    const entryCommission = share === 1 ? lot.entryCommission : lot.entryCommission * share;
    const entrySlippage = share === 1 ? lot.entrySlippage : lot.entrySlippage * share;
    if (lot.sign > 0) this.#cash += quantity * price - exitCommission;
    else this.#cash -= quantity * price + exitCommission;
    this.#net[lot.symbol] -= lot.sign * quantity;
    if (Math.abs(this.#net[lot.symbol]) < 1e-12) this.#net[lot.symbol] = 0;
    this.#commissionPaid += exitCommission;
    this.#slippagePaid += exitSlippage;
    const grossPnl = lot.sign * quantity * (price - lot.entryPrice);
    const commission = entryCommission + exitCommission;
    this.#fills.push({
      orderId,
      symbol: lot.symbol,
      tradeId: lot.id,
      bar,
      time,
      side: lot.sign > 0 ? 'sell' : 'buy',
      quantity,
      referencePrice: reference,
      price,
      slippage: exitSlippage,
      commission: exitCommission,
      reason,
    });
    this.#trades.push({
      id: lot.id,
      symbol: lot.symbol,
      side: lot.sign > 0 ? 'long' : 'short',
      quantity,
      entryBar: lot.entryBar,
      entryTime: lot.entryTime,
      entryPrice: lot.entryPrice,
      exitBar: bar,
      exitTime: time,
      exitPrice: price,
      grossPnl,
      commission,
      slippage: entrySlippage + exitSlippage,
      pnl: grossPnl - commission,
      netReturn: lot.sign * (price / lot.entryPrice - 1) - commission / (quantity * lot.entryPrice),
      barsHeld: bar - lot.entryBar,
      exitReason: reason,
      tag: lot.tag,
    });
    lot.quantity -= quantity;
    if (lot.quantity < 1e-12) lot.quantity = 0;
    lot.entryCommission -= entryCommission;
    lot.entrySlippage -= entrySlippage;
  }

  #openLot(
    order: Order,
    sign: 1 | -1,
    quantity: number,
    price: number,
    reference: number,
    commission: number,
    slippage: number,
    bar: number,
    time: number,
    atClose: boolean,
  ): void {
    if (sign > 0) this.#cash -= quantity * price + commission;
    else this.#cash += quantity * price - commission;
    this.#net[order.symbol] += sign * quantity;
    this.#commissionPaid += commission;
    this.#slippagePaid += slippage;
    const lot: Lot = {
      id: this.#nextTradeId++,
      symbol: order.symbol,
      sign,
      quantity,
      entryBar: bar,
      entryTime: time,
      entryPrice: price,
      entryCommission: commission,
      entrySlippage: slippage,
      tag: order.tag,
      legs: objectList(),
    };
    this.#lots[order.symbol].push(lot);
    this.#fills.push({
      orderId: order.id,
      symbol: order.symbol,
      tradeId: lot.id,
      bar,
      time,
      side: order.side,
      quantity,
      referencePrice: reference,
      price,
      slippage,
      commission,
      reason: 'signal',
    });
    if (order.reduceOnly) throw new InternalError('BT_REDUCE_ONLY_OPENED', `reduce-only order ${order.id} opened a trade`);
    // The entry bar's high (low) came after the fill only when the fill was at its open.
    const isAtOpen = !atClose && reference === this.#prices[order.symbol].open[bar];
    this.#attachLegs(order, lot, bar, isAtOpen);
  }

  /**
   * Attaches the entry's stop-loss / take-profit / trailing stop (or the run defaults). A
   * trailing leg ratchets with the entry bar's range only when the entry filled at its open.
   */
  #attachLegs(order: Order, lot: Lot, bar: number, isAtOpen: boolean): void {
    const config = this.#config;
    const stopLoss = order.stopLoss ?? config.defaultStopLoss;
    const takeProfit = order.takeProfit ?? config.defaultTakeProfit;
    const trailing = order.trailingStop ?? config.defaultTrailingStop;
    if (stopLoss === undefined && takeProfit === undefined && trailing === undefined) return;
    const exitSide = lot.sign > 0 ? 'sell' : 'buy';
    const isLong = lot.sign > 0;
    const base: OrderRequest = {
      symbol: lot.symbol,
      side: exitSide,
      type: 'stop',
      sizing: { kind: 'close' },
      limitPrice: undefined,
      stopPrice: undefined,
      trail: undefined,
      timeInForce: 'gtc',
      expiresAfterBars: undefined,
      reduceOnly: true,
      parentTradeId: lot.id,
      role: undefined,
      stopLoss: undefined,
      takeProfit: undefined,
      trailingStop: undefined,
      tag: order.tag,
    };
    const sameBar = isAtOpen && config.bracketActivation === 'entry-bar';
    const legOrder = (request: OrderRequest): WorkingOrder => {
      const leg = makeOrder(request, this.#nextOrderId++, bar);
      const working = this.#enqueue(leg, sameBar && request.type !== 'trailing-stop' ? bar : bar + 1);
      return working;
    };
    if (stopLoss !== undefined) {
      const stopPrice = exitPrice(stopLoss, isLong, lot.entryPrice, 'stop-loss');
      lot.legs.push(legOrder({ ...base, type: 'stop', stopPrice, role: 'stop-loss' }));
    }
    if (takeProfit !== undefined) {
      const limitPrice = exitPrice(takeProfit, isLong, lot.entryPrice, 'take-profit');
      lot.legs.push(legOrder({ ...base, type: 'limit', limitPrice, role: 'take-profit' }));
    }
    if (trailing !== undefined) {
      const working = legOrder({ ...base, type: 'trailing-stop', trail: trailing, role: 'trailing-stop' });
      working.trailLevel = trailLevel(trailing, !isLong, lot.entryPrice);
      working.trailFrom = isAtOpen ? bar : bar + 1;
      lot.legs.push(working);
    }
  }

  #cancelLegs(lot: Lot, bar: number): void {
    for (const leg of lot.legs) {
      if (leg.status === 'pending') this.#close(leg, 'canceled', bar, `trade ${lot.id} closed (one-cancels-other)`);
    }
    lot.legs = objectList();
  }
}

/** Builds an order with one fixed object shape (fast property access in the matching loops). */
function makeOrder(request: OrderRequest, id: number, submittedBar: number): Order {
  return {
    id,
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    sizing: request.sizing,
    limitPrice: request.limitPrice,
    stopPrice: request.stopPrice,
    trail: request.trail,
    timeInForce: request.timeInForce,
    expiresAfterBars: request.expiresAfterBars,
    submittedBar,
    reduceOnly: request.reduceOnly,
    parentTradeId: request.parentTradeId,
    role: request.role,
    stopLoss: request.stopLoss,
    takeProfit: request.takeProfit,
    trailingStop: request.trailingStop,
    tag: request.tag,
  };
}

/** Price of an attached exit for a trade entered at `entry` (long when `isLong`). */
export function exitPrice(level: ExitLevel, isLong: boolean, entry: number, role: 'stop-loss' | 'take-profit'): number {
  if ('price' in level) return level.price;
  const away = role === 'stop-loss' ? (isLong ? -1 : 1) : isLong ? 1 : -1;
  return entry * (1 + away * level.fraction);
}

/** Trailing-stop level for an order on side `isBuy` from the best price `reference`. */
function trailLevel(trail: TrailDistance, isBuy: boolean, reference: number): number {
  if ('fraction' in trail) return isBuy ? reference * (1 + trail.fraction) : reference * (1 - trail.fraction);
  return isBuy ? reference + trail.amount : reference - trail.amount;
}

function round2(value: number): string {
  return value.toFixed(2);
}

/** A market order that closes the whole position of `symbol` when it fills (reduce-only). */
export function closeRequest(symbol: number, side: 'buy' | 'sell', tag: string | undefined): OrderRequest {
  return {
    symbol,
    side,
    type: 'market',
    sizing: { kind: 'close' },
    limitPrice: undefined,
    stopPrice: undefined,
    trail: undefined,
    timeInForce: 'gtc',
    expiresAfterBars: undefined,
    reduceOnly: true,
    parentTradeId: undefined,
    role: undefined,
    stopLoss: undefined,
    takeProfit: undefined,
    trailingStop: undefined,
    tag,
  };
}
