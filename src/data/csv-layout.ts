/**
 * CSV dialect sniffing: delimiter, header (or its absence), column mapping and decimal
 * separator, all from the first lines of the text.
 */
import { createRequire } from 'node:module';
import { DataError } from '../errors.js';

/** csv-parse's synchronous parser, required on first use (quoted or irregular CSV only). */
const parse = (input: string | Buffer, options: import('csv-parse/sync').Options): unknown =>
  (createRequire(import.meta.url)('csv-parse/sync') as typeof import('csv-parse/sync')).parse(input, options);
import { KNOWN_NAMES, mapColumns, normalizeName, type ColumnMap } from './column-map.js';
import { parseDecimal } from './parse-number.js';
import { createTimeParser } from './parse-date.js';

/** How a CSV text is laid out. */
export interface CsvLayout {
  /** Field delimiter: `,`, `;`, tab or `|`. */
  readonly delimiter: string;
  /** True when numbers use `,` as the decimal separator (only with a `;`, tab or `|` delimiter). */
  readonly decimalComma: boolean;
  readonly hasHeader: boolean;
  /** 1-based line of the header; 0 when the file has none. */
  readonly headerLine: number;
  /** Index in the text where data rows start, and that position's 1-based line. */
  readonly dataOffset: number;
  readonly dataLine: number;
  readonly columns: ColumnMap;
  /** Short description for the dialect string, e.g. `delimiter=","`. */
  readonly description: string;
}

const DELIMITERS = [',', ';', '\t', '|'];
const SAMPLE_LINES = 10;

interface Line {
  readonly start: number;
  /** End of the line's content, before its line break. */
  readonly end: number;
  /** Start of the next line. */
  readonly next: number;
}

/** The line starting at `start`; `\r\n`, `\n` and a lone `\r` all end a line. */
function lineAt(text: string, start: number): Line {
  let i = start;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 10) return { start, end: i, next: i + 1 };
    if (code === 13) return { start, end: i, next: text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
    i++;
  }
  return { start, end: i, next: i };
}

/** Occurrences of `delimiter` outside double quotes. */
function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) count++;
  }
  return count;
}

/** Picks the delimiter whose count is the same on every sampled line, preferring the most frequent. */
function sniffDelimiter(lines: readonly string[]): string {
  let best = ',';
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    if (counts[0] === 0) continue;
    const isConsistent = counts.every((count) => count === counts[0]);
    // Consistency dominates; among equals the higher count wins, then the listed order.
    const score = (isConsistent ? 1_000_000 : 0) + counts[0];
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** Splits one line into cells, honouring quotes only when there are any. */
export function splitLine(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  try {
    const records = parse(line, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    return records[0] ?? [''];
  } catch {
    // An unclosed quote; the CSV reader reports it with its line.
    return line.split(delimiter);
  }
}

const TIME_OF_DAY = /^\s*\d{1,2}:\d{2}(:\d{2})?\s*$/;

/** Column names for a file without a header, by field count; undefined when it can't be told. */
function positionalNames(cells: readonly string[], decimalComma: boolean): string[] | undefined {
  if (createTimeParser([cells[0]]).format === undefined) return undefined;
  const hasTime = cells.length > 1 && TIME_OF_DAY.test(cells[1]);
  const numbers = cells.slice(hasTime ? 2 : 1);
  if (!numbers.every((cell) => !Number.isNaN(parseDecimal(cell, 0, cell.length, decimalComma)))) return undefined;
  const prices = ['open', 'high', 'low', 'close'];
  switch (numbers.length) {
    case 1:
      return hasTime ? ['date', 'time', 'close'] : ['date', 'close'];
    case 4:
    case 5:
    case 6: {
      const names = [...prices, 'volume', 'openinterest'].slice(0, numbers.length);
      return hasTime ? ['date', 'time', ...names] : ['date', ...names];
    }
    default:
      return undefined;
  }
}

/**
 * Sniffs the layout of CSV `text` (BOM already removed).
 *
 * The header is the first non-blank line. If none of its cells is a known column name but the
 * first cell is a date and the others numbers, the file is read as headerless with columns by
 * position: `date[,time],open,high,low,close[,volume[,openinterest]]` or `date[,time],close`.
 *
 * @throws {DataError} `BT_DATA_EMPTY` for a blank text; `BT_DATA_COLUMNS` (at the header line)
 *   when the columns can't be mapped.
 */
export function sniffCsvLayout(text: string, file: string): CsvLayout {
  let lineNumber = 1;
  let position = 0;
  let header: Line | undefined;
  const samples: string[] = [];
  let headerLine = 0;
  let afterHeader = 0;
  while (position < text.length && samples.length <= SAMPLE_LINES) {
    const line = lineAt(text, position);
    const content = text.slice(line.start, line.end);
    if (content.trim() !== '') {
      if (header === undefined) {
        header = line;
        headerLine = lineNumber;
        afterHeader = line.next;
      }
      samples.push(content);
    }
    if (line.next === position) break;
    position = line.next;
    lineNumber++;
  }
  if (header === undefined) {
    throw new DataError('BT_DATA_EMPTY', 'the file is empty', {
      hint: 'give a header line and at least one bar, e.g. "date,open,high,low,close,volume"',
      location: { file },
    });
  }

  const delimiter = sniffDelimiter(samples);
  const cells = splitLine(samples[0], delimiter);
  const dataCells = samples.slice(1).map((line) => splitLine(line, delimiter));
  const isKnown = cells.some((cell) => KNOWN_NAMES.has(normalizeName(cell)));
  // A comma inside what should be plain numbers, with another delimiter, is a decimal comma.
  const decimalComma =
    delimiter !== ',' &&
    [cells, ...dataCells].some((row, index) => (index > 0 || !isKnown) && row.slice(1).some((cell) => /^\s*[-+]?\d+,\d+\s*$/.test(cell)));

  const positional = !isKnown && cells[0].trim() !== '' ? positionalNames(cells, decimalComma) : undefined;
  const hasHeader = positional === undefined;
  const columns = hasHeader
    ? mapColumns(cells, { file, line: headerLine })
    : mapColumns(positional, { file });
  const parts = [`delimiter=${JSON.stringify(delimiter)}`];
  if (decimalComma) parts.push('decimal=","');
  if (!hasHeader) parts.push('header=none');
  return {
    delimiter,
    decimalComma,
    hasHeader,
    headerLine: hasHeader ? headerLine : 0,
    dataOffset: hasHeader ? afterHeader : 0,
    dataLine: hasHeader ? headerLine + 1 : 1,
    columns,
    description: parts.join(', '),
  };
}
