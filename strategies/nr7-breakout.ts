/**
 * NR7 breakout: after a bar with the narrowest range of the last 7 (NR7), place a buy stop at
 * its high for the next bar only, with a stop-loss at its low; a position is closed at the open
 * after it has been held `holdBars` bars (counting the entry bar), unless the stop-loss hit
 * first. Long only.
 *
 * Source: Toby Crabel, "Day Trading with Short Term Price Patterns and Opening Range Breakout"
 * (1990): a narrow-range day (NR4, NR7) is a volatility contraction that tends to be followed by
 * an expansion; buy a move above the NR7 bar's high. Crabel entered on the following day's
 * range break and also sold the break of the low; here only the long side is taken, and the
 * exit is a fixed holding period.
 */
import { narrowestRange } from '../src/indicators/narrowest-range.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'nr7-breakout',
  description: "Buy stop above a narrowest-range-of-7 bar's high, stop at its low, exit after N bars",
  category: 'pattern',
  tags: ['breakout', 'narrow-range', 'stop-order', 'volatility-contraction'],
  params: {
    period: { type: 'int', default: 7, min: 2, max: 50, step: 1, description: 'bars compared for the narrowest range (7 = NR7, 4 = NR4)' },
    holdBars: { type: 'int', default: 5, min: 1, max: 250, step: 1, description: 'bars a position is held, entry bar included [bars]' },
    stopAtLow: { type: 'boolean', default: true, description: "stop-loss at the narrow bar's low" },
  },
  init(ctx) {
    return {
      narrow: ctx.indicator(`nr${ctx.params.period}`, narrowestRange(ctx.high, ctx.low, ctx.params.period), { overlay: false }),
      held: { entryBar: -1 },
    };
  },
  next(ctx, { narrow, held }) {
    const { holdBars, stopAtLow } = ctx.params;
    if (ctx.position.isLong) {
      if (held.entryBar === -1) held.entryBar = ctx.bar;
      if (ctx.bar - held.entryBar + 1 >= holdBars) ctx.closePosition();
      return;
    }
    held.entryBar = -1;
    if (narrow.current === 1) {
      const low = ctx.low.current;
      ctx.buy({ stopPrice: ctx.high.current, expiresAfterBars: 1, ...(stopAtLow ? { stopLossPrice: low } : {}) });
    }
  },
});
