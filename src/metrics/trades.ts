/**
 * Statistics of the closed trades, as in backtesting.py 0.6.6 `_stats.py` `compute_stats`.
 * r_j is a trade's net return (`Trade.netReturn`, backtesting.py's `ReturnPct`); trades still
 * open at the end are not passed in and count nowhere.
 */

import type { Trade } from '../engine/types.js';
import { ceilDuration, ceilMeanDuration } from './bar-period.js';
import { unavailable, type MetricValues } from './types.js';

/** The values {@link tradeMetrics} computes. */
export type TradeValues = Pick<
  MetricValues,
  | 'exposure'
  | 'commissions'
  | 'tradeCount'
  | 'winRate'
  | 'bestTrade'
  | 'worstTrade'
  | 'avgTrade'
  | 'maxTradeDurationMs'
  | 'avgTradeDurationMs'
  | 'profitFactor'
  | 'expectancy'
  | 'kellyCriterion'
>;

const NO_TRADES = 'there are no closed trades';
const NO_LOSERS = 'there are no losing trades';
const NO_WINNERS = 'there are no winning trades';

/**
 * Computes over n closed trades and N ≥ 1 bars:
 *
 * - `exposure`: bars i with entryBar ≤ i ≤ exitBar for some trade, / N [fraction];
 * - `commissions`: Σ commission [cash], 0 without trades;
 * - `tradeCount`: n; `winRate`: share with pnl > 0 [fraction];
 * - `bestTrade`, `worstTrade`: max r_j, min r_j; `expectancy`: mean r_j [fractions];
 * - `avgTrade`: exp(mean ln(1 + r_j)) − 1, or 0 when some 1 + r_j ≤ 0 [fraction];
 * - `maxTradeDurationMs`, `avgTradeDurationMs`: max and mean of exitTime − entryTime, rounded
 *   up to `unitMs` [ms];
 * - `profitFactor`: Σ r_j > 0 / |Σ r_j < 0|, on returns, not P&L [ratio];
 * - `kellyCriterion`: w − (1 − w) / (mean winning pnl / −mean losing pnl), w = winRate
 *   [fraction of equity].
 */
export function tradeMetrics(trades: readonly Trade[], barCount: number, unitMs: number): TradeValues {
  const n = trades.length;
  let commissions = 0;
  let wins = 0;
  let losses = 0;
  let winningPnlSum = 0;
  let losingPnlSum = 0;
  let bestTrade = -Infinity;
  let worstTrade = Infinity;
  let returnSum = 0;
  let positiveReturnSum = 0;
  let negativeReturnSum = 0;
  let logGrowthSum = 0;
  let hasNonPositiveGrowth = false;
  let durationSumMs = 0;
  let maxDurationMs = -Infinity;

  for (const trade of trades) {
    const r = trade.netReturn;
    commissions += trade.commission;
    if (trade.pnl > 0) {
      wins++;
      winningPnlSum += trade.pnl;
    } else if (trade.pnl < 0) {
      losses++;
      losingPnlSum += trade.pnl;
    }
    if (r > bestTrade) bestTrade = r;
    if (r < worstTrade) worstTrade = r;
    returnSum += r;
    if (r > 0) positiveReturnSum += r;
    else if (r < 0) negativeReturnSum += r;
    const growth = r + 1;
    if (growth > 0) logGrowthSum += Math.log(growth);
    else hasNonPositiveGrowth = true;
    const durationMs = trade.exitTime - trade.entryTime;
    durationSumMs += durationMs;
    if (durationMs > maxDurationMs) maxDurationMs = durationMs;
  }

  const exposure = exposedBarCount(trades, barCount) / barCount;
  if (n === 0) {
    const none = unavailable(NO_TRADES);
    return {
      exposure,
      commissions,
      tradeCount: 0,
      winRate: none,
      bestTrade: none,
      worstTrade: none,
      avgTrade: none,
      maxTradeDurationMs: none,
      avgTradeDurationMs: none,
      profitFactor: none,
      expectancy: none,
      kellyCriterion: none,
    };
  }

  const winRate = wins / n;
  return {
    exposure,
    commissions,
    tradeCount: n,
    winRate,
    bestTrade,
    worstTrade,
    avgTrade: hasNonPositiveGrowth ? 0 : Math.exp(logGrowthSum / n) - 1,
    maxTradeDurationMs: ceilDuration(maxDurationMs, unitMs),
    avgTradeDurationMs: ceilMeanDuration(durationSumMs, n, unitMs),
    profitFactor: negativeReturnSum === 0 ? unavailable(NO_LOSERS) : positiveReturnSum / Math.abs(negativeReturnSum),
    expectancy: returnSum / n,
    kellyCriterion:
      wins === 0
        ? unavailable(NO_WINNERS)
        : losses === 0
          ? unavailable(NO_LOSERS)
          : winRate - (1 - winRate) / (winningPnlSum / wins / (-losingPnlSum / losses)),
  };
}

/**
 * Number of bars inside at least one trade's [entryBar, exitBar] (clipped to the series),
 * from the union of the intervals; trades may overlap or share a bar (a reversal exits one
 * trade and enters the next on the same bar).
 */
function exposedBarCount(trades: readonly Trade[], barCount: number): number {
  const byEntry = trades
    .map((trade) => [Math.max(0, trade.entryBar), Math.min(barCount - 1, trade.exitBar)] as const)
    .sort((a, b) => a[0] - b[0]);
  let exposed = 0;
  let coveredUntil = -1; // last bar already counted
  for (const [entryBar, exitBar] of byEntry) {
    const from = Math.max(entryBar, coveredUntil + 1);
    if (exitBar >= from) {
      exposed += exitBar - from + 1;
      coveredUntil = exitBar;
    }
  }
  return exposed;
}
