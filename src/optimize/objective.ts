/**
 * The objective of an optimization: which metric to maximize or minimize, and how runs are
 * ranked. A run's objective value is its metric, or `null` when the metric is `null` or the run
 * has fewer closed trades than `minTrades`; null runs rank last. Equal values keep the order of
 * the search (the lower trial number first), so the ranking is a total order and the same on
 * every machine.
 */
import { didYouMean } from '../config/suggest.js';
import { UsageError } from '../errors.js';
import { metricKeys, metricRegistry, type MetricKey } from '../metrics/index.js';

/** What is optimized. */
export interface Objective {
  /** Metric key from the registry (`sharpe`, `totalReturn`…). */
  readonly key: MetricKey;
  readonly direction: 'maximize' | 'minimize';
  /** Runs with fewer closed trades get no objective value; null = no minimum. */
  readonly minTrades: number | null;
}

/** The default objective: maximize the Sharpe ratio. */
export const DEFAULT_OBJECTIVE_KEY: MetricKey = 'sharpe';

/**
 * Checks a metric key given to `--maximize` / `--minimize`.
 * @throws UsageError `BT_METRIC_UNKNOWN` with a did-you-mean and the list of keys.
 */
export function parseMetricKey(raw: string, flag: string): MetricKey {
  const key = raw.trim();
  if ((metricKeys as readonly string[]).includes(key)) return key as MetricKey;
  const ranked = metricRegistry.filter((definition) => definition.higherIsBetter !== undefined).map((definition) => definition.key);
  throw new UsageError('BT_METRIC_UNKNOWN', `${flag}: unknown metric "${key}"${didYouMean(key, metricKeys)}`, {
    hint: `metric keys: ${ranked.join(', ')} (and ${metricKeys.filter((k) => !ranked.includes(k)).join(', ')})`,
    location: { flag },
  });
}

/** The objective value of a run with metric values `metrics` (see the module comment). */
export function objectiveValue(objective: Objective, metrics: Readonly<Record<string, number | null>>): number | null {
  if (objective.minTrades !== null && (metrics.tradeCount ?? 0) < objective.minTrades) return null;
  const value = metrics[objective.key];
  return value === undefined || value === null || !Number.isFinite(value) ? null : value;
}

/**
 * Compares two runs for ranking (negative: `a` ranks first). Values by the direction, null
 * last, ties by trial number.
 */
export function compareRuns(objective: Objective, a: { readonly value: number | null; readonly trial: number }, b: { readonly value: number | null; readonly trial: number }): number {
  if (a.value !== b.value) {
    if (a.value === null) return 1;
    if (b.value === null) return -1;
    return objective.direction === 'maximize' ? b.value - a.value : a.value - b.value;
  }
  return a.trial - b.trial;
}

/** True when `a` is strictly better than `b` (null is worse than any number). */
export function isBetter(objective: Objective, a: number | null, b: number | null): boolean {
  if (a === null) return false;
  if (b === null) return true;
  return objective.direction === 'maximize' ? a > b : a < b;
}
