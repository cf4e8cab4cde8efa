/**
 * Stochastic %K/%D crossover in the extreme zones: buy when %K crosses above %D while %D is
 * below `lower` (oversold), and exit when %K crosses below %D while %D is above `upper`
 * (overbought); with `direction: long-short` that overbought cross also opens a short, closed
 * by the next oversold cross up. Crossings are strict. With `signalMode: position` the zone
 * conditions are read as states instead of events: %K above %D while %D is below `lower` enters
 * (on the first decision bar too), %K below %D while %D is above `upper` exits (signal-mode.ts).
 *
 * Source: George Lane's stochastic oscillator (1950s): a close near the bottom of its recent
 * range signals exhaustion, and %K turning through %D in the 20/80 zones is the classic
 * trigger. The defaults are the slow stochastic 14/3/3.
 */
import { stochastic } from '../src/indicators/stochastic.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';
import { bearishSignal, bullishSignal, SIGNAL_MODE_PARAM } from '../src/strategy/signal-mode.js';

export default defineStrategy({
  name: 'stochastic-cross',
  description: 'Stochastic %K crossing %D in the oversold/overbought zones',
  category: 'mean-reversion',
  tags: ['crossover', 'stochastic', 'oscillator', 'long-short'],
  params: {
    kPeriod: { type: 'int', default: 14, min: 1, max: 500, step: 2, description: 'high/low lookback of %K [bars]' },
    dPeriod: { type: 'int', default: 3, min: 1, max: 100, step: 1, description: '%D smoothing (SMA of %K) [bars]' },
    slowing: { type: 'int', default: 3, min: 1, max: 100, step: 1, description: '%K smoothing; 1 = fast stochastic [bars]' },
    lower: { type: 'number', default: 20, min: 0, max: 100, step: 5, description: 'oversold level: buy %K crossing up while %D is below it [percent]' },
    upper: { type: 'number', default: 80, min: 0, max: 100, step: 5, description: 'overbought level: exit (or short) %K crossing down while %D is above it [percent]' },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only, or also short the overbought cross down',
    },
    signalMode: SIGNAL_MODE_PARAM,
  },
  validate: (p) => (p.lower >= p.upper ? `lower (${p.lower}) must be below upper (${p.upper})` : undefined),
  init(ctx) {
    const { kPeriod, dPeriod, slowing } = ctx.params;
    const lines = stochastic(ctx.high, ctx.low, ctx.close, kPeriod, dPeriod, slowing);
    return {
      k: ctx.indicator(`stochK${kPeriod}_${slowing}`, lines.k, { overlay: false }),
      d: ctx.indicator(`stochD${dPeriod}`, lines.d, { overlay: false }),
    };
  },
  next(ctx, { k, d }) {
    const { lower, upper, direction, signalMode } = ctx.params;
    const turnsUp = bullishSignal(signalMode, k, d) && d.current < lower;
    const turnsDown = bearishSignal(signalMode, k, d) && d.current > upper;
    if (turnsUp) {
      if (ctx.position.isShort) ctx.closePosition();
      if (!ctx.position.isLong) ctx.buy();
    } else if (turnsDown) {
      if (ctx.position.isLong) ctx.closePosition();
      if (direction === 'long-short' && !ctx.position.isShort) ctx.sell();
    }
  },
});
