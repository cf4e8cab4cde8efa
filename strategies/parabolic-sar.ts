/**
 * Parabolic SAR stop and reverse: buy when the SAR flips below the close (the close crosses
 * above it), exit when it flips above (the close crosses below it); with
 * `direction: long-short` that flip also opens a short, so the strategy is always in the
 * market once the first flip happens. The SAR trails the trend and accelerates by `afStep`
 * (up to `afMax`) with every new extreme, so exits tighten as a move matures. Crossings are
 * strict; decisions are on closes and fill at the next open, where Wilder stopped out
 * intrabar at the SAR itself.
 *
 * Source: J. Welles Wilder, "New Concepts in Technical Trading Systems" (1978), with his
 * acceleration factors 0.02/0.02/0.20; the SAR follows TA-Lib's `SAR` step for step.
 */
import { parabolicSar } from '../src/indicators/parabolic-sar.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';
import { crossedAbove, crossedBelow } from '../src/strategy/series-view.js';

export default defineStrategy({
  name: 'parabolic-sar',
  description: 'Parabolic stop and reverse: long while the SAR is below the close',
  category: 'trend',
  tags: ['parabolic-sar', 'stop-and-reverse', 'long-short'],
  params: {
    afStart: { type: 'number', default: 0.02, min: 0.001, max: 0.5, step: 0.01, description: 'initial acceleration factor' },
    afStep: { type: 'number', default: 0.02, min: 0.001, max: 0.5, step: 0.01, description: 'acceleration factor increment per new extreme' },
    afMax: { type: 'number', default: 0.2, min: 0.01, max: 1, step: 0.05, description: 'acceleration factor ceiling' },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only exits on a flip down; long-short reverses into a short',
    },
  },
  validate: (p) => (p.afStart > p.afMax ? `afStart (${p.afStart}) must not exceed afMax (${p.afMax})` : undefined),
  init(ctx) {
    const { afStart, afStep, afMax } = ctx.params;
    return { sar: ctx.indicator('sar', parabolicSar(ctx.high, ctx.low, afStart, afStep, afMax)) };
  },
  next(ctx, { sar }) {
    if (crossedAbove(ctx.close, sar)) {
      if (ctx.position.isShort) ctx.closePosition();
      if (!ctx.position.isLong) ctx.buy();
    } else if (crossedBelow(ctx.close, sar)) {
      if (ctx.position.isLong) ctx.closePosition();
      if (ctx.params.direction === 'long-short' && !ctx.position.isShort) ctx.sell();
    }
  },
});
