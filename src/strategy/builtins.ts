/**
 * The built-in strategies in `strategies/`, by command-line name. Each entry imports its
 * module lazily so `bt --help` stays fast.
 */
import type { Strategy } from './define-strategy.js';

type Loader = () => Promise<{ default: Strategy }>;

/**
 * Built-in strategy modules by name, in listing order: by family in the order of
 * `STRATEGY_FAMILIES` (families.ts), and within a family the single-asset strategies first,
 * then the portfolio ones (`kind: 'portfolio'`, several symbols; see define-portfolio-strategy.ts).
 */
export const BUILTIN_STRATEGIES: Readonly<Record<string, Loader>> = {
  'sma-cross': () => import('../../strategies/sma-cross.js') as unknown as Promise<{ default: Strategy }>,
  'ema-cross': () => import('../../strategies/ema-cross.js') as unknown as Promise<{ default: Strategy }>,
  'macd-cross': () => import('../../strategies/macd-cross.js') as unknown as Promise<{ default: Strategy }>,
  'hull-ma-cross': () => import('../../strategies/hull-ma-cross.js') as unknown as Promise<{ default: Strategy }>,
  'adx-trend': () => import('../../strategies/adx-trend.js') as unknown as Promise<{ default: Strategy }>,
  'aroon-trend': () => import('../../strategies/aroon-trend.js') as unknown as Promise<{ default: Strategy }>,
  'kama-trend': () => import('../../strategies/kama-trend.js') as unknown as Promise<{ default: Strategy }>,
  'ichimoku-cloud': () => import('../../strategies/ichimoku-cloud.js') as unknown as Promise<{ default: Strategy }>,
  'parabolic-sar': () => import('../../strategies/parabolic-sar.js') as unknown as Promise<{ default: Strategy }>,
  'supertrend': () => import('../../strategies/supertrend.js') as unknown as Promise<{ default: Strategy }>,
  'donchian-breakout': () => import('../../strategies/donchian-breakout.js') as unknown as Promise<{ default: Strategy }>,
  'turtle': () => import('../../strategies/turtle.js') as unknown as Promise<{ default: Strategy }>,
  'rsi-reversion': () => import('../../strategies/rsi-reversion.js') as unknown as Promise<{ default: Strategy }>,
  'bollinger-reversion': () => import('../../strategies/bollinger-reversion.js') as unknown as Promise<{ default: Strategy }>,
  'stochastic-cross': () => import('../../strategies/stochastic-cross.js') as unknown as Promise<{ default: Strategy }>,
  'rmi-reversion': () => import('../../strategies/rmi-reversion.js') as unknown as Promise<{ default: Strategy }>,
  'zscore-reversion': () => import('../../strategies/zscore-reversion.js') as unknown as Promise<{ default: Strategy }>,
  'connors-rsi': () => import('../../strategies/connors-rsi.js') as unknown as Promise<{ default: Strategy }>,
  'ibs-reversion': () => import('../../strategies/ibs-reversion.js') as unknown as Promise<{ default: Strategy }>,
  'williams-r-reversion': () => import('../../strategies/williams-r-reversion.js') as unknown as Promise<{ default: Strategy }>,
  'pairs-zscore': () => import('../../strategies/pairs-zscore.js') as unknown as Promise<{ default: Strategy }>,
  'momentum': () => import('../../strategies/momentum.js') as unknown as Promise<{ default: Strategy }>,
  'time-series-momentum': () => import('../../strategies/time-series-momentum.js') as unknown as Promise<{ default: Strategy }>,
  'dual-momentum': () => import('../../strategies/dual-momentum.js') as unknown as Promise<{ default: Strategy }>,
  'cross-sectional-momentum': () => import('../../strategies/cross-sectional-momentum.js') as unknown as Promise<{ default: Strategy }>,
  'keltner-breakout': () => import('../../strategies/keltner-breakout.js') as unknown as Promise<{ default: Strategy }>,
  'ema-atr-breakout': () => import('../../strategies/ema-atr-breakout.js') as unknown as Promise<{ default: Strategy }>,
  'atr-breakout': () => import('../../strategies/atr-breakout.js') as unknown as Promise<{ default: Strategy }>,
  'squeeze-breakout': () => import('../../strategies/squeeze-breakout.js') as unknown as Promise<{ default: Strategy }>,
  'opening-range-breakout': () => import('../../strategies/opening-range-breakout.js') as unknown as Promise<{ default: Strategy }>,
  'volatility-target': () => import('../../strategies/volatility-target.js') as unknown as Promise<{ default: Strategy }>,
  'inverse-volatility': () => import('../../strategies/inverse-volatility.js') as unknown as Promise<{ default: Strategy }>,
  'risk-parity': () => import('../../strategies/risk-parity.js') as unknown as Promise<{ default: Strategy }>,
  'nr7-breakout': () => import('../../strategies/nr7-breakout.js') as unknown as Promise<{ default: Strategy }>,
  'inside-bar-breakout': () => import('../../strategies/inside-bar-breakout.js') as unknown as Promise<{ default: Strategy }>,
  'engulfing': () => import('../../strategies/engulfing.js') as unknown as Promise<{ default: Strategy }>,
  'turn-of-month': () => import('../../strategies/turn-of-month.js') as unknown as Promise<{ default: Strategy }>,
  'day-of-week': () => import('../../strategies/day-of-week.js') as unknown as Promise<{ default: Strategy }>,
  'overnight-hold': () => import('../../strategies/overnight-hold.js') as unknown as Promise<{ default: Strategy }>,
  'macd-ema-filter': () => import('../../strategies/macd-ema-filter.js') as unknown as Promise<{ default: Strategy }>,
  'rsi-volume-filter': () => import('../../strategies/rsi-volume-filter.js') as unknown as Promise<{ default: Strategy }>,
  'rsi-ema-trend': () => import('../../strategies/rsi-ema-trend.js') as unknown as Promise<{ default: Strategy }>,
  'bollinger-rsi': () => import('../../strategies/bollinger-rsi.js') as unknown as Promise<{ default: Strategy }>,
  'buy-and-hold': () => import('../../strategies/buy-and-hold.js') as unknown as Promise<{ default: Strategy }>,
  'equal-weight': () => import('../../strategies/equal-weight.js') as unknown as Promise<{ default: Strategy }>,
};

/** Names of the built-in strategies. */
export const BUILTIN_NAMES: readonly string[] = Object.keys(BUILTIN_STRATEGIES);
