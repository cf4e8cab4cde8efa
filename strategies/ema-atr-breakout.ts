/**
 * EMA/ATR band breakout: bands sit `multiple` ATRs above and below an EMA of the close. Buy
 * when the close ends above the upper band and exit when it ends below the lower band, so the
 * lower band acts as a volatility stop that trails the average; with `direction: long-short`
 * that break opens a short (stop and reverse), closed by a close above the upper band. With
 * `volumeFilter`, an entry also needs the signal bar's volume above its `volumePeriod`-bar
 * SMA (exits never wait for volume). Comparisons are strict.
 *
 * Source: the ATR channel breakout, a volatility breakout in the family of Chester Keltner's
 * channel (1960) with Wilder's ATR (1978) as the width; that volume should confirm a breakout
 * is the classic chartist's rule (J. Murphy, "Technical Analysis of the Financial Markets",
 * 1999, ch. 7). Unlike `keltner-breakout` (exit at the middle line), positions here are held
 * until the opposite band breaks.
 */
import { StrategyError } from '../src/errors.js';
import { atr } from '../src/indicators/atr.js';
import { ema } from '../src/indicators/ema.js';
import { sma } from '../src/indicators/sma.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';
import type { SeriesView } from '../src/strategy/series-view.js';

export default defineStrategy({
  name: 'ema-atr-breakout',
  description: 'Close beyond EMA ± k·ATR bands, held until the opposite band, optional volume filter',
  category: 'volatility',
  tags: ['breakout', 'atr', 'volume-filter', 'long-short'],
  params: {
    emaPeriod: { type: 'int', default: 20, min: 1, max: 1000, step: 5, description: 'EMA length of the band centre [bars]' },
    atrPeriod: { type: 'int', default: 14, min: 1, max: 500, step: 2, description: 'ATR length of the band width [bars]' },
    multiple: { type: 'number', default: 1.5, min: 0, max: 10, step: 0.25, description: 'band distance from the EMA [ATRs]' },
    volumeFilter: {
      type: 'boolean',
      default: false,
      description: 'enter only when volume is above its SMA (needs a volume column)',
    },
    volumePeriod: { type: 'int', default: 20, min: 1, max: 500, step: 5, description: 'volume SMA length of the filter [bars]' },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only exits below the lower band; long-short reverses into a short there',
    },
  },
  init(ctx) {
    const { emaPeriod, atrPeriod, volumeFilter, volumePeriod } = ctx.params;
    let volumeAverage: SeriesView | undefined;
    if (volumeFilter) {
      if (!ctx.volume.some((v) => v > 0)) {
        throw new StrategyError('BT_STRATEGY_NEEDS_VOLUME', `ema-atr-breakout: "volumeFilter" needs volume, but "${ctx.symbol}" has none`, {
          hint: 'use data with a volume column, or run with --strat volumeFilter=false',
          location: { param: 'volumeFilter' },
        });
      }
      volumeAverage = ctx.indicator(`volumeSma${volumePeriod}`, sma(ctx.volume, volumePeriod), { overlay: false });
    }
    return {
      average: ctx.indicator(`ema${emaPeriod}`, ema(ctx.close, emaPeriod)),
      range: ctx.indicator(`atr${atrPeriod}`, atr(ctx.high, ctx.low, ctx.close, atrPeriod), { overlay: false }),
      volumeAverage,
    };
  },
  next(ctx, { average, range, volumeAverage }) {
    const { multiple, direction } = ctx.params;
    const close = ctx.close.current;
    const width = multiple * range.current;
    const isAbove = close > average.current + width;
    const isBelow = close < average.current - width;
    // NaN volume compares false, so bars without volume never confirm an entry.
    const hasVolume = volumeAverage === undefined || ctx.volume.current > volumeAverage.current;
    const longShort = direction === 'long-short';
    if (ctx.position.isLong) {
      if (isBelow) ctx.closePosition();
      if (longShort && isBelow && hasVolume) ctx.sell();
    } else if (ctx.position.isShort) {
      if (isAbove) ctx.closePosition();
      if (isAbove && hasVolume) ctx.buy();
    } else if (isAbove && hasVolume) ctx.buy();
    else if (longShort && isBelow && hasVolume) ctx.sell();
  },
});
