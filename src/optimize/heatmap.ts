/**
 * The heatmap of an optimization over two parameters: the objective value for each pair of
 * values, rows for the first parameter and columns for the second. When more parameters were
 * searched, each cell holds the best value over the others (and says so). A cell is `null`
 * where no run of that pair has an objective value (ruled out, not drawn, or too few trades).
 */
import { UsageError } from '../errors.js';
import { isBetter, objectiveValue, type Objective } from './objective.js';
import type { OptimizeRun } from './result.js';
import type { ParamValue } from './search-space.js';

/** A heatmap grid (see the module comment). */
export interface Heatmap {
  readonly objective: Objective;
  /** Row parameter and its values (top to bottom). */
  readonly rows: { readonly name: string; readonly values: readonly ParamValue[] };
  /** Column parameter and its values (left to right). */
  readonly columns: { readonly name: string; readonly values: readonly ParamValue[] };
  /** Objective values, `cells[row][column]`. */
  readonly cells: readonly (readonly (number | null)[])[];
  /** Position of the best cell, or null when no cell has a value. */
  readonly best: { readonly row: number; readonly column: number } | null;
  /** Searched parameters folded into each cell (best over them); empty for a 2-parameter search. */
  readonly foldedParams: readonly string[];
  /**
   * Values merged into each row and each column by {@link coarsenHeatmap} (labels "first–last",
   * cells the best of their block); absent when every value has its own row and column.
   */
  readonly blocks?: { readonly rows: number; readonly columns: number };
}

/**
 * Picks the heatmap's two parameters: `requested` (`--heatmap x,y`: rows x, columns y), or the
 * two searched parameters when exactly two have more than one value.
 * @returns undefined when there is no natural pair and none was requested.
 * @throws UsageError `BT_HEATMAP_PARAMS` for a requested name that was not searched.
 */
export function heatmapAxes(searched: Readonly<Record<string, readonly ParamValue[]>>, requested: string | undefined): [string, string] | undefined {
  if (requested !== undefined) {
    const names = requested.split(',').map((name) => name.trim());
    const unknown = names.find((name) => !(name in searched));
    if (names.length !== 2 || names[0] === names[1] || unknown !== undefined) {
      throw new UsageError('BT_HEATMAP_PARAMS', `--heatmap: expected two different searched parameters ROW,COLUMN, got "${requested}"`, {
        hint: `searched parameters: ${Object.keys(searched).join(', ')}`,
        location: { flag: '--heatmap' },
      });
    }
    return [names[0], names[1]];
  }
  const varied = Object.keys(searched).filter((name) => searched[name].length > 1);
  return varied.length === 2 ? [varied[0], varied[1]] : undefined;
}

/** Builds the heatmap of `runs` over the parameters `rowName` and `columnName`. */
export function buildHeatmap(
  objective: Objective,
  searched: Readonly<Record<string, readonly ParamValue[]>>,
  runs: readonly OptimizeRun[],
  [rowName, columnName]: readonly [string, string],
): Heatmap {
  const rowValues = searched[rowName];
  const columnValues = searched[columnName];
  const cells = rowValues.map(() => columnValues.map((): number | null => null));
  for (const run of runs) {
    const value = objectiveValue(objective, run.metrics);
    if (value === null) continue;
    const row = rowValues.indexOf(run.params[rowName]);
    const column = columnValues.indexOf(run.params[columnName]);
    if (row < 0 || column < 0) continue;
    if (isBetter(objective, value, cells[row][column])) cells[row][column] = value;
  }
  let best: { row: number; column: number } | null = null;
  cells.forEach((line, row) =>
    line.forEach((value, column) => {
      if (value !== null && (best === null || isBetter(objective, value, cells[best.row][best.column]))) best = { row, column };
    }),
  );
  const foldedParams = Object.keys(searched).filter((name) => name !== rowName && name !== columnName && searched[name].length > 1);
  return { objective, rows: { name: rowName, values: rowValues }, columns: { name: columnName, values: columnValues }, cells, best, foldedParams };
}

/** The best (per the objective) of `values`, or null when none is a number. */
function bestOf(objective: Objective, values: Iterable<number | null>): number | null {
  let best: number | null = null;
  for (const value of values) if (value !== null && isBetter(objective, value, best)) best = value;
  return best;
}

/**
 * Merges consecutive row values in blocks of `rowBlock` and column values in blocks of
 * `columnBlock` (the last block may be shorter), so that a large grid fits a terminal. A block
 * is labelled "first–last" of its values, and its cell holds the best value of the cells it
 * merges (null when none has one); the best cell is the block holding the overall best.
 * @throws RangeError when a block size is not a whole number ≥ 1.
 */
export function coarsenHeatmap(heatmap: Heatmap, rowBlock: number, columnBlock: number): Heatmap {
  if (!Number.isInteger(rowBlock) || rowBlock < 1 || !Number.isInteger(columnBlock) || columnBlock < 1) {
    throw new RangeError(`block sizes must be whole numbers from 1, got ${rowBlock} × ${columnBlock}`);
  }
  if (rowBlock === 1 && columnBlock === 1) return heatmap;
  const groups = (count: number, size: number): [number, number][] =>
    Array.from({ length: Math.ceil(count / size) }, (_, i) => [i * size, Math.min(count, (i + 1) * size)]);
  const label = (values: readonly ParamValue[], [from, to]: [number, number]): ParamValue =>
    to - from === 1 ? values[from] : `${String(values[from])}–${String(values[to - 1])}`;
  const rowGroups = groups(heatmap.rows.values.length, rowBlock);
  const columnGroups = groups(heatmap.columns.values.length, columnBlock);
  const cells = rowGroups.map(([r0, r1]) =>
    columnGroups.map(([c0, c1]) => {
      const merged: (number | null)[] = [];
      for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) merged.push(heatmap.cells[r][c]);
      return bestOf(heatmap.objective, merged);
    }),
  );
  const best = heatmap.best === null ? null : { row: Math.floor(heatmap.best.row / rowBlock), column: Math.floor(heatmap.best.column / columnBlock) };
  return {
    ...heatmap,
    rows: { name: heatmap.rows.name, values: rowGroups.map((group) => label(heatmap.rows.values, group)) },
    columns: { name: heatmap.columns.name, values: columnGroups.map((group) => label(heatmap.columns.values, group)) },
    cells,
    best,
    blocks: { rows: rowBlock, columns: columnBlock },
  };
}

/**
 * Colour position of each cell value for drawing: 0 for the worst … 1 for the best, by rank
 * among the heatmap's values (the rank of a value's first occurrence, so equal values share a
 * position), so one outlying run does not wash out the others. 1 when there is one value.
 */
export function rankPosition(heatmap: Heatmap): (value: number) => number {
  const ranked = heatmap.cells.flat().filter((v): v is number => v !== null);
  ranked.sort((a, b) => (heatmap.objective.direction === 'maximize' ? a - b : b - a));
  const firstRank = new Map<number, number>();
  ranked.forEach((value, i) => {
    if (!firstRank.has(value)) firstRank.set(value, i);
  });
  return (value) => (ranked.length <= 1 ? 1 : (firstRank.get(value) ?? 0) / (ranked.length - 1));
}
