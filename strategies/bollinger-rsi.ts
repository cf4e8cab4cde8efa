/**
 * Bollinger Bands confirmed by RSI: buy when the close ends below the lower band (SMA minus
 * `width` population standard deviations) and Wilder's RSI is below `rsiLower` on the same
 * bar; exit when the close ends above the middle band (the SMA). Comparisons are strict; long
 * only.
 *
 * Source: John Bollinger, "Bollinger on Bollinger Bands" (2001): a tag of a band is not a
 * signal by itself and should be confirmed by an indicator independent of the bands, such as
 * an oscillator; bands 20 / 2, RSI 14 (Wilder 1978).
 */
import { bollinger } from '../src/indicators/bollinger.js';
import { rsi } from '../src/indicators/rsi.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'bollinger-rsi',
  description: 'Buy closes below the lower Bollinger Band with an oversold RSI, exit at the middle',
  category: 'multi-factor',
  tags: ['bands', 'oscillator', 'rsi', 'confirmation'],
  params: {
    period: { type: 'int', default: 20, min: 5, max: 200, step: 5, description: 'band SMA and standard deviation length [bars]' },
    width: { type: 'number', default: 2, min: 0.5, max: 4, step: 0.25, description: 'band distance from the SMA [standard deviations]' },
    rsiPeriod: { type: 'int', default: 14, min: 2, max: 50, step: 2, description: 'RSI length [bars]' },
    rsiLower: { type: 'number', default: 35, min: 5, max: 50, step: 5, description: 'RSI must be below this to buy [RSI points]' },
  },
  init(ctx) {
    const { period, width, rsiPeriod } = ctx.params;
    const bands = bollinger(ctx.close, period, width);
    return {
      middle: ctx.indicator(`bbMiddle${period}`, bands.middle),
      lower: ctx.indicator(`bbLower${period}`, bands.lower),
      rsi: ctx.indicator(`rsi${rsiPeriod}`, rsi(ctx.close, rsiPeriod), { overlay: false }),
    };
  },
  next(ctx, { middle, lower, rsi: value }) {
    const close = ctx.close.current;
    if (ctx.position.isLong) {
      if (close > middle.current) ctx.closePosition();
    } else if (close < lower.current && value.current < ctx.params.rsiLower) ctx.buy();
  },
});
