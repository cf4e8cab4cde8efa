/**
 * The built-in strategies in `strategies/`, by command-line name. Each entry imports its
 * module lazily so `bt --help` stays fast.
 */
import type { Strategy } from './define-strategy.js';

type Loader = () => Promise<{ default: Strategy }>;

/** Built-in strategy modules by name, in listing order. */
export const BUILTIN_STRATEGIES: Readonly<Record<string, Loader>> = {
  'sma-cross': () => import('../../strategies/sma-cross.js') as unknown as Promise<{ default: Strategy }>,
  'rsi-reversion': () => import('../../strategies/rsi-reversion.js') as unknown as Promise<{ default: Strategy }>,
  'buy-and-hold': () => import('../../strategies/buy-and-hold.js') as unknown as Promise<{ default: Strategy }>,
};

/** Names of the built-in strategies. */
export const BUILTIN_NAMES: readonly string[] = Object.keys(BUILTIN_STRATEGIES);
