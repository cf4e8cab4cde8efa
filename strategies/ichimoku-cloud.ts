/**
 * Ichimoku cloud trend following: buy when the close is above the cloud (both senkou spans
 * as plotted at this bar) and above the kijun-sen (base line), with the tenkan-sen
 * (conversion line) above the kijun-sen; exit when the close falls below the kijun-sen. With
 * `direction: long-short` the mirror image (close below the cloud and the kijun-sen, tenkan
 * below kijun) opens a short, closed by a close above the kijun-sen. Comparisons are strict.
 *
 * Source: Goichi Hosoda's Ichimoku kinko hyo (1969), with his 9/26/52 periods and 26-bar
 * displacement; the "kumo breakout" with a tenkan/kijun confirmation and the kijun-sen as
 * trailing exit is the standard way to trade it (N. Elliott, "Ichimoku Charts", 2007). The
 * cloud is the one a chart draws at this bar, computed `displacement` bars earlier, so
 * nothing looks ahead; the chikou span is not used.
 */
import { ichimoku } from '../src/indicators/ichimoku.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'ichimoku-cloud',
  description: 'Close above the Ichimoku cloud with tenkan over kijun; exit below the kijun',
  category: 'trend',
  tags: ['ichimoku', 'cloud', 'long-short'],
  params: {
    tenkanPeriod: { type: 'int', default: 9, min: 1, max: 200, step: 1, description: 'tenkan-sen (conversion line) length [bars]' },
    kijunPeriod: { type: 'int', default: 26, min: 2, max: 400, step: 2, description: 'kijun-sen (base line) length [bars]' },
    senkouBPeriod: { type: 'int', default: 52, min: 3, max: 800, step: 4, description: 'senkou span B length [bars]' },
    displacement: { type: 'int', default: 26, min: 0, max: 400, step: 2, description: 'forward shift of the cloud [bars]' },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only, or also short below the cloud',
    },
  },
  validate: (p) =>
    p.tenkanPeriod >= p.kijunPeriod
      ? `tenkanPeriod (${p.tenkanPeriod}) must be below kijunPeriod (${p.kijunPeriod})`
      : p.kijunPeriod >= p.senkouBPeriod
        ? `kijunPeriod (${p.kijunPeriod}) must be below senkouBPeriod (${p.senkouBPeriod})`
        : undefined,
  init(ctx) {
    const { tenkanPeriod, kijunPeriod, senkouBPeriod, displacement } = ctx.params;
    const lines = ichimoku(ctx.high, ctx.low, tenkanPeriod, kijunPeriod, senkouBPeriod, displacement);
    return {
      tenkan: ctx.indicator(`tenkan${tenkanPeriod}`, lines.tenkan),
      kijun: ctx.indicator(`kijun${kijunPeriod}`, lines.kijun),
      senkouA: ctx.indicator('senkouA', lines.senkouA),
      senkouB: ctx.indicator(`senkouB${senkouBPeriod}`, lines.senkouB),
    };
  },
  next(ctx, { tenkan, kijun, senkouA, senkouB }) {
    const close = ctx.close.current;
    const base = kijun.current;
    const cloudTop = Math.max(senkouA.current, senkouB.current);
    const cloudBottom = Math.min(senkouA.current, senkouB.current);
    const goesLong = close > cloudTop && close > base && tenkan.current > base;
    const goesShort = ctx.params.direction === 'long-short' && close < cloudBottom && close < base && tenkan.current < base;
    if (ctx.position.isLong) {
      if (close < base) ctx.closePosition();
      if (goesShort) ctx.sell();
    } else if (ctx.position.isShort) {
      if (close > base) ctx.closePosition();
      if (goesLong) ctx.buy();
    } else if (goesLong) ctx.buy();
    else if (goesShort) ctx.sell();
  },
});
