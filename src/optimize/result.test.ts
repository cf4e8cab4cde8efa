import { describe, expect, it } from 'vitest';
import { metricKeys } from '../metrics/index.js';
import type { MetricValuesRecord } from './evaluate.js';
import { compareRuns, objectiveValue, parseMetricKey, type Objective } from './objective.js';
import { buildOptimizeResult, rankRuns, type TrialRun } from './result.js';

function metrics(values: Partial<Record<string, number | null>>): MetricValuesRecord {
  const record: Record<string, number | null> = {};
  for (const key of metricKeys) record[key] = key in values ? values[key]! : 0;
  return record as MetricValuesRecord;
}

const run = (trial: number, sharpe: number | null, tradeCount = 10): TrialRun => ({ trial, params: { p: trial }, metrics: metrics({ sharpe, tradeCount }) });
const maximize: Objective = { key: 'sharpe', direction: 'maximize', minTrades: null };

describe('ranking', () => {
  it('orders by the objective, higher first when maximizing, lower first when minimizing', () => {
    const runs = [run(0, 0.5), run(1, 1.5), run(2, -1)];
    expect(rankRuns(maximize, runs).map((r) => r.trial)).toEqual([1, 0, 2]);
    expect(rankRuns({ ...maximize, direction: 'minimize' }, runs).map((r) => r.trial)).toEqual([2, 0, 1]);
  });

  it('puts runs without an objective value last and breaks ties by trial number', () => {
    const runs = [run(3, null), run(2, 1), run(0, 1), run(1, null)];
    expect(rankRuns(maximize, runs).map((r) => r.trial)).toEqual([0, 2, 1, 3]);
  });

  it('gives runs with fewer than --min-trades trades no objective value', () => {
    const objective = { ...maximize, minTrades: 5 };
    expect(objectiveValue(objective, metrics({ sharpe: 2, tradeCount: 4 }))).toBeNull();
    expect(objectiveValue(objective, metrics({ sharpe: 2, tradeCount: 5 }))).toBe(2);
    expect(rankRuns(objective, [run(0, 3, 1), run(1, 1, 9)]).map((r) => r.trial)).toEqual([1, 0]);
  });

  it('has best = null when no run has a value, else the first ranked run', () => {
    expect(buildOptimizeResult(maximize, null, [run(0, null)]).best).toBeNull();
    const result = buildOptimizeResult(maximize, 7, [run(0, 1), run(1, 2)]);
    expect(result.best?.params).toEqual({ p: 1 });
    expect(Object.keys(result)).toEqual(['best', 'runs', 'objective', 'seed']);
    expect(Object.keys(result.runs[0]), 'runs are { params, metrics }').toEqual(['params', 'metrics']);
  });

  it('compareRuns is a total order', () => {
    const a = { value: 1, trial: 0 };
    const b = { value: 1, trial: 1 };
    expect(compareRuns(maximize, a, b)).toBeLessThan(0);
    expect(compareRuns(maximize, b, a)).toBeGreaterThan(0);
    expect(compareRuns(maximize, a, a)).toBe(0);
  });
});

describe('parseMetricKey', () => {
  it('accepts registry keys and suggests the nearest for a typo', () => {
    expect(parseMetricKey('sharpe', '--maximize')).toBe('sharpe');
    expect(() => parseMetricKey('sharp', '--maximize')).toThrow(/--maximize: unknown metric "sharp".*did you mean "sharpe"/);
  });
});
