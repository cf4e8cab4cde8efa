import { meanInto, slidingExtremeInto } from './kernels.js';
import { assertPeriod, assertSameLength } from './validate.js';

/** The two lines of {@link stochastic}, each as long as the input. */
export interface StochasticResult {
  /** %K [percent, 0..100]. */
  readonly k: Float64Array;
  /** %D = SMA(dPeriod) of %K [percent, 0..100]. */
  readonly d: Float64Array;
}

/**
 * Stochastic oscillator (George Lane, 1950s):
 *
 * ```
 * fastK = 100 × ((C − LL_kPeriod) / (HH_kPeriod − LL_kPeriod))    HH/LL over bars t−kPeriod+1..t
 * %K    = SMA(slowing) of fastK        (slowing = 1: the fast stochastic, %K = fastK)
 * %D    = SMA(dPeriod) of %K
 * ```
 *
 * With the defaults (14, 3, 3) this is the "slow" stochastic of CONVENTIONS §12 `stoch_k`,
 * `stoch_d` (backtrader `Stochastic`); `slowing = 1` gives backtrader `StochasticFast` and
 * TA-Lib `STOCHF`. A window with HH = LL gives fastK = 0, as TA-Lib, trading-signals and
 * technicalindicators do.
 *
 * @param high highs [price]
 * @param low lows [price]
 * @param close closes [price]
 * @param kPeriod lookback of HH/LL [bars], integer ≥ 1 (default 14)
 * @param dPeriod %D smoothing [bars], integer ≥ 1 (default 3)
 * @param slowing %K smoothing [bars], integer ≥ 1 (default 3; 1 = fast stochastic)
 * @returns new arrays [percent]; warm-up kPeriod + slowing − 2 for `k`, and
 *   kPeriod + slowing + dPeriod − 3 for `d`
 * @throws RangeError if a period is not an integer ≥ 1 or the columns differ in length
 */
export function stochastic(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  kPeriod = 14,
  dPeriod = 3,
  slowing = 3,
): StochasticResult {
  assertPeriod('stochastic', 'kPeriod', kPeriod);
  assertPeriod('stochastic', 'dPeriod', dPeriod);
  assertPeriod('stochastic', 'slowing', slowing);
  const n = assertSameLength('stochastic', ['high', 'low', 'close'], [high, low, close]);
  const fastK = new Float64Array(n);
  const d = new Float64Array(n);
  slidingExtremeInto(high, kPeriod, true, fastK, null);
  slidingExtremeInto(low, kPeriod, false, d, null);
  for (let t = kPeriod - 1; t < n; t++) {
    const lowest = d[t];
    const range = fastK[t] - lowest;
    fastK[t] = range > 0 ? 100 * ((close[t] - lowest) / range) : 0;
  }
  let k = fastK;
  if (slowing > 1) {
    k = new Float64Array(n);
    meanInto(fastK, kPeriod - 1, slowing, k);
  }
  meanInto(k, kPeriod + slowing - 2, dPeriod, d);
  return { k, d };
}
