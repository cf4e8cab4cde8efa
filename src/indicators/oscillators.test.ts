import { describe, it } from 'vitest';
import { expectSeries, f64 } from '../../test/helpers/expect-series.js';
import { adx, aroon, cci, cciBacktrader, macd, momentum, roc, rsi, stochastic, williamsR } from './index.js';

describe('rsi', () => {
  it('seeds with simple means, then smooths with α = 1/n (CONVENTIONS §9)', () => {
    // n = 2. up: 1, 1, 0, 1; down: 0, 0, 1, 0. Seed avgUp 1, avgDn 0 → 100;
    // then (0.5, 0.5) → 50; then (0.75, 0.25) → 100 − 100/4 = 75.
    expectSeries(rsi(f64([1, 2, 3, 2, 3]), 2), [NaN, NaN, 100, 50, 75]);
  });

  it('is 50 on a series that never moves and 0 on one that only falls', () => {
    expectSeries(rsi(f64([4, 4, 4, 4]), 2), [NaN, NaN, 50, 50]);
    expectSeries(rsi(f64([4, 3, 2, 1]), 2), [NaN, NaN, 0, 0]);
  });
});

describe('macd', () => {
  it('subtracts SMA-seeded EMAs and smooths the difference', () => {
    // fast 1 (E = x), slow 2 (α = 2/3, seed 2 at bar 1): E2 = 2, 14/3, 74/9.
    // macd = 1, 4/3, 16/9; signal 2 (α = 2/3): seed (1 + 4/3)/2 = 7/6, then 7/18 + 32/27 = 85/54.
    const result = macd(f64([1, 3, 6, 10]), 1, 2, 2);
    expectSeries(result.macd, [NaN, 1, 4 / 3, 16 / 9]);
    expectSeries(result.signal, [NaN, NaN, 7 / 6, 85 / 54]);
    expectSeries(result.histogram, [NaN, NaN, 4 / 3 - 7 / 6, 16 / 9 - 85 / 54]);
  });
});

describe('stochastic and williamsR', () => {
  const high = f64([10, 12, 11, 13]);
  const low = f64([8, 9, 9, 10]);
  const close = f64([9, 11, 10, 12]);

  it('fast stochastic (slowing 1): %K = 100·(C − LL)/(HH − LL), %D = SMA of %K', () => {
    const { k, d } = stochastic(high, low, close, 2, 2, 1);
    expectSeries(k, [NaN, 75, 100 / 3, 75]);
    expectSeries(d, [NaN, NaN, (75 + 100 / 3) / 2, (100 / 3 + 75) / 2]);
  });

  it('slow stochastic smooths %K first (warm-up kPeriod + slowing − 2)', () => {
    const { k, d } = stochastic(high, low, close, 2, 2, 2);
    expectSeries(k, [NaN, NaN, (75 + 100 / 3) / 2, (100 / 3 + 75) / 2]);
    expectSeries(d, [NaN, NaN, NaN, (75 + 100 / 3) / 2]);
  });

  it('williamsR = −100·(HH − C)/(HH − LL)', () => {
    expectSeries(williamsR(high, low, close, 2), [NaN, -25, -200 / 3, -25]);
  });

  it('a window with no range gives %K 0 and %R −100', () => {
    const flat = f64([5, 5, 5]);
    expectSeries(stochastic(flat, flat, flat, 2, 1, 1).k, [NaN, 0, 0]);
    expectSeries(williamsR(flat, flat, flat, 2), [NaN, -100, -100]);
  });
});

describe('cci and cciBacktrader', () => {
  // H = L = C, so TP is the series itself.
  const x = f64([1, 2, 3, 4, 5]);

  it('classic CCI measures the mean deviation around the current mean', () => {
    // M = 2, MD = (1 + 0 + 1)/3: (3 − 2)/(0.015 · 2/3) = 100.
    expectSeries(cci(x, x, x, 3), [NaN, NaN, 100, 100, 100]);
  });

  it("backtrader's CCI averages each bar's own deviation, from bar 2n − 2", () => {
    // |TP − M| = 1 on every bar from 2, so MD = 1: (5 − 4)/(0.015 · 1) = 66.67.
    expectSeries(cciBacktrader(x, x, x, 3), [NaN, NaN, NaN, NaN, 1 / 0.015]);
  });

  it('is 0 when the window does not move', () => {
    const flat = f64([2, 2, 2, 2, 2]);
    expectSeries(cci(flat, flat, flat, 3), [NaN, NaN, 0, 0, 0]);
    expectSeries(cciBacktrader(flat, flat, flat, 3), [NaN, NaN, NaN, NaN, 0]);
  });
});

describe('roc and momentum', () => {
  it('roc is the change over n bars in percent', () => {
    expectSeries(roc(f64([100, 110, 121]), 1), [NaN, 10, 10]);
  });

  it('momentum is the change over n bars', () => {
    expectSeries(momentum(f64([1, 4, 9, 16]), 2), [NaN, NaN, 8, 12]);
  });
});

describe('aroon', () => {
  it('counts bars since the extreme over n + 1 bars', () => {
    const high = f64([1, 3, 2, 1]);
    const low = f64([0, 2, 1, 0.5]);
    const result = aroon(high, low, 2);
    // Bar 2: high 3 one bar ago → 50; low 0 two bars ago → 0. Bar 3: high 3 two bars ago → 0;
    // low 0.5 now → 100.
    expectSeries(result.up, [NaN, NaN, 50, 0]);
    expectSeries(result.down, [NaN, NaN, 0, 100]);
    expectSeries(result.oscillator, [NaN, NaN, 50, -100]);
  });

  it('takes the most recent bar on ties (TA-Lib)', () => {
    const flat = f64([5, 5, 5]);
    expectSeries(aroon(flat, flat, 2).up, [NaN, NaN, 100]);
  });
});

describe('adx', () => {
  it('follows Wilder: DI from bar n, ADX from bar 2n − 1 (hand-computed, n = 2)', () => {
    const high = f64([10, 11, 12, 11, 13]);
    const low = f64([9, 9.5, 10, 9, 11]);
    const close = f64([9.5, 10.5, 11.5, 10, 12.5]);
    // TR 1.5, 2, 2.5, 3; +DM 1, 1, 0, 2; −DM 0, 0, 1, 0.
    // Bar 2: ATR 1.75, +S 1, −S 0. Bar 3: ATR 2.125, +S 0.5, −S 0.5. Bar 4: ATR 2.5625, +S 1.25, −S 0.25.
    const result = adx(high, low, close, 2);
    expectSeries(result.plusDi, [NaN, NaN, 100 / 1.75, 50 / 2.125, 125 / 2.5625]);
    expectSeries(result.minusDi, [NaN, NaN, 0, 50 / 2.125, 25 / 2.5625]);
    // DX 1, 0, 2/3 → ADX seed mean(1, 0) = 0.5 at bar 3, then 0.5·0.5 + (2/3)·0.5.
    expectSeries(result.adx, [NaN, NaN, NaN, 50, 100 * (0.25 + 1 / 3)]);
  });

  it('gives DI 0 and DX 0 on bars that do not move', () => {
    const flat = f64([3, 3, 3, 3, 3]);
    const result = adx(flat, flat, flat, 2);
    expectSeries(result.plusDi, [NaN, NaN, 0, 0, 0]);
    expectSeries(result.adx, [NaN, NaN, NaN, 0, 0]);
  });
});
