import { atr } from './atr.js';
import { assertFinite, assertPeriod, assertSameLength } from './validate.js';

/** The two lines of {@link supertrend}, each as long as the input. */
export interface SupertrendResult {
  /** The trailing stop: the final lower band in an uptrend, the final upper band in a downtrend [price]. */
  readonly line: Float64Array;
  /** +1 in an uptrend (close above the line), −1 in a downtrend. */
  readonly direction: Float64Array;
}

/**
 * SuperTrend (Olivier Seban, 2000s): an ATR trailing stop that flips with the trend.
 * With m = (H + L) / 2 and A = {@link atr}(period), the basic bands are m ± k × A. The final
 * upper band U[t] is the basic upper band when it is below U[t−1] or when C[t−1] > U[t−1], else
 * U[t−1] (it only ratchets down during a downtrend); the final lower band L[t] mirrors it
 * (basic lower band when above L[t−1] or when C[t−1] < L[t−1], else L[t−1]). The trend starts
 * down at the first bar with an ATR unless that close is above U; an uptrend turns down when the
 * close falls below L[t], a downtrend turns up when the close rises above U[t]. The line is L in
 * an uptrend and U in a downtrend.
 *
 * Source: TradingView's `ta.supertrend` (Pine Script reference manual, which it follows with
 * Wilder's ATR); trading-signals `SuperTrend` implements the same recursion (its ATR is seeded
 * differently, so the two agree once the ATRs converge).
 *
 * @param high highs [price]
 * @param low lows [price]
 * @param close closes [price]
 * @param period ATR length [bars], integer ≥ 1 (default 10)
 * @param multiplier band distance k [ATRs], finite > 0 (default 3)
 * @returns new arrays; NaN for the first `period` bars (warm-up `period`, the ATR's)
 * @throws RangeError if `period` is not an integer ≥ 1, `multiplier` is not a finite number > 0,
 *   or the columns differ in length
 */
export function supertrend(high: Float64Array, low: Float64Array, close: Float64Array, period = 10, multiplier = 3): SupertrendResult {
  assertPeriod('supertrend', 'period', period);
  assertFinite('supertrend', 'multiplier', multiplier, 0);
  const n = assertSameLength('supertrend', ['high', 'low', 'close'], [high, low, close]);
  const range = atr(high, low, close, period);
  const line = new Float64Array(n).fill(NaN);
  const direction = new Float64Array(n).fill(NaN);
  let upper = NaN;
  let lower = NaN;
  let isUp = false;
  for (let t = period; t < n; t++) {
    const middle = (high[t] + low[t]) / 2;
    const basicUpper = middle + multiplier * range[t];
    const basicLower = middle - multiplier * range[t];
    if (t === period) {
      upper = basicUpper;
      lower = basicLower;
      isUp = close[t] > upper;
    } else {
      const previousClose = close[t - 1];
      upper = basicUpper < upper || previousClose > upper ? basicUpper : upper;
      lower = basicLower > lower || previousClose < lower ? basicLower : lower;
      isUp = isUp ? close[t] >= lower : close[t] > upper;
    }
    line[t] = isUp ? lower : upper;
    direction[t] = isUp ? 1 : -1;
  }
  return { line, direction };
}
