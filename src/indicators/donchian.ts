import { slidingExtremeInto } from './kernels.js';
import { assertPeriod, assertSameLength } from './validate.js';

/** The three lines of {@link donchian}, each as long as the input. */
export interface DonchianResult {
  /** HH_n: highest high of bars t−n+1..t [price]. */
  readonly upper: Float64Array;
  /** LL_n: lowest low of bars t−n+1..t [price]. */
  readonly lower: Float64Array;
  /** (upper + lower) / 2 [price]. */
  readonly middle: Float64Array;
}

/**
 * Donchian channel (Richard Donchian): upper = HH_n, lower = LL_n, middle = (upper + lower)/2,
 * **current bar included**.
 *
 * Source: CONVENTIONS §12 `donchian20_high`, `donchian20_low`; trading-signals
 * `DonchianChannels`. A breakout rule that compares C[t] with the channel usually wants the
 * previous bar's values (`upper[t − 1]`): C[t] can never exceed an upper band that includes
 * H[t].
 *
 * @param high highs [price]
 * @param low lows [price]
 * @param period n [bars], integer ≥ 1 (default 20)
 * @returns new arrays [price]; NaN for the first n − 1 bars (warm-up n − 1)
 * @throws RangeError if `period` is not an integer ≥ 1 or the columns differ in length
 */
export function donchian(high: Float64Array, low: Float64Array, period = 20): DonchianResult {
  assertPeriod('donchian', 'period', period);
  const n = assertSameLength('donchian', ['high', 'low'], [high, low]);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const middle = new Float64Array(n);
  slidingExtremeInto(high, period, true, upper, null);
  slidingExtremeInto(low, period, false, lower, null);
  for (let t = 0; t < n; t++) middle[t] = (upper[t] + lower[t]) / 2;
  return { upper, lower, middle };
}
