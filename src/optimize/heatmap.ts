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
