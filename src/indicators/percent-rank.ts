import { assertPeriod } from './validate.js';

/**
 * Percent rank of the current value among the `period` values before it:
 * PR[t] = 100 × #{ k ∈ [t−n, t−1] : x[k] < x[t] } / n.
 *
 * Source: Connors Research, "An Introduction to ConnorsRSI" (L. Connors, 2012): the percent
 * of values in the look-back period that are smaller than the current value (the third part
 * of ConnorsRSI, there applied to one-bar returns). Same rule as trading-signals `ConnorsRSI`.
 *
 * Leading NaNs in `values` (e.g. a return series) shift the warm-up: the first value needs n
 * defined values before it.
 *
 * @param values input series, e.g. one-bar returns [any unit]
 * @param period look-back n [bars], integer ≥ 1 (default 100)
 * @returns a new array in [0, 100) [percent]; NaN until n defined values precede the bar
 *   (warm-up n + the number of leading NaNs)
 * @throws RangeError if `period` is not an integer ≥ 1
 */
export function percentRank(values: Float64Array, period = 100): Float64Array {
  assertPeriod('percentRank', 'period', period);
  const n = values.length;
  const out = new Float64Array(n).fill(NaN);
  let start = 0;
  while (start < n && Number.isNaN(values[start])) start++;
  for (let t = start + period; t < n; t++) {
    const current = values[t];
    let below = 0;
    for (let k = t - period; k < t; k++) if (values[k] < current) below++;
    out[t] = (100 * below) / period;
  }
  return out;
}
