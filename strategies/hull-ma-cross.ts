/**
 * Hull moving average crossover: buy when the fast HMA crosses above the slow one, exit (or
 * reverse, with `direction: long-short`) when it crosses below; with `signalMode: position`,
 * long while fast > slow (signal-mode.ts). Crossings are strict.
 *
 * Source: Alan Hull's moving average (2005, alanhull.com "Hull Moving Average"):
 * HMA(n) = WMA(2·WMA(n/2) − WMA(n), √n), which follows price with little lag and stays smooth,
 * used in the usual two-average crossover (J. Murphy, "Technical Analysis of the Financial
 * Markets", 1999, ch. 9).
 */
import { hma } from '../src/indicators/hma.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';
import { bearishSignal, bullishSignal, SIGNAL_MODE_PARAM } from '../src/strategy/signal-mode.js';

export default defineStrategy({
  name: 'hull-ma-cross',
  description: 'Fast/slow Hull moving average crossover (low-lag WMA blend), long-only or long/short',
  category: 'trend',
  tags: ['crossover', 'moving-average', 'hull', 'long-short'],
  params: {
    fast: { type: 'int', default: 20, min: 2, max: 500, step: 5, description: 'fast HMA length [bars]' },
    slow: { type: 'int', default: 80, min: 3, max: 1000, step: 10, description: 'slow HMA length [bars]' },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only exits on a cross down; long-short reverses into a short',
    },
    signalMode: SIGNAL_MODE_PARAM,
  },
  validate: (p) => (p.fast >= p.slow ? `fast (${p.fast}) must be below slow (${p.slow})` : undefined),
  init(ctx) {
    return {
      fast: ctx.indicator(`hma${ctx.params.fast}`, hma(ctx.close, ctx.params.fast)),
      slow: ctx.indicator(`hma${ctx.params.slow}`, hma(ctx.close, ctx.params.slow)),
    };
  },
  next(ctx, { fast, slow }) {
    const mode = ctx.params.signalMode;
    if (bullishSignal(mode, fast, slow)) {
      if (ctx.position.isShort) ctx.closePosition();
      if (!ctx.position.isLong) ctx.buy();
    } else if (bearishSignal(mode, fast, slow)) {
      if (ctx.position.isLong) ctx.closePosition();
      if (ctx.params.direction === 'long-short' && !ctx.position.isShort) ctx.sell();
    }
  },
});
