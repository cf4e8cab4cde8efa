/**
 * The portfolio strategy API: `definePortfolioStrategy({ name, description, params, init, next })`.
 *
 * Same two verbs as a single-asset strategy (`init` once over the whole data, `next` at each
 * close), but over several symbols on one timeline (the union of their timestamps) and one
 * account: `ctx.symbols`, `ctx.data(symbol)` for a symbol's series and indicators,
 * `ctx.position(symbol)`, `ctx.isTradable(symbol)`, orders that name their symbol, and
 * `ctx.rebalance(targets)` for target weights. The returned object carries `kind: 'portfolio'`
 * so the CLI can tell it from a single-asset strategy.
 */
import type { BarSeries } from '../data/bar-series.js';
import type { HigherTimeframe } from '../data/timeframe.js';
import type { Order } from '../engine/types.js';
import type { CloseOptions, IndicatorOptions, OrderOptions, PositionView, Strategy } from './define-strategy.js';
import type { ParamSchema, ParamValues } from './params.js';
import type { SeriesView } from './series-view.js';

/** One symbol's data as `init` sees it. */
export interface SymbolInit {
  readonly symbol: string;
  /** Position of the symbol in `ctx.symbols`. */
  readonly index: number;
  /** The symbol's own bars (compact: only the timestamps where it traded). */
  readonly bars: BarSeries;
  /** Per own bar: its index on the run's timeline. */
  readonly timelineIndex: Int32Array;
}

/** What a portfolio strategy's `init` sees. */
export interface PortfolioInitContext<P> {
  readonly params: P;
  /** Symbols in feed order (`--data` order; first appearance within a file). */
  readonly symbols: readonly string[];
  /** The run's timeline: the union of every symbol's timestamps [UTC epoch ms]. */
  readonly time: Float64Array;
  /** IANA zone of the run (`--tz`), `UTC` by default. */
  readonly timeZone: string;
  /** The symbol's own bars and where they sit on the timeline. @throws StrategyError for an unknown symbol. */
  data(symbol: string): SymbolInit;
  /**
   * Registers an indicator of `symbol`, computed on its own bars (one value per own bar), or
   * already on the timeline (one value per timeline bar). Own-bar values are spread onto the
   * timeline: at a timestamp where the symbol has no bar the indicator keeps its last value
   * (it does not advance). Its warm-up counts towards the first decision bar only for symbols
   * trading from the first timestamp; a later-listed symbol's indicators read NaN until warm.
   * @returns a causal view on the timeline (also reachable as `ctx.data(symbol).indicators[name]` in `next`).
   * @throws StrategyError `BT_INDICATOR_LENGTH` for any other length.
   */
  indicator(symbol: string, name: string, values: Float64Array, options?: IndicatorOptions): SeriesView;
  /** A higher timeframe of `symbol`'s own bars (see `ctx.timeframe` of single-asset strategies). */
  timeframe(symbol: string, timeframe: string): HigherTimeframe;
  /** Session (local calendar day in the run's zone) of a time [days since 1970-01-01]. */
  session(time: number): number;
}

/** One symbol as `next` sees it at the current timestamp. */
export interface SymbolView {
  readonly symbol: string;
  readonly index: number;
  /** Timeline views; NaN at timestamps where the symbol has no bar. */
  readonly open: SeriesView;
  readonly high: SeriesView;
  readonly low: SeriesView;
  readonly close: SeriesView;
  readonly volume: SeriesView;
  /** Indicators registered for the symbol in `init`, by name. */
  readonly indicators: Readonly<Record<string, SeriesView>>;
  /** Last close at or before the current timestamp (the valuation price) [price]; NaN before listing. */
  readonly lastClose: number;
}

/** Options of `ctx.rebalance`. */
export interface RebalanceOptions {
  /** Label carried to the orders, fills and trades (default `rebalance`). */
  readonly tag?: string;
}

