/**
 * Equal weight: hold every tradable symbol at the same weight of equity, rebalanced monthly
 * (the first bar of each calendar month) or every N bars. At a rebalance each symbol with a
 * bar now gets (1 − weight held in symbols without a bar now) / (number of symbols with a bar
 * now); a symbol not yet listed, or no longer trading, is left out until it has bars.
 *
 * Source: the 1/N portfolio (DeMiguel, Garlappi and Uppal, "Optimal Versus Naive
 * Diversification: How Inefficient is the 1/N Portfolio Strategy?", Review of Financial
 * Studies, 2009), the baseline every allocation rule is compared with.
 */
import { definePortfolioStrategy } from '../src/strategy/define-portfolio-strategy.js';
import { investableWeight, RebalanceSchedule, SCHEDULE_PARAMS } from '../src/strategy/rebalance-schedule.js';

export default definePortfolioStrategy({
  name: 'equal-weight',
  description: 'Portfolio: the same weight in every tradable symbol, rebalanced monthly or every N bars',
  category: 'benchmark',
  tags: ['passive', 'weights', 'monthly'],
  params: { ...SCHEDULE_PARAMS },
  init: () => ({ schedule: new RebalanceSchedule() }),
  next(ctx, { schedule }) {
    if (!schedule.isDue(ctx, ctx.params.rebalance, ctx.params.every)) return;
    const tradable = ctx.symbols.filter((symbol) => ctx.isTradable(symbol));
    if (tradable.length === 0) return;
    const weight = investableWeight(ctx) / tradable.length;
    const targets: Record<string, number> = {};
    for (const symbol of tradable) targets[symbol] = weight;
    ctx.rebalance(targets);
  },
});
