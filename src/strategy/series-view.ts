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

  /** Value `n` bars ago (n ≥ 0, whole); NaN before the first bar or for n < 0. */
  ago(n: number): number {
    const index = this.#clock.bar - n;
    return n >= 0 && index >= 0 ? this.#values[index] : NaN;
  }

  /** Value at absolute bar `index`; NaN for a future bar or before the first. */
  at(index: number): number {
    return index >= 0 && index <= this.#clock.bar ? this.#values[index] : NaN;
  }

  /** Number of bars revealed so far (current bar index + 1). */
  get length(): number {
    return this.#clock.bar + 1;
  }

  /** The last `count` revealed values, oldest first, as a new array (allocates). */
  last(count: number): Float64Array {
    const end = this.#clock.bar + 1;
    return this.#values.slice(Math.max(0, end - count), end);
  }
}

/**
 * Strict crossover of two views at the current bar (backtesting.py's `crossover`, the rule in
 * CONVENTIONS.md §7.2): `a` was below `b` on the previous bar and is above it now. A bar where
 * a = b is neither above nor below. `b` may be a constant.
 */
export function crossedAbove(a: SeriesView, b: SeriesView | number): boolean {
  const b1 = typeof b === 'number' ? b : b.ago(1);
  const b0 = typeof b === 'number' ? b : b.ago(0);
  return a.ago(1) < b1 && a.ago(0) > b0;
}

/** Strict crossunder: `a` was above `b` on the previous bar and is below it now. */
export function crossedBelow(a: SeriesView, b: SeriesView | number): boolean {
  const b1 = typeof b === 'number' ? b : b.ago(1);
  const b0 = typeof b === 'number' ? b : b.ago(0);
  return a.ago(1) > b1 && a.ago(0) < b0;
}
