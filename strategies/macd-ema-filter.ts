/**
 * MACD with an EMA trend filter: buy when the MACD line crosses above its signal line while the
 * close is above the long EMA (200 bars), exit when the MACD line crosses below its signal line
 * or the close falls below the EMA; with `direction: long-short` the mirror rules trade shorts
 * below the EMA. Crossings are strict.
 *
 * Source: Gerald Appel's MACD (12/26/9; "Technical Analysis: Power Tools for Active
 * Investors", 2005) taken only in the direction of the long-term trend, the 200-day average
 * filter of Alexander Elder's "Trading for a Living" (1993, "triple screen": trade the short
 * signal only with the longer trend).
 */
import { ema } from '../src/indicators/ema.js';
import { macd } from '../src/indicators/macd.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';
import { crossedAbove, crossedBelow } from '../src/strategy/series-view.js';

export default defineStrategy({
  name: 'macd-ema-filter',
  description: 'MACD signal-line crossover taken only on the trend side of a 200-bar EMA',
  category: 'multi-factor',
  tags: ['macd', 'crossover', 'trend-filter', 'moving-average', 'long-short'],
  params: {
    fast: { type: 'int', default: 12, min: 1, max: 500, step: 2, description: 'fast EMA length of the MACD [bars]' },
    slow: { type: 'int', default: 26, min: 2, max: 1000, step: 2, description: 'slow EMA length of the MACD [bars]' },
    signal: { type: 'int', default: 9, min: 1, max: 500, step: 1, description: 'signal-line EMA length [bars]' },
    trendPeriod: { type: 'int', default: 200, min: 2, max: 2000, step: 25, description: 'trend-filter EMA length [bars]' },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only, or also short crosses down below the trend EMA',
    },
  },
  validate: (p) => (p.fast >= p.slow ? `fast (${p.fast}) must be below slow (${p.slow})` : undefined),
  init(ctx) {
    const { fast, slow, signal, trendPeriod } = ctx.params;
    const lines = macd(ctx.close, fast, slow, signal);
    return {
      line: ctx.indicator(`macd${fast}_${slow}`, lines.macd, { overlay: false }),
      signal: ctx.indicator(`macdSignal${signal}`, lines.signal, { overlay: false }),
      trend: ctx.indicator(`ema${trendPeriod}`, ema(ctx.close, trendPeriod)),
    };
  },
  next(ctx, { line, signal, trend }) {
    const close = ctx.close.current;
    const isAbove = close > trend.current;
    const isBelow = close < trend.current;
    const goesLong = crossedAbove(line, signal) && isAbove;
    const goesShort = ctx.params.direction === 'long-short' && crossedBelow(line, signal) && isBelow;
    if (ctx.position.isLong) {
      if (crossedBelow(line, signal) || isBelow) ctx.closePosition();
      if (goesShort) ctx.sell();
    } else if (ctx.position.isShort) {
      if (crossedAbove(line, signal) || isAbove) ctx.closePosition();
      if (goesLong) ctx.buy();
    } else if (goesLong) ctx.buy();
    else if (goesShort) ctx.sell();
  },
});
