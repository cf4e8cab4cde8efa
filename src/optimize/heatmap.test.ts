import { describe, expect, it } from 'vitest';
import { metricKeys } from '../metrics/index.js';
import type { MetricValuesRecord } from './evaluate.js';
import { buildHeatmap, coarsenHeatmap, heatmapAxes } from './heatmap.js';
import type { Objective } from './objective.js';

const objective: Objective = { key: 'sharpe', direction: 'maximize', minTrades: null };
const m = (sharpe: number | null): MetricValuesRecord => Object.fromEntries(metricKeys.map((k) => [k, k === 'sharpe' ? sharpe : 1])) as MetricValuesRecord;

describe('heatmap', () => {
  it('picks the two varied parameters, or the requested pair', () => {
    expect(heatmapAxes({ a: [1, 2], b: [3], c: [4, 5] }, undefined)).toEqual(['a', 'c']);
    expect(heatmapAxes({ a: [1, 2], b: [3, 4], c: [4, 5] }, undefined)).toBeUndefined();
    expect(heatmapAxes({ a: [1, 2], b: [3, 4], c: [4, 5] }, 'c,a')).toEqual(['c', 'a']);
    expect(() => heatmapAxes({ a: [1, 2], b: [3, 4] }, 'a,z')).toThrow(/--heatmap: expected two different searched parameters/);
  });

  it('fills cells with the objective, the best over folded parameters, and null where nothing ran', () => {
    const runs = [
      { params: { a: 1, b: 10, c: 0 }, metrics: m(0.5) },
      { params: { a: 1, b: 10, c: 1 }, metrics: m(0.7) },
      { params: { a: 2, b: 10, c: 0 }, metrics: m(null) },
      { params: { a: 2, b: 20, c: 0 }, metrics: m(-0.2) },
    ];
    const heatmap = buildHeatmap(objective, { a: [1, 2], b: [10, 20], c: [0, 1] }, runs, ['a', 'b']);
    expect(heatmap.cells).toEqual([[0.7, null], [null, -0.2]]);
    expect(heatmap.best).toEqual({ row: 0, column: 0 });
    expect(heatmap.foldedParams).toEqual(['c']);
    expect(buildHeatmap({ ...objective, direction: 'minimize' }, { a: [1, 2], b: [10, 20], c: [0, 1] }, runs, ['a', 'b']).cells[0][0], 'minimizing keeps the lowest').toBe(0.5);
  });

  it('merges consecutive values in blocks, each cell the best of its block, labels first–last', () => {
    const runs = [];
    for (const a of [1, 2, 3, 4, 5]) for (const b of [10, 20, 30]) runs.push({ params: { a, b }, metrics: m(a === 5 && b < 30 ? null : a * 10 + b / 10) });
    const heatmap = buildHeatmap(objective, { a: [1, 2, 3, 4, 5], b: [10, 20, 30] }, runs, ['a', 'b']);
    expect(heatmap.best).toEqual({ row: 4, column: 2 }); // a = 5, b = 30: 53
    const coarse = coarsenHeatmap(heatmap, 2, 2);
    expect(coarse.rows.values).toEqual(['1–2', '3–4', 5]);
    expect(coarse.columns.values).toEqual(['10–20', 30]);
    expect(coarse.cells, 'a block without values is null').toEqual([[22, 23], [42, 43], [null, 53]]);
    expect(coarse.best).toEqual({ row: 2, column: 1 });
    expect(coarse.blocks).toEqual({ rows: 2, columns: 2 });
    expect(coarsenHeatmap({ ...heatmap, objective: { ...objective, direction: 'minimize' } }, 5, 3).cells, 'minimizing keeps the lowest').toEqual([[11]]);
    expect(coarsenHeatmap(heatmap, 1, 1)).toBe(heatmap);
    expect(() => coarsenHeatmap(heatmap, 0, 2)).toThrow(RangeError);
  });
});
