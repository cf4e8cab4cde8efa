/**
 * Golden trades and equity: every case of the reference set (CONVENTIONS.md §10 tolerances).
 * Trades: identical bars, sides, sizes and times; prices and P&L within 1e-9 relative.
 * Equity: every bar within 1e-6 relative.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatTime } from '../../src/data/bar-series.js';
import { parseBars } from '../../src/data/parse-bars.js';
import { runBacktest } from '../../src/engine/run-backtest.js';
import { computeMetrics } from '../../src/metrics/index.js';
import { resolveParams } from '../../src/strategy/params.js';
import { expectGoldenMetrics } from './metric-compare.js';
import { caseRun, fixtureCases, hasShared, near, sharedOnlyCases, type LoadedCase } from './golden-cases.js';

function runCase(loaded: LoadedCase) {
  const bars = parseBars(readFileSync(loaded.dataFile, 'utf8'), { file: loaded.dataFile })[0];
  const { strategy, params, options } = caseRun(loaded.spec);
  const resolved = resolveParams(strategy.params, { values: params, origin: 'default' });
  return runBacktest(bars, strategy, resolved, options);
}

function checkCase(loaded: LoadedCase): void {
  const result = runCase(loaded);
  const { golden } = loaded;
  const bars = result.bars;
  expect(bars.length, 'bar count').toBe(golden.n_bars);
  expect(result.firstDecisionBar, 'first decision bar').toBe(golden.first_decision_bar);
  expect(result.trades.length, 'closed trades').toBe(golden.trades.length);
  golden.trades.forEach((g, k) => {
    const t = result.trades[k];
    const label = `trade ${k} (golden entry bar ${g.entry_bar})`;
    expect({ entryBar: t.entryBar, exitBar: t.exitBar, side: t.side, size: t.quantity }, label).toEqual({
      entryBar: g.entry_bar,
      exitBar: g.exit_bar,
      side: g.side,
      size: g.size,
    });
    expect(formatTime(t.entryTime, bars.intraday), label).toBe(g.entry_time);
    expect(formatTime(t.exitTime, bars.intraday), label).toBe(g.exit_time);
    for (const [ours, theirs, name] of [
      [t.entryPrice, g.entry_price, 'entry price'],
      [t.exitPrice, g.exit_price, 'exit price'],
      [t.grossPnl, g.pnl_gross, 'gross pnl'],
      [t.commission, g.commission, 'commission'],
      [t.pnl, g.pnl, 'pnl'],
    ] as const) {
      expect(near(ours, theirs, 1e-9), `${label} ${name}: ${ours} vs ${theirs}`).toBe(true);
    }
  });
  expect(result.openTrades.length, 'open trades').toBe(golden.open_trades.length);
  golden.open_trades.forEach((g, k) => {
    const t = result.openTrades[k];
    expect({ entryBar: t.entryBar, side: t.side, size: t.quantity }).toEqual({ entryBar: g.entry_bar, side: g.side, size: g.size });
    expect(near(t.entryPrice, g.entry_price, 1e-9)).toBe(true);
  });
  expect(result.equity.length).toBe(loaded.equity.length);
  loaded.equity.forEach((row, i) => {
    if (!near(result.equity[i], row.equity, 1e-6)) {
      expect.fail(`equity at bar ${i} (${row.time}): ${result.equity[i]} vs golden ${row.equity}`);
    }
  });
  expect(near(result.equity[bars.length - 1], golden.final_equity, 1e-6)).toBe(true);
  expect(result.rejectedOrders, 'no golden case rejects an order').toEqual([]);
  const metrics = computeMetrics({
    time: bars.time,
    close: bars.close,
    equity: result.equity,
    trades: result.trades,
    firstDecisionBar: result.firstDecisionBar,
  });
  expectGoldenMetrics(loaded.spec.id, golden.metrics, metrics);
}

describe('golden cases on the bundled S&P 500 data (backtesting.py 0.6.6)', () => {
  for (const loaded of fixtureCases()) {
    it(`${loaded.spec.id} reproduces trades, equity and metrics`, () => checkCase(loaded));
  }
});

describe.skipIf(!hasShared)('golden cases on ../shared data (GOOG, ORCL, EURUSD, 5-minute)', () => {
  for (const loaded of sharedOnlyCases()) {
    it(`${loaded.spec.id} reproduces trades, equity and metrics`, () => checkCase(loaded));
  }
});

if (!hasShared) console.warn('golden: ../shared/ref not found; skipping the GOOG, ORCL, EURUSD and 5-minute cases');
