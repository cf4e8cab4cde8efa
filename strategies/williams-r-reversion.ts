/**
 * Williams %R reversion: buy when %R closes below `lower` (the close near the bottom of the
 * `period`-bar range), exit when it closes above `upper`. Comparisons are strict; long only.
 *
 * Source: Larry Williams, "How I Made One Million Dollars Last Year Trading Commodities"
 * (1973): %R over the last n bars, oversold below −80 and overbought above −20.
 */
import { williamsR } from '../src/indicators/williams-r.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'williams-r-reversion',
  description: 'Buy when Williams %R is oversold (below −80), exit when overbought (above −20)',
  category: 'mean-reversion',
  tags: ['oscillator', 'williams-r'],
  params: {
    period: { type: 'int', default: 14, min: 2, max: 100, step: 2, description: '%R look-back [bars]' },
    lower: { type: 'number', default: -80, min: -99, max: -50, step: 5, description: 'oversold level: buy below it [%R points]' },
    upper: { type: 'number', default: -20, min: -50, max: -1, step: 5, description: 'overbought level: exit above it [%R points]' },
  },
  validate: (p) => (p.lower >= p.upper ? `lower (${p.lower}) must be below upper (${p.upper})` : undefined),
  init(ctx) {
    const { period } = ctx.params;
    return { r: ctx.indicator(`williamsR${period}`, williamsR(ctx.high, ctx.low, ctx.close, period), { overlay: false }) };
  },
  next(ctx, { r }) {
    const { lower, upper } = ctx.params;
    if (ctx.position.isLong) {
      if (r.current > upper) ctx.closePosition();
    } else if (r.current < lower) ctx.buy();
  },
});
