/**
 * Per-symbol figures of a portfolio run: exposure, trades and contribution (P&L by symbol).
 * Pure: derived from the result without touching the engine.
 */
import type { PortfolioRunResult } from '../engine/run-portfolio.js';

/** One symbol's share of a portfolio run (money in cash, ratios as fractions). */
export interface SymbolContribution {
  readonly symbol: string;
  /** Bars of the symbol's own data. */
  readonly bars: number;
  /** Its first and last bar [UTC epoch ms]. */
  readonly start: number;
  readonly end: number;
  /** Fraction of decision bars ending with a position in it [fraction]. */
  readonly exposure: number;
  /** Mean |position value| / equity over the decision bars [fraction]. */
  readonly averageWeight: number;
  /** Closed trades. */
  readonly tradeCount: number;
  /** Net P&L of its closed trades (after commission) [cash]. */
  readonly realizedPnl: number;
  /** Mark-to-market P&L of its open trades at its last close, less their entry commission [cash]. */
  readonly openPnl: number;
  /** realizedPnl + openPnl: what the symbol added to equity [cash]. The sum over symbols is final equity − initial cash. */
  readonly contribution: number;
  /** Commission paid on its fills [cash]. */
  readonly commission: number;
}

/**
 * Splits a portfolio run's P&L by symbol. contribution(s) = Σ pnl of its closed trades +
 * Σ (unrealizedPnl − entryCommission) of its open trades; summed over the symbols this is
 * final equity − initial cash, since every change of cash comes from a fill.
 */
export function symbolContributions(result: PortfolioRunResult): SymbolContribution[] {
  const m = result.symbols.length;
  const realized = new Float64Array(m);
  const open = new Float64Array(m);
  const trades = new Float64Array(m);
  const commission = new Float64Array(m);
  for (const trade of result.trades) {
    realized[trade.symbol] += trade.pnl;
    trades[trade.symbol]++;
  }
  for (const trade of result.openTrades) open[trade.symbol] += trade.unrealizedPnl - trade.entryCommission;
  for (const fill of result.fills) commission[fill.symbol] += fill.commission;
  return result.breakdown.map((b, s) => ({
    symbol: b.symbol,
    bars: b.bars,
    start: b.firstTime,
    end: b.lastTime,
    exposure: b.exposure,
    averageWeight: b.averageWeight,
    tradeCount: trades[s],
    realizedPnl: realized[s],
    openPnl: open[s],
    contribution: realized[s] + open[s],
    commission: commission[s],
  }));
}
