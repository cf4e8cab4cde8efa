import { describe, expect, it } from 'vitest';
import { expectSeries, f64 } from '../../test/helpers/expect-series.js';
import { dema, ema, hma, kama, sma, tema, wma } from './index.js';

const ramp = (length: number): Float64Array => Float64Array.from({ length }, (_, t) => t);

describe('sma', () => {
  it('averages the last n values', () => {
    expectSeries(sma(f64([1, 2, 3, 4, 5]), 3), [NaN, NaN, 2, 3, 4]);
  });

  it('with period 1 is the input', () => {
    expect(Array.from(sma(f64([3, 1, 4]), 1))).toEqual([3, 1, 4]);
  });

  it('is all NaN when the series is shorter than the period', () => {
    expectSeries(sma(f64([1, 2]), 3), [NaN, NaN]);
  });

  it('returns a new array and leaves the input alone', () => {
    const input = f64([1, 2, 3]);
    const out = sma(input, 2);
    expect(out).not.toBe(input);
    expect(Array.from(input)).toEqual([1, 2, 3]);
  });
});

describe('ema', () => {
  it('is seeded with the SMA, then smoothed with α = 2/(n+1)', () => {
    // n = 3, α = 0.5: seed mean(2, 4, 6) = 4; 4·0.5 + 8·0.5 = 6; 6·0.5 + 4·0.5 = 5.
    expectSeries(ema(f64([2, 4, 6, 8, 4]), 3), [NaN, NaN, 4, 6, 5]);
  });

  it('of a constant is the constant', () => {
    expectSeries(ema(f64([7, 7, 7, 7]), 2), [NaN, 7, 7, 7]);
  });
});

describe('wma', () => {
  it('weights the newest value n, the oldest 1', () => {
    // (1·1 + 2·2 + 3·3)/6 = 14/6; (1·2 + 2·3 + 3·4)/6 = 20/6.
    expectSeries(wma(f64([1, 2, 3, 4]), 3), [NaN, NaN, 14 / 6, 20 / 6]);
  });

  it('matches the direct weighted sum across its periodic recomputation', () => {
    const values = Float64Array.from({ length: 60 }, (_, t) => 100 + Math.sin(t) * 5 + t * 0.1);
    const out = wma(values, 7);
    for (let t = 6; t < values.length; t++) {
      let weighted = 0;
      for (let m = 1; m <= 7; m++) weighted += m * values[t - 7 + m];
      expect(out[t], `bar ${t}`).toBeCloseTo(weighted / 28, 11);
    }
  });
});

describe('dema and tema', () => {
  // On a linear ramp every EMA lags by a constant, and DEMA/TEMA cancel that lag exactly:
  // n = 3: E1[t] = t − 1 from bar 2, E2[t] = t − 2 from bar 4, E3[t] = t − 3 from bar 6.
  it('dema follows a ramp without lag from bar 2(n − 1)', () => {
    expectSeries(dema(ramp(8), 3), [NaN, NaN, NaN, NaN, 4, 5, 6, 7]);
  });

  it('tema follows a ramp without lag from bar 3(n − 1)', () => {
    expectSeries(tema(ramp(9), 3), [NaN, NaN, NaN, NaN, NaN, NaN, 6, 7, 8]);
  });
});

describe('hma', () => {
  it('follows a ramp without lag (n = 4: half 2, root 2)', () => {
    // 2·WMA_2 − WMA_4 of the ramp is t + 1/3; WMA_2 of that lags 1/3.
    expectSeries(hma(ramp(8), 4), [NaN, NaN, NaN, NaN, 4, 5, 6, 7]);
  });
});

describe('kama', () => {
  it('uses the fastest constant on a straight line (ER = 1, SC = (2/3)²)', () => {
    // Seed KAMA[1] = 1; then prev + 4/9·(x − prev): 13/9, then 13/9 + 4/9·(3 − 13/9) = 173/81.
    expectSeries(kama(ramp(4), 2), [NaN, NaN, 13 / 9, 173 / 81]);
  });

  it('stays put on a flat series (no movement counts as efficient)', () => {
    expectSeries(kama(f64([5, 5, 5, 5, 5]), 2), [NaN, NaN, 5, 5, 5]);
  });

  it('moves by the slowest constant when the net change is 0 (ER = 0, SC = (2/31)²)', () => {
    const out = kama(f64([10, 11, 10, 11, 10]), 2);
    const sc = (2 / 31) ** 2;
    const k2 = 11 + sc * (10 - 11);
    expect(out[2]).toBeCloseTo(k2, 14);
    expect(out[3]).toBeCloseTo(k2 + sc * (11 - k2), 14);
  });
});
