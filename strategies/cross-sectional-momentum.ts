/**
 * Cross-sectional momentum: at each rebalance rank the tradable symbols by their return from
 * `lookback` bars ago to `skip` bars ago (close[t − skip] / close[t − lookback] − 1, on the
 * symbol's own bars; 12-1 months by default, skipping the latest month's short-term
 * reversal) and hold the `top` winners at equal weight; the rest are sold. Unlike
 * dual-momentum there is no absolute filter: the portfolio stays invested. A symbol is ranked
 * once it has `lookback` bars after listing; ties rank in symbol order.
 *
 * Source: N. Jegadeesh and S. Titman, "Returns to Buying Winners and Selling Losers:
 * Implications for Stock Market Efficiency", Journal of Finance (1993); the 12-1 formation
 * period from E. F. Fama and K. R. French's momentum factor (UMD).
 */
import { UsageError } from '../src/errors.js';
import { definePortfolioStrategy } from '../src/strategy/define-portfolio-strategy.js';
import { investableWeight, RebalanceSchedule, SCHEDULE_PARAMS } from '../src/strategy/rebalance-schedule.js';
import type { SeriesView } from '../src/strategy/series-view.js';

/** close[t − skip] / close[t − lookback] − 1; NaN for the first `lookback` bars. */
function skippedReturn(close: Float64Array, lookback: number, skip: number): Float64Array {
  const out = new Float64Array(close.length).fill(NaN);
  for (let t = lookback; t < close.length; t++) out[t] = close[t - skip] / close[t - lookback] - 1;
  return out;
}

export default definePortfolioStrategy({
  name: 'cross-sectional-momentum',
  description: 'Portfolio: hold the top N symbols by 12-1 month return at equal weight, monthly',
  category: 'momentum',
  tags: ['relative-strength', 'rotation'],
  params: {
    lookback: { type: 'int', default: 12, min: 2, max: 500, step: 1, description: 'formation period start [bars ago] (12 = a year of monthly bars)' },
    skip: { type: 'int', default: 1, min: 0, max: 100, step: 1, description: 'most recent bars left out of the formation return [bars]' },
    top: { type: 'int', default: 2, min: 1, max: 100, step: 1, description: 'number of winners held' },
    cashBuffer: {
      type: 'number',
      default: 0.1,
      min: 0,
      max: 0.5,
      step: 0.01,
      description: 'weight kept in cash so that buys still fit when prices move before the fill [fraction]',
    },
    ...SCHEDULE_PARAMS,
  },
  validate: (p) => (p.skip >= p.lookback ? `skip (${p.skip}) must be below lookback (${p.lookback})` : undefined),
  init(ctx) {
    const { lookback, skip, top } = ctx.params;
    if (top > ctx.symbols.length) {
      throw new UsageError('BT_PARAM_INVALID', `strategy "cross-sectional-momentum": top (${top}) exceeds the ${ctx.symbols.length} symbols of the data`, {
        hint: 'lower top or pass more symbols',
      });
    }
    const momentum = new Map<string, SeriesView>();
    for (const symbol of ctx.symbols) {
      const values = skippedReturn(ctx.data(symbol).bars.close, lookback, skip);
      momentum.set(symbol, ctx.indicator(symbol, `return${lookback}_${skip}`, values, { overlay: false }));
    }
    return { momentum, schedule: new RebalanceSchedule() };
  },
  next(ctx, { momentum, schedule }) {
    if (!schedule.isDue(ctx, ctx.params.rebalance, ctx.params.every)) return;
    const ranked: { symbol: string; value: number }[] = [];
    for (const symbol of ctx.symbols) {
      const value = momentum.get(symbol)!.current;
      if (ctx.isTradable(symbol) && value === value) ranked.push({ symbol, value });
    }
    if (ranked.length < ctx.params.top) return;
    ranked.sort((a, b) => b.value - a.value);
    const weight = (investableWeight(ctx) - ctx.params.cashBuffer) / ctx.params.top;
    const targets: Record<string, number> = {};
    for (const { symbol } of ranked.slice(0, ctx.params.top)) targets[symbol] = weight;
    ctx.rebalance(targets);
  },
});
