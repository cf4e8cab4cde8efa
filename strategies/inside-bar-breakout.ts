/**
 * Inside-bar breakout: after an inside bar (its high below the previous high and its low above
 * the previous low), place a buy stop at its high for the next bar only, with a stop-loss at its
 * low; a position is closed at the open after it has been held `holdBars` bars (counting the
 * entry bar), unless the stop-loss hit first. Long only.
 *
 * Source: the inside-day breakout (Thomas Bulkowski, "Encyclopedia of Candlestick Charts",
 * 2008, "inside day"; Toby Crabel, 1990, on inside days as contractions before a range
 * expansion): buy the break of the inside bar's high, risk to its low.
 */
import { insideBar } from '../src/indicators/candlestick.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'inside-bar-breakout',
  description: "Buy stop above an inside bar's high, stop at its low, exit after N bars",
  category: 'pattern',
  tags: ['breakout', 'inside-bar', 'stop-order', 'volatility-contraction'],
  params: {
    holdBars: { type: 'int', default: 5, min: 1, max: 250, step: 1, description: 'bars a position is held, entry bar included [bars]' },
    stopAtLow: { type: 'boolean', default: true, description: "stop-loss at the inside bar's low" },
  },
  init(ctx) {
    return {
      inside: ctx.indicator('insideBar', insideBar(ctx.high, ctx.low), { overlay: false }),
      held: { entryBar: -1 },
    };
  },
  next(ctx, { inside, held }) {
    const { holdBars, stopAtLow } = ctx.params;
    if (ctx.position.isLong) {
      if (held.entryBar === -1) held.entryBar = ctx.bar;
      if (ctx.bar - held.entryBar + 1 >= holdBars) ctx.closePosition();
      return;
    }
    held.entryBar = -1;
    if (inside.current === 1) {
      const low = ctx.low.current;
      ctx.buy({ stopPrice: ctx.high.current, expiresAfterBars: 1, ...(stopAtLow ? { stopLossPrice: low } : {}) });
    }
  },
});
