/**
 * Shared set-up of the built-in strategies' tests (not a strategy, and not registered): the
 * bundled S&P 500 bars and `bt run`'s default options (from `test/helpers/bundled-data.ts`),
 * and a few assertion helpers.
 */
import { expect } from 'vitest';
import type { BarSeries } from '../src/data/bar-series.js';
import { runBacktest, type RunOptions, type RunResult } from '../src/engine/run-backtest.js';
import type { Strategy } from '../src/strategy/define-strategy.js';
import { resolveParams, type ParamSchema } from '../src/strategy/params.js';
import { DEFAULT_RUN_OPTIONS, loadSp500 } from '../test/helpers/bundled-data.js';

export { loadSp500, makeBars } from '../test/helpers/bundled-data.js';

/** Runs `strategy` on `bars` with its defaults overridden by `params`, with `bt run`'s defaults ({@link DEFAULT_RUN_OPTIONS}). */
export function runStrategy<S extends ParamSchema, State>(
  strategy: Strategy<S, State>,
  bars: BarSeries = loadSp500(),
  params: Record<string, unknown> = {},
  options: RunOptions = DEFAULT_RUN_OPTIONS,
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
