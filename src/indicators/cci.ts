import { meanInto } from './kernels.js';
import { assertPeriod, assertSameLength } from './validate.js';

/** Lambert's constant: scales CCI so that roughly 70–80 % of values fall within ±100. */
const LAMBERT = 0.015;

/**
 * Commodity channel index, classic definition (Donald Lambert, "Commodity Channel Index",
 * Commodities 1980; TA-Lib `CCI`):
 *
 * ```
 * TP[t] = (H[t] + L[t] + C[t]) / 3
 * M[t]  = SMA(n) of TP
 * MD[t] = (1/n) × Σ_{k=t−n+1..t} |TP[k] − M[t]|     mean deviation around the *current* mean
 * CCI   = (TP[t] − M[t]) / (0.015 × MD[t])          0 when MD = 0 (as TA-Lib)
 * ```
 *
 * This is not backtrader's CCI (the golden `cci20` column): see {@link cciBacktrader} and
 * CONVENTIONS §12 on why the two differ. MD is O(n) per bar; it has no running form.
 *
 * @param high highs [price]
 * @param low lows [price]
 * @param close closes [price]
 * @param period n [bars], integer ≥ 1 (default 20)
 * @returns a new array [index points, unbounded]; NaN for the first n − 1 bars (warm-up n − 1)
 * @throws RangeError if `period` is not an integer ≥ 1 or the columns differ in length
 */
export function cci(high: Float64Array, low: Float64Array, close: Float64Array, period = 20): Float64Array {
  assertPeriod('cci', 'period', period);
  const n = assertSameLength('cci', ['high', 'low', 'close'], [high, low, close]);
  const typical = typicalPrice(high, low, close);
  const out = new Float64Array(n);
  meanInto(typical, 0, period, out);
  for (let t = period - 1; t < n; t++) {
    const mean = out[t];
    let deviation = 0;
    for (let k = t - period + 1; k <= t; k++) deviation += Math.abs(typical[k] - mean);
    deviation /= period;
    out[t] = deviation > 0 ? (typical[t] - mean) / (LAMBERT * deviation) : 0;
  }
  return out;
}

/**
 * Commodity channel index as backtrader computes it (CONVENTIONS §12 `cci20`, backtrader
 * `CommodityChannelIndex`):
 *
 * ```
 * TP[t] = (H[t] + L[t] + C[t]) / 3
 * M[t]  = SMA(n) of TP
 * D[t]  = |TP[t] − M[t]|                 each bar's own deviation from its own mean
 * MD[t] = SMA(n) of D                    needs 2n − 1 bars
 * CCI   = (TP[t] − M[t]) / (0.015 × MD[t])    0 when MD = 0
 * ```
 *
 * On the S&P 500 file it differs from the classic {@link cci} by a median of 19 points.
 *
 * @param high highs [price]
 * @param low lows [price]
 * @param close closes [price]
 * @param period n [bars], integer ≥ 1 (default 20)
 * @returns a new array [index points, unbounded]; NaN for the first 2n − 2 bars
 *   (warm-up 2n − 2)
 * @throws RangeError if `period` is not an integer ≥ 1 or the columns differ in length
 */
export function cciBacktrader(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period = 20,
): Float64Array {
  assertPeriod('cciBacktrader', 'period', period);
  const n = assertSameLength('cciBacktrader', ['high', 'low', 'close'], [high, low, close]);
  const deviation = typicalPrice(high, low, close);
  const out = new Float64Array(n);
  meanInto(deviation, 0, period, out);
  // deviation[t] := TP[t] − M[t] (signed), from the first bar M is defined.
  for (let t = 0; t < n; t++) deviation[t] = t < period - 1 ? NaN : deviation[t] - out[t];
  const first = 2 * period - 2;
  out.fill(NaN, 0, Math.min(first, n));
  // Running sum of |deviation| over the last n bars, recomputed every n bars.
  let sum = 0;
  for (let t = first; t < n; t++) {
    if ((t - first) % period === 0) {
      sum = 0;
      for (let k = t - period + 1; k <= t; k++) sum += Math.abs(deviation[k]);
    } else {
      sum += Math.abs(deviation[t]) - Math.abs(deviation[t - period]);
    }
    const meanDeviation = sum / period;
    out[t] = meanDeviation > 0 ? deviation[t] / (LAMBERT * meanDeviation) : 0;
  }
  return out;
}

function typicalPrice(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const out = new Float64Array(close.length);
  for (let t = 0; t < out.length; t++) out[t] = (high[t] + low[t] + close[t]) / 3;
  return out;
}
