/**
 * Z-score mean reversion: buy when the close is more than `entry` standard deviations below
 * its `period`-bar mean (z < −entry, population σ, the window including the bar), and exit
 * when the z-score climbs back above −`exit` (0: back to the mean). Comparisons are strict;
 * long only.
 *
 * Source: the standard score of a price against its rolling mean, the basic mean-reversion
 * signal of E. P. Chan, "Algorithmic Trading: Winning Strategies and Their Rationale" (2013),
 * ch. 2 (enter at ±2σ, exit at the mean).
 */
import { zScore } from '../src/indicators/zscore.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'zscore-reversion',
  description: 'Buy when the close is far below its rolling mean (z-score), exit back near it',
  category: 'mean-reversion',
  tags: ['statistical', 'z-score'],
  params: {
    period: { type: 'int', default: 20, min: 5, max: 250, step: 5, description: 'rolling mean and standard deviation window [bars]' },
    entry: { type: 'number', default: 2, min: 0.5, max: 4, step: 0.25, description: 'buy when z < −entry [standard deviations]' },
    exit: { type: 'number', default: 0, min: -1, max: 2, step: 0.25, description: 'exit when z > −exit [standard deviations]' },
  },
  validate: (p) => (p.exit >= p.entry ? `exit (${p.exit}) must be below entry (${p.entry})` : undefined),
  init(ctx) {
    const { period } = ctx.params;
    return { z: ctx.indicator(`zScore${period}`, zScore(ctx.close, period), { overlay: false }) };
  },
  next(ctx, { z }) {
    const { entry, exit } = ctx.params;
    if (ctx.position.isLong) {
      if (z.current > -exit) ctx.closePosition();
    } else if (z.current < -entry) ctx.buy();
  },
});
