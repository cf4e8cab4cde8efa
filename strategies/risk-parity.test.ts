/**
 * risk-parity (equal risk contribution) on the monthly closes of test/fixtures/data/stocks.csv
 * (MSFT, AMZN, IBM, GOOG, AAPL, 2000-01 .. 2010-03; vega-datasets, the same file as the shared
 * data set), with `bt run`'s defaults.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBars } from '../src/data/parse-bars.js';
import { runPortfolio } from '../src/engine/run-portfolio.js';
import { equalRiskContribution } from '../src/strategy/equal-risk-contribution.js';
import { resolveParams } from '../src/strategy/params.js';
import { DEFAULT_RUN_OPTIONS } from '../test/helpers/bundled-data.js';
import strategy from './risk-parity.js';
import { expectRelativelyClose, finalEquity } from './test-helpers.js';

const STOCKS = 'test/fixtures/data/stocks.csv';
const series = parseBars(readFileSync(new URL(`../${STOCKS}`, import.meta.url), 'utf8'), { file: STOCKS });

describe('risk-parity on stocks.csv with the defaults', () => {
  const result = runPortfolio(series, strategy, resolveParams(strategy.params), DEFAULT_RUN_OPTIONS);

  it('replays its first rebalance by hand: ERC weights of 24 monthly returns, 90 % invested, bought at the next open', () => {
    // Bar 24 is the first with 25 closes; GOOG is not listed yet.
    const decision = 24;
    const symbols = ['MSFT', 'AMZN', 'IBM', 'AAPL'];
    const own = symbols.map((symbol) => series.find((s) => s.symbol === symbol)!);
    const returns = own.map((s) => Array.from({ length: 24 }, (_, k) => s.close[k + 1] / s.close[k] - 1));
    const means = returns.map((r) => r.reduce((a, b) => a + b, 0) / 24);
    const covariance = returns.map((a, i) => returns.map((b, j) => a.reduce((sum, _, k) => sum + (a[k] - means[i]) * (b[k] - means[j]), 0) / 23));
    const weights = equalRiskContribution(covariance);
    const contributions = covariance.map((row, i) => weights[i] * row.reduce((sum, v, j) => sum + v * weights[j], 0));
    for (const c of contributions) expect(Math.abs(c / contributions[0] - 1), 'equal risk contributions').toBeLessThan(1e-9);
    expect(result.fills.filter((f) => f.bar <= decision), 'nothing is traded before 24 returns exist').toEqual([]);
    const firstFills = result.fills.filter((f) => f.bar === decision + 1);
    expect(firstFills.map((f) => result.symbols[f.symbol])).toEqual(['MSFT', 'AMZN', 'IBM', 'AAPL']);
    firstFills.forEach((fill, i) => {
      expect(fill.side).toBe('buy');
      expect(fill.quantity, `${symbols[i]}: ⌊0.9 × w × 100 000 / (close × 1.001)⌋`).toBe(Math.floor((0.9 * weights[i] * 100_000) / (own[i].close[decision] * 1.001)));
      expect(fill.price).toBe(own[i].open[decision + 1]);
    });
  });

  it('rejects no order', () => {
    expect(result.rejectedOrders).toEqual([]);
  });

  it('makes 329 trades and ends at 351138.11', () => {
    expect(result.trades.length).toBe(329);
    expectRelativelyClose(finalEquity(result), 351138.11169999995);
  });
});
