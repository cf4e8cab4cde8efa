/**
 * Aroon trend: buy when Aroon up crosses above Aroon down while Aroon up is at or above
 * `strength` (a new high within the last few bars), exit when Aroon down crosses above Aroon
 * up; with `direction: long-short` the mirror rule opens shorts. Crossings are strict.
 *
 * Source: Tushar Chande, "The New Technical Trader" (1994) and Technical Analysis of Stocks &
 * Commodities (Sept. 1995): Aroon up = 100 × (n − bars since the n-bar high) / n; a strong
 * uptrend shows Aroon up near 100 with Aroon down low, and the crossing of the two lines marks a
 * change of trend. Defaults: n = 25 (Chande's), strength 70 (StockCharts' reading of "strong").
 */
import { aroon } from '../src/indicators/aroon.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';
import { crossedAbove, crossedBelow } from '../src/strategy/series-view.js';

export default defineStrategy({
  name: 'aroon-trend',
  description: 'Aroon up crossing above Aroon down while strong; exit when Aroon down crosses back',
  category: 'trend',
  tags: ['aroon', 'crossover', 'long-short'],
  params: {
    period: { type: 'int', default: 25, min: 2, max: 500, step: 5, description: 'Aroon lookback [bars]' },
    strength: { type: 'number', default: 70, min: 0, max: 100, step: 10, description: 'minimum Aroon up (down, for shorts) at the entry cross [percent]' },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only, or also short when Aroon down crosses above Aroon up while strong',
    },
  },
  init(ctx) {
    const { period } = ctx.params;
    const lines = aroon(ctx.high, ctx.low, period);
    return {
      up: ctx.indicator(`aroonUp${period}`, lines.up, { overlay: false }),
      down: ctx.indicator(`aroonDown${period}`, lines.down, { overlay: false }),
    };
  },
  next(ctx, { up, down }) {
    const { strength, direction } = ctx.params;
    const turnsUp = crossedAbove(up, down);
    const turnsDown = crossedBelow(up, down);
    const goesLong = turnsUp && up.current >= strength;
    const goesShort = direction === 'long-short' && turnsDown && down.current >= strength;
    if (ctx.position.isLong) {
      if (turnsDown) ctx.closePosition();
      if (goesShort) ctx.sell();
    } else if (ctx.position.isShort) {
      if (turnsUp) ctx.closePosition();
      if (goesLong) ctx.buy();
    } else if (goesLong) ctx.buy();
    else if (goesShort) ctx.sell();
  },
});
