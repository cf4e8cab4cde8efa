/**
 * The strategy API: `defineStrategy({ name, description, category, tags, params, init, next })`.
 *
 * A strategy learns two verbs (backtesting.py's model): `init(ctx)` runs once before the first
 * bar, computes indicators over the whole series and registers them with `ctx.indicator`; it
 * returns the strategy's state (usually the registered views). `next(ctx, state)` runs at the
 * close of every bar from the first decision bar on (1 + the longest indicator warm-up) and
 * may place orders, which fill at the next bar's open (or as their type says).
 */
import type { BarSeries } from '../data/bar-series.js';
import type { HigherTimeframe } from '../data/timeframe.js';
import type { Order } from '../engine/types.js';
import type { ParamSchema, ParamValues } from './params.js';
import type { SeriesView } from './series-view.js';

/** Options of `ctx.indicator`. */
export interface IndicatorOptions {
  /**
   * Leading bars without a value [bars]. Default: the number of leading NaNs in `values`.
   * The first decision bar is 1 + the largest warm-up of all registered indicators.
   */
  readonly warmup?: number;
  /** Draw it on the price chart of reports (true) or not (false). Default true. */
  readonly overlay?: boolean;
}

/** What `init` sees: the whole series (init runs once, before the first bar). */
export interface InitContext<P> {
  /** Resolved parameter values. */
  readonly params: P;
  /** Symbol of the traded series. */
  readonly symbol: string;
  /** The full bar series (all bars). */
  readonly bars: BarSeries;
  /** Full-length columns, for indicator computation in `init` only. */
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /** Bar times [UTC epoch ms]. */
  readonly time: Float64Array;
  /**
   * Registers a full-length causal series (value at t computed from bars ≤ t only) and
   * returns its view for `next`. Its warm-up counts towards the first decision bar.
   * @throws StrategyError if `values.length` differs from the number of bars.
   */
  indicator(name: string, values: Float64Array, options?: IndicatorOptions): SeriesView;
  /** IANA zone of the run (`--tz`), `UTC` by default. */
  readonly timeZone: string;
  /**
   * Session of a bar time: its local calendar day in the run's zone [days since 1970-01-01].
   * Bars with equal numbers belong to the same trading day.
   */
  session(time: number): number;
  /**
   * A higher timeframe of the same bars (`'4h'`, `'1d'`, `'1w'`, `'1M'`; buckets in the run's
   * zone), mapped onto these bars without look-ahead: a higher-timeframe bar's values appear
   * only from the base bar at whose close it is complete. `.close` etc. are full-length (NaN
   * before the first complete bar); `.map(values)` spreads a series computed on `.bars`
   * (e.g. `sma(daily.bars.close, 20)`) the same way. Register them with `ctx.indicator`.
   * @throws UsageError `BT_BAD_TIMEFRAME`, `BT_TIMEFRAME_TOO_FINE`.
   */
  timeframe(timeframe: string): HigherTimeframe;
}

/** The net position in the traded symbol, as it stands after this bar's fills. */
export interface PositionView {
  readonly side: 'long' | 'short' | 'flat';
  /** Absolute size [units, ≥ 0]. */
  readonly quantity: number;
  /** Positive when long, negative when short [units]. */
  readonly signedQuantity: number;
  /** Quantity-weighted entry price of the open trades [price]; NaN when flat. */
  readonly averagePrice: number;
  /** Mark-to-market P&L of the open trades at this bar's close [cash]. */
  readonly unrealizedPnl: number;
  readonly isLong: boolean;
  readonly isShort: boolean;
  readonly isFlat: boolean;
}

/**
 * Options of `ctx.buy` / `ctx.sell`. Sizing takes at most one of `quantity`, `fraction`,
 * `cash`, `riskFraction`; with none, the run's default sizing applies (all-in unless
 * `--size`/`--size-fraction`). The order type follows from the prices given: none → market;
 * `limitPrice` → limit; `stopPrice` → stop; both → stop-limit; `trailFraction` or
 * `trailAmount` → trailing stop; `atClose: true` → market-on-close.
 */
