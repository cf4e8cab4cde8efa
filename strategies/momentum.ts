/**
 * Rate-of-change momentum: buy when the close has risen more than `threshold` over the last
 * `period` bars (ROC = close / close `period` bars ago − 1), and exit when that change falls
 * below `exitThreshold`. With `direction: long-short` a fall of more than `threshold` opens
 * a short, covered when the change rises above −`exitThreshold`. Comparisons are strict, and
 * thresholds are fractions (0.02 = 2 %; `--strat threshold=2%` works too).
 *
 * Source: time-series momentum, trading an asset in the direction of its own past return
 * (Moskowitz, Ooi and Pedersen, "Time Series Momentum", Journal of Financial Economics,
 * 2012); the rate of change as a momentum oscillator is M. Pring's ("Technical Analysis
 * Explained"). Requiring the change to clear a threshold, and leaving a band between entry
 * and exit, keeps it from trading every wiggle around zero.
 */
import { roc } from '../src/indicators/roc.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'momentum',
  description: 'Rate of change above a threshold: ride the move, exit when it fades',
  category: 'momentum',
  tags: ['rate-of-change', 'long-short'],
  params: {
    period: { type: 'int', default: 20, min: 1, max: 500, step: 5, description: 'rate-of-change lookback [bars]' },
    threshold: {
      type: 'number',
      default: 0.02,
      min: 0,
      max: 1,
      step: 0.01,
      description: 'enter when the change over the lookback exceeds this [fraction]',
    },
    exitThreshold: {
      type: 'number',
      default: 0,
      min: -1,
      max: 1,
      step: 0.01,
      description: 'exit when the change falls below this [fraction]',
    },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only, or also short falls of more than the threshold',
    },
  },
  validate: (p) =>
    p.exitThreshold > p.threshold ? `exitThreshold (${p.exitThreshold}) must not exceed threshold (${p.threshold})` : undefined,
  init(ctx) {
    // roc() is in percent (TA-Lib's unit); the parameters are fractions.
    return { change: ctx.indicator(`roc${ctx.params.period}`, roc(ctx.close, ctx.params.period), { overlay: false }) };
  },
  next(ctx, { change }) {
    const { threshold, exitThreshold, direction } = ctx.params;
    const value = change.current / 100;
    const goesLong = value > threshold;
    const goesShort = direction === 'long-short' && value < -threshold;
    if (ctx.position.isLong) {
      if (value < exitThreshold || goesShort) ctx.closePosition();
      if (goesShort) ctx.sell();
    } else if (ctx.position.isShort) {
      if (value > -exitThreshold || goesLong) ctx.closePosition();
      if (goesLong) ctx.buy();
    } else if (goesLong) ctx.buy();
    else if (goesShort) ctx.sell();
  },
});
