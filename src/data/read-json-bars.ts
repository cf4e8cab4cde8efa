/**
 * The JSON reader: `[{ "time": "2020-01-02", "open": 1, … }, …]` or `{ "bars": [ … ] }`.
 */
import { DataError, echoInput } from '../errors.js';
import { mapColumns, type ColumnMap } from './column-map.js';
import { createTimeParser } from './parse-date.js';
import { parseDecimal } from './parse-number.js';
import { allocateRawBars, symbolId, type RawBars } from './raw-bars.js';
import { badDateError, badNumberError, rowError, type RowLocator } from './row-errors.js';
import { DATE_SAMPLE_ROWS, resolveTimes } from './time-column.js';

/** Bars read from JSON, with the key mapping and the detected date format. */
export interface JsonBars {
  readonly raw: RawBars;
  readonly columns: ColumnMap;
  readonly dateFormat: string;
  /** A remark on the date format, e.g. `ambiguous, assumed month-first`. */
  readonly note: string | undefined;
}

const SHAPE_HINT = 'give an array of bars, [{"time": "2020-01-02", "open": 1, "high": 1, "low": 1, "close": 1, "volume": 0}], or {"bars": [...]}';

/** Line and column (1-based) of character `position` in `text`. */
function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

/** A JSON value as cell text: strings as they are, other values as JSON, missing as empty. */
function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : jsonText(value);
}

/** `value` as JSON for a message, cut short; a structure too deep to print is named by its kind. */
function jsonText(value: unknown): string {
  try {
    return echoInput(JSON.stringify(value) ?? String(value));
  } catch {
    return Array.isArray(value) ? '(a deeply nested array)' : `(a deeply nested ${typeof value})`;
  }
}

/**
 * Reads bars from JSON `text`. Keys are matched like CSV header names (`time`, `date` or
 * `timestamp`; `open`…`volume`; optional `symbol`). A time is a date string or an integer
 * epoch (9–10 digits: seconds, 12–13 digits: milliseconds); prices are numbers or numeric
 * strings. Bars are referred to by their 0-based array index (`bar #17`).
 *
 * @throws {DataError} `BT_DATA_BAD_JSON` (malformed JSON, with its line and column, or a
 *   wrong shape), `BT_DATA_EMPTY`, `BT_DATA_COLUMNS`, `BT_DATA_BAD_DATE`,
 *   `BT_DATA_BAD_NUMBER`, `BT_DATA_BAD_SYMBOL`.
 */
export function readJsonBars(text: string, file: string): JsonBars {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const match = /position (\d+)/.exec(message);
    const where = match === null ? undefined : lineColumn(text, Number(match[1]));
    const at = where === undefined ? '' : ` at line ${where.line}, column ${where.column}`;
    throw new DataError('BT_DATA_BAD_JSON', `malformed JSON${at}: ${message}`, {
      hint: 'fix the JSON syntax (a trailing comma or a missing quote is the usual cause)',
      location: { file, line: where?.line },
      cause: error,
    });
  }
  const bars: unknown = Array.isArray(root) ? root : (root as { bars?: unknown } | null)?.bars;
  if (!Array.isArray(bars)) {
    throw new DataError('BT_DATA_BAD_JSON', 'expected an array of bars or an object with a "bars" array', {
      hint: SHAPE_HINT,
      location: { file },
    });
  }
  if (bars.length === 0) {
    throw new DataError('BT_DATA_EMPTY', 'the JSON has no bars', { hint: 'add at least one bar', location: { file } });
  }
  const locator: RowLocator = { file, kind: 'bar' };
  const objectAt = (index: number): Record<string, unknown> => {
    const bar: unknown = bars[index];
    if (typeof bar !== 'object' || bar === null || Array.isArray(bar)) {
      throw rowError(locator, index, 'BT_DATA_BAD_JSON', `expected an object, found ${jsonText(bar)}`, SHAPE_HINT);
    }
    return bar as Record<string, unknown>;
  };
  const keys = Object.keys(objectAt(0));
  const columns = mapColumns(keys, { file, kind: 'keys' });
  const key = (index: number): string => keys[index];
  const stampOf = (bar: Record<string, unknown>): string => {
    const stamp = cellText(bar[key(columns.time)]);
    return columns.timeOfDay >= 0 ? `${stamp} ${cellText(bar[key(columns.timeOfDay)])}` : stamp;
  };

  const samples: string[] = [];
  for (let i = 0; i < bars.length && samples.length < DATE_SAMPLE_ROWS; i++) samples.push(stampOf(objectAt(i)));
  const parser = createTimeParser(samples);
  const raw = allocateRawBars(bars.length, columns);
  const symbolIds = new Map<string, number>();
  const numeric: { key: string; label: string; target: Float64Array; kind: 'price' | 'volume' | 'extra' }[] = [];
  if (!columns.isCloseOnly) {
    numeric.push({ key: key(columns.open), label: 'open', target: raw.open, kind: 'price' });
    numeric.push({ key: key(columns.high), label: 'high', target: raw.high, kind: 'price' });
    numeric.push({ key: key(columns.low), label: 'low', target: raw.low, kind: 'price' });
  }
  numeric.push({ key: key(columns.close), label: columns.closeLabel, target: raw.close, kind: 'price' });
  if (columns.volume >= 0) numeric.push({ key: key(columns.volume), label: 'volume', target: raw.volume, kind: 'volume' });
  columns.extras.forEach((extra, k) => numeric.push({ key: key(extra.index), label: extra.name, target: raw.extras[k].values, kind: 'extra' }));

  for (let i = 0; i < bars.length; i++) {
    const bar = objectAt(i);
    const stamp = stampOf(bar);
    const time = parser.parse(stamp, 0, stamp.length);
    if (Number.isNaN(time)) throw badDateError(locator, i, stamp);
    raw.time[i] = time;
    for (const column of numeric) {
      const value = bar[column.key];
      let number = NaN;
      if (typeof value === 'number') number = value;
      else if (typeof value === 'string') number = parseDecimal(value, 0, value.length);
      if (!Number.isFinite(number) && column.kind !== 'extra') {
        if (column.kind === 'volume' && cellText(value).trim() === '') number = 0;
        else throw badNumberError(locator, i, column.label, cellText(value));
      }
      column.target[i] = Number.isFinite(number) ? number : NaN;
    }
    if (raw.symbolIds !== undefined) {
      const symbol = cellText(bar[key(columns.symbol)]).trim();
      if (symbol === '') {
        throw rowError(locator, i, 'BT_DATA_BAD_SYMBOL', 'symbol is empty', 'give every bar a symbol, or drop the symbol key');
      }
      raw.symbolIds[i] = symbolId(raw, symbolIds, symbol);
    }
    raw.rows[i] = i;
  }
  raw.length = bars.length;
  const { dateFormat, note, badIndex } = resolveTimes(raw, parser);
  if (badIndex >= 0) {
    throw badDateError(
      locator,
      badIndex,
      stampOf(objectAt(badIndex)),
      `other bars show the dates are ${dateFormat}; write dates as YYYY-MM-DD to avoid day/month mix-ups`,
    );
  }
  return { raw, columns, dateFormat, note };
}
