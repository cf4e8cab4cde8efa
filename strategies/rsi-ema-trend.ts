/**
 * RSI pullbacks in an uptrend: buy when a short Wilder RSI closes below `lower` while the
 * close is above its `trendPeriod`-bar EMA (buy dips only in an uptrend), and exit when the
 * RSI closes above `upper`. Comparisons are strict; long only.
 *
 * Source: L. Connors and C. Alvarez, "Short Term Trading Strategies That Work" (2008), the
 * 2-period RSI strategy (buy RSI(2) below 10 above the 200-day average, sell on strength), with
 * an EMA as the trend filter and an RSI exit.
 */
import { ema } from '../src/indicators/ema.js';
import { rsi } from '../src/indicators/rsi.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'rsi-ema-trend',
  description: 'Buy short-RSI pullbacks above a long EMA, exit when RSI recovers',
  category: 'multi-factor',
  tags: ['oscillator', 'rsi', 'trend-filter', 'pullback'],
  params: {
    period: { type: 'int', default: 2, min: 2, max: 30, step: 1, description: 'RSI length [bars]' },
    lower: { type: 'number', default: 10, min: 1, max: 50, step: 5, description: 'oversold level: buy below it [RSI points]' },
    upper: { type: 'number', default: 70, min: 50, max: 99, step: 5, description: 'exit level: sell above it [RSI points]' },
    trendPeriod: { type: 'int', default: 200, min: 10, max: 400, step: 10, description: 'trend filter EMA length [bars]' },
  },
  validate: (p) => (p.lower >= p.upper ? `lower (${p.lower}) must be below upper (${p.upper})` : undefined),
  init(ctx) {
    const { period, trendPeriod } = ctx.params;
    return {
      rsi: ctx.indicator(`rsi${period}`, rsi(ctx.close, period), { overlay: false }),
      trend: ctx.indicator(`ema${trendPeriod}`, ema(ctx.close, trendPeriod)),
    };
  },
  next(ctx, { rsi: value, trend }) {
    const { lower, upper } = ctx.params;
    if (ctx.position.isLong) {
      if (value.current > upper) ctx.closePosition();
    } else if (value.current < lower && ctx.close.current > trend.current) ctx.buy();
  },
});
