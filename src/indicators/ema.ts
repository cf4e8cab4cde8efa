import { smoothInto } from './kernels.js';
import { assertPeriod } from './validate.js';

/**
 * Exponential moving average E_n, seeded with the simple mean:
 * EMA[n−1] = SMA(n)[n−1], then EMA[t] = EMA[t−1] × (1 − α) + x[t] × α with α = 2/(n+1).
 *
 * Source: CONVENTIONS §12 `ema20` (backtrader `ExponentialMovingAverage`; TA-Lib `EMA` with
 * its default SMA seed). Libraries that seed with the first value instead (trading-signals)
 * converge to the same numbers only after several hundred bars.
 *
 * @param values input series [price]
 * @param period n [bars], integer ≥ 1
 * @returns a new array in the input's units; NaN for the first n − 1 bars (warm-up n − 1)
 * @throws RangeError if `period` is not an integer ≥ 1
 */
export function ema(values: Float64Array, period: number): Float64Array {
  assertPeriod('ema', 'period', period);
  const out = new Float64Array(values.length);
  smoothInto(values, 0, period, 2 / (period + 1), out);
  return out;
}
