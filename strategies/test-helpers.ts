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

/**
 * Replays the first `count` trades of a long-only stop-entry pattern (nr7-breakout,
 * inside-bar-breakout): a signal bar s (where `isSignal(s)` holds, while flat) places a buy stop
 * at high[s] for bar s + 1 only, with a stop-loss at low[s]. It fills when high[s + 1] reaches
 * the stop, at max(open, stop); the stop-loss is active from the bar after the entry and fills
 * at min(open, low[s]); otherwise the position is closed at the open after `holdBars` bars held.
 * Returns the exit reasons found.
 */
export function expectStopBreakoutTradesFollow(
  result: RunResult,
  count: number,
  isSignal: (t: number) => boolean,
  holdBars: number,
): string[] {
  const { open, high, low } = result.bars;
  const last = result.bars.length - 1;
  const reasons: string[] = [];
  let from = result.firstDecisionBar;
  for (let k = 0; k < count; k++) {
    const trade = result.trades[k];
    const signal = firstBarWhere(from, last - 1, (t) => isSignal(t) && high[t + 1] >= high[t]);
    expect(trade.entryBar, `trade ${k + 1} enters the bar after its signal`).toBe(signal + 1);
    expect(trade.entryPrice, `trade ${k + 1} fills at the stop, or the open above it`).toBe(Math.max(open[signal + 1], high[signal]));
    const stop = low[signal];
    const timeExit = trade.entryBar + holdBars;
    const stopBar = firstBarWhere(trade.entryBar + 1, timeExit - 1, (t) => low[t] <= stop);
    if (stopBar !== -1) {
      expect(trade.exitBar, `trade ${k + 1} stopped out`).toBe(stopBar);
      expect(trade.exitReason).toBe('stop-loss');
      expect(trade.exitPrice).toBe(Math.min(open[stopBar], stop));
    } else {
      expect(trade.exitBar, `trade ${k + 1} held ${holdBars} bars`).toBe(timeExit);
      expect(trade.exitReason).toBe('signal');
      expect(trade.exitPrice).toBe(open[timeExit]);
    }
    reasons.push(trade.exitReason);
    from = trade.exitBar;
  }
  return reasons;
}
