/**
 * The general CSV reader: csv-parse tokenises (quotes, embedded delimiters and line breaks,
 * odd line endings), then every cell is converted and checked. It is the reference the fast
 * path must match, and the only CSV path that reports cell errors.
 */
import { createRequire } from 'node:module';
import { DataError } from '../errors.js';

/** csv-parse's synchronous parser, required on first use (quoted or irregular CSV only). */
const parse = (input: string | Buffer, options: import('csv-parse/sync').Options): unknown =>
  (createRequire(import.meta.url)('csv-parse/sync') as typeof import('csv-parse/sync')).parse(input, options);
import type { CsvLayout } from './csv-layout.js';
import { createTimeParser } from './parse-date.js';
import { parseDecimal } from './parse-number.js';
import { allocateRawBars, symbolId, type RawBars } from './raw-bars.js';
import { badDateError, badNumberError, rowError, type RowLocator } from './row-errors.js';
import { DATE_SAMPLE_ROWS, resolveTimes, timeCell } from './time-column.js';

/** Bars read from CSV, with the detected date format. */
export interface CsvBars {
  readonly raw: RawBars;
  readonly dateFormat: string;
  /** A remark on the date format, e.g. `ambiguous, assumed month-first`. */
  readonly note: string | undefined;
}

interface Parsed {
  readonly record: string[];
  readonly info: { readonly bytes: number };
}

/** 1-based line of the first non-blank byte at or after `offset` (where the next row starts). */
function firstLineAfter(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (i >= offset && byte !== 10 && byte !== 13 && byte !== 32 && byte !== 9) break;
    if (byte === 10 || (byte === 13 && bytes[i + 1] !== 10)) line++;
  }
  return line;
}

