/**
 * Bollinger Band mean reversion: buy when the close ends below the lower band (the SMA minus
 * `width` population standard deviations), and exit when it closes above the middle band
 * (the SMA), or above the upper band with `exitAt: opposite`. With `direction: long-short` a
 * close above the upper band also opens a short, closed symmetrically. Comparisons are strict.
 * John Bollinger's bands ("Bollinger on Bollinger Bands", 2001) define "low" and "high"
 * relative to recent volatility; fading the lower band back to the average is the textbook
 * reversion rule built on them (his own defaults: 20 bars, 2 standard deviations).
 */
import { bollinger } from '../src/indicators/bollinger.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'bollinger-reversion',
  description: 'Buy closes below the lower Bollinger Band, exit at the middle band',
  category: 'mean-reversion',
  tags: ['bollinger', 'bands', 'long-short'],
  params: {
    period: { type: 'int', default: 20, min: 2, max: 500, step: 5, description: 'SMA and standard deviation length [bars]' },
    width: { type: 'number', default: 2, min: 0.5, max: 5, step: 0.25, description: 'band distance from the SMA [standard deviations]' },
    exitAt: {
      type: 'enum',
      values: ['middle', 'opposite'],
      default: 'middle',
      description: 'exit at the middle band (the SMA) or at the opposite band',
    },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only, or also short closes above the upper band',
    },
  },
  init(ctx) {
    const { period, width } = ctx.params;
    const bands = bollinger(ctx.close, period, width);
    return {
      upper: ctx.indicator(`bbUpper${period}`, bands.upper),
      middle: ctx.indicator(`bbMiddle${period}`, bands.middle),
      lower: ctx.indicator(`bbLower${period}`, bands.lower),
    };
  },
  next(ctx, { upper, middle, lower }) {
    const { exitAt, direction } = ctx.params;
    const close = ctx.close.current;
    const longShort = direction === 'long-short';
    const isOversold = close < lower.current;
    const isOverbought = close > upper.current;
    if (ctx.position.isLong) {
      if (exitAt === 'middle' ? close > middle.current : isOverbought) ctx.closePosition();
      if (longShort && isOverbought) ctx.sell();
    } else if (ctx.position.isShort) {
      if (exitAt === 'middle' ? close < middle.current : isOversold) ctx.closePosition();
      if (isOversold) ctx.buy();
    } else if (isOversold) ctx.buy();
    else if (longShort && isOverbought) ctx.sell();
  },
});
