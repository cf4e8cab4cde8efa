import { describe, expect, it } from 'vitest';
import { expectSeries, f64 } from '../../test/helpers/expect-series.js';
import { atr, bollinger, donchian, ema, highest, ichimoku, keltner, lowest, parabolicSar, stdev, trueRange } from './index.js';

/** A wavy series long enough to cross several periodic recomputations. */
const wave = Float64Array.from({ length: 120 }, (_, t) => 1000 + 30 * Math.sin(t / 3) + 7 * Math.cos(t * 1.7));

describe('stdev', () => {
  const x = f64([2, 4, 4, 4, 5, 5, 7, 9]);

  it('population (ddof 0) and sample (ddof 1)', () => {
    expect(stdev(x, 8)[7]).toBeCloseTo(2, 14);
    expect(stdev(x, 8, 1)[7]).toBeCloseTo(Math.sqrt(32 / 7), 14);
  });

  it('matches a two-pass computation across its periodic recomputation', () => {
    const out = stdev(wave, 9);
    for (let t = 8; t < wave.length; t++) {
      const window = wave.subarray(t - 8, t + 1);
      const mean = window.reduce((a, b) => a + b, 0) / 9;
      const variance = window.reduce((a, b) => a + (b - mean) ** 2, 0) / 9;
      expect(out[t], `bar ${t}`).toBeCloseTo(Math.sqrt(variance), 10);
    }
  });

  it('is 0 on a constant window', () => {
    expectSeries(stdev(f64([3, 3, 3, 3]), 2), [NaN, 0, 0, 0]);
  });
});

describe('bollinger', () => {
  it('middle = SMA, bands = middle ± k·σ (population)', () => {
    const { middle, upper, lower } = bollinger(f64([1, 2, 3]), 3, 2);
    const sigma = Math.sqrt(2 / 3);
    expectSeries(middle, [NaN, NaN, 2]);
    expectSeries(upper, [NaN, NaN, 2 + 2 * sigma]);
    expectSeries(lower, [NaN, NaN, 2 - 2 * sigma]);
  });
});

describe('trueRange and atr', () => {
  const high = f64([10, 12, 9, 10]);
  const low = f64([8, 11, 7, 9]);
  const close = f64([9, 11.5, 8, 9.5]);

  it('extends the range to the previous close; none at bar 0', () => {
    // Bar 1 gaps up: max(12, 9) − min(11, 9) = 3. Bar 2: 11.5 − 7. Bar 3: 10 − 8.
    expectSeries(trueRange(high, low, close), [NaN, 3, 4.5, 2]);
  });

  it('atr seeds with mean(TR[1..n]) at bar n, then smooths with 1/n', () => {
    expectSeries(atr(high, low, close, 2), [NaN, NaN, 3.75, 3.75 * 0.5 + 2 * 0.5]);
  });
});

describe('keltner', () => {
  it('is the EMA of the close ± k·ATR', () => {
    const high = wave.map((v) => v + 5);
    const low = wave.map((v) => v - 4);
    const { middle, upper, lower } = keltner(high, low, wave, 10, 5, 1.5);
    const mid = ema(wave, 10);
    const range = atr(high, low, wave, 5);
    expect(Array.from(middle)).toEqual(Array.from(mid));
    for (let t = 0; t < wave.length; t++) {
      if (t < 9) {
        expect(upper[t]).toBeNaN();
        continue;
      }
      expect(upper[t]).toBe(mid[t] + 1.5 * range[t]);
      expect(lower[t]).toBe(mid[t] - 1.5 * range[t]);
    }
  });
});

describe('donchian, highest, lowest', () => {
  it('include the current bar', () => {
    const high = f64([5, 7, 6, 4, 8]);
    const low = f64([3, 4, 2, 3, 5]);
    const { upper, lower, middle } = donchian(high, low, 3);
    expectSeries(upper, [NaN, NaN, 7, 7, 8]);
    expectSeries(lower, [NaN, NaN, 2, 2, 2]);
    expectSeries(middle, [NaN, NaN, 4.5, 4.5, 5]);
  });

  it('match a brute-force window scan', () => {
    const top = highest(wave, 7);
    const bottom = lowest(wave, 7);
    for (let t = 6; t < wave.length; t++) {
      const window = Array.from(wave.subarray(t - 6, t + 1));
      expect(top[t]).toBe(Math.max(...window));
      expect(bottom[t]).toBe(Math.min(...window));
    }
  });
});

describe('parabolicSar', () => {
  it('trails an uptrend and reverses to the extreme point when the low touches it', () => {
    const high = f64([10, 11, 12, 13, 14, 9]);
    const low = f64([9, 10, 11, 12, 13, 8]);
    // Long from bar 1 (no −DM), SAR L[0] = 9, EP 11. AF 0.02, +0.02 per new high:
    // 9 + 0.02·(11 − 9) = 9.04; 9.04 + 0.04·(12 − 9.04) = 9.1584; + 0.06·(13 − 9.1584) = 9.388896.
    // Bar 5's low 8 ≤ SAR: reverse to short at EP 14.
    expectSeries(parabolicSar(high, low), [NaN, 9, 9.04, 9.1584, 9.388896, 14]);
  });
});

describe('ichimoku', () => {
  it('stores the spans at the bar they are plotted on, d bars after their inputs', () => {
    // H = t + 1, L = t: mid_p[t] = t + 1 − p/2. tenkan(2) = t, kijun(3) = t − 0.5,
    // senkouA[t] = (tenkan + kijun)[t − 2]/2 = t − 2.25, senkouB[t] = mid_4[t − 2] = t − 3.
    const low = Float64Array.from({ length: 7 }, (_, t) => t);
    const high = low.map((v) => v + 1);
    const result = ichimoku(high, low, 2, 3, 4, 2);
    expectSeries(result.tenkan, [NaN, 1, 2, 3, 4, 5, 6]);
    expectSeries(result.kijun, [NaN, NaN, 1.5, 2.5, 3.5, 4.5, 5.5]);
    expectSeries(result.senkouA, [NaN, NaN, NaN, NaN, 1.75, 2.75, 3.75]);
    expectSeries(result.senkouB, [NaN, NaN, NaN, NaN, NaN, 2, 3]);
  });
});
