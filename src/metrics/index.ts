/**
 * Public surface of `src/metrics`: `computeMetrics`, the metric registry and their types.
 */

export { computeMetrics } from './compute-metrics.js';
export { metricDefinition, metricKeys, metricRegistry } from './registry.js';
export type { MetricDefinition, MetricKey, MetricUnit } from './registry.js';
export type { Metrics, MetricsInput } from './types.js';