export interface OrderOptions {
  /** Fixed size [units, > 0]. */
  readonly quantity?: number;
  /** Fraction of available equity [0 < f ≤ 1], sized at the fill price (backtesting.py's rule). */
  readonly fraction?: number;
  /** Cash to commit, commission included [cash]. */
  readonly cash?: number;
  /** Fraction of equity lost if the stop-loss is hit [fraction]; needs a stop-loss. */
  readonly riskFraction?: number;
  /** Limit price [price]: buy at or below, sell at or above. */
  readonly limitPrice?: number;
  /** Stop (trigger) price [price]: buy at or above, sell at or below. */
  readonly stopPrice?: number;
  /** Trailing stop distance as a fraction of the best price since submission. */
  readonly trailFraction?: number;
  /** Trailing stop distance [price]. */
  readonly trailAmount?: number;
  /** Attach a stop-loss at this price [price]. */
  readonly stopLossPrice?: number;
  /** Attach a stop-loss this fraction away from the entry fill price. */
  readonly stopLossFraction?: number;
  /** Attach a take-profit at this price [price]. */
  readonly takeProfitPrice?: number;
  /** Attach a take-profit this fraction away from the entry fill price. */
  readonly takeProfitFraction?: number;
  /** Attach a trailing stop this fraction below (long) / above (short) the best price. */
  readonly trailingStopFraction?: number;
  /** Attach a trailing stop at this price distance. */
  readonly trailingStopAmount?: number;
  /** Cancel the order if unfilled after this many bars [bars]; default good-till-cancelled. */
  readonly expiresAfterBars?: number;
  /**
   * Market-on-close: fill at the close of this bar (the bar the strategy decides at) instead
   * of the next bar's open, e.g. to buy the close and sell the next open. Market orders only
   * (no limit, stop or trail prices, no `expiresAfterBars`); sized at the close like any fill;
   * attached exits work from the next bar. Default false: the run's fill rule (`--fill`).
   */
  readonly atClose?: boolean;
  /** Free-form label carried to fills and trades. */
  readonly tag?: string;
}

/** Options of `ctx.closePosition`. */
export interface CloseOptions {
  readonly tag?: string;
}

/** What `next` sees at the close of bar `ctx.bar`. */
export interface StrategyContext<P> {
  /** Index of the current bar. */
  readonly bar: number;
  /** Index of the last bar of the data (orders placed there never fill). */
  readonly lastBar: number;
  /** Current bar's open time [UTC epoch ms]. */
  readonly time: number;
  readonly symbol: string;
  readonly params: P;
  readonly open: SeriesView;
  readonly high: SeriesView;
  readonly low: SeriesView;
  readonly close: SeriesView;
  readonly volume: SeriesView;
  readonly position: PositionView;
  /** Cash [cash]. */
  readonly cash: number;
  /** Cash plus open positions marked at this bar's close [cash]. */
  readonly equity: number;
  /** Orders not yet filled, cancelled or expired. */
  readonly pendingOrders: readonly Order[];
  /** Places a buy order; returns its id. @throws StrategyError for contradictory options. */
  buy(options?: OrderOptions): number;
  /** Places a sell (or sell-short) order; returns its id. */
  sell(options?: OrderOptions): number;
  /**
   * Closes the whole position with a market order at the next fill point (its size is taken
   * when it fills). Returns the order id, or -1 when flat, unless a market-on-close order
   * placed at this bar is pending: then the order closes the position that order opens (at the
   * next open, or at this close in close-fill mode).
   */
  closePosition(options?: CloseOptions): number;
  /** Cancels a pending order; returns false if it was not pending. */
  cancel(orderId: number): boolean;
  /** Adds a message to the run's log (kept in the result, printed with `--debug`). */
  log(message: string): void;
}

/** A strategy: its metadata, parameter schema and two verbs. */
export interface Strategy<S extends ParamSchema = ParamSchema, State = unknown> {
  /** Kebab-case name used on the command line (`sma-cross`). */
  readonly name: string;
  /** One line for `bt strategies`. */
  readonly description: string;
  /**
   * Family for `bt strategies`: one of `STRATEGY_FAMILIES` (`trend`, `mean-reversion`,
   * `momentum`, `volatility`, `pattern`, `calendar`, `multi-factor`, `benchmark`) for the
   * built-ins; a user file may name its own (default `other`).
   */
  readonly category: string;
  /** Lower kebab-case keywords for `bt strategies --tag` (`crossover`, `rsi`, `long-short`); default none. */
  readonly tags: readonly string[];
  readonly params: S;
  /**
   * Checks a combination of parameter values (e.g. `fast < slow`); returns a message saying
   * what is wrong, or undefined when valid. Bad combinations are usage errors (exit 2).
   */
  readonly validate?: (params: ParamValues<S>) => string | undefined;
  /** Runs once; compute indicators over the whole series and return the state. */
  init(ctx: InitContext<ParamValues<S>>): State;
  /** Runs at the close of each bar from the first decision bar on. */
  next(ctx: StrategyContext<ParamValues<S>>, state: State): void;
}

/**
 * Declares a strategy. Returns it unchanged, typed: `ctx.params` gets each parameter's type
 * (enums as string unions), and `state` flows from `init` to `next`.
 * @throws StrategyError (via the loader) when a field is missing; validated at load time.
 */
export function defineStrategy<const S extends ParamSchema, State>(definition: {
  readonly name: string;
  readonly description: string;
  readonly category?: string;
  readonly tags?: readonly string[];
  readonly params: S;
  readonly validate?: (params: ParamValues<S>) => string | undefined;
  init(ctx: InitContext<ParamValues<S>>): State;
  next(ctx: StrategyContext<ParamValues<S>>, state: State): void;
}): Strategy<S, State> {
  return { category: 'other', tags: [], ...definition };
}
