/**
 * cross-sectional-momentum on the monthly closes of test/fixtures/data/stocks.csv (MSFT, AMZN,
 * IBM, GOOG, AAPL, 2000-01 .. 2010-03; vega-datasets, the same file as the shared data set),
 * with `bt run`'s defaults.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBars } from '../src/data/parse-bars.js';
import { runPortfolio } from '../src/engine/run-portfolio.js';
import { resolveParams } from '../src/strategy/params.js';
import { DEFAULT_RUN_OPTIONS } from '../test/helpers/bundled-data.js';
import strategy from './cross-sectional-momentum.js';
import { expectRelativelyClose, finalEquity } from './test-helpers.js';

const STOCKS = 'test/fixtures/data/stocks.csv';
const series = parseBars(readFileSync(new URL(`../${STOCKS}`, import.meta.url), 'utf8'), { file: STOCKS });
const run = (values: Record<string, unknown> = {}) =>
  runPortfolio(series, strategy, resolveParams(strategy.params, { values, origin: 'flag' }), DEFAULT_RUN_OPTIONS);

describe('cross-sectional-momentum on stocks.csv with the defaults', () => {
  const result = run();
  const bySymbol = new Map(series.map((s) => [s.symbol, s]));
  /** close[t − 1] / close[t − 12] − 1 on the symbol's own bars, at the bar with time `time`. */
  const formationReturn = (symbol: string, time: number): number => {
    const own = bySymbol.get(symbol)!;
    const t = own.time.indexOf(time);
    return t >= 12 ? own.close[t - 1] / own.close[t - 12] - 1 : NaN;
  };

  it('replays its first rebalance by hand: the two best 12-1 month returns, 45 % of equity each, bought at the next open', () => {
    expect(result.firstDecisionBar, '12-bar formation return warm-up, plus one').toBe(13);
    const decision = result.bars.time[13];
    const ranked = ['MSFT', 'AMZN', 'IBM', 'AAPL']
      .map((symbol) => ({ symbol, value: formationReturn(symbol, decision) }))
      .sort((a, b) => b.value - a.value);
    expect(Number.isNaN(formationReturn('GOOG', decision)), 'GOOG lists in 2004').toBe(true);
    const winners = ranked.slice(0, 2).map((r) => r.symbol);
    const firstFills = result.fills.filter((f) => f.bar === 14);
    expect(firstFills.map((f) => result.symbols[f.symbol])).toEqual(['MSFT', 'AMZN', 'IBM', 'GOOG', 'AAPL'].filter((s) => winners.includes(s)));
    for (const fill of firstFills) {
      const own = bySymbol.get(result.symbols[fill.symbol])!;
      const closeAtDecision = own.close[own.time.indexOf(decision)];
      expect(fill.side).toBe('buy');
      expect(fill.quantity, 'rebalance: ⌊0.45 × 100 000 / (close × 1.001)⌋').toBe(Math.floor((0.45 * 100_000) / (closeAtDecision * 1.001)));
      expect(fill.price).toBe(own.open[own.time.indexOf(result.bars.time[14])]);
    }
  });

  it('holds at most the two winners after each rebalance, and rejects no order', () => {
    expect(result.rejectedOrders).toEqual([]);
    const held = result.openTrades.map((t) => result.symbols[t.symbol]);
    expect(new Set(held).size).toBeLessThanOrEqual(2);
  });

  it('makes 208 trades and ends at 851458.90', () => {
    expect(result.trades.length).toBe(208);
    expectRelativelyClose(finalEquity(result), 851458.9006700001);
  });
});
