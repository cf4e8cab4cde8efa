import { SuperTrend } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { loadSp500 } from '../../test/helpers/bundled-data.js';
import { atr } from './atr.js';
import { supertrend } from './supertrend.js';

describe('supertrend', () => {
  it('follows the published recursion on a hand-computed series (period 2, k = 1)', () => {
    // TR: −, 2, 2, 2, 4.5, 4.5; Wilder ATR(2): −, −, 2, 2, 3.25, 3.875. Median price m = (H + L) / 2.
    const high = Float64Array.from([11, 12, 13, 14, 13, 9]);
    const low = Float64Array.from([9, 10, 11, 12, 9, 5]);
    const close = Float64Array.from([10, 11, 12.5, 13.5, 9.5, 6]);
    expect(Array.from(atr(high, low, close, 2)).slice(2)).toEqual([2, 2, 3.25, 3.875]);
    const { line, direction } = supertrend(high, low, close, 2, 1);
    // t=2: m=12, bands 14 / 10; 12.5 is not above 14, so the trend starts down: line = U = 14.
    // t=3: m=13, basic 15 / 11; U stays 14 (15 is not below it, C[2] = 12.5 is not above it);
    //      L = 11 (above 10); 13.5 is not above 14: still down, line 14.
    // t=4: m=11, basic 14.25 / 7.75; U = 14 (14.25 is not below it); L: 7.75 < 11 and C[3] = 13.5
    //      is not below 11, so L stays 11; down, line 14.
    // t=5: m=7, basic 10.875 / 3.125; U = 10.875 (below 14); 6 is not above it: down, line 10.875.
    expect(Array.from(line)).toEqual([NaN, NaN, 14, 14, 14, 10.875]);
    expect(Array.from(direction)).toEqual([NaN, NaN, -1, -1, -1, -1]);
  });

  it('turns up when the close rises above the final upper band, and trails the lower band', () => {
    const high = Float64Array.from([11, 12, 13, 18, 19, 19.5]);
    const low = Float64Array.from([9, 10, 11, 16, 17, 17]);
    const close = Float64Array.from([10, 11, 12.5, 17.5, 18.5, 17.2]);
    const { line, direction } = supertrend(high, low, close, 2, 1);
    // t=2: ATR 2, m 12, U 14, L 10, down. t=3: TR 5.5, ATR 3.75, m 17, basic 20.75 / 13.25;
    // U stays 14 (20.75 is not below it); 17.5 > 14 turns the trend up: line = L = 13.25.
    // t=4: TR 2, ATR 2.875, m 18, basic lower 15.125 > 13.25: L = 15.125, up.
    // t=5: TR 2.5, ATR 2.6875, m 18.25, basic lower 15.5625 > 15.125: L = 15.5625; 17.2 ≥ L, up.
    expect(Array.from(direction)).toEqual([NaN, NaN, -1, 1, 1, 1]);
    expect(Array.from(line)).toEqual([NaN, NaN, 14, 13.25, 15.125, 15.5625]);
  });

  it('matches trading-signals SuperTrend on the S&P 500 once the two ATRs have converged', () => {
    // trading-signals seeds its ATR differently (see atr.ts); from bar 1000 on the ATRs agree to
    // ~1e-13 and both recursions give the same trend on every bar and the same line to 1e-9.
    const { high, low, close } = loadSp500();
    const ours = supertrend(high, low, close, 10, 3);
    const oracle = new SuperTrend({ interval: 10, multiplier: 3 });
    let compared = 0;
    let flips = 0;
    for (let t = 0; t < close.length; t++) {
      const result = oracle.update({ high: high[t], low: low[t], close: close[t] }, false);
      if (t < 1000 || result === null) continue;
      expect(ours.direction[t], `direction at bar ${t}`).toBe(result.trend === 'BULLISH' ? 1 : -1);
      expect(Math.abs(ours.line[t] - result.supertrend) / result.supertrend, `line at bar ${t}`).toBeLessThan(1e-9);
      if (ours.direction[t] !== ours.direction[t - 1]) flips++;
      compared++;
    }
    expect(compared).toBe(close.length - 1000);
    expect(flips, 'the comparison covers many trend changes').toBeGreaterThan(50);
  });
});
