import { slidingExtremeInto } from './kernels.js';
import { assertPeriod, assertSameLength } from './validate.js';

/** The three lines of {@link aroon}, each as long as the input. */
export interface AroonResult {
  /** Aroon up [percent, 0..100]. */
  readonly up: Float64Array;
  /** Aroon down [percent, 0..100]. */
  readonly down: Float64Array;
  /** up − down [percent, −100..100]. */
  readonly oscillator: Float64Array;
}

/**
 * Aroon (Tushar Chande, 1995), over the n + 1 bars t−n..t:
 *
 * ```
 * up[t]         = (100 / n) × (n − (t − index of the highest high))
 * down[t]       = (100 / n) × (n − (t − index of the lowest low))
 * oscillator[t] = up[t] − down[t]
 * ```
 *
 * On ties the most recent extreme counts, as TA-Lib `AROON`/`AROONOSC` and trading-signals
 * `Aroon` do.
 *
 * @param high highs [price]
 * @param low lows [price]
 * @param period n [bars], integer ≥ 1 (default 14)
 * @returns new arrays [percent]; NaN for the first n bars (warm-up n)
 * @throws RangeError if `period` is not an integer ≥ 1 or the columns differ in length
 */
export function aroon(high: Float64Array, low: Float64Array, period = 14): AroonResult {
  assertPeriod('aroon', 'period', period);
  const n = assertSameLength('aroon', ['high', 'low'], [high, low]);
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  const oscillator = new Float64Array(n);
  slidingExtremeInto(high, period + 1, true, null, up);
  slidingExtremeInto(low, period + 1, false, null, down);
  const factor = 100 / period;
  for (let t = 0; t < n; t++) {
    // up/down hold the bar index of the extreme (NaN during warm-up) until overwritten here.
    up[t] = factor * (period - (t - up[t]));
    down[t] = factor * (period - (t - down[t]));
    oscillator[t] = up[t] - down[t];
  }
  return { up, down, oscillator };
}
