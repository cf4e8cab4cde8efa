import { slidingExtremeInto } from './kernels.js';
import { assertPeriod, assertSameLength } from './validate.js';

/** The lines of {@link ichimoku}, each as long as the input, all causal. */
export interface IchimokuResult {
  /** Tenkan-sen (conversion line): midpoint of the `tenkanPeriod`-bar high/low range [price]. */
  readonly tenkan: Float64Array;
  /** Kijun-sen (base line): midpoint of the `kijunPeriod`-bar range [price]. */
  readonly kijun: Float64Array;
  /** Senkou span A as plotted at bar t: (tenkan + kijun)/2 of bar t − displacement [price]. */
  readonly senkouA: Float64Array;
  /** Senkou span B as plotted at bar t: `senkouBPeriod`-bar midpoint of bar t − displacement [price]. */
  readonly senkouB: Float64Array;
}

/**
 * Ichimoku kinko hyo (Goichi Hosoda, 1969), with the cloud aligned to the bar it is plotted
 * on so that nothing looks ahead:
 *
 * ```
 * mid_p[t]    = (HH_p[t] + LL_p[t]) / 2          HH/LL over bars t−p+1..t
 * tenkan[t]   = mid_tenkanPeriod[t]
 * kijun[t]    = mid_kijunPeriod[t]
 * senkouA[t]  = (tenkan[t − d] + kijun[t − d]) / 2
 * senkouB[t]  = mid_senkouBPeriod[t − d]
 * ```
 *
 * Charts draw the spans d bars to the right of the bar that computed them; here they are
 * stored at that future bar, so `senkouA[t]` is the cloud edge a chart shows at bar t and
 * uses only bars ≤ t − d. The chikou span (close drawn d bars to the left) is omitted: stored
 * causally it would be the close itself, and comparing it with past prices is
 * `close[t]` vs `close[t − d]`, which {@link momentum} gives directly.
 *
 * Source: Hosoda's defaults 9/26/52/26; trading-signals `IchimokuCloud` and
 * technicalindicators `IchimokuCloud` return the unshifted spans (our values d bars earlier).
 *
 * @param high highs [price]
 * @param low lows [price]
 * @param tenkanPeriod [bars], integer ≥ 1 (default 9)
 * @param kijunPeriod [bars], integer ≥ 1 (default 26)
 * @param senkouBPeriod [bars], integer ≥ 1 (default 52)
 * @param displacement d, forward shift of the spans [bars], integer ≥ 0 (default 26)
 * @returns new arrays [price]; warm-up tenkanPeriod − 1 (`tenkan`), kijunPeriod − 1
 *   (`kijun`), max(tenkanPeriod, kijunPeriod) − 1 + d (`senkouA`), senkouBPeriod − 1 + d
 *   (`senkouB`)
 * @throws RangeError if a period is not an integer ≥ 1 (`displacement` ≥ 0) or the columns
 *   differ in length
 */
export function ichimoku(
  high: Float64Array,
  low: Float64Array,
  tenkanPeriod = 9,
  kijunPeriod = 26,
  senkouBPeriod = 52,
  displacement = 26,
): IchimokuResult {
  assertPeriod('ichimoku', 'tenkanPeriod', tenkanPeriod);
  assertPeriod('ichimoku', 'kijunPeriod', kijunPeriod);
  assertPeriod('ichimoku', 'senkouBPeriod', senkouBPeriod);
  assertPeriod('ichimoku', 'displacement', displacement, 0);
  const n = assertSameLength('ichimoku', ['high', 'low'], [high, low]);
  const scratch = new Float64Array(n);
  const tenkan = midpoint(high, low, tenkanPeriod, scratch);
  const kijun = midpoint(high, low, kijunPeriod, scratch);
  const senkouB = midpoint(high, low, senkouBPeriod, scratch);
  const senkouA = new Float64Array(n);
  const d = displacement;
  for (let t = n - 1; t >= 0; t--) {
    if (t < d) {
      senkouA[t] = NaN;
      senkouB[t] = NaN;
    } else {
      senkouA[t] = (tenkan[t - d] + kijun[t - d]) / 2;
      senkouB[t] = senkouB[t - d];
    }
  }
  return { tenkan, kijun, senkouA, senkouB };
}

function midpoint(high: Float64Array, low: Float64Array, period: number, scratch: Float64Array): Float64Array {
  const out = new Float64Array(high.length);
  slidingExtremeInto(high, period, true, out, null);
  slidingExtremeInto(low, period, false, scratch, null);
  for (let t = 0; t < out.length; t++) out[t] = (out[t] + scratch[t]) / 2;
  return out;
}
