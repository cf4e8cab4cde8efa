/**
 * pairs-zscore on the monthly closes of test/fixtures/data/stocks.csv (MSFT, AMZN, IBM, GOOG,
 * AAPL, 2000-01 .. 2010-03; vega-datasets, the same file as the shared data set), with
 * `bt run`'s defaults: MSFT (first, index 0) against AMZN (second, index 1).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBars } from '../src/data/parse-bars.js';
import { runPortfolio } from '../src/engine/run-portfolio.js';
import { rollingBeta } from '../src/indicators/rolling-beta.js';
import { zScore } from '../src/indicators/zscore.js';
import { resolveParams } from '../src/strategy/params.js';
import { DEFAULT_RUN_OPTIONS } from '../test/helpers/bundled-data.js';
import strategy from './pairs-zscore.js';
import { expectRelativelyClose, finalEquity, firstBarWhere } from './test-helpers.js';

const STOCKS = 'test/fixtures/data/stocks.csv';
const series = parseBars(readFileSync(new URL(`../${STOCKS}`, import.meta.url), 'utf8'), { file: STOCKS });
const run = (values: Record<string, unknown> = {}) =>
  runPortfolio(series, strategy, resolveParams(strategy.params, { values, origin: 'flag' }), DEFAULT_RUN_OPTIONS);

describe('pairs-zscore on stocks.csv with the defaults', () => {
  const result = run();
  const msft = series.find((s) => s.symbol === 'MSFT')!;
  const amzn = series.find((s) => s.symbol === 'AMZN')!;
  // Both list from the first month, so their own bars are the timeline.
  const beta = rollingBeta(msft.close, amzn.close, 24);
  const spread = msft.close.map((y, t) => y - beta[t] * amzn.close[t]);
  const z = zScore(spread, 12);

  it('replays its first two pair trades by hand: open beyond ±1.5σ of the spread, close inside ±0.5σ', () => {
    expect(result.firstDecisionBar, 'hedge ratio warm-up 23 + spread z-score 11, plus one').toBe(35);
    const last = msft.length - 1;
    let from = result.firstDecisionBar;
    for (let k = 0; k < 2; k++) {
      const entry = firstBarWhere(from, last, (t) => Math.abs(z[t]) > 1.5 && beta[t] > 0);
      const isShortSpread = z[entry] > 0;
      const exit = firstBarWhere(entry + 1, last, (t) => (isShortSpread ? z[t] < 0.5 : z[t] > -0.5));
      const units = Math.floor((0.5 * result.equity[entry]) / (msft.close[entry] + beta[entry] * amzn.close[entry]));
      const hedgeUnits = Math.floor(beta[entry] * units);
      const legs = result.trades.filter((t) => t.entryBar === entry + 1).map((t) => [result.symbols[t.symbol], t.side, t.quantity, t.entryPrice, t.exitBar, t.exitPrice]);
      legs.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      expect(legs, `pair trade ${k + 1}: AMZN is the hedge, MSFT the traded leg`).toEqual([
        ['AMZN', isShortSpread ? 'long' : 'short', hedgeUnits, amzn.open[entry + 1], exit + 1, amzn.open[exit + 1]],
        ['MSFT', isShortSpread ? 'short' : 'long', units, msft.open[entry + 1], exit + 1, msft.open[exit + 1]],
      ]);
      from = exit + 1;
    }
  });

  it('opens and closes both legs together and rejects no order', () => {
    expect(result.rejectedOrders).toEqual([]);
    expect(result.openTrades.map((t) => result.symbols[t.symbol]).sort(), 'the last pair is still open').toEqual(['AMZN', 'MSFT']);
    const entries = new Map<number, number>();
    for (const trade of result.trades) entries.set(trade.entryBar, (entries.get(trade.entryBar) ?? 0) + 1);
    for (const [bar, count] of entries) expect(count, `entry at bar ${bar}`).toBe(2);
  });

  it('makes 8 trades (4 pair round trips) and ends at 117682.84', () => {
    expect(result.trades.length).toBe(8);
    expectRelativelyClose(finalEquity(result), 117682.84187000003);
  });

  it('rejects the same symbol twice and an index beyond the data', () => {
    expect(strategy.validate?.(resolveParams(strategy.params, { values: { first: 1, second: 1 }, origin: 'flag' }))).toBe('first and second must be different symbols (both 1)');
    expect(() => run({ second: 7 })).toThrow('strategy "pairs-zscore": symbol index 7 is out of range: the data has 5 symbols (MSFT, AMZN, IBM, GOOG, AAPL)');
  });
});
