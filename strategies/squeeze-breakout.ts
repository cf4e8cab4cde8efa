/**
 * Squeeze breakout: a squeeze is on while the Bollinger Bands (20, 2σ) lie inside the Keltner
 * channel (EMA 20 ± 1.5 ATR 20). When a squeeze ends (on at the previous bar, off now), buy if
 * the close is above the Bollinger middle band, or with `direction: long-short` sell short if it
 * is below; exit when the close crosses back through the middle band.
 *
 * Source: John Carter, "Mastering the Trade" (2005; 3rd ed. 2019, ch. 11, "the TTM Squeeze"):
 * volatility contracts until the Bollinger Bands fit inside the Keltner channel, and the release
 * of the squeeze starts a move in the direction of momentum. Carter reads the direction from a
 * momentum histogram; the close against the 20-bar mean is its simplest form. Bollinger (1980s)
 * and Keltner bands as in src/indicators.
 */
import { bollinger } from '../src/indicators/bollinger.js';
import { keltner } from '../src/indicators/keltner.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'squeeze-breakout',
  description: 'Trade the release of a squeeze (Bollinger inside Keltner) in the direction of the close',
  category: 'volatility',
  tags: ['breakout', 'squeeze', 'bollinger', 'keltner', 'long-short'],
  params: {
    period: { type: 'int', default: 20, min: 2, max: 500, step: 5, description: 'Bollinger SMA, Keltner EMA and ATR length [bars]' },
    bollingerWidth: { type: 'number', default: 2, min: 0.5, max: 5, step: 0.25, description: 'Bollinger band distance [standard deviations]' },
    keltnerWidth: { type: 'number', default: 1.5, min: 0.25, max: 5, step: 0.25, description: 'Keltner channel distance [ATRs]' },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only, or also short a release with the close below the middle band',
    },
  },
  init(ctx) {
    const { period, bollingerWidth, keltnerWidth } = ctx.params;
    const bands = bollinger(ctx.close, period, bollingerWidth);
    const channel = keltner(ctx.high, ctx.low, ctx.close, period, period, keltnerWidth);
    const squeeze = new Float64Array(ctx.close.length).fill(NaN);
    for (let t = 0; t < squeeze.length; t++) {
      if (Number.isNaN(bands.upper[t]) || Number.isNaN(channel.upper[t])) continue;
      squeeze[t] = bands.upper[t] < channel.upper[t] && bands.lower[t] > channel.lower[t] ? 1 : 0;
    }
    const firstSqueeze = squeeze.findIndex((v) => !Number.isNaN(v));
    return {
      middle: ctx.indicator(`bollingerMiddle${period}`, bands.middle),
      // One bar more of warm-up, so the first decision sees the previous bar's squeeze state.
      squeeze: ctx.indicator(`squeeze${period}`, squeeze, { overlay: false, warmup: firstSqueeze === -1 ? squeeze.length : firstSqueeze + 1 }),
    };
  },
  next(ctx, { middle, squeeze }) {
    const close = ctx.close.current;
    const fires = squeeze.ago(1) === 1 && squeeze.current === 0;
    const goesLong = fires && close > middle.current;
    const goesShort = ctx.params.direction === 'long-short' && fires && close < middle.current;
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
