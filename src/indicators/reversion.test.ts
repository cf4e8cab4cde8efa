// ConnorsRSI and its parts (streak, percent rank), RMI, IBS, z-score and rolling OLS beta:
// hand-computed cases from the published formulas, and, where it has the indicator,
// trading-signals 8 as an independent oracle on the S&P 500 closes (data/sp500-2000.csv).
import * as ts from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { expectSeries, f64 } from '../../test/helpers/expect-series.js';
import { loadSp500 } from '../../test/helpers/bundled-data.js';
import { connorsRsi, ibs, percentRank, rmi, rollingBeta, rsi, streak, zScore } from './index.js';

const { high, low, close } = loadSp500();

/** Largest |ours − theirs| / max(1, |theirs|) over bars where both are defined; counts bars compared. */
function compare(ours: Float64Array, theirs: readonly (number | null)[]): { maxError: number; compared: number; mismatchedWarmup: number } {
  let maxError = 0;
  let compared = 0;
  let mismatchedWarmup = 0;
  for (let t = 0; t < ours.length; t++) {
    const other = theirs[t];
    if (other === null || other === undefined) {
      if (!Number.isNaN(ours[t])) mismatchedWarmup++;
      continue;
    }
    if (Number.isNaN(ours[t])) {
      mismatchedWarmup++;
      continue;
    }
    maxError = Math.max(maxError, Math.abs(ours[t] - other) / Math.max(1, Math.abs(other)));
    compared++;
  }
  return { maxError, compared, mismatchedWarmup };
}

describe('streak', () => {
  it('counts consecutive up closes as positive, down closes as negative, an unchanged close as 0 (Connors 2012)', () => {
    expectSeries(streak(f64([10, 11, 12, 12, 11, 10, 9, 10])), [NaN, 1, 2, 0, -1, -2, -3, 1]);
  });
});

describe('percentRank', () => {
  it('is 100 × the share of the n values before the bar that are strictly below it', () => {
    // n = 3. bar 3: 4 vs [1, 5, 3] → 2 below → 66.67; bar 4: 3 vs [5, 3, 4] → 0 below (3 is not below 3);
    // bar 5: 9 vs [3, 4, 3] → all 3 below → 100.
    expectSeries(percentRank(f64([1, 5, 3, 4, 3, 9]), 3), [NaN, NaN, NaN, 200 / 3, 0, 100]);
  });

  it('starts after the leading NaNs of its input', () => {
    expectSeries(percentRank(f64([NaN, 2, 1, 3]), 2), [NaN, NaN, NaN, 100]);
  });
});

describe('connorsRsi', () => {
  it('averages RSI(3) of the closes, RSI(2) of the streak and the percent rank of the one-bar return', () => {
    const x = f64([10, 11, 12, 11, 13, 14, 12, 12.5]);
    const priceRsi = rsi(x, 3);
    const streakRsi = rsi(f64([1, 2, -1, 1, 2, -1, 1]), 2); // streak from bar 1
    const returns = [10, 100 / 11, -100 / 12, 200 / 11, 100 / 13, -100 / 7, 100 / 24];
    // percent rank, n = 2, of the return at bar 3 (index 2 of returns) among bars 1..2, and so on.
    const rank = (i: number) => (100 * [returns[i - 2], returns[i - 1]].filter((r) => r < returns[i]).length) / 2;
    const expected = Array.from(x, (_, t) => (t < 3 ? NaN : (priceRsi[t] + streakRsi[t - 1] + rank(t - 1)) / 3));
    expectSeries(connorsRsi(x, 3, 2, 2), expected);
  });

  it('matches trading-signals ConnorsRSI(3, 2, 100) on the S&P 500 closes, warm-up included', () => {
    const oracle = new ts.ConnorsRSI({ rsiInterval: 3, streakRsiInterval: 2, percentRankInterval: 100 });
    const theirs = Array.from(close, (c) => oracle.update(c, false));
    const { maxError, compared, mismatchedWarmup } = compare(connorsRsi(close), theirs);
    expect(mismatchedWarmup, 'both start at bar 101').toBe(0);
    expect(compared).toBe(close.length - 101);
    expect(maxError).toBeLessThanOrEqual(1e-12);
  });
});

