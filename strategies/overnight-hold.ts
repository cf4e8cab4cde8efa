/**
 * Overnight hold: buy at the close (a market-on-close order, `atClose`) and sell at the next
 * bar's open, so the position earns only the close-to-open gap. With `filter: down-day` it
 * holds only after a bar that closed below the previous close; with `above-sma` only while
 * the close is above its `smaPeriod`-bar SMA; with `none` every night.
 *
 * Source: M. J. Cooper, M. T. Cliff and G. Gulen, "Return Differential between Trading and
 * Non-trading Hours: Like Night and Day" (2008); P. J. Kelly and S. P. Clark, "Returns in
 * Trading versus Non-trading Hours: The Difference Is Day and Night", Journal of Asset
 * Management (2011): most of the U.S. equity premium accrued overnight, close to open.
 * Every night is a round trip, so commission weighs heavily: the filters trade less.
 */
import { sma } from '../src/indicators/sma.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'overnight-hold',
  description: 'Buy the close, sell the next open (market-on-close entry), optionally filtered',
  category: 'calendar',
  tags: ['overnight', 'market-on-close', 'short-term'],
  params: {
    filter: {
      type: 'enum',
      values: ['down-day', 'above-sma', 'none'],
      default: 'down-day',
      description: 'which nights to hold: after a down close, above the SMA, or every night',
    },
    minDrop: { type: 'number', default: 0.02, min: 0, max: 0.1, step: 0.005, description: 'filter=down-day: the close must be at least this far below the previous close [fraction]' },
    smaPeriod: { type: 'int', default: 200, min: 10, max: 400, step: 10, description: 'SMA length for filter=above-sma [bars]' },
  },
  init(ctx) {
    const { filter, smaPeriod } = ctx.params;
    return { trend: filter === 'above-sma' ? ctx.indicator(`sma${smaPeriod}`, sma(ctx.close, smaPeriod)) : undefined };
  },
  next(ctx, { trend }) {
    const { filter } = ctx.params;
    const close = ctx.close.current;
    const holds = filter === 'none' || (filter === 'down-day' ? close < ctx.close.ago(1) * (1 - ctx.params.minDrop) : close > trend!.current);
    if (holds && ctx.bar < ctx.lastBar) {
      ctx.buy({ atClose: true });
      ctx.closePosition();
    }
  },
});
