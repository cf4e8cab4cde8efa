/**
 * RSI mean reversion: buy when Wilder's RSI closes below `lower` (oversold), exit when it
 * closes above `upper` (overbought), or above 50 with `exitAtMiddle`. With
 * `direction: long-short` an RSI above `upper` also opens a short, closed symmetrically.
 * Comparisons are strict. With period 14, 30/70 and long-only this is the golden cases
 * `b_rsi_orcl_fixed` and `s2_rsi_sp500_fixed` (CONVENTIONS.md §7.2 `rsi_threshold`).
 */
import { rsi } from '../src/indicators/rsi.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'rsi-reversion',
  description: 'Buy oversold / sell overbought on Wilder RSI, optional exit at 50',
  category: 'mean-reversion',
  tags: ['rsi', 'oscillator', 'long-short'],
  params: {
    period: { type: 'int', default: 14, min: 2, max: 500, step: 2, description: 'RSI length [bars]' },
    lower: { type: 'number', default: 30, min: 0, max: 100, step: 5, description: 'oversold level: buy below it [RSI points]' },
    upper: { type: 'number', default: 70, min: 0, max: 100, step: 5, description: 'overbought level: exit (or short) above it [RSI points]' },
    exitAtMiddle: { type: 'boolean', default: false, description: 'exit when RSI crosses 50 instead of the opposite level' },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only, or also short overbought markets',
    },
  },
  validate: (p) => (p.lower >= p.upper ? `lower (${p.lower}) must be below upper (${p.upper})` : undefined),
  init(ctx) {
    return { rsi: ctx.indicator(`rsi${ctx.params.period}`, rsi(ctx.close, ctx.params.period), { overlay: false }) };
  },
  next(ctx, { rsi: value }) {
    const { lower, upper, exitAtMiddle, direction } = ctx.params;
    const r = value.current;
    const longShort = direction === 'long-short';
    if (ctx.position.isLong) {
      if (exitAtMiddle ? r > 50 : r > upper) ctx.closePosition();
      if (longShort && r > upper) ctx.sell();
    } else if (ctx.position.isShort) {
      if (exitAtMiddle ? r < 50 : r < lower) ctx.closePosition();
      if (r < lower) ctx.buy();
    } else if (r < lower) ctx.buy();
    else if (longShort && r > upper) ctx.sell();
  },
});
