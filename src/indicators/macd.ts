import { smoothInto } from './kernels.js';
import { assertPeriod } from './validate.js';

/** The three lines of {@link macd}, each as long as the input. */
export interface MacdResult {
  /** E_fast(x) − E_slow(x) [price]. */
  readonly macd: Float64Array;
  /** E_signal of the MACD line [price]. */
  readonly signal: Float64Array;
  /** macd − signal [price]. */
  readonly histogram: Float64Array;
}

/**
 * Moving average convergence/divergence (Gerald Appel, 1979), as CONVENTIONS §12:
 *
 * ```
 * macd      = E_fast(x) − E_slow(x)      each EMA seeded with its own SMA (bars fast−1, slow−1)
 * signal    = E_signal(macd)             seeded with the mean of macd[slow−1 .. slow+signal−2]
 * histogram = macd − signal
 * ```
 *
 * Source: backtrader `MACD`/`MACDHisto` (golden columns `macd`, `macd_signal`, `macd_hist`).
 * TA-Lib `MACD` seeds its fast EMA later (at bar slow − 1), so its early values differ.
 *
 * @param values input series, e.g. closes [price]
 * @param fastPeriod fast EMA length [bars], integer ≥ 1 (default 12)
 * @param slowPeriod slow EMA length [bars], integer > fastPeriod (default 26)
 * @param signalPeriod signal EMA length [bars], integer ≥ 1 (default 9)
 * @returns new arrays; warm-up slow − 1 bars for `macd`, slow + signal − 2 for `signal` and
 *   `histogram`
 * @throws RangeError if a period is not an integer ≥ 1 or `fastPeriod` ≥ `slowPeriod`
 */
export function macd(values: Float64Array, fastPeriod = 12, slowPeriod = 26, signalPeriod = 9): MacdResult {
  assertPeriod('macd', 'fastPeriod', fastPeriod);
  assertPeriod('macd', 'slowPeriod', slowPeriod);
  assertPeriod('macd', 'signalPeriod', signalPeriod);
  if (fastPeriod >= slowPeriod) {
    throw new RangeError(
      `macd: fastPeriod "${fastPeriod}" must be less than slowPeriod "${slowPeriod}"; swap them`,
    );
  }
  const n = values.length;
  const line = new Float64Array(n);
  const signal = new Float64Array(n);
  const histogram = new Float64Array(n);
  smoothInto(values, 0, fastPeriod, 2 / (fastPeriod + 1), line);
  smoothInto(values, 0, slowPeriod, 2 / (slowPeriod + 1), histogram);
  for (let t = 0; t < n; t++) line[t] = t < slowPeriod - 1 ? NaN : line[t] - histogram[t];
  smoothInto(line, slowPeriod - 1, signalPeriod, 2 / (signalPeriod + 1), signal);
  for (let t = 0; t < n; t++) histogram[t] = line[t] - signal[t];
  return { macd: line, signal, histogram };
}
