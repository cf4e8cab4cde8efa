/**
 * SuperTrend: buy when the SuperTrend turns up (the close rises above its upper band), exit
 * when it turns down (the close falls below its lower band); with `direction: long-short` the
 * turn down also opens a short, so the strategy is always in the market after the first turn.
 *
 * Source: Olivier Seban's SuperTrend (as in TradingView's `ta.supertrend`; see
 * src/indicators/supertrend.ts): an ATR trailing stop around the median price, here with the
 * common 10-bar ATR and multiplier 3.
 */
import { supertrend } from '../src/indicators/supertrend.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'supertrend',
  description: 'Long while the SuperTrend (ATR trailing band) points up; exit or reverse when it flips',
  category: 'trend',
  tags: ['atr', 'trailing-stop', 'stop-and-reverse', 'long-short'],
  params: {
    period: { type: 'int', default: 10, min: 1, max: 200, step: 2, description: 'ATR length [bars]' },
    multiplier: { type: 'number', default: 3, min: 0.5, max: 10, step: 0.5, description: 'band distance from the median price [ATRs]' },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only exits when the trend turns down; long-short reverses into a short',
    },
  },
  init(ctx) {
    const { period, multiplier } = ctx.params;
    const lines = supertrend(ctx.high, ctx.low, ctx.close, period, multiplier);
    return {
      line: ctx.indicator(`supertrend${period}_${multiplier}`, lines.line),
      // One bar more of warm-up, so the first decision sees the previous direction.
      direction: ctx.indicator(`supertrendDirection${period}_${multiplier}`, lines.direction, { overlay: false, warmup: period + 1 }),
    };
  },
  next(ctx, { direction: trend }) {
    const turnsUp = trend.current === 1 && trend.ago(1) === -1;
    const turnsDown = trend.current === -1 && trend.ago(1) === 1;
    if (turnsUp) {
      if (ctx.position.isShort) ctx.closePosition();
      if (!ctx.position.isLong) ctx.buy();
    } else if (turnsDown) {
      if (ctx.position.isLong) ctx.closePosition();
      if (ctx.params.direction === 'long-short' && !ctx.position.isShort) ctx.sell();
    }
  },
});
