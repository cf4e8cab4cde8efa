/**
 * Internal bar strength reversion: buy when a bar closes near its low (IBS = (C − L)/(H − L)
 * below `lower`), exit when a bar closes near its high (IBS above `upper`). Comparisons are
 * strict; long only.
 *
 * Source: A. Pagonidis, "The IBS Effect: Mean Reversion in Equity ETFs" (NAAIM Wagner Award,
 * 2014): next-day returns of equity indices are higher after a low IBS and lower after a high
 * one (his thresholds 0.2 and 0.8).
 */
import { ibs } from '../src/indicators/ibs.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'ibs-reversion',
  description: 'Buy a close near the low of the bar (low IBS), exit on a close near the high',
  category: 'mean-reversion',
  tags: ['bar-strength', 'short-term'],
  params: {
    lower: { type: 'number', default: 0.2, min: 0, max: 0.5, step: 0.05, description: 'buy when IBS is below this [fraction of the range]' },
    upper: { type: 'number', default: 0.8, min: 0.5, max: 1, step: 0.05, description: 'exit when IBS is above this [fraction of the range]' },
  },
  validate: (p) => (p.lower >= p.upper ? `lower (${p.lower}) must be below upper (${p.upper})` : undefined),
  init(ctx) {
    return { ibs: ctx.indicator('ibs', ibs(ctx.high, ctx.low, ctx.close), { overlay: false }) };
  },
  next(ctx, { ibs: value }) {
    const { lower, upper } = ctx.params;
    if (ctx.position.isLong) {
      if (value.current > upper) ctx.closePosition();
    } else if (value.current < lower) ctx.buy();
  },
});
