/**
 * Dual momentum: at each rebalance rank the tradable symbols by their return over the last
 * `lookback` bars (relative momentum), keep the `top` strongest whose return also beats
 * `minReturn` (absolute momentum, cash's return; 0 by default), and hold them at equal weight
 * (1 / `top` each). A slot no symbol qualifies for stays in cash, so in a falling market the
 * whole portfolio rotates into cash. Symbols left out are sold.
 *
 * A symbol's return is computed on its own bars (close / close `lookback` of its bars ago − 1),
 * so it is NaN, and the symbol is skipped, until it has `lookback` bars after listing.
 *
 * Source: Gary Antonacci, "Dual Momentum Investing" (2014); relative strength after
 * Jegadeesh and Titman, "Returns to Buying Winners and Selling Losers", Journal of Finance
 * (1993). Ties rank in symbol order.
 */
import { definePortfolioStrategy } from '../src/strategy/define-portfolio-strategy.js';
import { investableWeight, RebalanceSchedule, SCHEDULE_PARAMS } from '../src/strategy/rebalance-schedule.js';
import type { SeriesView } from '../src/strategy/series-view.js';

/** Return over `period` bars: close[t] / close[t − period] − 1 (NaN for the first `period` bars). */
function trailingReturn(close: Float64Array, period: number): Float64Array {
  const out = new Float64Array(close.length).fill(NaN);
  for (let t = period; t < close.length; t++) out[t] = close[t] / close[t - period] - 1;
  return out;
}

export default definePortfolioStrategy({
  name: 'dual-momentum',
  description: 'Portfolio: hold the strongest symbols by trailing return, or cash when none beats minReturn',
  category: 'momentum',
  tags: ['relative-strength', 'absolute-momentum', 'rotation', 'monthly'],
  params: {
    lookback: { type: 'int', default: 12, min: 1, max: 1000, step: 1, description: 'momentum lookback [bars] (12 = a year of monthly bars)' },
    top: { type: 'int', default: 1, min: 1, max: 1000, step: 1, description: 'number of strongest symbols held' },
    minReturn: {
      type: 'number',
      default: 0,
      min: -1,
      max: 10,
      step: 0.01,
      description: 'absolute momentum: a symbol qualifies only when its lookback return beats this [fraction]',
    },
    ...SCHEDULE_PARAMS,
  },
  init(ctx) {
    const momentum = new Map<string, SeriesView>();
    for (const symbol of ctx.symbols) {
      const close = ctx.data(symbol).bars.close;
      momentum.set(symbol, ctx.indicator(symbol, `return${ctx.params.lookback}`, trailingReturn(close, ctx.params.lookback), { overlay: false }));
    }
    return { momentum, schedule: new RebalanceSchedule() };
  },
  next(ctx, { momentum, schedule }) {
    const { top, minReturn } = ctx.params;
    if (!schedule.isDue(ctx, ctx.params.rebalance, ctx.params.every)) return;
    const ranked: { symbol: string; value: number }[] = [];
    for (const symbol of ctx.symbols) {
      const value = momentum.get(symbol)!.current;
      if (ctx.isTradable(symbol) && value === value && value > minReturn) ranked.push({ symbol, value });
    }
    ranked.sort((a, b) => b.value - a.value);
    const weight = investableWeight(ctx) / top;
    const targets: Record<string, number> = {};
    for (const { symbol } of ranked.slice(0, top)) targets[symbol] = weight;
    ctx.rebalance(targets);
  },
});
