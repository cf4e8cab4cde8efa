/**
 * Keltner channel breakout: buy when the close ends above the upper band (EMA of the close
 * plus `multiple` ATRs) and exit when it falls back below the middle line (the EMA); with
 * `direction: long-short` a close below the lower band opens a short, covered above the
 * middle line. Comparisons are strict.
 *
 * Source: Chester Keltner's channel ("How to Make Money in Commodities", 1960), in the modern
 * EMA/ATR form popularised by Linda Bradford Raschke, with StockCharts' 20/10/2 defaults. A
 * close outside the channel is read as the start of a trend (not as stretched, as in
 * `bollinger-reversion`), and the return to the average as its end.
 */
import { keltner } from '../src/indicators/keltner.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'keltner-breakout',
  description: 'Close above the Keltner channel (EMA ± k·ATR), exit at the middle line',
  category: 'volatility',
  tags: ['breakout', 'keltner', 'atr', 'long-short'],
  params: {
    emaPeriod: { type: 'int', default: 20, min: 1, max: 1000, step: 5, description: 'middle-line EMA length [bars]' },
    atrPeriod: { type: 'int', default: 10, min: 1, max: 500, step: 2, description: 'ATR length of the band width [bars]' },
    multiple: { type: 'number', default: 2, min: 0.25, max: 10, step: 0.25, description: 'band distance from the middle line [ATRs]' },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only, or also short closes below the lower band',
    },
  },
  init(ctx) {
    const { emaPeriod, atrPeriod, multiple } = ctx.params;
    const channel = keltner(ctx.high, ctx.low, ctx.close, emaPeriod, atrPeriod, multiple);
    return {
      upper: ctx.indicator(`keltnerUpper${emaPeriod}_${atrPeriod}`, channel.upper),
      middle: ctx.indicator(`keltnerMiddle${emaPeriod}`, channel.middle),
      lower: ctx.indicator(`keltnerLower${emaPeriod}_${atrPeriod}`, channel.lower),
    };
  },
  next(ctx, { upper, middle, lower }) {
    const close = ctx.close.current;
    const goesLong = close > upper.current;
    const goesShort = ctx.params.direction === 'long-short' && close < lower.current;
    if (ctx.position.isLong) {
      if (close < middle.current) ctx.closePosition();
      if (goesShort) ctx.sell();
    } else if (ctx.position.isShort) {
      if (close > middle.current) ctx.closePosition();
      if (goesLong) ctx.buy();
    } else if (goesLong) ctx.buy();
    else if (goesShort) ctx.sell();
  },
});
