import { assertSameLength } from './validate.js';

/**
 * Engulfing pattern (Steve Nison, "Japanese Candlestick Charting Techniques", 1991, ch. 4):
 * +1 for a bullish engulfing bar (the previous bar is black, C[t−1] < O[t−1], and this white
 * bar's body engulfs it: O[t] < C[t−1] and C[t] > O[t−1]), −1 for a bearish one (previous bar
 * white, C[t−1] > O[t−1], with O[t] > C[t−1] and C[t] < O[t−1]), else 0. Both engulfing
 * comparisons are strict; shadows are ignored.
 *
 * Source: the same rule as technicalindicators `bullishengulfingpattern` /
 * `bearishengulfingpattern` (checked bar for bar in the tests).
 *
 * @param open opens [price]
 * @param close closes [price]
 * @returns a new array of −1/0/+1; NaN at bar 0 (warm-up 1: needs the previous bar)
 * @throws RangeError if the columns differ in length
 */
export function engulfing(open: Float64Array, close: Float64Array): Float64Array {
  const n = assertSameLength('engulfing', ['open', 'close'], [open, close]);
  const out = new Float64Array(n);
  if (n > 0) out[0] = NaN;
  for (let t = 1; t < n; t++) {
    const previousOpen = open[t - 1];
    const previousClose = close[t - 1];
    if (previousClose < previousOpen && open[t] < previousClose && close[t] > previousOpen) out[t] = 1;
    else if (previousClose > previousOpen && open[t] > previousClose && close[t] < previousOpen) out[t] = -1;
    else out[t] = 0;
  }
  return out;
}

/**
 * Inside bar: 1 when the bar's range lies strictly inside the previous bar's (H[t] < H[t−1] and
 * L[t] > L[t−1]), else 0. The two-bar form of the harami's range condition (Nison, 1991, ch. 6;
 * Thomas Bulkowski, "Encyclopedia of Candlestick Charts", 2008, "inside day").
 *
 * No reference library computes it; the test checks a hand-computed series.
 *
 * @param high highs [price]
 * @param low lows [price]
 * @returns a new array of 0/1 flags; NaN at bar 0 (warm-up 1)
 * @throws RangeError if the columns differ in length
 */
export function insideBar(high: Float64Array, low: Float64Array): Float64Array {
  const n = assertSameLength('insideBar', ['high', 'low'], [high, low]);
  const out = new Float64Array(n);
  if (n > 0) out[0] = NaN;
  for (let t = 1; t < n; t++) out[t] = high[t] < high[t - 1] && low[t] > low[t - 1] ? 1 : 0;
  return out;
}
