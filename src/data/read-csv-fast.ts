/**
 * The fast CSV reader for the common plain layout: no double quotes anywhere, one delimiter
 * character, numeric cells. It scans the text once, parses numbers in place (no substring per
 * cell) and writes straight into pre-sized columns: several times faster than csv-parse.
 *
 * It gives up (returns undefined) on anything unusual — a malformed row, an unparseable cell —
 * and the caller then reads the text with `readCsvRecords`, which reports the error. So it
 * never has to produce errors, and whenever it succeeds its result equals readCsvRecords'
 * (`parse-bars.test.ts` checks this).
 */
import type { CsvLayout } from './csv-layout.js';
import type { CsvBars } from './read-csv-records.js';
import { createTimeParser } from './parse-date.js';
import { isBlank, isSpaceCode, parseDecimal, POW10 } from './parse-number.js';
import { allocateRawBars, symbolId } from './raw-bars.js';
import { DATE_SAMPLE_ROWS, resolveTimes, timeCell } from './time-column.js';

// What to do with each column.
const SKIP = 0;
const PRICE = 1;
const VOLUME = 2;
const EXTRA = 3;
const TIME = 4;
const TIME_OF_DAY = 5;
const SYMBOL = 6;

// Where the cell read by scanNumber ended (the index of its delimiter or of the line end).
let cellEnd = 0;

/**
 * Reads the numeric cell starting at `start` in one pass: the common `-123.45` shape is
 * parsed while looking for the delimiter; any other shape is found with indexOf and parsed by
 * {@link parseDecimal}. Either way the value is the one `parseDecimal` gives (the shortcut is
 * its ≤15-digit branch). Sets `cellEnd`.
 */
function scanNumber(text: string, start: number, end: number, delimiter: string, delimiterCode: number, separatorCode: number, decimalComma: boolean): number {
  let i = start;
  let code = text.charCodeAt(i);
  const isNegative = code === 45;
  if (isNegative) code = text.charCodeAt(++i);
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  let seenSeparator = false;
  for (;;) {
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48);
      digits++;
      if (seenSeparator) fractionDigits++;
    } else if (code === separatorCode && !seenSeparator) {
      seenSeparator = true;
    } else {
      break;
    }
    code = text.charCodeAt(++i);
  }
  if ((code === delimiterCode || i === end) && digits > 0 && digits <= 15 && i <= end) {
    cellEnd = i;
    const magnitude = fractionDigits === 0 ? mantissa : mantissa / POW10[fractionDigits];
    return isNegative ? -magnitude : magnitude;
  }
  let stop = text.indexOf(delimiter, start);
  if (stop < 0 || stop > end) stop = end;
  cellEnd = stop;
  return parseDecimal(text, start, stop, decimalComma);
}

/** True when `text[start, end)` holds only whitespace and delimiters (a padding row such as `,,,,`). */
function isEmptyRow(text: string, start: number, end: number, delimiter: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== delimiter && !isSpaceCode(code)) return false;
  }
  return true;
}

/**
 * Reads the data rows of a quote-free `text`, or returns undefined when any row needs the
 * general reader (wrong field count, a cell that fails to parse, a bad date).
 */