/** True when every cell is empty or whitespace (a blank line, or `,,,,` padding). */
function isBlankRecord(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/**
 * Reads the data rows of `text` as laid out by `layout`.
 *
 * Blank lines and rows of empty cells are skipped. An empty volume cell is 0; a non-numeric
 * extra cell (adjclose, openinterest) is NaN.
 *
 * @throws {DataError} `BT_DATA_BAD_CSV` (unclosed quote), `BT_DATA_ROW_SHAPE`,
 *   `BT_DATA_BAD_DATE`, `BT_DATA_BAD_NUMBER`, `BT_DATA_BAD_SYMBOL`, `BT_DATA_EMPTY`, each
 *   located at `file:line` (the line where the row starts).
 * @param lineOffset added to every line number: for a `text` that is an excerpt of the file
 *   whose first line is line `lineOffset + 1`.
 */
export function readCsvRecords(text: string, layout: CsvLayout, file: string, lineOffset = 0): CsvBars {
  const bytes = Buffer.from(text, 'utf8');
  let parsed: Parsed[];
  try {
    parsed = parse(bytes, {
      delimiter: layout.delimiter,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as Parsed[];
  } catch (error) {
    const { code, bytes: offset } = error as { code?: string; bytes?: number };
    const line = typeof offset === 'number' ? firstLineAfter(bytes, offset) + lineOffset : undefined;
    const message = code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted cell is never closed' : `cannot parse the CSV: ${(error as Error).message}`;
    throw new DataError('BT_DATA_BAD_CSV', message, {
      hint: 'close every opening double quote; quote a cell that contains the delimiter or a line break',
      location: { file, line },
      cause: error,
    });
  }

  // Line numbers: csv-parse counts lines inside quoted cells inconsistently, so count them
  // here from its byte offsets. A row's line is where its first non-blank byte is.
  let scan = 0;
  let line = 1;
  const countTo = (to: number): void => {
    for (; scan < to; scan++) {
      const byte = bytes[scan];
      if (byte === 10 || (byte === 13 && bytes[scan + 1] !== 10)) line++;
    }
  };
  const records: string[][] = [];
  const lines: number[] = [];
  let isHeaderPending = layout.hasHeader;
  for (const { record, info } of parsed) {
    while (scan < bytes.length && (bytes[scan] === 32 || bytes[scan] === 9 || bytes[scan] === 10 || bytes[scan] === 13)) countTo(scan + 1);
    const recordLine = line + lineOffset;
    countTo(info.bytes);
    if (isBlankRecord(record)) continue;
    if (isHeaderPending) {
      isHeaderPending = false;
      continue;
    }
    records.push(record);
    lines.push(recordLine);
  }
  if (records.length === 0) {
    throw new DataError('BT_DATA_EMPTY', 'the file has a header but no bars', {
      hint: 'add at least one bar below the header',
      location: { file },
    });
  }

  const { columns, decimalComma } = layout;
  const count = columns.count;
  const locator: RowLocator = { file, kind: 'line' };
  const samples: string[] = [];
  for (const record of records) {
    if (samples.length === DATE_SAMPLE_ROWS) break;
    if (record.length === count) samples.push(timeCell(record, columns));
  }
  const parser = createTimeParser(samples);
  const raw = allocateRawBars(records.length, columns);
  const symbolIds = new Map<string, number>();
  const numeric: { index: number; label: string; target: Float64Array; kind: 'price' | 'volume' | 'extra' }[] = [];
  if (!columns.isCloseOnly) {
    numeric.push({ index: columns.open, label: 'open', target: raw.open, kind: 'price' });
    numeric.push({ index: columns.high, label: 'high', target: raw.high, kind: 'price' });
    numeric.push({ index: columns.low, label: 'low', target: raw.low, kind: 'price' });
  }
  numeric.push({ index: columns.close, label: columns.closeLabel, target: raw.close, kind: 'price' });
  if (columns.volume >= 0) numeric.push({ index: columns.volume, label: 'volume', target: raw.volume, kind: 'volume' });
  columns.extras.forEach((extra, k) => numeric.push({ index: extra.index, label: extra.name, target: raw.extras[k].values, kind: 'extra' }));

  for (let n = 0; n < records.length; n++) {
    const cells = records[n];
    const row = lines[n];
    if (cells.length !== count) {
      const what = layout.hasHeader ? 'the header has' : 'the first row has';
      throw rowError(
        locator,
        row,
        'BT_DATA_ROW_SHAPE',
        `row has ${cells.length} ${cells.length === 1 ? 'field' : 'fields'}; ${what} ${count}`,
        `give every row one value per column; quote a value that contains "${layout.delimiter === '\t' ? '\\t' : layout.delimiter}"`,
      );
    }
    const stamp = timeCell(cells, columns);
    const time = parser.parse(stamp, 0, stamp.length);
    if (Number.isNaN(time)) throw badDateError(locator, row, stamp);
    raw.time[n] = time;
    for (const column of numeric) {
      const cell = cells[column.index];
      let value = parseDecimal(cell, 0, cell.length, decimalComma);
      if (Number.isNaN(value) && column.kind !== 'extra') {
        if (column.kind === 'volume' && cell.trim() === '') value = 0;
        else throw badNumberError(locator, row, column.label, cell);
      }
      column.target[n] = value;
    }
    if (raw.symbolIds !== undefined) {
      const symbol = cells[columns.symbol].trim();
      if (symbol === '') {
        throw rowError(locator, row, 'BT_DATA_BAD_SYMBOL', 'symbol is empty', 'give every row a symbol, or drop the symbol column');
      }
      raw.symbolIds[n] = symbolId(raw, symbolIds, symbol);
    }
    raw.rows[n] = row;
  }
  raw.length = records.length;

  const { dateFormat, note, badIndex } = resolveTimes(raw, parser);
  if (badIndex >= 0) {
    throw badDateError(
      locator,
      lines[badIndex],
      timeCell(records[badIndex], columns),
      `other rows show the dates are ${dateFormat}; write dates as YYYY-MM-DD to avoid day/month mix-ups`,
    );
  }
  return { raw, dateFormat, note };
}
