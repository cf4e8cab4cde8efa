import * as ti from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { loadSp500 } from '../../test/helpers/bundled-data.js';
import { engulfing, insideBar } from './candlestick.js';
import { narrowestRange } from './narrowest-range.js';

const f = (values: number[]) => Float64Array.from(values);

describe('engulfing', () => {
  it('flags bullish (+1) and bearish (−1) engulfing bars on a hand-made series', () => {
    const open = f([10, 12, 10.5, 11, 13, 12.5, 12]);
    const close = f([11, 11, 12.5, 13, 10.5, 11, 12]);
    // t=1: white → black, no. t=2: black (12 → 11) then white opening 10.5 < 11 and closing 12.5 > 12: +1.
    // t=3: white → white, no. t=4: white (11 → 13) then black opening 13 — not above 13: 0 (strict).
    // t=5: black (13 → 10.5) then white opening 12.5, not below 10.5: 0.
    // t=6: white (12.5 → 11 is black): black then a doji, no.
    expect(Array.from(engulfing(open, close))).toEqual([NaN, 0, 1, 0, 0, 0, 0]);
    expect(Array.from(engulfing(f([10, 11.5]), f([11.2, 9.8])))).toEqual([NaN, -1]);
  });

  it('agrees bar for bar with technicalindicators bullish/bearish engulfing on the S&P 500', () => {
    const { open, high, low, close } = loadSp500();
    const ours = engulfing(open, close);
    let bullish = 0;
    let bearish = 0;
    for (let t = 1; t < close.length; t++) {
      const pair = { open: [open[t - 1], open[t]], high: [high[t - 1], high[t]], low: [low[t - 1], low[t]], close: [close[t - 1], close[t]] };
      const expected = ti.bullishengulfingpattern(pair) ? 1 : ti.bearishengulfingpattern(pair) ? -1 : 0;
      expect(ours[t], `bar ${t}`).toBe(expected);
      if (expected === 1) bullish++;
      if (expected === -1) bearish++;
    }
    expect([bullish, bearish]).toEqual([127, expect.any(Number)]);
    expect(bearish).toBeGreaterThan(50);
  });
});

describe('insideBar', () => {
  it('flags bars strictly inside the previous range (hand-made series)', () => {
    const high = f([10, 9.5, 9.5, 9.4, 12, 11]);
    const low = f([8, 8.5, 8.6, 8.6, 7, 7]);
    // t=1: 9.5 < 10 and 8.5 > 8: inside. t=2: high equal to 9.5: not strictly inside.
    // t=3: 9.4 < 9.5 but low equal: no. t=4: outside bar. t=5: low equal: no.
    expect(Array.from(insideBar(high, low))).toEqual([NaN, 1, 0, 0, 0, 0]);
  });
});

describe('narrowestRange', () => {
  it('flags the narrowest range of the last n bars, ties included (hand-made series, n = 4)', () => {
    const high = f([10, 10, 10, 10, 10, 10, 10, 10]);
    const low = f([8, 9, 8.5, 9.5, 9.2, 9.5, 9.6, 8]);
    // ranges: 2, 1, 1.5, 0.5, 0.8, 0.5, 0.4, 2
    // t=3: 0.5 ≤ {2, 1, 1.5}: 1. t=4: 0.8 > 0.5: 0. t=5: 0.5 ties 0.5 (t=3): 1. t=6: 0.4: 1. t=7: 0.
    expect(Array.from(narrowestRange(high, low, 4))).toEqual([NaN, NaN, NaN, 1, 0, 1, 1, 0]);
  });

  it('NR7 on the S&P 500 equals "range equals the 7-bar minimum of ranges" from technicalindicators Lowest', () => {
    const { high, low } = loadSp500();
    const ranges = Array.from(high, (h, t) => h - low[t]);
    const minimum = ti.Lowest.calculate({ period: 7, values: ranges });
    const ours = narrowestRange(high, low, 7);
    minimum.forEach((m, i) => expect(ours[i + 6], `bar ${i + 6}`).toBe(ranges[i + 6] === m ? 1 : 0));
    const count = Array.from(ours).filter((v) => v === 1).length;
    expect(count, 'about one bar in seven or fewer').toBeGreaterThan(300);
    expect(count).toBeLessThan(5105 / 4);
  });
});
