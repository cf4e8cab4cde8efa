/**
 * ADX trend following: buy when +DI crosses above −DI while the ADX is above `threshold` (a
 * trending market), and exit when −DI crosses back above +DI, whatever the ADX. With
 * `direction: long-short` a −DI cross above +DI with the ADX above the threshold also opens a
 * short, closed by the next +DI cross up. Crossings are strict.
 *
 * Source: J. Welles Wilder's directional movement system ("New Concepts in Technical Trading
 * Systems", 1978): trade the DI crossings, but only when the ADX shows a trend worth
 * following (25 is the customary level; Wilder's period is 14).
 */
import { adx } from '../src/indicators/adx.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';
import { crossedAbove, crossedBelow } from '../src/strategy/series-view.js';

export default defineStrategy({
  name: 'adx-trend',
  description: 'DI crossovers taken only when the ADX shows a trend',
  category: 'trend',
  tags: ['adx', 'directional-movement', 'long-short'],
  params: {
    period: { type: 'int', default: 14, min: 2, max: 200, step: 2, description: 'DI and ADX length [bars]' },
    threshold: { type: 'number', default: 25, min: 0, max: 100, step: 5, description: 'minimum ADX for an entry [ADX points]' },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only exits on a −DI cross; long-short also shorts it when the ADX is high',
    },
  },
  init(ctx) {
    const { period } = ctx.params;
    const lines = adx(ctx.high, ctx.low, ctx.close, period);
    return {
      strength: ctx.indicator(`adx${period}`, lines.adx, { overlay: false }),
      plusDi: ctx.indicator(`plusDi${period}`, lines.plusDi, { overlay: false }),
      minusDi: ctx.indicator(`minusDi${period}`, lines.minusDi, { overlay: false }),
    };
  },
  next(ctx, { strength, plusDi, minusDi }) {
    const isTrending = strength.current > ctx.params.threshold;
    if (crossedAbove(plusDi, minusDi)) {
      if (ctx.position.isShort) ctx.closePosition();
      if (!ctx.position.isLong && isTrending) ctx.buy();
    } else if (crossedBelow(plusDi, minusDi)) {
      if (ctx.position.isLong) ctx.closePosition();
      if (ctx.params.direction === 'long-short' && !ctx.position.isShort && isTrending) ctx.sell();
    }
  },
});
