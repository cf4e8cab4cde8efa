/**
 * Signal helpers over indicator arrays, evaluated at one bar t. They read bars t − 1 and t
 * only (barsSince: bars ≤ t), so they are safe inside a strategy's `next()`.
 */

/** A series, or a constant level such as an RSI threshold. */
export type SeriesOrLevel = ArrayLike<number> | number;

function valueAt(series: SeriesOrLevel, t: number): number {
  return typeof series === 'number' ? series : series[t];
}

/**
 * True when `a` crosses above `b` at bar t: a[t−1] < b[t−1] and a[t] > b[t], both strict.
 *
 * Source: backtesting.py `crossover`, CONVENTIONS §7.2. A bar where a = b is neither above
 * nor below, so touching and moving on is not a cross (backtrader's `CrossOver`, which
 * remembers the last non-zero difference, would count it). False for t < 1, t beyond the
 * data, or any NaN operand (warm-up).
 *
 * @param a series [any unit]
 * @param b series or constant level, in a's unit
 * @param t bar index
 */
export function crossover(a: ArrayLike<number>, b: SeriesOrLevel, t: number): boolean {
  if (t < 1 || t >= a.length) return false;
  return a[t - 1] < valueAt(b, t - 1) && a[t] > valueAt(b, t);
}

/**
 * True when `a` crosses below `b` at bar t: a[t−1] > b[t−1] and a[t] < b[t], both strict.
 * The mirror of {@link crossover}, with the same rules.
 *
 * @param a series [any unit]
 * @param b series or constant level, in a's unit
 * @param t bar index
 */
export function crossunder(a: ArrayLike<number>, b: SeriesOrLevel, t: number): boolean {
  if (t < 1 || t >= a.length) return false;
  return a[t - 1] > valueAt(b, t - 1) && a[t] < valueAt(b, t);
}

/**
 * Bars since `condition` was last true at or before bar t: 0 if it holds at t, k if it last
 * held at t − k, NaN if it never held in bars 0..t (or t is out of range). An element is true
 * when it is non-zero and not NaN (so a 0/1 `Uint8Array` or a 0/1/NaN `Float64Array` both
 * work).
 *
 * Scans backwards from t: O(k). To get the whole series at once, keep a running counter in
 * the caller.
 *
 * @param condition one flag per bar
 * @param t bar index
 * @returns a count [bars], or NaN
 */
export function barsSince(condition: Uint8Array | Float64Array, t: number): number {
  if (!(t >= 0 && t < condition.length) || !Number.isInteger(t)) return NaN;
  for (let k = t; k >= 0; k--) {
    const flag = condition[k];
    if (flag !== 0 && !Number.isNaN(flag)) return t - k;
  }
  return NaN;
}
