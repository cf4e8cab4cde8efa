/**
 * When a portfolio strategy rebalances: `monthly` (the first decision bar, then the first bar
 * of each new calendar month in the run's zone) or every N bars. Shared by the built-in
 * portfolio strategies; a user's strategy may use it too.
 */
import type { PortfolioContext } from './define-portfolio-strategy.js';

const DAY_MS = 86_400_000;

/** Parameters every scheduled portfolio strategy declares (spread into its `params`). */
export const SCHEDULE_PARAMS = {
  rebalance: {
    type: 'enum',
    values: ['monthly', 'bars'],
    default: 'monthly',
    description: 'monthly: on the first bar of each month (run time zone); bars: every `every` bars',
  },
  every: { type: 'int', default: 21, min: 1, max: 100_000, step: 5, description: 'bars between rebalances with rebalance=bars' },
} as const;

/** Calendar month number (year × 12 + month) of a local day number. */
function monthOfDay(day: number): number {
  const date = new Date(day * DAY_MS);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** Tracks the schedule across bars; keep one in the strategy's state. */
export class RebalanceSchedule {
  #lastBar = -1;
  #lastMonth = NaN;

  /**
   * True when the current bar is a rebalance bar. The first call (the first decision bar)
   * always is; call it once per bar.
   */
  isDue(ctx: PortfolioContext<unknown>, mode: 'monthly' | 'bars', every: number): boolean {
    const bar = ctx.bar;
    const month = monthOfDay(ctx.session(ctx.time));
    const isFirst = this.#lastBar < 0;
    const due = isFirst || (mode === 'monthly' ? month !== this.#lastMonth : bar - this.#lastBar >= every);
    if (mode === 'monthly') this.#lastMonth = month;
    if (due) this.#lastBar = bar;
    return due;
  }
}

/**
 * Weight still free for the tradable symbols: 1 minus the weights held in symbols that have no
 * bar now (they cannot be traded, so they keep their position) [fraction, ≥ 0].
 */
export function investableWeight(ctx: PortfolioContext<unknown>): number {
  let frozen = 0;
  for (const symbol of ctx.symbols) if (!ctx.isTradable(symbol)) frozen += Math.abs(ctx.weight(symbol));
  return Math.max(0, 1 - frozen);
}
