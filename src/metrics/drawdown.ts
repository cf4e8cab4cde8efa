/**
 * Drawdown statistics of the equity curve, as in backtesting.py 0.6.6 `_stats.py`
 * (`compute_drawdown_duration_peaks` and `compute_stats`).
 */

import { ceilDuration, ceilMeanDuration } from './bar-period.js';
import { unavailable, type MetricValues } from './types.js';

/** The values {@link drawdownMetrics} computes. */
export type DrawdownValues = Pick<
  MetricValues,
  'equityPeak' | 'maxDrawdown' | 'avgDrawdown' | 'maxDrawdownDurationMs' | 'avgDrawdownDurationMs' | 'maxDrawdownBars'
>;

const NO_DRAWDOWN = 'the equity never fell below its running peak';
const ONLY_LAST_BAR =
  'the only drawdown starts on the last bar, so no drawdown period is complete ' +
  '(backtesting.py prints drawdown fractions in place of durations here)';

/**
 * Computes, in one pass over N ≥ 1 bars:
 *
 * - `equityPeak` = max E [cash];
 * - `maxDrawdown` = max dd[i], dd[i] = 1 − E[i] / max(E[0..i]) [fraction, ≥ 0];
 * - drawdown periods: with Z the bars where dd = 0 exactly plus the last bar, every pair of
 *   consecutive members a < b of Z with b > a + 1 is one period, from the peak bar a to the
 *   recovery bar b (or to the last bar when still in drawdown). Its length is T[b] − T[a], its
 *   depth max dd[a..b]. `avgDrawdown` is the mean depth [fraction], `maxDrawdownDurationMs` and
 *   `avgDrawdownDurationMs` the longest and the mean length [ms], rounded up to `unitMs`;
 * - `maxDrawdownBars` = the longest b − a [bars], counting also a drawdown that starts on the
 *   last bar (which backtesting.py's periods skip); 0 without a drawdown.
 *
 * Deliberate difference: when there is no period (no drawdown at all, or one that starts on
 * the last bar), backtesting.py replaces both series with the dd values (zeros as NaN), so
 * its two durations become drawdown fractions (or NaN). Here the durations are `null` with a
 * reason; `avgDrawdown` keeps backtesting.py's value, the mean of the non-zero dd values (that
 * is dd[N−1]), or `null` when there is no drawdown.
 */
export function drawdownMetrics(
  time: Float64Array,
  equity: Float64Array,
  unitMs: number,
): DrawdownValues {
  const n = equity.length;
  let peak = -Infinity;
  let maxDrawdown = 0;
  let lastZeroBar = -1;
  let depthSinceZero = 0;
  let periodCount = 0;
  let depthSum = 0;
  let durationSumMs = 0;
  let maxDurationMs = 0;
  let maxBars = 0;
  let drawdown = 0;

  const closePeriod = (endBar: number): void => {
    const durationMs = time[endBar] - time[lastZeroBar];
    periodCount++;
    depthSum += depthSinceZero;
    durationSumMs += durationMs;
    if (durationMs > maxDurationMs) maxDurationMs = durationMs;
    if (endBar - lastZeroBar > maxBars) maxBars = endBar - lastZeroBar;
  };

  for (let i = 0; i < n; i++) {
    const value = equity[i];
    if (value > peak) peak = value;
    drawdown = 1 - value / peak;
    if (drawdown > maxDrawdown) maxDrawdown = drawdown;
    if (drawdown === 0) {
      if (lastZeroBar >= 0 && i > lastZeroBar + 1) closePeriod(i);
      lastZeroBar = i;
      depthSinceZero = 0;
    } else if (drawdown > depthSinceZero) {
      depthSinceZero = drawdown;
    }
  }
  const lastBar = n - 1;
  if (lastZeroBar >= 0 && lastZeroBar < lastBar) {
    if (lastBar > lastZeroBar + 1) closePeriod(lastBar);
    else maxBars = Math.max(maxBars, 1);
  }

  const base = { equityPeak: peak, maxDrawdown, maxDrawdownBars: maxBars };
  if (periodCount > 0) {
    return {
      ...base,
      avgDrawdown: depthSum / periodCount,
      maxDrawdownDurationMs: ceilDuration(maxDurationMs, unitMs),
      avgDrawdownDurationMs: ceilMeanDuration(durationSumMs, periodCount, unitMs),
    };
  }
  const reason = drawdown > 0 ? ONLY_LAST_BAR : NO_DRAWDOWN;
  return {
    ...base,
    avgDrawdown: drawdown > 0 ? drawdown : unavailable(NO_DRAWDOWN),
    maxDrawdownDurationMs: unavailable(reason),
    avgDrawdownDurationMs: unavailable(reason),
  };
}
