import { describe, expect, it } from 'vitest';
import { f64 } from '../../test/helpers/expect-series.js';
import { DAY_MS, obv, vwap, vwapAnchored } from './index.js';

describe('obv', () => {
  it('adds volume on up closes, subtracts on down closes, from 0', () => {
    expect(Array.from(obv(f64([10, 11, 11, 9]), f64([100, 200, 300, 400])))).toEqual([0, 200, 200, -200]);
  });
});

describe('vwap', () => {
  // H = L = C, so the typical price is the close.
  const price = f64([10, 20, 30, 40]);
  const volume = f64([1, 3, 2, 2]);

  it('without times accumulates over the whole series', () => {
    expect(Array.from(vwap(price, price, price, volume))).toEqual([10, 70 / 4, 130 / 6, 210 / 8]);
  });

  it('uses the typical price (H + L + C)/3', () => {
    expect(vwap(f64([12]), f64([6]), f64([9]), f64([5]))[0]).toBe(9);
  });

  it('with times restarts at each new UTC day', () => {
    const day = Date.UTC(2024, 2, 1);
    const time = f64([day + 22 * 3_600_000, day + 23 * 3_600_000, day + DAY_MS, day + DAY_MS + 3_600_000]);
    expect(Array.from(vwap(price, price, price, volume, time))).toEqual([10, 70 / 4, 30, 35]);
  });

  it('restarts every sessionMs when given', () => {
    const time = f64([0, 1000, 2000, 3000]);
    expect(Array.from(vwap(price, price, price, volume, time, 2000))).toEqual([10, 70 / 4, 30, 35]);
  });

  it('is NaN while the session has no volume', () => {
    expect(Array.from(vwap(price, price, price, f64([0, 0, 2, 2])))).toEqual([NaN, NaN, 30, 35]);
  });
});

describe('vwapAnchored', () => {
  it('restarts at flagged bars (Uint8Array or booleans)', () => {
    const price = f64([10, 20, 30, 40]);
    const volume = f64([1, 1, 1, 1]);
    const expected = [10, 15, 30, 35];
    expect(Array.from(vwapAnchored(price, price, price, volume, Uint8Array.from([0, 0, 1, 0])))).toEqual(expected);
    expect(Array.from(vwapAnchored(price, price, price, volume, [false, false, true, false]))).toEqual(expected);
  });
});
