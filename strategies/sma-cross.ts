/**
 * SMA crossover: buy when the fast simple moving average crosses above the slow one, exit
 * (or reverse, with `direction: long-short`) when it crosses below. Crossings are strict
 * (backtesting.py's `crossover`; CONVENTIONS.md §7.2): a bar where the two are equal is
 * neither above nor below. With `signalMode: position` it is long while fast > slow instead,
 * entering on the first decision bar if already above (signal-mode.ts). With the defaults and `bt run`'s defaults this is the golden case
 * `s1_sma_cross_sp500_allin`.
 */
import { sma } from '../src/indicators/sma.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';
import { bearishSignal, bullishSignal, SIGNAL_MODE_PARAM } from '../src/strategy/signal-mode.js';

export default defineStrategy({
  name: 'sma-cross',
  description: 'Fast/slow simple moving average crossover, long-only or always-in long/short',
  category: 'trend',
  tags: ['crossover', 'moving-average', 'long-short'],
  params: {
    fast: { type: 'int', default: 10, min: 1, max: 1000, step: 5, description: 'fast SMA length [bars]' },
    slow: { type: 'int', default: 30, min: 2, max: 2000, step: 10, description: 'slow SMA length [bars]' },
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
      fast: ctx.indicator(`sma${ctx.params.fast}`, sma(ctx.close, ctx.params.fast)),
      slow: ctx.indicator(`sma${ctx.params.slow}`, sma(ctx.close, ctx.params.slow)),
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
