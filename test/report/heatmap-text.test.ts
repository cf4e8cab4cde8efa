/**
 * The terminal heatmap (`renderHeatmap`): shades by rank, so an outlying run does not wash out
 * the others; the best cell marked; block labels in the title.
 */
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { coarsenHeatmap, type Heatmap } from '../../src/optimize/heatmap.js';
import { renderHeatmap } from '../../src/report/optimize-table.js';

const plain = new Chalk({ level: 0 });

function heatmap(cells: (number | null)[][], direction: 'maximize' | 'minimize' = 'maximize'): Heatmap {
  let best: { row: number; column: number } | null = null;
  cells.forEach((line, row) =>
    line.forEach((value, column) => {
      if (value === null) return;
      const current = best === null ? null : cells[best.row][best.column]!;
      if (current === null || (direction === 'maximize' ? value > current : value < current)) best = { row, column };
    }),
  );
  return {
    objective: { key: 'sharpe', direction, minTrades: null },
    rows: { name: 'fast', values: cells.map((_, i) => 10 + i) },
    columns: { name: 'slow', values: cells[0].map((_, i) => 100 + 10 * i) },
    cells,
    best,
    foldedParams: [],
  };
}

describe('renderHeatmap', () => {
  it('shades by rank: one outlier does not push every other cell to the top shade', () => {
    const text = renderHeatmap(heatmap([[-100, 1, 2, 3]]), plain, false);
    const row = text.split('\n')[2];
    expect(row).toMatch(/^\s*10\s+░-100.00\s+▒1.00\s+▓2.00\s+█3.00\*$/);
    expect(text.split('\n').at(-1)).toBe('░ ▒ ▓ █ = worst … best quarter (higher is better); * best; blank = no objective value');
  });

  it('ranks the other way when minimizing, equal values share a shade, empty cells stay blank', () => {
    const text = renderHeatmap(heatmap([[4, 4], [1, null]], 'minimize'), plain, false);
    const lines = text.split('\n');
    expect(lines[2]).toMatch(/^\s*10\s+░4.00\s+░4.00$/);
    expect(lines[3]).toMatch(/^\s*11\s+█1.00\*$/);
    expect(lines.at(-1)).toContain('(lower is better)');
  });

  it('names the blocks of a merged heatmap in its title', () => {
    const text = renderHeatmap(coarsenHeatmap(heatmap([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), 2, 3), plain, false);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Heatmap of sharpe ratio: rows fast in blocks of 2, columns slow in blocks of 3, each cell the best of its block');
    expect(lines[1]).toMatch(/^fast \\ slow\s+100–120$/);
    expect(lines[2]).toMatch(/^\s*10–11\s+░6.00$/);
    expect(lines[3]).toMatch(/^\s*12\s+█9.00\*$/);
  });
});
