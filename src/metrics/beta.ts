/**
 * Market beta and Jensen's alpha against the traded instrument itself, as in backtesting.py
 * 0.6.6 `_stats.py` `compute_stats` (risk-free rate 0).
 */

import { isUnavailable, unavailable, type MetricValue } from './types.js';

/**
 * Beta = cov(x, y) / var(y) [ratio] with x[i] = ln(E[i] / E[i−1]) and y[i] = ln(C[i] / C[i−1])
 * for i = 1..N−1, every bar included (backtesting.py: `np.cov` of the two log-return series,
 * divisor n − 1 in both, which cancels). One pass with Welford's co-moment update.
 */
export function marketBeta(equity: Float64Array, close: Float64Array): MetricValue {
  const n = equity.length;
  if (n < 3) return unavailable('beta needs at least three bars');
  let count = 0;
  let meanEquityReturn = 0;
  let meanMarketReturn = 0;
  let coMoment = 0;
  let marketMoment = 0;
  for (let i = 1; i < n; i++) {
    const equityReturn = Math.log(equity[i] / equity[i - 1]);
    const marketReturn = Math.log(close[i] / close[i - 1]);
    count++;
    const equityDelta = equityReturn - meanEquityReturn;
    meanEquityReturn += equityDelta / count;
    const marketDelta = marketReturn - meanMarketReturn;
    meanMarketReturn += marketDelta / count;
    coMoment += equityDelta * (marketReturn - meanMarketReturn);
    marketMoment += marketDelta * (marketReturn - meanMarketReturn);
  }
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
