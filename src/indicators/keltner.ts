import { atr } from './atr.js';
import { ema } from './ema.js';
import { assertFinite, assertPeriod, assertSameLength } from './validate.js';

/** The three lines of {@link keltner}, each as long as the input. */
export interface KeltnerResult {
  /** EMA(emaPeriod) of the close [price]. */
  readonly middle: Float64Array;
  /** middle + k × ATR(atrPeriod) [price]. */
  readonly upper: Float64Array;
  /** middle − k × ATR(atrPeriod) [price]. */
  readonly lower: Float64Array;
}

/**
 * Keltner channel, the modern form (Linda Bradford Raschke, 1990s; Chester Keltner's 1960
 * original used a 10-day SMA of the typical price ± the average range):
 * middle = {@link ema}(close, emaPeriod), upper/lower = middle ± k × {@link atr}(atrPeriod).
 *
 * Source: StockCharts' definition (EMA 20, ATR 10, k = 2), trading-signals `KeltnerChannels`
 * (same defaults; its EMA and ATR are seeded differently, see those functions).
 *
 * @param high highs [price]
 * @param low lows [price]
 * @param close closes [price]
 * @param emaPeriod middle-line EMA length [bars], integer ≥ 1 (default 20)
 * @param atrPeriod ATR length [bars], integer ≥ 1 (default 10)
 * @param k band width in ATRs, finite (default 2)
 * @returns new arrays [price]; warm-up emaPeriod − 1 for `middle`, and
 *   max(emaPeriod − 1, atrPeriod) for `upper`/`lower`
 * @throws RangeError if a period is not an integer ≥ 1, `k` is not finite, or the columns
 *   differ in length
 */
export function keltner(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  emaPeriod = 20,
  atrPeriod = 10,
  k = 2,
): KeltnerResult {
  assertPeriod('keltner', 'emaPeriod', emaPeriod);
  assertPeriod('keltner', 'atrPeriod', atrPeriod);
  assertFinite('keltner', 'k', k);
  const n = assertSameLength('keltner', ['high', 'low', 'close'], [high, low, close]);
  const middle = ema(close, emaPeriod);
  const upper = atr(high, low, close, atrPeriod);
  const lower = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const width = k * upper[t];
    upper[t] = middle[t] + width;
    lower[t] = middle[t] - width;
  }
  return { middle, upper, lower };
}
