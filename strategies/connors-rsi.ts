/**
 * ConnorsRSI pullbacks: buy when ConnorsRSI (RSI(3) of the closes, RSI(2) of the up/down
 * streak and the 100-bar percent rank of the one-bar return, averaged) closes below `lower`
 * while the close is above its `trendPeriod`-bar SMA; exit when ConnorsRSI closes above
 * `upper`. Comparisons are strict; long only.
 *
 * Source: L. Connors, Connors Research, "An Introduction to ConnorsRSI" (2012), and Connors &
 * Alvarez's ConnorsRSI pullback rules (above the 200-day average, buy a low ConnorsRSI, exit
 * when it rises above 70).
 */
import { connorsRsi } from '../src/indicators/connors-rsi.js';
import { sma } from '../src/indicators/sma.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'connors-rsi',
  description: 'Buy low ConnorsRSI (RSI, streak RSI, percent rank) above the 200-bar SMA',
  category: 'mean-reversion',
  tags: ['oscillator', 'connors', 'trend-filter', 'pullback'],
  params: {
    rsiPeriod: { type: 'int', default: 3, min: 2, max: 20, step: 1, description: 'price RSI length [bars]' },
    streakPeriod: { type: 'int', default: 2, min: 1, max: 10, step: 1, description: 'streak RSI length [bars]' },
    rankPeriod: { type: 'int', default: 100, min: 10, max: 250, step: 10, description: 'percent-rank look-back [bars]' },
    lower: { type: 'number', default: 15, min: 1, max: 50, step: 5, description: 'buy below this ConnorsRSI [points]' },
    upper: { type: 'number', default: 70, min: 50, max: 99, step: 5, description: 'exit above this ConnorsRSI [points]' },
    trendPeriod: { type: 'int', default: 200, min: 10, max: 400, step: 10, description: 'trend filter SMA length [bars]' },
  },
  validate: (p) => (p.lower >= p.upper ? `lower (${p.lower}) must be below upper (${p.upper})` : undefined),
  init(ctx) {
    const { rsiPeriod, streakPeriod, rankPeriod, trendPeriod } = ctx.params;
    return {
      crsi: ctx.indicator(`connorsRsi${rsiPeriod}_${streakPeriod}_${rankPeriod}`, connorsRsi(ctx.close, rsiPeriod, streakPeriod, rankPeriod), { overlay: false }),
      trend: ctx.indicator(`sma${trendPeriod}`, sma(ctx.close, trendPeriod)),
    };
  },
  next(ctx, { crsi, trend }) {
    const { lower, upper } = ctx.params;
    if (ctx.position.isLong) {
      if (crsi.current > upper) ctx.closePosition();
    } else if (crsi.current < lower && ctx.close.current > trend.current) ctx.buy();
  },
});
