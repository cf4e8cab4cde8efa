/**
 * Strategy families and tags: the metadata `bt strategies` groups and filters by, and the
 * README catalogue is generated from.
 */

/**
 * Strategy families, in listing order. A family says what drives the signal:
 * - `trend`: follow an established move (moving-average crossings, channel breakouts, trailing bands);
 * - `mean-reversion`: fade a stretch away from a mean (oscillator extremes, bands, z-scores);
 * - `momentum`: buy past winners over a lookback (rate of change, relative or absolute strength);
 * - `volatility`: signals or sizing from volatility (band breakouts, squeezes, volatility targets);
 * - `pattern`: bar and candlestick patterns (inside bar, narrowest range, engulfing);
 * - `calendar`: time effects (day of week, turn of the month, overnight);
 * - `multi-factor`: entries that need two or more independent conditions (a signal plus a filter);
 * - `benchmark`: passive references to compare against (buy-and-hold, equal weight).
 */
export const STRATEGY_FAMILIES = ['trend', 'mean-reversion', 'momentum', 'volatility', 'pattern', 'calendar', 'multi-factor', 'benchmark'] as const;

/** One of {@link STRATEGY_FAMILIES}. */
export type StrategyFamily = (typeof STRATEGY_FAMILIES)[number];

/** True when `category` is one of the strategy families. */
export function isStrategyFamily(category: string): category is StrategyFamily {
  return (STRATEGY_FAMILIES as readonly string[]).includes(category);
}

/** A tag: lower kebab-case (`crossover`, `long-short`, `rsi`). */
export const TAG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Listing rank of a strategy: its family's position in {@link STRATEGY_FAMILIES} (unknown
 * categories after all families), then single-asset before portfolio. Sort by it, stably, to
 * list strategies the way `bt strategies` does.
 */
export function familyRank(category: string, isPortfolio: boolean): number {
  const family = STRATEGY_FAMILIES.indexOf(category as StrategyFamily);
  return 2 * (family === -1 ? STRATEGY_FAMILIES.length : family) + (isPortfolio ? 1 : 0);
}