/** What `next` sees at the close of timeline bar `ctx.bar`. */
export interface PortfolioContext<P> {
  readonly bar: number;
  readonly lastBar: number;
  /** Current timestamp [UTC epoch ms]. */
  readonly time: number;
  readonly params: P;
  readonly symbols: readonly string[];
  /** Cash [cash]. */
  readonly cash: number;
  /** Cash plus every position marked at its symbol's last close [cash]. */
  readonly equity: number;
  readonly pendingOrders: readonly Order[];
  /** The symbol's views. @throws StrategyError for an unknown symbol. */
  data(symbol: string): SymbolView;
  /** Net position in `symbol`, after this bar's fills. */
  position(symbol: string): PositionView;
  /** Value of the position in `symbol` over equity [fraction]; 0 when flat. */
  weight(symbol: string): number;
  /** True when `symbol` has a bar at the current timestamp (orders for it can be priced). */
  isTradable(symbol: string): boolean;
  /** Session (local calendar day in the run's zone) of a time [days since 1970-01-01]. */
  session(time: number): number;
  /** Places a buy order for `symbol`; options as single-asset `ctx.buy`. Returns its id. */
  buy(symbol: string, options?: OrderOptions): number;
  /** Places a sell (or sell-short) order for `symbol`. Returns its id. */
  sell(symbol: string, options?: OrderOptions): number;
  /** Closes the whole position in `symbol`; −1 when flat. */
  closePosition(symbol: string, options?: CloseOptions): number;
  cancel(orderId: number): boolean;
  /**
   * Places the orders that move the portfolio to `targets` (symbol → weight of equity, each in
   * [0, 1], sum ≤ 1; symbols left out target 0). With E = equity at this close, H the units
   * held and gap = w·E − H·close: a buy of ⌊(gap − fixed) / (close·(1 + rate))⌋ units when
   * gap > 0 (the gap pays for the units and their commission), a sell of ⌊−gap / close⌋ units
   * when gap < 0, all units for w = 0 (no rounding with `--fractional`). Sells are placed
   * first, then buys, each as a market order; a buy fills at most the units the cash
   * available at its fill pays for (commission included). Symbols without a bar now keep
   * their position. Pending orders of earlier rebalances are cancelled first.
   * @returns the ids of the orders placed, sells first.
   * @throws StrategyError `BT_REBALANCE_INVALID` for an unknown symbol or a bad weight.
   */
  rebalance(targets: Readonly<Record<string, number>>, options?: RebalanceOptions): number[];
  log(message: string): void;
}

/** A portfolio strategy: metadata, parameter schema and two verbs over several symbols. */
export interface PortfolioStrategy<S extends ParamSchema = ParamSchema, State = unknown> {
  readonly kind: 'portfolio';
  readonly name: string;
  readonly description: string;
  /** Family, as for single-asset strategies (see `Strategy.category`); default `other`. */
  readonly category: string;
  /** Lower kebab-case keywords (see `Strategy.tags`); default none. */
  readonly tags: readonly string[];
  readonly params: S;
  readonly validate?: (params: ParamValues<S>) => string | undefined;
  init(ctx: PortfolioInitContext<ParamValues<S>>): State;
  next(ctx: PortfolioContext<ParamValues<S>>, state: State): void;
}

/**
 * Declares a portfolio strategy (category `other` and no tags unless given). Returns it typed, with
 * `kind: 'portfolio'`.
 */
export function definePortfolioStrategy<const S extends ParamSchema, State>(definition: {
  readonly name: string;
  readonly description: string;
  readonly category?: string;
  readonly tags?: readonly string[];
  readonly params: S;
  readonly validate?: (params: ParamValues<S>) => string | undefined;
  init(ctx: PortfolioInitContext<ParamValues<S>>): State;
  next(ctx: PortfolioContext<ParamValues<S>>, state: State): void;
}): PortfolioStrategy<S, State> {
  return { category: 'other', tags: [], ...definition, kind: 'portfolio' };
}

/** True when `strategy` was declared with `definePortfolioStrategy` (or has `kind: 'portfolio'`). */
export function isPortfolioStrategy(strategy: Strategy | PortfolioStrategy | { readonly kind?: unknown }): strategy is PortfolioStrategy {
  return (strategy as { kind?: unknown }).kind === 'portfolio';
}
