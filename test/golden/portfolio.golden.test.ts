/**
 * Golden portfolio case (issue 6): `equal-weight`, rebalanced monthly, on the five symbols of
 * test/fixtures/data/stocks.csv (vega-datasets, monthly closes 2000-01 .. 2010-03; GOOG lists
 * in 2004-08), against an expected equity series computed from first principles
 * (test/golden/portfolio-expected.ts has the derivation) and kept as a fixture.
 *
 * Setting: fractional units, no commission, fills at the decision close (`--fill close`), so
 * each rebalance sets the weights exactly and E[t+1] = E[t] × mean(close[t+1] / close[t]).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBars } from '../../src/data/parse-bars.js';
import { ALL_IN_FRACTION } from '../../src/engine/broker.js';
import { runPortfolio } from '../../src/engine/run-portfolio.js';
import { resolveParams } from '../../src/strategy/params.js';
import equalWeight from '../../strategies/equal-weight.js';
import { runCli } from '../cli/run-cli.js';
import { equalWeightEquity } from './portfolio-expected.js';

const STOCKS = 'test/fixtures/data/stocks.csv';
const text = readFileSync(new URL(`../../${STOCKS}`, import.meta.url), 'utf8');
const fixture = readFileSync(new URL('../fixtures/golden/portfolio_equal_weight_stocks.equity.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [time, equity] = line.split(',');
    return { time, equity: Number(equity) };
  });

/** Relative difference, the tolerance unit of the golden tests. */
const relative = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('golden: equal-weight monthly on stocks.csv', () => {
  it('the fixture is the first-principles equity series', () => {
    const { dates, equity } = equalWeightEquity(text, 100_000);
    expect(fixture.map((r) => r.time)).toEqual(dates);
    fixture.forEach((row, i) => expect(relative(row.equity, equity[i]), row.time).toBeLessThan(1e-12));
  });

  it('bt matches it on every bar within 1e-9 relative', () => {
    const series = parseBars(text, { file: STOCKS });
    expect(series.map((s) => s.symbol)).toEqual(['MSFT', 'AMZN', 'IBM', 'GOOG', 'AAPL']);
    const result = runPortfolio(series, equalWeight, resolveParams(equalWeight.params), {
      broker: {
        initialCash: 100_000,
        commission: { rate: 0, fixed: 0 },
        slippageRate: 0,
        fractional: true,
        fillAt: 'close',
        defaultStopLoss: undefined,
        defaultTakeProfit: undefined,
        defaultTrailingStop: undefined,
      },
      defaultSizing: { kind: 'fraction', fraction: ALL_IN_FRACTION },
      closeAtEnd: false,
    });
    expect(result.equity.length).toBe(fixture.length);
    fixture.forEach((row, i) => {
      expect(new Date(result.bars.time[i]).toISOString().slice(0, 10)).toBe(row.time);
      expect(relative(result.equity[i], row.equity), `${row.time}: ${result.equity[i]} vs ${row.equity}`).toBeLessThan(1e-9);
    });
    expect(result.rejectedOrders).toEqual([]);
    // GOOG enters at its first bar: 4 symbols held before, 5 after.
    const goog = result.fills.find((f) => result.symbols[f.symbol] === 'GOOG');
    expect(new Date(result.feeds.time[goog!.bar]).toISOString().slice(0, 10)).toBe('2004-08-01');
  });

  it('the CLI gives the same final equity, and contributions that add up to the profit', async () => {
    const { code, stdout } = await runCli(['run', '--data', STOCKS, '--strategy', 'equal-weight', '--fractional', '--commission', '0', '--fill', 'close', '--json']);
    expect(code).toBe(0);
    const document = JSON.parse(stdout);
    expect(relative(document.account.finalEquity, fixture.at(-1)!.equity)).toBeLessThan(1e-9);
    const contributions = document.portfolio.bySymbol.map((s: { contribution: number }) => s.contribution);
    const total = contributions.reduce((a: number, b: number) => a + b, 0);
    expect(relative(total, document.account.finalEquity - 100_000)).toBeLessThan(1e-9);
  });
});
