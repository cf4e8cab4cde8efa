import { assertPeriod, assertSameLength } from './validate.js';

/** The three lines of {@link adx}, each as long as the input. */
export interface AdxResult {
  /** Average directional index [index points, 0..100]. */
  readonly adx: Float64Array;
  /** +DI [index points, 0..100]. */
  readonly plusDi: Float64Array;
  /** −DI [index points, 0..100]. */
  readonly minusDi: Float64Array;
}

/**
 * Directional movement system (Wilder, 1978), exactly as CONVENTIONS §12 `adx14`,
 * `plus_di14`, `minus_di14` (backtrader `AverageDirectionalMovementIndex`):
 *
 * ```
 * up = H[t] − H[t−1],  down = L[t−1] − L[t]                      t ≥ 1
 * +DM = up if up > down and up > 0, else 0;  −DM = down if down > up and down > 0, else 0
 * TR  = max(H[t], C[t−1]) − min(L[t], C[t−1])
 * +DI = 100 × S_n(+DM) / S_n(TR),  −DI = 100 × S_n(−DM) / S_n(TR)     from bar n
 * DX  = |+DI − −DI| / (+DI + −DI)                                   a fraction
 * ADX = 100 × S_n(DX), seeded with the mean of DX[n..2n−1]           from bar 2n − 1
 * ```
 *
 * S_n is Wilder's smoothing seeded with the mean of its first n inputs (bars 1..n for DM and
 * TR). Degenerate bars follow TA-Lib: S_n(TR) = 0 gives DI = 0, +DI + −DI = 0 gives DX = 0.
 *
 * @param high highs [price]
 * @param low lows [price]
 * @param close closes [price]
 * @param period n [bars], integer ≥ 1 (default 14)
 * @returns new arrays [index points]; warm-up n for `plusDi`/`minusDi`, 2n − 1 for `adx`
 * @throws RangeError if `period` is not an integer ≥ 1 or the columns differ in length
 */
export function adx(high: Float64Array, low: Float64Array, close: Float64Array, period = 14): AdxResult {
  assertPeriod('adx', 'period', period);
  const n = assertSameLength('adx', ['high', 'low', 'close'], [high, low, close]);
  const adxOut = new Float64Array(n).fill(NaN);
  const plusDi = new Float64Array(n).fill(NaN);
  const minusDi = new Float64Array(n).fill(NaN);
  const alpha = 1 / period;
  const alpha1 = 1 - alpha;
  let trSmooth = 0;
  let plusSmooth = 0;
  let minusSmooth = 0;
  let dxSmooth = 0;
  for (let t = 1; t < n; t++) {
    const prevClose = close[t - 1];
    const tr = Math.max(high[t], prevClose) - Math.min(low[t], prevClose);
    const up = high[t] - high[t - 1];
    const down = low[t - 1] - low[t];
    const plusDm = up > down && up > 0 ? up : 0;
    const minusDm = down > up && down > 0 ? down : 0;
    if (t <= period) {
      // Seeding: accumulate sums of bars 1..n, turned into means at bar n.
      trSmooth += tr;
      plusSmooth += plusDm;
      minusSmooth += minusDm;
      if (t < period) continue;
      trSmooth /= period;
      plusSmooth /= period;
      minusSmooth /= period;
    } else {
      trSmooth = trSmooth * alpha1 + tr * alpha;
      plusSmooth = plusSmooth * alpha1 + plusDm * alpha;
      minusSmooth = minusSmooth * alpha1 + minusDm * alpha;
    }
    const pdi = trSmooth > 0 ? (100 * plusSmooth) / trSmooth : 0;
    const mdi = trSmooth > 0 ? (100 * minusSmooth) / trSmooth : 0;
    plusDi[t] = pdi;
    minusDi[t] = mdi;
    const sum = pdi + mdi;
    const dx = sum > 0 ? Math.abs(pdi - mdi) / sum : 0;
    if (t < 2 * period - 1) {
      dxSmooth += dx;
    } else if (t === 2 * period - 1) {
      dxSmooth = (dxSmooth + dx) / period;
      adxOut[t] = 100 * dxSmooth;
    } else {
      dxSmooth = dxSmooth * alpha1 + dx * alpha;
      adxOut[t] = 100 * dxSmooth;
    }
  }
  return { adx: adxOut, plusDi, minusDi };
}
