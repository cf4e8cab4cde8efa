/**
 * Market beta and Jensen's alpha against the traded instrument itself, as in backtesting.py
 * 0.6.6 `_stats.py` `compute_stats` (risk-free rate 0).
 */

import { isUnavailable, unavailable, type MetricValue } from './types.js';

/**
 * The market side of {@link marketBeta}, which depends on the closes only: per bar i ≥ 1, the
 * deviation y[i] − ȳ_i of the log return from the running mean after it (Welford), and the
 * final market co-moment Σ. Remembered per `close` array and length, so an optimization's
 * runs over the same bars compute it once.
 */
interface MarketSide {
  readonly n: number;
  readonly deviation: Float64Array;
  readonly moment: number;
}

const marketSides = new WeakMap<Float64Array, MarketSide>();

function marketSide(close: Float64Array, n: number): MarketSide {
  const cached = marketSides.get(close);
  if (cached !== undefined && cached.n === n) return cached;
  const deviation = new Float64Array(n);
  let count = 0;
  let meanMarketReturn = 0;
  let moment = 0;
  for (let i = 1; i < n; i++) {
    const marketReturn = Math.log(close[i] / close[i - 1]);
    count++;
    const marketDelta = marketReturn - meanMarketReturn;
    meanMarketReturn += marketDelta / count;
    deviation[i] = marketReturn - meanMarketReturn;
    moment += marketDelta * deviation[i];
  }
  const side = { n, deviation, moment };
  marketSides.set(close, side);
  return side;
}

/**
 * Beta = cov(x, y) / var(y) [ratio] with x[i] = ln(E[i] / E[i−1]) and y[i] = ln(C[i] / C[i−1])
 * for i = 1..N−1, every bar included (backtesting.py: `np.cov` of the two log-return series,
 * divisor n − 1 in both, which cancels). One pass with Welford's co-moment update; the market
 * terms come from {@link marketSide}, so the arithmetic (and the result, to the bit) is that of
 * the two-series pass. `close` must not change after its first use (bar series never do).
 */
export function marketBeta(equity: Float64Array, close: Float64Array): MetricValue {
  const n = equity.length;
  if (n < 3) return unavailable('beta needs at least three bars');
  const market = marketSide(close, n);
  const deviation = market.deviation;
  let count = 0;
  let meanEquityReturn = 0;
  let coMoment = 0;
  for (let i = 1; i < n; i++) {
    const growth = equity[i] / equity[i - 1];
    // ln(1) is exactly 0: bars without a position skip the logarithm.
    const equityReturn = growth === 1 ? 0 : Math.log(growth);
    count++;
    const equityDelta = equityReturn - meanEquityReturn;
    meanEquityReturn += equityDelta / count;
    coMoment += equityDelta * deviation[i];
  }
  const marketMoment = market.moment;
  if (!Number.isFinite(coMoment) || !Number.isFinite(marketMoment)) {
    return unavailable('an equity or close is not positive, so log returns are undefined');
  }
  if (marketMoment === 0) return unavailable('the close never changes, so the market variance is zero');
  return coMoment / marketMoment;
}

/** Jensen's alpha totalReturn − beta × buyHoldReturn [fraction] (backtesting.py's Alpha / 100). */
export function jensenAlpha(totalReturn: MetricValue, beta: MetricValue, buyHoldReturn: MetricValue): MetricValue {
  if (isUnavailable(beta)) return beta;
  if (isUnavailable(totalReturn)) return totalReturn;
  if (isUnavailable(buyHoldReturn)) return buyHoldReturn;
  return totalReturn - beta * buyHoldReturn;
}
