/**
 * Helpers shared by the readers for the time column: which cells make a timestamp, how many
 * rows feed format detection, and the per-file day/month decision.
 */
import type { ColumnMap } from './column-map.js';
import { resolveDayMonth, type TimeParser } from './parse-date.js';
import type { RawBars } from './raw-bars.js';

/** Rows whose time cells are used to detect the date format. */
export const DATE_SAMPLE_ROWS = 50;

/** The timestamp text of a row: the time cell, or `DATE TIME` when they are separate columns. */
export function timeCell(cells: readonly string[], columns: ColumnMap): string {
  return columns.timeOfDay >= 0 ? `${cells[columns.time]} ${cells[columns.timeOfDay]}` : cells[columns.time];
}

/** Outcome of {@link resolveTimes}. */
export interface ResolvedTimes {
  /** The date format for the dialect string, e.g. `YYYY-MM-DD` or `MM/DD/YYYY`. */
  readonly dateFormat: string;
  /** A remark on the format, e.g. `ambiguous, assumed month-first`, or undefined. */
  readonly note: string | undefined;
  /** Bar index whose date is invalid once the day/month order is known, or −1. */
  readonly badIndex: number;
}

/**
 * Finishes `raw.time` after reading: decodes day/month-ambiguous values in place (see
 * `resolveDayMonth`) and names the format.
 */
export function resolveTimes(raw: RawBars, parser: TimeParser): ResolvedTimes {
  const format = parser.format;
  if (format === undefined) return { dateFormat: 'mixed', note: undefined, badIndex: -1 };
  if (!format.isAmbiguous) return { dateFormat: format.name, note: undefined, badIndex: -1 };
  const resolution = resolveDayMonth(raw.time, raw.length, format);
  const order = resolution.dayFirst ? 'day-first' : 'month-first';
  return {
    dateFormat: resolution.name,
    note: resolution.isAssumed ? `ambiguous, assumed ${order}` : undefined,
    badIndex: resolution.badIndex,
  };
}
