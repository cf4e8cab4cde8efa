/**
 * Relative Momentum Index reversion: buy when the RMI (Wilder's RSI of the `momentum`-bar
 * change) closes below `lower`, exit when it closes above `upper`. Comparisons are strict;
 * long only.
 *
 * Source: Roger Altman, "Relative Momentum Index: Modifying RSI", Technical Analysis of Stocks
 * & Commodities, February 1993 (RMI with a 5-bar momentum, read like the RSI with 30/70
 * levels).
 */
import { rmi } from '../src/indicators/rmi.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'rmi-reversion',
  description: 'Buy when the Relative Momentum Index is oversold, exit when overbought',
  category: 'mean-reversion',
  tags: ['oscillator', 'rmi'],
  params: {
    period: { type: 'int', default: 14, min: 2, max: 100, step: 2, description: 'smoothing length [bars]' },
    momentum: { type: 'int', default: 5, min: 1, max: 30, step: 1, description: 'look-back of the price change [bars]' },
    lower: { type: 'number', default: 30, min: 5, max: 50, step: 5, description: 'oversold level: buy below it [RMI points]' },
    upper: { type: 'number', default: 70, min: 50, max: 95, step: 5, description: 'overbought level: exit above it [RMI points]' },
  },
  validate: (p) => (p.lower >= p.upper ? `lower (${p.lower}) must be below upper (${p.upper})` : undefined),
  init(ctx) {
    const { period, momentum } = ctx.params;
    return { rmi: ctx.indicator(`rmi${period}_${momentum}`, rmi(ctx.close, period, momentum), { overlay: false }) };
  },
  next(ctx, { rmi: value }) {
    const { lower, upper } = ctx.params;
    if (ctx.position.isLong) {
      if (value.current > upper) ctx.closePosition();
    } else if (value.current < lower) ctx.buy();
  },
});
