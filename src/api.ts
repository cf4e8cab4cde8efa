/**
 * The public API for strategy files: `import { defineStrategy, sma, crossedAbove } from 'bt'`.
 * Everything a strategy needs (the definition helper, its context types, order options and
 * the indicator library) is exported from here.
 */
export { defineStrategy } from './strategy/define-strategy.js';
export { definePortfolioStrategy } from './strategy/define-portfolio-strategy.js';
export type {
  PortfolioContext,
  PortfolioInitContext,
  PortfolioStrategy,
  RebalanceOptions,
  SymbolInit,
  SymbolView,
} from './strategy/define-portfolio-strategy.js';
export type { HigherTimeframe } from './data/timeframe.js';
export type {
  CloseOptions,
  IndicatorOptions,
  InitContext,
  OrderOptions,
  PositionView,
  Strategy,
  StrategyContext,
} from './strategy/define-strategy.js';
export type { BooleanParam, EnumParam, IntParam, NumberParam, ParamSchema, ParamSpec, ParamValues } from './strategy/params.js';
export { SeriesView, crossedAbove, crossedBelow } from './strategy/series-view.js';
export { STRATEGY_FAMILIES, type StrategyFamily } from './strategy/families.js';
export { SIGNAL_MODE_PARAM, bearishSignal, bullishSignal, type SignalMode } from './strategy/signal-mode.js';
export type { BarSeries, Bar } from './data/bar-series.js';
export type { Order, Fill, Trade, OpenTrade, OrderSide, OrderType, OrderStatus } from './engine/types.js';
export * from './indicators/index.js';
