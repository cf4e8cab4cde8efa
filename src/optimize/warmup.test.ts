import { describe, expect, it } from 'vitest';
import { sliceBars, type BarSeries } from '../data/bar-series.js';
import { BtError } from '../errors.js';
import { sma } from '../indicators/sma.js';
import { defineStrategy, type Strategy } from '../strategy/define-strategy.js';
import { runBacktest } from '../engine/run-backtest.js';
import { searchWarmup, warmupOf } from './warmup.js';

function bars(n: number): BarSeries {
  const time = Float64Array.from({ length: n }, (_, i) => Date.UTC(2020, 0, 1) + i * 86_400_000);
  const close = Float64Array.from({ length: n }, (_, i) => 100 + Math.sin(i / 7) * 5 + i * 0.01);
  return { symbol: 'X', time, open: close, high: close, low: close, close, volume: new Float64Array(n).fill(NaN), length: n, extra: {}, intraday: false, source: { file: 'x.csv', dialect: 'test', sha256: '' } };
}

const strategy = defineStrategy({
  name: 'probe',
  description: 'two SMAs and a declared warm-up',
  params: {
    a: { type: 'int', default: 5, description: 'a' },
    b: { type: 'int', default: 10, description: 'b' },
    declared: { type: 'int', default: 0, description: 'declared warm-up' },
  },
  init(ctx) {
    ctx.indicator('a', sma(ctx.close, ctx.params.a));
    ctx.indicator('b', sma(ctx.close, ctx.params.b));
    if (ctx.params.declared > 0) ctx.indicator('d', new Float64Array(ctx.close.length), { warmup: ctx.params.declared });
    return {};
  },
  next() {},
}) as unknown as Strategy;

describe('searchWarmup', () => {
  it('finds the warm-up runBacktest finds, from a short prefix or from all bars', () => {
    const data = bars(2000);
    for (const params of [{ a: 5, b: 10, declared: 0 }, { a: 5, b: 700, declared: 0 }, { a: 3, b: 4, declared: 900 }]) {
      const run = runBacktest(data, strategy, params, { broker: { initialCash: 1, commission: { rate: 0, fixed: 0 }, slippageRate: 0, fractional: true, fillAt: 'next-open', defaultStopLoss: undefined, defaultTakeProfit: undefined, defaultTrailingStop: undefined }, defaultSizing: { kind: 'units', units: 1 }, closeAtEnd: false });
      expect(warmupOf(data, strategy, params)).toBe(run.warmupBars);
      expect(searchWarmup(data, strategy, [params]).warmupBars, JSON.stringify(params)).toBe(run.warmupBars);
    }
  });

  it('takes the largest warm-up over the combinations and names the first that has it', () => {
    const found = searchWarmup(bars(3000), strategy, [
      { a: 5, b: 10, declared: 0 },
      { a: 5, b: 400, declared: 0 },
      { a: 400, b: 20, declared: 0 },
      { a: 5, b: 300, declared: 0 },
    ]);
    expect(found).toEqual({ warmupBars: 399, firstDecisionBar: 400, params: { a: 5, b: 400, declared: 0 } });
  });

  it('a prefix probe agrees with a full probe below the prefix length (indicators are causal)', () => {
    const data = bars(1500);
    for (const b of [2, 100, 254, 255]) {
      expect(warmupOf(sliceBars(data, 0, 256), strategy, { a: 2, b, declared: 0 }), `b=${b}`).toBe(warmupOf(data, strategy, { a: 2, b, declared: 0 }));
    }
    expect(warmupOf(sliceBars(data, 0, 256), strategy, { a: 2, b: 600, declared: 0 }), 'saturated: all warm-up').toBe(256);
  });

  it('fails with BT_DATA_TOO_SHORT when the largest warm-up leaves no bar to decide on', () => {
    try {
      searchWarmup(bars(100), strategy, [{ a: 5, b: 10, declared: 0 }, { a: 5, b: 100, declared: 0 }]);
      throw new Error('expected an error');
    } catch (error) {
      expect((error as BtError).code).toBe('BT_DATA_TOO_SHORT');
      expect((error as BtError).message).toMatch(/x\.csv: 100 bars are too few for this search: the largest warm-up is 99 bars \(a=5, b=100, declared=0\)/);
    }
  });
});
