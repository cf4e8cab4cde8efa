/**
 * Van Tharp's System Quality Number, as in backtesting.py 0.6.6 `_stats.py`:
 * `np.sqrt(n_trades) * pl.mean() / (pl.std() or np.nan)`.
 */

import type { Trade } from '../engine/types.js';
import { unavailable, type MetricValue } from './types.js';

/**
 * SQN = sqrt(n) × mean(pnl) / std(pnl) [ratio] over the n closed trades' net P&L, std with
 * divisor n − 1 (backtrader's SQN uses n and is sqrt(n / (n − 1)) times this). Undefined with
 * fewer than two trades or when every trade has the same P&L. With `population` (backtrader's
 * `SQN` analyzer: divisor n), 0 below two trades.
 */
export function systemQualityNumber(trades: readonly Trade[], deviation: 'sample' | 'population' = 'sample'): MetricValue {
  const n = trades.length;
  if (n < 2) return deviation === 'population' ? 0 : unavailable('SQN needs at least two closed trades');
  let sum = 0;
  for (const trade of trades) sum += trade.pnl;
  const mean = sum / n;
  let squaredDeviations = 0;
  for (const trade of trades) squaredDeviations += (trade.pnl - mean) ** 2;
  const standardDeviation = Math.sqrt(squaredDeviations / (deviation === 'population' ? n : n - 1));
  if (standardDeviation === 0) return unavailable('every closed trade has the same P&L');
  return (Math.sqrt(n) * mean) / standardDeviation;
}
