/**
 * Shared set-up of the built-in strategies' tests (not a strategy, and not registered): the
 * bundled S&P 500 bars read with a minimal parser (independent of `src/data`), the run
 * options every built-in test uses, and a few assertion helpers.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { BarSeries } from '../src/data/bar-series.js';
import { ALL_IN_FRACTION } from '../src/engine/broker.js';
import { runBacktest, type RunOptions, type RunResult } from '../src/engine/run-backtest.js';
import type { Strategy } from '../src/strategy/define-strategy.js';
import { resolveParams, type ParamSchema } from '../src/strategy/params.js';

/** Absolute path of `data/sp500-2000.csv`. */
export const SP500_FILE = fileURLToPath(new URL('../data/sp500-2000.csv', import.meta.url));

/**
 * The options of every built-in strategy test, which are `bt run`'s defaults: 100 000 cash,
 * 0.1 % commission, no slippage, whole units, market orders filled at the next open, all-in
 * sizing, open trades left open at the end.
 */
export const TEST_RUN_OPTIONS: RunOptions = {
  broker: {
    initialCash: 100_000,
    commission: { rate: 0.001, fixed: 0 },
    slippageRate: 0,
    fractional: false,
    fillAt: 'next-open',
    defaultStopLoss: undefined,
    defaultTakeProfit: undefined,
    defaultTrailingStop: undefined,
  },
  defaultSizing: { kind: 'fraction', fraction: ALL_IN_FRACTION },
  closeAtEnd: false,
};

/** Builds a {@link BarSeries} from columns (times as UTC epoch ms). */
export function makeBars(
  columns: { time: number[]; open: number[]; high: number[]; low: number[]; close: number[]; volume: number[] },
  file: string,
): BarSeries {
  return {
    symbol: 'TEST',
    time: Float64Array.from(columns.time),
    open: Float64Array.from(columns.open),
    high: Float64Array.from(columns.high),
    low: Float64Array.from(columns.low),
    close: Float64Array.from(columns.close),
    volume: Float64Array.from(columns.volume),
    length: columns.time.length,
    extra: {},
    intraday: columns.time.some((t) => t % 86_400_000 !== 0),
    source: { file, dialect: 'test', sha256: '' },
  };
}

let sp500: BarSeries | undefined;

/**
 * The bundled daily S&P 500 bars (`date,open,high,low,close,adjclose,volume`), parsed with a
 * split on commas so the tests do not depend on `src/data`. Cached; treat as read-only.
 */
export function loadSp500(): BarSeries {
  if (sp500 !== undefined) return sp500;
  const rows = readFileSync(SP500_FILE, 'utf8').trim().split('\n').slice(1);
  const columns = { time: [] as number[], open: [] as number[], high: [] as number[], low: [] as number[], close: [] as number[], volume: [] as number[] };
  for (const row of rows) {
    const [date, open, high, low, close, , volume] = row.split(',');
    columns.time.push(Date.parse(`${date}T00:00:00Z`));
    columns.open.push(Number(open));
    columns.high.push(Number(high));
    columns.low.push(Number(low));
    columns.close.push(Number(close));
    columns.volume.push(Number(volume));
  }
  sp500 = { ...makeBars(columns, 'data/sp500-2000.csv'), symbol: 'SP500' };
  return sp500;
}

/** Runs `strategy` on `bars` with its defaults overridden by `params`, with {@link TEST_RUN_OPTIONS}. */
export function runStrategy<S extends ParamSchema, State>(
  strategy: Strategy<S, State>,
  bars: BarSeries = loadSp500(),
  params: Record<string, unknown> = {},
  options: RunOptions = TEST_RUN_OPTIONS,
): RunResult {
  return runBacktest(bars, strategy, resolveParams(strategy.params, { values: params, origin: 'default' }), options);
}

/** Equity at the last bar's close [cash]. */
export function finalEquity(result: RunResult): number {
  return result.equity[result.equity.length - 1];
}

/** Asserts |actual − expected| ≤ rel × |expected| (default 1e-6 relative). */
export function expectRelativelyClose(actual: number, expected: number, rel = 1e-6): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected));
}

/** First bar t in [from, to] where `rule(t)` holds, or -1. */
export function firstBarWhere(from: number, to: number, rule: (t: number) => boolean): number {
  for (let t = from; t <= to; t++) if (rule(t)) return t;
  return -1;
}

/**
 * Replays the first `count` trades of a stop-free, long-only rule by hand: from the first
 * decision bar, the entry signal is the first bar where `entersAt` holds while flat, the exit
 * signal the first bar from the entry bar on where `exitsAt` holds; each fill must be at the
 * next bar's open. Returns the signal bars found, for further checks.
 */
export function expectFirstTradesFollow(
  result: RunResult,
  count: number,
  entersAt: (t: number) => boolean,
  exitsAt: (t: number) => boolean,
): { entrySignal: number; exitSignal: number }[] {
  const { open } = result.bars;
  const last = result.bars.length - 1;
  const found: { entrySignal: number; exitSignal: number }[] = [];
  let from = result.firstDecisionBar;
  expect(result.trades.length, 'enough closed trades to replay').toBeGreaterThanOrEqual(count);
  for (let k = 0; k < count; k++) {
    const trade = result.trades[k];
    const entrySignal = firstBarWhere(from, last, entersAt);
    expect(trade.side, `trade ${k + 1} side`).toBe('long');
    expect(trade.entryBar, `trade ${k + 1} enters the bar after its signal`).toBe(entrySignal + 1);
    expect(trade.entryPrice, `trade ${k + 1} fills at the next open`).toBe(open[entrySignal + 1]);
    const exitSignal = firstBarWhere(trade.entryBar, last, exitsAt);
    expect(trade.exitBar, `trade ${k + 1} exits the bar after its exit signal`).toBe(exitSignal + 1);
    expect(trade.exitPrice, `trade ${k + 1} exits at the next open`).toBe(open[exitSignal + 1]);
    expect(trade.exitReason).toBe('signal');
    found.push({ entrySignal, exitSignal });
    from = trade.exitBar;
  }
  return found;
}
