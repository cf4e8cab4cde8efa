/**
 * `kamaBacktrader` (issue 16): backtrader's KAMA (`bt.indicators.KAMA`: the efficiency ratio and
 * smoothing constant of Kaufman, exponential smoothing seeded with the SMA of the first n values
 * that have a ratio; its `test_ind_kama.py` declares the minimum period 31 for n = 30, so the
 * first value is at bar 30), against a direct restatement written here: every window summed
 * afresh, no running sums.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../optimize/prng.js';
import { kama, kamaBacktrader } from './kama.js';

function direct(x: Float64Array, n: number, fastPeriod: number, slowPeriod: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  if (x.length <= n) return out;
  const fast = 2 / (fastPeriod + 1);
  const slow = 2 / (slowPeriod + 1);
  let sum = 0;
  for (let i = 1; i <= n; i++) sum += x[i];
  out[n] = sum / n;
  for (let t = n + 1; t < x.length; t++) {
    let path = 0;
    for (let i = t - n + 1; i <= t; i++) path += Math.abs(x[i] - x[i - 1]);
    const change = Math.abs(x[t] - x[t - n]);
    const er = path > change ? change / path : 1;
    const sc = (er * (fast - slow) + slow) ** 2;
    out[t] = out[t - 1] + sc * (x[t] - out[t - 1]);
  }
  return out;
}

function walk(length: number, seed: number): Float64Array {
  const random = mulberry32(seed);
  const x = new Float64Array(length);
  x[0] = 100;
  for (let i = 1; i < length; i++) x[i] = x[i - 1] * (1 + (random() - 0.5) * 0.04);
  return x;
}

describe('kamaBacktrader', () => {
  it('matches the direct restatement: first value at bar n (backtrader minimum period n + 1), SMA seed', () => {
    for (const [n, f, s] of [
      [30, 2, 30],
      [10, 2, 30],
      [4, 3, 20],
    ]) {
      const x = walk(600, n);
      const ours = kamaBacktrader(x, n, f, s);
      const reference = direct(x, n, f, s);
      for (let t = 0; t < n; t++) expect(ours[t]).toBeNaN();
      let seed = 0;
      for (let i = 1; i <= n; i++) seed += x[i];
      expect(ours[n]).toBeCloseTo(seed / n, 12);
      for (let t = n; t < x.length; t++) expect(ours[t], `bar ${t}`).toBeCloseTo(reference[t], 9);
    }
  });

  it('differs from the TA-Lib seeding at first and converges to it', () => {
    const x = walk(3000, 7);
    const bt = kamaBacktrader(x, 30);
    const talib = kama(x, 30);
    expect(Math.abs(bt[30] - talib[30])).toBeGreaterThan(1e-6);
    expect(Math.abs(bt[2999] - talib[2999]) / talib[2999]).toBeLessThan(1e-9);
  });
});
