import { percentRank } from './percent-rank.js';
import { rsi } from './rsi.js';
import { streak } from './streak.js';
import { assertPeriod } from './validate.js';

/**
 * ConnorsRSI (L. Connors, Connors Research, "An Introduction to ConnorsRSI", 2012; Connors &
 * Alvarez): the mean of three oscillators on a 0–100 scale,
 *
 * ```
 * CRSI[t] = ( RSI(x, rsiPeriod)[t] + RSI(streak, streakPeriod)[t] + PercentRank(r, rankPeriod)[t] ) / 3
 * ```
 *
 * with Wilder's RSI ({@link rsi}), the up/down {@link streak} of the closes (starting at bar 1),
 * and the {@link percentRank} of the one-bar return r[t] = 100 × (x[t] / x[t−1] − 1) among the
 * `rankPeriod` returns before it. Defaults 3, 2, 100 as published. Matches trading-signals
 * `ConnorsRSI`.
 *
 * @param values input series, e.g. closes [price]
 * @param rsiPeriod price RSI length [bars], integer ≥ 1 (default 3)
 * @param streakPeriod streak RSI length [bars], integer ≥ 1 (default 2)
 * @param rankPeriod percent-rank look-back [bars], integer ≥ 1 (default 100)
 * @returns a new array in [0, 100] [index points]; NaN for the first
 *   max(rsiPeriod, streakPeriod + 1, rankPeriod + 1) bars (the warm-up)
 * @throws RangeError if a period is not an integer ≥ 1
 */
export function connorsRsi(values: Float64Array, rsiPeriod = 3, streakPeriod = 2, rankPeriod = 100): Float64Array {
  assertPeriod('connorsRsi', 'rsiPeriod', rsiPeriod);
  assertPeriod('connorsRsi', 'streakPeriod', streakPeriod);
  assertPeriod('connorsRsi', 'rankPeriod', rankPeriod);
  const n = values.length;
  const priceRsi = rsi(values, rsiPeriod);
  const streakRsi = new Float64Array(n).fill(NaN);
  if (n > 1) streakRsi.set(rsi(streak(values).subarray(1), streakPeriod), 1);
  const returns = new Float64Array(n);
  if (n > 0) returns[0] = NaN;
  for (let t = 1; t < n; t++) returns[t] = ((values[t] - values[t - 1]) / values[t - 1]) * 100;
  const rank = percentRank(returns, rankPeriod);
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = (priceRsi[t] + streakRsi[t] + rank[t]) / 3;
  return out;
}