export function readCsvFast(text: string, layout: CsvLayout): CsvBars | undefined {
  const { columns, decimalComma, delimiter } = layout;
  const delimiterCode = delimiter.charCodeAt(0);
  const separatorCode = decimalComma ? 44 : 46;
  const count = columns.count;
  const length = text.length;

  // Date format from the first rows, exactly as readCsvRecords samples them.
  const samples: string[] = [];
  for (let position = layout.dataOffset; position < length && samples.length < DATE_SAMPLE_ROWS; ) {
    let newline = text.indexOf('\n', position);
    if (newline < 0) newline = length;
    const end = newline > position && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    const cells = text.slice(position, end).split(delimiter);
    if (cells.length === count && !cells.every((cell) => cell.trim() === '')) samples.push(timeCell(cells, columns));
    position = newline + 1;
  }
  const parser = createTimeParser(samples);
  const parseTime = parser.parse;

  // One slot per line left in the text.
  let capacity = 0;
  for (let i = text.indexOf('\n', layout.dataOffset); i >= 0; i = text.indexOf('\n', i + 1)) capacity++;
  if (length > layout.dataOffset && text.charCodeAt(length - 1) !== 10) capacity++;
  const raw = allocateRawBars(capacity, columns);

  const kinds = new Uint8Array(count).fill(SKIP);
  const targets: Float64Array[] = new Array<Float64Array>(count).fill(raw.close);
  const assign = (index: number, kind: number, target?: Float64Array): void => {
    kinds[index] = kind;
    if (target !== undefined) targets[index] = target;
  };
  assign(columns.time, TIME);
  if (columns.timeOfDay >= 0) assign(columns.timeOfDay, TIME_OF_DAY);
  if (!columns.isCloseOnly) {
    assign(columns.open, PRICE, raw.open);
    assign(columns.high, PRICE, raw.high);
    assign(columns.low, PRICE, raw.low);
  }
  assign(columns.close, PRICE, raw.close);
  if (columns.volume >= 0) assign(columns.volume, VOLUME, raw.volume);
  columns.extras.forEach((extra, k) => assign(extra.index, EXTRA, raw.extras[k].values));
  if (columns.symbol >= 0) assign(columns.symbol, SYMBOL);
  const symbolIds = new Map<string, number>();
  const time = raw.time;
  const rows = raw.rows;

  let n = 0;
  let line = layout.dataLine;
  let position = layout.dataOffset;
  while (position < length) {
    let newline = text.indexOf('\n', position);
    if (newline < 0) newline = length;
    const end = newline > position && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    if (end === position || (isSpaceCode(text.charCodeAt(position)) && isBlank(text, position, end))) {
      position = newline + 1;
      line++;
      continue;
    }
    let column = 0;
    let start = position;
    let timeStart = 0;
    let timeEnd = 0;
    let dayTimeStart = -1;
    let dayTimeEnd = -1;
    let isValid = true;
    for (;;) {
      if (column === count) {
        isValid = false;
        break;
      }
      const kind = kinds[column];
      let stop: number;
      if (kind === PRICE || kind === VOLUME || kind === EXTRA) {
        let value = scanNumber(text, start, end, delimiter, delimiterCode, separatorCode, decimalComma);
        stop = cellEnd;
        if (value !== value) {
          if (kind === PRICE) isValid = false;
          else if (kind === VOLUME) {
            if (isBlank(text, start, stop)) value = 0;
            else isValid = false;
          }
        }
        targets[column][n] = value;
      } else {
        stop = text.indexOf(delimiter, start);
        if (stop < 0 || stop > end) stop = end;
        if (kind === TIME) {
          timeStart = start;
          timeEnd = stop;
        } else if (kind === TIME_OF_DAY) {
          dayTimeStart = start;
          dayTimeEnd = stop;
        } else if (kind === SYMBOL) {
          const symbol = text.slice(start, stop).trim();
          if (symbol === '') isValid = false;
          else raw.symbolIds![n] = symbolId(raw, symbolIds, symbol);
        }
      }
      column++;
      if (stop === end || !isValid) break;
      start = stop + 1;
    }
    if (isValid && column === count) {
      let value: number;
      if (dayTimeStart >= 0) {
        const stamp = `${text.slice(timeStart, timeEnd)} ${text.slice(dayTimeStart, dayTimeEnd)}`;
        value = parseTime(stamp, 0, stamp.length);
      } else {
        value = parseTime(text, timeStart, timeEnd);
      }
      time[n] = value;
      if (value !== value) isValid = false;
    } else {
      isValid = false;
    }
    if (!isValid) {
      // Padding rows are skipped, as readCsvRecords does; anything else needs its error.
      if (!isEmptyRow(text, position, end, delimiterCode)) return undefined;
    } else {
      rows[n] = line;
      n++;
    }
    position = newline + 1;
    line++;
  }
  raw.length = n;
  if (n === 0) return undefined;
  const { dateFormat, note, badIndex } = resolveTimes(raw, parser);
  return badIndex >= 0 ? undefined : { raw, dateFormat, note };
}
