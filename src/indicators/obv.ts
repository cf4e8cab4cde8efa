import { assertSameLength } from './validate.js';

/**
 * On-balance volume (Joseph Granville, 1963):
 * OBV[0] = 0, OBV[t] = OBV[t−1] + V[t] if C[t] > C[t−1], − V[t] if C[t] < C[t−1], else OBV[t−1].
 *
 * Source: technicalindicators `OBV` (same values from bar 1). TA-Lib `OBV` starts at V[0]
 * instead of 0, so its values are ours + V[0]; only differences of OBV carry meaning.
 * A NaN volume (a file without volume) makes every later value NaN.
 *
 * @param close closes [price]
 * @param volume volumes [units]
 * @returns a new array [units]; defined from bar 0 (warm-up 0)
 * @throws RangeError if the columns differ in length
 */
export function obv(close: Float64Array, volume: Float64Array): Float64Array {
  const n = assertSameLength('obv', ['close', 'volume'], [close, volume]);
  const out = new Float64Array(n);
  let total = 0;
  for (let t = 1; t < n; t++) {
    const change = close[t] - close[t - 1];
    if (change > 0) total += volume[t];
    else if (change < 0) total -= volume[t];
    out[t] = total;
  }
  return out;
}
