import { wmaInto } from './kernels.js';
import { assertPeriod } from './validate.js';

/**
 * Hull moving average (Alan Hull, 2005):
 * HMA(n) = WMA_s(2 × WMA_h(x) − WMA_n(x)) with h = ⌊n/2⌋ and s = ⌊√n⌋.
 *
 * Source: Hull's definition as implemented by trading-signals `HMA` and TradingView
 * (`wma(2*wma(src, n/2) − wma(src, n), floor(sqrt(n)))`).
 *
 * @param values input series [price]
 * @param period n [bars], integer ≥ 2 (so that h ≥ 1)
 * @returns a new array in the input's units; NaN for the first n + s − 2 bars
 *   (warm-up n − 1 + s − 1)
 * @throws RangeError if `period` is not an integer ≥ 2
 */
export function hma(values: Float64Array, period: number): Float64Array {
  assertPeriod('hma', 'period', period, 2);
  const half = Math.floor(period / 2);
  const root = Math.floor(Math.sqrt(period));
  const n = values.length;
  const out = new Float64Array(n);
  const raw = new Float64Array(n);
  wmaInto(values, 0, half, out);
  wmaInto(values, 0, period, raw);
  for (let t = 0; t < n; t++) raw[t] = 2 * out[t] - raw[t];
  wmaInto(raw, period - 1, root, out);
  return out;
}
