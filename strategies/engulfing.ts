/**
 * Engulfing candlestick pattern: buy at the next open after a bullish engulfing bar, exit at the
 * next open after a bearish engulfing bar or once the position has been held `holdBars` bars
 * (counting the entry bar); with `direction: long-short` a bearish engulfing bar also opens a
 * short, closed symmetrically.
 *
 * Source: Steve Nison, "Japanese Candlestick Charting Techniques" (1991, ch. 4): a white body
 * engulfing the previous black body is a bullish reversal signal, the mirror a bearish one.
 * Nison reads them after a prior trend; here every occurrence counts (the pattern as defined in
 * src/indicators/candlestick.ts).
 */
import { engulfing } from '../src/indicators/candlestick.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'engulfing',
  description: 'Candlestick: buy after a bullish engulfing bar, exit on a bearish one or after N bars',
  category: 'pattern',
  tags: ['candlestick', 'engulfing', 'reversal', 'long-short'],
  params: {
    holdBars: { type: 'int', default: 10, min: 1, max: 250, step: 1, description: 'bars a position is held at most, entry bar included [bars]' },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only, or also short after a bearish engulfing bar',
    },
  },
  init(ctx) {
    return {
      pattern: ctx.indicator('engulfing', engulfing(ctx.open, ctx.close), { overlay: false }),
      held: { entryBar: -1, side: 'flat' as string },
    };
  },
  next(ctx, { pattern, held }) {
    const { holdBars, direction } = ctx.params;
    const isBullish = pattern.current === 1;
    const isBearish = pattern.current === -1;
    const goesShort = direction === 'long-short' && isBearish;
    // A new position (or a reversal) starts its holding count at this bar, where it filled.
    if (ctx.position.side !== held.side) {
      held.side = ctx.position.side;
      held.entryBar = ctx.position.isFlat ? -1 : ctx.bar;
    }
    const isDue = !ctx.position.isFlat && ctx.bar - held.entryBar + 1 >= holdBars;
    if (ctx.position.isLong) {
      if (isBearish || isDue) ctx.closePosition();
      if (goesShort) ctx.sell();
    } else if (ctx.position.isShort) {
      if (isBullish || isDue) ctx.closePosition();
      if (isBullish) ctx.buy();
    } else if (isBullish) ctx.buy();
    else if (goesShort) ctx.sell();
  },
});
