/**
 * Inverse volatility: hold every tradable symbol with a weight proportional to 1 / σ, where σ
 * is the standard deviation (sample, ddof 1) of its last `lookback` bar-to-bar returns, so
 * each holding contributes about the same volatility (ignoring correlations). Weights are
 * scaled to the weight free for tradable symbols (see equal-weight) and rebalanced monthly or
 * every N bars. A symbol is left out until it has `lookback` returns after listing.
 *
 * Source: the naive risk-parity rule ("inverse volatility weighting"; e.g. Maillard, Roncalli
 * and Teïletche, "The Properties of Equally Weighted Risk Contribution Portfolios", Journal of
 * Portfolio Management, 2010, where it is the zero-correlation case).
 */
import { stdev } from '../src/indicators/stdev.js';
import { definePortfolioStrategy } from '../src/strategy/define-portfolio-strategy.js';
import { investableWeight, RebalanceSchedule, SCHEDULE_PARAMS } from '../src/strategy/rebalance-schedule.js';
import type { SeriesView } from '../src/strategy/series-view.js';

/** Simple returns close[t] / close[t − 1] − 1 (NaN at t = 0). */
function simpleReturns(close: Float64Array): Float64Array {
  const out = new Float64Array(close.length).fill(NaN);
  for (let t = 1; t < close.length; t++) out[t] = close[t] / close[t - 1] - 1;
  return out;
}

export default definePortfolioStrategy({
  name: 'inverse-volatility',
  description: 'Portfolio: weights proportional to 1 / volatility of recent returns, rebalanced periodically',
  category: 'volatility',
  tags: ['risk-based', 'weights', 'monthly'],
  params: {
    lookback: { type: 'int', default: 12, min: 2, max: 1000, step: 1, description: 'returns in the volatility estimate [bars]' },
    ...SCHEDULE_PARAMS,
  },
  init(ctx) {
    const volatility = new Map<string, SeriesView>();
    for (const symbol of ctx.symbols) {
      const returns = simpleReturns(ctx.data(symbol).bars.close);
      // σ at bar t over returns t − lookback + 1 … t; returns start at bar 1.
      const sigma = new Float64Array(returns.length).fill(NaN);
      if (returns.length - 1 >= ctx.params.lookback) sigma.set(stdev(returns.subarray(1), ctx.params.lookback, 1), 1);
      volatility.set(symbol, ctx.indicator(symbol, `volatility${ctx.params.lookback}`, sigma, { overlay: false }));
    }
    return { volatility, schedule: new RebalanceSchedule() };
  },
  next(ctx, { volatility, schedule }) {
    if (!schedule.isDue(ctx, ctx.params.rebalance, ctx.params.every)) return;
    const inverse: { symbol: string; value: number }[] = [];
    let total = 0;
    for (const symbol of ctx.symbols) {
      const sigma = volatility.get(symbol)!.current;
      if (ctx.isTradable(symbol) && sigma > 0) {
        inverse.push({ symbol, value: 1 / sigma });
        total += 1 / sigma;
      }
    }
    if (inverse.length === 0) return;
    const free = investableWeight(ctx);
    const targets: Record<string, number> = {};
    for (const { symbol, value } of inverse) targets[symbol] = (free * value) / total;
    ctx.rebalance(targets);
  },
});
