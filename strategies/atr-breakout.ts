/**
 * ATR volatility breakout: buy when the close rises more than `multiple` ATRs above the previous
 * close (a range expansion), exit when it falls more than `exitMultiple` ATRs below the highest
 * close since the entry signal (an ATR trailing exit, checked on closes); with `direction: long-short`
 * the mirror rules trade shorts. The ATR is the previous bar's, so the signal bar's own range
 * does not widen its threshold.
 *
 * Source: the volatility breakout of Larry Williams ("Long-Term Secrets to Short-Term
 * Trading", 1999, ch. 5: enter when price moves a multiple of the recent range away from the
 * prior close) with Wilder's ATR ("New Concepts in Technical Trading Systems", 1978) as the
 * range, and Chuck LeBeau's chandelier-style exit (a multiple of ATR from the best close).
 */
import { atr } from '../src/indicators/atr.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'atr-breakout',
  description: 'Close more than k ATRs beyond the previous close; exit k ATRs off the best close since',
  category: 'volatility',
  tags: ['breakout', 'atr', 'trailing-stop', 'long-short'],
  params: {
    atrPeriod: { type: 'int', default: 14, min: 1, max: 500, step: 2, description: 'ATR length [bars]' },
    multiple: { type: 'number', default: 1, min: 0.25, max: 10, step: 0.25, description: 'entry move from the previous close [ATRs]' },
    exitMultiple: { type: 'number', default: 3, min: 0.25, max: 20, step: 0.5, description: 'exit distance below the highest close since entry (above the lowest, short) [ATRs]' },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only, or also short a close more than k ATRs below the previous one',
    },
  },
  init(ctx) {
    const { atrPeriod } = ctx.params;
    // One bar more of warm-up: the decision reads the previous bar's ATR.
    return {
      atr: ctx.indicator(`atr${atrPeriod}`, atr(ctx.high, ctx.low, ctx.close, atrPeriod), { overlay: false, warmup: atrPeriod + 1 }),
      best: { price: NaN },
    };
  },
  next(ctx, state) {
    const { multiple, exitMultiple, direction } = ctx.params;
    const close = ctx.close.current;
    const previousRange = state.atr.ago(1);
    const move = close - ctx.close.ago(1);
    const goesLong = move > multiple * previousRange;
    const goesShort = direction === 'long-short' && move < -multiple * previousRange;
    const best = state.best;
    if (ctx.position.isLong) {
      best.price = Math.max(Number.isNaN(best.price) ? close : best.price, close);
      if (close < best.price - exitMultiple * previousRange) ctx.closePosition();
      else if (goesShort) ctx.closePosition();
      if (goesShort) {
        ctx.sell();
        best.price = close;
      }
      return;
    }
    if (ctx.position.isShort) {
      best.price = Math.min(Number.isNaN(best.price) ? close : best.price, close);
      if (close > best.price + exitMultiple * previousRange) ctx.closePosition();
      else if (goesLong) ctx.closePosition();
      if (goesLong) {
        ctx.buy();
        best.price = close;
      }
      return;
    }
    if (goesLong) ctx.buy();
    else if (goesShort) ctx.sell();
    // The tracking starts from the signal close; the bar of the fill updates it.
    best.price = goesLong || goesShort ? close : NaN;
  },
});
