import { meanInto, varianceInto } from './kernels.js';
import { assertFinite, assertPeriod } from './validate.js';

/** The three lines of {@link bollinger}, each as long as the input. */
export interface BollingerResult {
  /** SMA(n) [price]. */
  readonly middle: Float64Array;
  /** middle + k·σ [price]. */
  readonly upper: Float64Array;
  /** middle − k·σ [price]. */
  readonly lower: Float64Array;
}

/**
 * Bollinger Bands (John Bollinger, 1980s): middle = SMA(n), upper/lower = middle ± k × σ with
 * σ the **population** standard deviation (divisor n) of the same n values.
 *
 * Source: CONVENTIONS §12 `bb_mid`, `bb_top`, `bb_bot` (backtrader `BollingerBands`; TA-Lib
 * `BBANDS`). σ is computed as in {@link stdev}; backtrader's sqrt(|mean(x²) − mean(x)²|)
 * differs by at most 1.2e-13 relative on the golden data.
 *
 * @param values input series [price]
 * @param period n [bars], integer ≥ 1 (default 20)
 * @param k band width in standard deviations, finite (default 2)
 * @returns new arrays [price]; NaN for the first n − 1 bars (warm-up n − 1)
 * @throws RangeError if `period` is not an integer ≥ 1 or `k` is not finite
 */
export function bollinger(values: Float64Array, period = 20, k = 2): BollingerResult {
  assertPeriod('bollinger', 'period', period);
  assertFinite('bollinger', 'k', k);
  const n = values.length;
  const middle = new Float64Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  meanInto(values, 0, period, middle);
  varianceInto(values, period, middle, period, upper);
  for (let t = 0; t < n; t++) {
    const width = k * Math.sqrt(upper[t]);
    upper[t] = middle[t] + width;
    lower[t] = middle[t] - width;
  }
  return { middle, upper, lower };
}
