/**
 * Domain types of the engine: orders, fills, trades, positions and the run result.
 * Units: prices in the data's quote currency, quantities in units, money in cash, times in
 * UTC epoch ms, bars as 0-based indices into the series, ratios as fractions (0.05 = 5 %).
 */

/** Direction of an order. */
export type OrderSide = 'buy' | 'sell';

/**
 * How an order is matched against bars. `market-on-close` fills at the close of the bar it
 * was placed on (the decision bar), whatever the run's `fillAt`; the strategy asks for it
 * explicitly (`atClose: true`).
 */
export type OrderType = 'market' | 'market-on-close' | 'limit' | 'stop' | 'stop-limit' | 'trailing-stop';

/** Life-cycle state; every change goes through `order-state.ts`. */
export type OrderStatus = 'pending' | 'filled' | 'canceled' | 'rejected' | 'expired';

/** Why a fill happened. */
export type FillReason = 'signal' | 'stop-loss' | 'take-profit' | 'trailing-stop' | 'end-of-data';

/** Role of an order attached to a trade (a bracket leg). */
export type OrderRole = 'stop-loss' | 'take-profit' | 'trailing-stop';

/** Time in force: good till cancelled, or expire after `expiresAfterBars` bars. */
export type TimeInForce = 'gtc' | 'bars';

/**
 * How many units an order trades. Exactly one form; resolved to whole units (or fractional
 * units with `--fractional`) when the order fills, at the fill price.
 *
 * - `units`: a fixed quantity [units, > 0].
 * - `fraction`: a fraction of available equity (equity less the value of open positions)
 *   [fraction, 0 < f ≤ 1], sized with backtesting.py's formula (CONVENTIONS.md §7.1).
 * - `cash`: an amount of cash to spend including commission [cash].
 * - `risk`: a fraction of equity to lose if the stop-loss is hit [fraction]; needs a stop-loss.
 * - `close`: the whole current position (quantity fixed at fill time).
 * - `capped-units`: up to `units`, fewer when the equity not tied up in positions does not
 *   pay for them at the fill price, commission included: min(units, ⌊(available − fixed) /
 *   (price × (1 + rate))⌋) (exact with `--fractional`). Used by portfolio rebalancing buys.
 */
export type Sizing =
  | { readonly kind: 'units'; readonly units: number }
  | { readonly kind: 'capped-units'; readonly units: number }
  | { readonly kind: 'fraction'; readonly fraction: number }
  | { readonly kind: 'cash'; readonly cash: number }
  | { readonly kind: 'risk'; readonly riskFraction: number }
  | { readonly kind: 'close' };

/**
 * Price level for an attached exit: an absolute price [price], or a distance from the entry
 * fill price as a fraction of it (`fraction: 0.02` = 2 % away; below the fill for a long's
 * stop-loss, above it for a long's take-profit, mirrored for shorts).
 */
export type ExitLevel = { readonly price: number } | { readonly fraction: number };

/**
 * Trailing distance from the best price since activation: a fraction of that price
 * (`fraction: 0.03` = 3 %) or an absolute distance [price].
 */
export type TrailDistance = { readonly fraction: number } | { readonly amount: number };

/** An instruction to the broker. Immutable apart from `status` and trailing state. */
export interface Order {
  readonly id: number;
  /** Index of the symbol in the run's symbol list (0 for single-asset runs). */
  readonly symbol: number;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly sizing: Sizing;
  readonly limitPrice: number | undefined;
  readonly stopPrice: number | undefined;
  readonly trail: TrailDistance | undefined;
  readonly timeInForce: TimeInForce;
  readonly expiresAfterBars: number | undefined;
  /** Bar whose close the order was submitted at; it is eligible from bar `submittedBar + 1`. */
  readonly submittedBar: number;
  /** Only reduces an open position (exits, bracket legs); never opens or reverses one. */
  readonly reduceOnly: boolean;
  /** For bracket legs: the trade they protect. */
  readonly parentTradeId: number | undefined;
  readonly role: OrderRole | undefined;
  /** Exits to attach to the trade this order opens. */
  readonly stopLoss: ExitLevel | undefined;
  readonly takeProfit: ExitLevel | undefined;
  readonly trailingStop: TrailDistance | undefined;
  readonly tag: string | undefined;
}

/** An execution of (part of) an order. */
export interface Fill {
  readonly orderId: number;
  readonly symbol: number;
  /** Trade opened or closed by this fill. */
  readonly tradeId: number;
  readonly bar: number;
  readonly time: number;
  readonly side: OrderSide;
  readonly quantity: number;
  /** Price before slippage: the open, the close, or the stop/limit level. */
  readonly referencePrice: number;
  /** Executed price after slippage. */
  readonly price: number;
  /** Cost of slippage [cash, ≥ 0]. */
  readonly slippage: number;
  readonly commission: number;
  readonly reason: FillReason;
}

/** A closed round trip from entry to exit. */
export interface Trade {
  readonly id: number;
  readonly symbol: number;
  readonly side: 'long' | 'short';
  readonly quantity: number;
  readonly entryBar: number;
  readonly entryTime: number;
  readonly entryPrice: number;
  readonly exitBar: number;
  readonly exitTime: number;
  readonly exitPrice: number;
  /** sign × quantity × (exitPrice − entryPrice) [cash]. */
  readonly grossPnl: number;
  /** Entry plus exit commission [cash]. */
  readonly commission: number;
  /** Entry plus exit slippage [cash]. */
  readonly slippage: number;
  /** grossPnl − commission [cash]. */
  readonly pnl: number;
  /**
   * sign × (exitPrice / entryPrice − 1) − commission / (quantity × entryPrice) [fraction];
   * backtesting.py's `ReturnPct`.
   */
  readonly netReturn: number;
  readonly barsHeld: number;
  readonly exitReason: FillReason;
  readonly tag: string | undefined;
}

/** A trade still open after the last bar, marked at the last close. */
export interface OpenTrade {
  readonly id: number;
  readonly symbol: number;
  readonly side: 'long' | 'short';
  readonly quantity: number;
  readonly entryBar: number;
  readonly entryTime: number;
  readonly entryPrice: number;
  readonly entryCommission: number;
  readonly markPrice: number;
  /** sign × quantity × (markPrice − entryPrice) [cash]. */
  readonly unrealizedPnl: number;
  readonly tag: string | undefined;
}

/** An order the broker could not execute, with the bar and the reason. */
export interface RejectedOrder {
  readonly order: Order;
  readonly bar: number;
  readonly time: number;
  readonly reason: string;
}

/** An order with its final status, for `orders.csv`. */
export interface OrderRecord {
  readonly order: Order;
  readonly status: OrderStatus;
  /** Bar at which the status was last changed (fill, cancel, expiry, rejection). */
  readonly closedBar: number | undefined;
  readonly reason: string | undefined;
}

/** A message logged by the strategy with `ctx.log`. */
export interface LogEntry {
  readonly bar: number;
  readonly time: number;
  readonly message: string;
}
