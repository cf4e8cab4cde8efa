/**
 * A read-only, causal window onto a full-length series: during `next` it reveals values up to
 * the current bar only. `ago(0)` is the current bar, `ago(1)` the previous one; indices before
 * the first bar or after the current one give NaN and never wrap around (unlike backtrader's
 * ring buffers).
 */

/** The engine's bar cursor, shared by every view of one run. */
export interface BarClock {
  /** Index of the current bar (the one whose close is being decided on). */
  bar: number;
}

/** Causal view of one series of numbers (prices, volumes or indicator values). */
export class SeriesView {
  readonly #values: Float64Array;
  readonly #clock: BarClock;
  /** Name under which the series was registered (`close`, `sma10`…). */
  readonly name: string;

  /** @param values full-length series; @param clock the run's cursor. */
  constructor(name: string, values: Float64Array, clock: BarClock) {
    this.name = name;
    this.#values = values;
    this.#clock = clock;
  }

  /** Value at the current bar (same as `ago(0)`). */
  get current(): number {
    return this.#values[this.#clock.bar];
  }

  /** Value `n` bars ago (n ≥ 0, whole); NaN before the first bar, for n < 0 or a fractional n. */
  ago(n: number): number {
    const index = this.#clock.bar - n;
    return n >= 0 && index >= 0 && (n | 0) === n ? this.#values[index] : NaN;
  }

  /** Value at absolute bar `index`; NaN for a future bar, before the first, or a fractional index. */
  at(index: number): number {
    return index >= 0 && index <= this.#clock.bar && (index | 0) === index ? this.#values[index] : NaN;
  }

  /**
   * Strict crossover at the current bar (see {@link crossedAbove}); a static method so that it
   * reads both series directly (it runs on every bar of most strategies).
   */
  static crossedAbove(a: SeriesView, b: SeriesView | number): boolean {
    const t = a.#clock.bar;
    if (t < 1) return false;
    const a1 = a.#values[t - 1];
    const a0 = a.#values[t];
    if (typeof b === 'number') return a1 < b && a0 > b;
    return a1 < b.#values[t - 1] && a0 > b.#values[t];
  }

  /** Strict crossunder at the current bar (see {@link crossedBelow}). */
  static crossedBelow(a: SeriesView, b: SeriesView | number): boolean {
    const t = a.#clock.bar;
    if (t < 1) return false;
    const a1 = a.#values[t - 1];
    const a0 = a.#values[t];
    if (typeof b === 'number') return a1 > b && a0 < b;
    return a1 > b.#values[t - 1] && a0 < b.#values[t];
  }

  /** Number of bars revealed so far (current bar index + 1). */
  get length(): number {
    return this.#clock.bar + 1;
  }

  /** The last `count` (whole, ≥ 0) revealed values, oldest first, as a new array (allocates). */
  last(count: number): Float64Array {
    const end = this.#clock.bar + 1;
    return this.#values.slice(Math.max(0, end - Math.max(0, Math.floor(count))), end);
  }
}

/**
 * Strict crossover of two views at the current bar (backtesting.py's `crossover`, the rule in
 * CONVENTIONS.md §7.2): `a` was below `b` on the previous bar and is above it now. A bar where
 * a = b is neither above nor below. `b` may be a constant.
 */
export function crossedAbove(a: SeriesView, b: SeriesView | number): boolean {
  return SeriesView.crossedAbove(a, b);
}

/** Strict crossunder: `a` was above `b` on the previous bar and is below it now. */
export function crossedBelow(a: SeriesView, b: SeriesView | number): boolean {
  return SeriesView.crossedBelow(a, b);
}
