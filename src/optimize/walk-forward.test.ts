import { describe, expect, it } from 'vitest';
import type { BarSeries } from '../data/bar-series.js';
import type { Trade } from '../engine/types.js';
import { BtError } from '../errors.js';
import { sma } from '../indicators/sma.js';
import { defineStrategy, type Strategy } from '../strategy/define-strategy.js';
import { crossedAbove, crossedBelow } from '../strategy/series-view.js';
import { parseConstraint } from './constraint.js';
import { InProcessEvaluator } from './evaluator.js';
import { buildSearchSpace } from './search-space.js';
import { validCombinations } from './valid-combinations.js';
import { addCalendar, parseWindowLength, runWalkForward, stitchSegments, walkForwardWindows, type Windowing } from './walk-forward.js';

const DAY = 86_400_000;
const daily = (n: number, start = Date.UTC(2000, 0, 3)) => Float64Array.from({ length: n }, (_, i) => start + i * DAY);
const bars = (n: number) => ({ kind: 'bars', bars: n, text: String(n) }) as const;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as BtError).code;
  }
  throw new Error('expected an error');
}

describe('window lengths', () => {
  it('parse bars and calendar lengths', () => {
    expect(parseWindowLength('500', '--train')).toEqual({ kind: 'bars', bars: 500, text: '500' });
    expect(parseWindowLength('2y', '--train')).toEqual({ kind: 'calendar', months: 24, days: 0, text: '2y' });
    expect(parseWindowLength('6m', '--test')).toEqual({ kind: 'calendar', months: 6, days: 0, text: '6m' });
    expect(parseWindowLength('3W', '--test')).toEqual({ kind: 'calendar', months: 0, days: 21, text: '3W' });
    for (const raw of ['', '0', '2x', '-5', '1.5y', 'y']) expect(codeOf(() => parseWindowLength(raw, '--train')), raw).toBe('BT_BAD_VALUE');
  });

  it('add calendar months clamped to the month end, in UTC', () => {
    expect(new Date(addCalendar(Date.UTC(2020, 0, 31), 1, 0)).toISOString()).toBe('2020-02-29T00:00:00.000Z');
    expect(new Date(addCalendar(Date.UTC(2019, 0, 31), 1, 0)).toISOString()).toBe('2019-02-28T00:00:00.000Z');
    expect(new Date(addCalendar(Date.UTC(2020, 10, 15, 9, 30), 3, 2)).toISOString()).toBe('2021-02-17T09:30:00.000Z');
  });
});

describe('walkForwardWindows', () => {
  it('rolls bar windows by the test length, keeping only complete ones', () => {
    const windows = walkForwardWindows(daily(1000), { train: bars(500), test: bars(100), step: bars(100), anchored: false });
    expect(windows.map((w) => [w.inSample.start, w.inSample.end, w.outOfSample.end])).toEqual([
      [0, 500, 600],
      [100, 600, 700],
      [200, 700, 800],
      [300, 800, 900],
      [400, 900, 1000],
    ]);
  });

  it('anchors every in-sample window at the first bar with --anchored', () => {
    const windows = walkForwardWindows(daily(800), { train: bars(500), test: bars(100), step: bars(100), anchored: true });
    expect(windows.map((w) => [w.inSample.start, w.inSample.end, w.outOfSample.start, w.outOfSample.end])).toEqual([
      [0, 500, 500, 600],
      [0, 600, 600, 700],
      [0, 700, 700, 800],
    ]);
  });

  it('leaves gaps for a step longer than the test window, and refuses a shorter one', () => {
    const gaps = walkForwardWindows(daily(1000), { train: bars(300), test: bars(100), step: bars(200), anchored: false });
    expect(gaps.map((w) => [w.outOfSample.start, w.outOfSample.end])).toEqual([[300, 400], [500, 600], [700, 800], [900, 1000]]);
    expect(codeOf(() => walkForwardWindows(daily(1000), { train: bars(300), test: bars(100), step: bars(50), anchored: false }))).toBe('BT_WALKFORWARD_OVERLAP');
  });

  it('measures calendar windows from the first bar, with boundaries on the first bar at or after them', () => {
    const time = daily(366 * 3);
    const windowing: Windowing = { train: parseWindowLength('1y', '--train'), test: parseWindowLength('6m', '--test'), step: parseWindowLength('6m', '--step'), anchored: false };
    const windows = walkForwardWindows(time, windowing);
    const iso = (i: number) => new Date(time[i]).toISOString().slice(0, 10);
    expect(windows.map((w) => [iso(w.inSample.start), iso(w.outOfSample.start), iso(w.outOfSample.end - 1)])).toEqual([
      ['2000-01-03', '2001-01-03', '2001-07-02'],
      ['2000-07-03', '2001-07-03', '2002-01-02'],
      ['2001-01-03', '2002-01-03', '2002-07-02'],
      ['2001-07-03', '2002-07-03', '2003-01-02'],
    ]);
  });

  it('refuses bar counts mixed with calendar lengths, and data too short for one window', () => {
    expect(codeOf(() => walkForwardWindows(daily(1000), { train: parseWindowLength('1y', '--train'), test: bars(10), step: bars(10), anchored: false }))).toBe('BT_FLAG_CONFLICT');
    expect(codeOf(() => walkForwardWindows(daily(100), { train: bars(90), test: bars(20), step: bars(20), anchored: false }))).toBe('BT_WALKFORWARD_NO_WINDOW');
  });
});