describe('rmi', () => {
  it("is Wilder's RSI of the m-bar change (Altman 1993)", () => {
    // m = 2, n = 2. changes from bar 2: +2, 0, −1, +3 → up 2, 0, 0, 3; down 0, 0, 1, 0.
    // bar 3: avgUp 1, avgDn 0 → 100; bar 4: (0.5, 0.5) → 50; bar 5: (1.75, 0.25) → 87.5.
    expectSeries(rmi(f64([1, 2, 3, 2, 2, 5]), 2, 2), [NaN, NaN, NaN, 100, 50, 87.5]);
  });

  it('with momentum 1 equals the RSI', () => {
    expect(Array.from(rmi(close, 14, 1))).toEqual(Array.from(rsi(close, 14)));
  });

  it('matches trading-signals RMI(14, 5) on the S&P 500 closes, warm-up included', () => {
    const oracle = new ts.RMI({ interval: 14, momentum: 5 });
    const theirs = Array.from(close, (c) => oracle.update(c, false));
    const { maxError, compared, mismatchedWarmup } = compare(rmi(close, 14, 5), theirs);
    expect(mismatchedWarmup, 'both start at bar 18').toBe(0);
    expect(compared).toBe(close.length - 18);
    expect(maxError).toBeLessThanOrEqual(1e-12);
  });
});

describe('ibs', () => {
  it('is (close − low) / (high − low), 0.5 on a bar with no range', () => {
    expectSeries(ibs(f64([10, 12, 5]), f64([8, 10, 5]), f64([9.5, 10, 5])), [0.75, 0, 0.5]);
  });

  it('matches trading-signals IBS on every S&P 500 bar', () => {
    const oracle = new ts.IBS();
    const theirs = Array.from(close, (c, t) => oracle.update({ high: high[t], low: low[t], close: c }, false));
    const { maxError, compared } = compare(ibs(high, low, close), theirs);
    expect(compared).toBe(close.length);
    expect(maxError).toBe(0);
  });
});

describe('zScore', () => {
  it('is (x − mean) / population σ of the window, 0 on a flat window', () => {
    // [1, 2, 3]: mean 2, σ² = 2/3; [2, 3, 7]: mean 4, σ² = 14/3; [3, 7, 7]: mean 17/3, σ² = 32/9 → (4/3)/(√32/3) = 1/√2.
    expectSeries(zScore(f64([1, 2, 3, 7, 7, 7, 7]), 3), [NaN, NaN, 1 / Math.sqrt(2 / 3), 3 / Math.sqrt(14 / 3), Math.SQRT1_2, 0, 0]);
  });

  it('matches trading-signals getZScore over each 20-bar window of the S&P 500 closes', () => {
    const values = Array.from(close);
    const theirs = values.map((_, t) => (t < 19 ? null : ts.getZScore(values.slice(t - 19, t + 1))));
    const { maxError, compared, mismatchedWarmup } = compare(zScore(close, 20), theirs);
    expect(mismatchedWarmup).toBe(0);
    expect(compared).toBe(close.length - 19);
    expect(maxError).toBeLessThanOrEqual(1e-9);
  });
});

describe('rollingBeta', () => {
  it('is the least-squares slope cov(x, y) / var(x) of each window', () => {
    // window x = [1, 2, 3], y = [2, 4, 7]: x̄ = 2, ȳ = 13/3; Σdx·dy = (−1)(2 − 13/3) + (1)(7 − 13/3) = 5; Σdx² = 2 → 2.5.
    // next window x = [2, 3, 3], y = [4, 7, 1]: x̄ = 8/3; Σdx² = 4/9 + 1/9 + 1/9 = 2/3;
    // Σdx·dy = (−2/3)(4 − 4) + (1/3)(7 − 4) + (1/3)(1 − 4) = 0 → 0. Then x = [3, 3, 3] → 0 by rule.
    expectSeries(rollingBeta(f64([2, 4, 7, 1, 5]), f64([1, 2, 3, 3, 3]), 3), [NaN, NaN, 2.5, 0, 0]);
  });

  it('regressing on the bar index gives trading-signals LinearRegression slope on the S&P 500 closes', () => {
    const n = 60;
    const values = Array.from(close);
    const index = Float64Array.from(values, (_, t) => t);
    const theirs = values.map((_, t) => (t < n - 1 ? null : ts.getLinearRegression(values.slice(t - n + 1, t + 1)).slope));
    const { maxError, compared, mismatchedWarmup } = compare(rollingBeta(close, index, n), theirs);
    expect(mismatchedWarmup).toBe(0);
    expect(compared).toBe(close.length - n + 1);
    expect(maxError).toBeLessThanOrEqual(1e-9);
  });

  it('recovers an exact linear relation y = 3 + 1.5·x', () => {
    const x = close.subarray(0, 200);
    const y = x.map((v) => 3 + 1.5 * v);
    const beta = rollingBeta(y, x, 30);
    for (let t = 29; t < 200; t++) expect(beta[t]).toBeCloseTo(1.5, 10);
  });
});
