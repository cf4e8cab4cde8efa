/**
 * The data errors that point at one bar: `file:line` for CSV, `bar #index` for JSON.
 */
import { DataError, echoInput } from '../errors.js';

/** How bars are referred to in messages. */
export interface RowLocator {
  readonly file: string;
  /** `line`: rows are 1-based CSV lines (in `location.line`); `bar`: 0-based JSON indexes (in the message). */
  readonly kind: 'line' | 'bar';
}

/** `line 12` or `bar #12`. */
export function rowName(locator: RowLocator, row: number): string {
  return locator.kind === 'line' ? `line ${row}` : `bar #${row}`;
}

/** A {@link DataError} located at `row`. */
export function rowError(locator: RowLocator, row: number, code: string, message: string, hint: string): DataError {
  if (locator.kind === 'line') return new DataError(code, message, { hint, location: { file: locator.file, line: row } });
  return new DataError(code, `bar #${row}: ${message}`, { hint, location: { file: locator.file } });
}

export const DATE_HINT =
  'write times as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS (UTC, or with a Z/±HH:MM offset); ' +
  'YYYYMMDD, MM/DD/YYYY, "Jan 2 2020" and unix time also work: seconds with 9–10 digits or ' +
  'milliseconds with 12–13 digits (1973-03-03 09:46:40 to 2286-11-20 17:46:39 UTC)';

/** `BT_DATA_BAD_DATE` for the time cell `cell`. */
export function badDateError(locator: RowLocator, row: number, cell: string, hint = DATE_HINT): DataError {
  const value = cell.trim();
  const message = value === '' ? 'date is empty' : `date "${echoInput(value)}" is not a valid date`;
  return rowError(locator, row, 'BT_DATA_BAD_DATE', message, hint);
}

/** `BT_DATA_BAD_NUMBER` for the cell `cell` of column `label`. */
export function badNumberError(locator: RowLocator, row: number, label: string, cell: string): DataError {
  const value = cell.trim();
  const message = value === '' ? `${label} is empty` : `${label} "${echoInput(value)}" is not a number`;
  return rowError(
    locator,
    row,
    'BT_DATA_BAD_NUMBER',
    message,
    'write plain numbers such as 1234.5 (no thousands separators or currency signs), or remove the bar',
  );
}