describe('stitchSegments', () => {
  const trade = (entryBar: number, exitBar: number, pnl: number): Trade => ({
    id: 1, symbol: 0, side: 'long', quantity: 1, entryBar, entryTime: 0, entryPrice: 1, exitBar, exitTime: 0, exitPrice: 1,
    grossPnl: pnl, commission: 0, slippage: 0, pnl, netReturn: 0.1, barsHeld: exitBar - entryBar, exitReason: 'signal', tag: undefined,
  });

  it('chains segments by returns and re-indexes and scales their trades', () => {
    const a = { time: Float64Array.of(0, 1, 2), close: Float64Array.of(10, 11, 12), equity: Float64Array.of(100, 110, 120), trades: [trade(1, 2, 20)] };
    const b = { time: Float64Array.of(2, 3, 4), close: Float64Array.of(12, 13, 14), equity: Float64Array.of(100, 90, 150), trades: [trade(1, 2, 50)] };
    const curve = stitchSegments([a, b]);
    expect([...curve.time]).toEqual([0, 1, 2, 3, 4]);
    expect([...curve.equity]).toEqual([100, 110, 120, 108, 180]);
    expect(curve.factors).toEqual([1, 1.2]);
    expect(curve.trades.map((t) => [t.id, t.entryBar, t.exitBar, t.pnl])).toEqual([[1, 1, 2, 20], [2, 3, 4, 60]]);
  });
});

describe('runWalkForward', () => {
  const n = 900;
  const time = daily(n);
  const close = Float64Array.from({ length: n }, (_, i) => 100 + 10 * Math.sin(i / 15) + i * 0.02);
  const series: BarSeries = { symbol: 'X', time, open: close, high: close, low: close, close, volume: new Float64Array(n), length: n, extra: {}, intraday: false, source: { file: 'x.csv', dialect: 't', sha256: '' } };
  const strategy = defineStrategy({
    name: 'cross',
    description: 'sma cross',
    params: { fast: { type: 'int', default: 5, description: 'fast' }, slow: { type: 'int', default: 20, description: 'slow' } },
    init: (ctx) => ({ fast: ctx.indicator('f', sma(ctx.close, ctx.params.fast)), slow: ctx.indicator('s', sma(ctx.close, ctx.params.slow)) }),
    next(ctx, { fast, slow }) {
      if (crossedAbove(fast, slow) && !ctx.position.isLong) ctx.buy();
      else if (crossedBelow(fast, slow) && ctx.position.isLong) ctx.closePosition();
    },
  }) as unknown as Strategy;
  const options = { broker: { initialCash: 10_000, commission: { rate: 0.001, fixed: 0 }, slippageRate: 0, fractional: true, fillAt: 'next-open' as const, defaultStopLoss: undefined, defaultTakeProfit: undefined, defaultTrailingStop: undefined }, defaultSizing: { kind: 'fraction' as const, fraction: 0.99 }, closeAtEnd: false };

  it('optimizes in sample, runs the best out of sample from the window start, and stitches', async () => {
    const space = buildSearchSpace(['fast=3:12:3', 'slow=20:60:20'], strategy.params, {});
    const valid = validCombinations(space, [parseConstraint('fast < slow', strategy.params)], undefined);
    const windows = walkForwardWindows(time, { train: bars(300), test: bars(150), step: bars(150), anchored: false });
    const outcome = await runWalkForward(
      { bars: series, strategy, options, space, valid, method: { method: 'grid' }, objective: { key: 'totalReturn', direction: 'maximize', minTrades: null }, windows },
      { evaluator: new InProcessEvaluator(series, strategy, options) },
    );
    expect(outcome.incomplete).toBe(false);
    expect(outcome.windows).toHaveLength(4);
    expect(outcome.curve.time.length, 'start point + every out-of-sample bar').toBe(1 + 4 * 150);
    expect(outcome.curve.time[0]).toBe(time[299]);
    expect(outcome.curve.equity[0]).toBe(10_000);
    for (const result of outcome.windows) {
      expect(result.firstDecisionBar, 'in sample, runs decide from 1 + the largest warm-up (slow 60)').toBe(60);
      expect(result.best).not.toBeNull();
      expect(result.outOfSample!.values.tradeCount).toBeGreaterThanOrEqual(0);
    }
    const entries = outcome.curve.trades.map((t) => t.entryBar);
    expect(Math.min(...entries), 'no out-of-sample trade before the first window').toBeGreaterThanOrEqual(1);
    const product = outcome.windows.reduce((acc, r) => acc * (1 + r.outOfSample!.values.totalReturn!), 1);
    expect(outcome.combined!.values.totalReturn! + 1, 'the combined return chains the window returns').toBeCloseTo(product, 12);
    expect(outcome.efficiency.value === null || Number.isFinite(outcome.efficiency.value)).toBe(true);
  });
});
