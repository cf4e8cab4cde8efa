/**
 * RSI reversion with a volume filter: buy when Wilder's RSI closes below `lower` on a bar
 * whose volume is above `volumeFactor` × its `volumePeriod`-bar simple moving average (a
 * sell-off on heavy volume, read as capitulation), and exit when the RSI closes above `upper`.
 * Comparisons are strict; long only.
 *
 * Source: the RSI and its 30/70 levels from J. Welles Wilder, "New Concepts in Technical
 * Trading Systems" (1978); volume as confirmation of a price move from J. J. Murphy,
 * "Technical Analysis of the Financial Markets" (1999), ch. 7.
 */
import { rsi } from '../src/indicators/rsi.js';
import { sma } from '../src/indicators/sma.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'rsi-volume-filter',
  description: 'Buy oversold RSI only on above-average volume, exit when RSI is overbought',
  category: 'multi-factor',
  tags: ['oscillator', 'rsi', 'volume', 'filter'],
  params: {
    period: { type: 'int', default: 14, min: 2, max: 100, step: 1, description: 'RSI length [bars]' },
    lower: { type: 'number', default: 35, min: 5, max: 50, step: 5, description: 'oversold level: buy below it [RSI points]' },
    upper: { type: 'number', default: 65, min: 50, max: 95, step: 5, description: 'overbought level: exit above it [RSI points]' },
    volumePeriod: { type: 'int', default: 20, min: 2, max: 200, step: 5, description: 'volume moving average length [bars]' },
    volumeFactor: { type: 'number', default: 1, min: 0.5, max: 3, step: 0.1, description: 'volume must exceed this multiple of its average [ratio]' },
  },
  validate: (p) => (p.lower >= p.upper ? `lower (${p.lower}) must be below upper (${p.upper})` : undefined),
  init(ctx) {
    const { period, volumePeriod } = ctx.params;
    return {
      rsi: ctx.indicator(`rsi${period}`, rsi(ctx.close, period), { overlay: false }),
      volumeAverage: ctx.indicator(`volumeSma${volumePeriod}`, sma(ctx.volume, volumePeriod), { overlay: false }),
    };
  },
  next(ctx, { rsi: value, volumeAverage }) {
    const { lower, upper, volumeFactor } = ctx.params;
    if (ctx.position.isLong) {
      if (value.current > upper) ctx.closePosition();
    } else if (value.current < lower && ctx.volume.current > volumeFactor * volumeAverage.current) ctx.buy();
  },
});
