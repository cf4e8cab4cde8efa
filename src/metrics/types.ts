/**
 * Input and output shapes of `computeMetrics`, and the value type the metric families share.
 */

import type { Trade } from '../engine/types.js';
import type { MetricKey } from './registry.js';

/**
 * What the metrics are computed from. All arrays have the same length N and are indexed by
 * bar; nothing is copied or modified.
 */
export interface MetricsInput {
  /** Bar times [UTC epoch ms], ascending, length N. */
  readonly time: Float64Array;
  /** Bar closes [price], length N. */
  readonly close: Float64Array;
  /** Equity at each bar's close [cash], length N. Bars before the first decision hold the initial cash. */
  readonly equity: Float64Array;
  /** CLOSED trades only; a position still open at the end is ignored by every statistic. */
  readonly trades: readonly Trade[];
  /**
   * First decision bar i0 [bar index] (CONVENTIONS.md §3). Buy & hold starts at close[i0 − 1],
   * the bar before it (close[0] when i0 ≤ 1).
   */
  readonly firstDecisionBar: number;
  /** SQN's standard deviation: `sample` (default, n − 1) or `population` (n, backtrader; 0 below two trades). */
  readonly sqn?: 'sample' | 'population';
}

/**
 * The computed statistics. `values` has every key of the registry, in registry order; a value
 * is `null` exactly when it is undefined for this run, and then `nullReasons[key]` says why in
 * plain words. No value is ever NaN or ±Infinity.
 */
export interface Metrics {
  readonly values: Record<MetricKey, number | null>;
  readonly nullReasons: Partial<Record<MetricKey, string>>;
}

/** A metric that cannot be computed for this run, and why (plain words, no trailing period). */
export interface Unavailable {
  readonly reason: string;
}

/** What a metric family returns for one key: a number, or why there is none. */
export type MetricValue = number | Unavailable;

/** One {@link MetricValue} per registry key: what the metric families produce together. */
export type MetricValues = Record<MetricKey, MetricValue>;

/** Builds an {@link Unavailable} value. */
export function unavailable(reason: string): Unavailable {
  return { reason };
}

/** True when `value` is an {@link Unavailable} value rather than a number. */
export function isUnavailable(value: MetricValue): value is Unavailable {
  return typeof value !== 'number';
}
