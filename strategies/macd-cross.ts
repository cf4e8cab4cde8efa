/**
 * MACD signal-line crossover: buy when the MACD line (fast EMA − slow EMA of the close) crosses
 * above its signal line (an EMA of the MACD line), exit (or reverse, with
 * `direction: long-short`) when it crosses below. Gerald Appel's rule (1979; "Technical
 * Analysis: Power Tools for Active Investors", 2005), with his 12/26/9 defaults. With
 * `aboveZero` a long entry also needs the MACD line above zero (and a short one below), so
 * only crossings in the direction of the longer trend are taken. Crossings are strict. With
 * `signalMode: position` it is long while the MACD line is above its signal line instead,
 * entering on the first decision bar if already above (signal-mode.ts).
 */
import { macd } from '../src/indicators/macd.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';
import { bearishSignal, bullishSignal, SIGNAL_MODE_PARAM } from '../src/strategy/signal-mode.js';

export default defineStrategy({
  name: 'macd-cross',
  description: 'MACD line crossing its signal line, optionally only on the trend side of zero',
  category: 'trend',
  tags: ['crossover', 'macd', 'long-short'],
  params: {
    fast: { type: 'int', default: 12, min: 1, max: 500, step: 2, description: 'fast EMA length [bars]' },
    slow: { type: 'int', default: 26, min: 2, max: 1000, step: 2, description: 'slow EMA length [bars]' },
    signal: { type: 'int', default: 9, min: 1, max: 500, step: 1, description: 'signal-line EMA length [bars]' },
    aboveZero: {
      type: 'boolean',
      default: false,
      description: 'enter long only while the MACD line is above zero (short only below)',
    },
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
    const { fast, slow, signal } = ctx.params;
    const lines = macd(ctx.close, fast, slow, signal);
    return {
      line: ctx.indicator(`macd${fast}_${slow}`, lines.macd, { overlay: false }),
      signal: ctx.indicator(`macdSignal${signal}`, lines.signal, { overlay: false }),
    };
  },
  next(ctx, { line, signal }) {
    const { aboveZero, direction, signalMode } = ctx.params;
    if (bullishSignal(signalMode, line, signal)) {
      if (ctx.position.isShort) ctx.closePosition();
      if (!ctx.position.isLong && (!aboveZero || line.current > 0)) ctx.buy();
    } else if (bearishSignal(signalMode, line, signal)) {
      if (ctx.position.isLong) ctx.closePosition();
      if (direction === 'long-short' && !ctx.position.isShort && (!aboveZero || line.current < 0)) ctx.sell();
    }
  },
});
