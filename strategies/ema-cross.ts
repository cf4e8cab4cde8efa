/**
 * EMA crossover: buy when the fast exponential moving average crosses above the slow one, exit
 * (or reverse, with `direction: long-short`) when it crosses below. The classic dual moving
 * average trend rule (J. Murphy, "Technical Analysis of the Financial Markets", 1999, ch. 9),
 * with EMAs, which weight recent closes more and so turn sooner than `sma-cross`. Each EMA is
 * seeded with its SMA (TA-Lib's default). Crossings are strict, as in `sma-cross`: a bar where
 * the two are equal is neither above nor below. With `signalMode: position` it is long while
 * fast > slow instead, entering on the first decision bar if already above (signal-mode.ts).
 */
import { ema } from '../src/indicators/ema.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';
import { bearishSignal, bullishSignal, SIGNAL_MODE_PARAM } from '../src/strategy/signal-mode.js';

export default defineStrategy({
  name: 'ema-cross',
  description: 'Fast/slow exponential moving average crossover, long-only or always-in long/short',
  category: 'trend',
  tags: ['crossover', 'moving-average', 'long-short'],
  params: {
    fast: { type: 'int', default: 12, min: 1, max: 1000, step: 2, description: 'fast EMA length [bars]' },
    slow: { type: 'int', default: 26, min: 2, max: 2000, step: 5, description: 'slow EMA length [bars]' },
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
      fast: ctx.indicator(`ema${ctx.params.fast}`, ema(ctx.close, ctx.params.fast)),
      slow: ctx.indicator(`ema${ctx.params.slow}`, ema(ctx.close, ctx.params.slow)),
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
