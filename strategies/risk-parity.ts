/**
 * Risk parity by equal risk contribution (ERC): at each rebalance estimate the covariance
 * matrix of the last `lookback` bar-to-bar simple returns (sample, divisor lookback − 1) of
 * the symbols that have a bar at each of the last `lookback` + 1 timestamps, and hold the
 * long-only weights under which every symbol contributes the same share of portfolio
 * variance, w_i · (Σw)_i equal for all i. Unlike inverse-volatility (the zero-correlation
 * special case), correlated symbols share one risk budget. Weights are scaled to the weight
 * free for tradable symbols (see equal-weight); symbols without enough history are sold.
 *
 * Source: S. Maillard, T. Roncalli and J. Teïletche, "The Properties of Equally Weighted Risk
 * Contribution Portfolios", Journal of Portfolio Management (2010); solved by cyclical
 * coordinate descent (Griveau-Billion, Richard and Roncalli, 2013), see
 * src/strategy/equal-risk-contribution.ts.
 */
import { definePortfolioStrategy, type PortfolioContext } from '../src/strategy/define-portfolio-strategy.js';
import { equalRiskContribution } from '../src/strategy/equal-risk-contribution.js';
import { investableWeight, RebalanceSchedule, SCHEDULE_PARAMS } from '../src/strategy/rebalance-schedule.js';

/** Last `lookback` simple returns of `symbol` on the timeline, oldest first; undefined if a bar is missing. */
function recentReturns(ctx: PortfolioContext<unknown>, symbol: string, lookback: number): Float64Array | undefined {
  const close = ctx.data(symbol).close;
  const out = new Float64Array(lookback);
  for (let k = 0; k < lookback; k++) {
    const now = close.ago(lookback - 1 - k);
    const before = close.ago(lookback - k);
    if (!(now > 0 && before > 0)) return undefined;
    out[k] = now / before - 1;
  }
  return out;
}

/** Sample covariance matrix (divisor m − 1) of equally long return series. */
function sampleCovariance(series: readonly Float64Array[]): number[][] {
  const m = series[0].length;
  const means = series.map((r) => r.reduce((s, v) => s + v, 0) / m);
  return series.map((a, i) =>
    series.map((b, j) => {
      let sum = 0;
      for (let k = 0; k < m; k++) sum += (a[k] - means[i]) * (b[k] - means[j]);
      return sum / (m - 1);
    }),
  );
}

export default definePortfolioStrategy({
  name: 'risk-parity',
  description: 'Portfolio: equal risk contribution weights from the return covariance, rebalanced periodically',
  category: 'volatility',
  tags: ['risk-parity', 'allocation', 'covariance'],
  params: {
    lookback: { type: 'int', default: 24, min: 3, max: 1000, step: 1, description: 'returns in the covariance estimate [bars] (24 = two years of monthly bars)' },
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
  init() {
    return { schedule: new RebalanceSchedule() };
  },
  next(ctx, { schedule }) {
    if (!schedule.isDue(ctx, ctx.params.rebalance, ctx.params.every)) return;
    const eligible: string[] = [];
    const returns: Float64Array[] = [];
    for (const symbol of ctx.symbols) {
      if (!ctx.isTradable(symbol)) continue;
      const r = recentReturns(ctx, symbol, ctx.params.lookback);
      if (r === undefined || !r.some((v) => v !== r[0])) continue;
      eligible.push(symbol);
      returns.push(r);
    }
    if (eligible.length === 0) return;
    const weights = equalRiskContribution(sampleCovariance(returns));
    const free = Math.max(0, investableWeight(ctx) - ctx.params.cashBuffer);
    const targets: Record<string, number> = {};
    eligible.forEach((symbol, i) => (targets[symbol] = free * weights[i]));
    ctx.rebalance(targets);
  },
});
