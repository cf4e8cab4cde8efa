/**
 * The fast CSV reader for the common plain layout: no double quotes anywhere, one delimiter
 * character, numeric cells. It scans the text once, parses numbers in place (no substring per
 * cell) and writes straight into typed-array columns: several times faster than csv-parse.
 * The text may come in pieces ({@link CsvFastReader.feed}, each ending at a line break), so a
 * file of any size is read chunk by chunk without one string holding all of it.
 *
 * It gives up (returns undefined) on anything unusual — a malformed row, an unparseable cell —
 * and the caller then reads the text with `readCsvRecords`, which reports the error. So it
 * never has to produce errors, and whenever it succeeds its result equals readCsvRecords'
 * (`parse-bars.test.ts` checks this).
 */
import type { CsvLayout } from './csv-layout.js';
import type { CsvBars } from './read-csv-records.js';
import { createTimeParser, type TimeParser } from './parse-date.js';
import { isBlank, isSpaceCode, parseDecimal, POW10 } from './parse-number.js';
import { allocateRawBars, growRawBars, symbolId, type RawBars } from './raw-bars.js';
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

/** The date-format samples of a text: the time cells of its first well-formed data rows. */
function sampleTimes(text: string, start: number, layout: CsvLayout): string[] {
  const { columns, delimiter } = layout;
  const length = text.length;
  const samples: string[] = [];
  for (let position = start; position < length && samples.length < DATE_SAMPLE_ROWS; ) {
    let newline = text.indexOf('\n', position);
    if (newline < 0) newline = length;
    const end = newline > position && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    const cells = text.slice(position, end).split(delimiter);
    if (cells.length === columns.count && !cells.every((cell) => cell.trim() === '')) samples.push(timeCell(cells, columns));
    position = newline + 1;
  }
  return samples;
}

/**
 * Reads the data rows of a quote-free CSV given in one or more pieces. Each piece but the last
 * must end just after a `\n`; the first one must hold the first {@link DATE_SAMPLE_ROWS} data
 * rows (or all of them), from which the date format is detected exactly as readCsvRecords does.
 * Columns start at `capacity` rows and grow by half when full.
 */
export class CsvFastReader {
  readonly #layout: CsvLayout;
  readonly #parser: TimeParser;
  readonly #kinds: Uint8Array;
  readonly #symbolIds = new Map<string, number>();
  #raw: RawBars;
  #targets: Float64Array[];
  #n = 0;
  #line: number;
  #failed = false;
  #failure: { readonly line: number; readonly text: string } | undefined;

  /**
   * @param sample text whose data rows from `sampleStart` on feed date-format detection (the
   *   first piece); @param capacity initial rows of the columns (≥ 1).
   */
  constructor(layout: CsvLayout, sample: string, sampleStart: number, capacity: number) {
    this.#layout = layout;
    this.#line = layout.dataLine;
    this.#parser = createTimeParser(sampleTimes(sample, sampleStart, layout));
    const { columns } = layout;
    const count = columns.count;
    this.#raw = allocateRawBars(Math.max(1, capacity), columns);
    const kinds = new Uint8Array(count).fill(SKIP);
    kinds[columns.time] = TIME;
    if (columns.timeOfDay >= 0) kinds[columns.timeOfDay] = TIME_OF_DAY;
    if (!columns.isCloseOnly) {
      kinds[columns.open] = PRICE;
      kinds[columns.high] = PRICE;
      kinds[columns.low] = PRICE;
    }
    kinds[columns.close] = PRICE;
    if (columns.volume >= 0) kinds[columns.volume] = VOLUME;
    for (const extra of columns.extras) kinds[extra.index] = EXTRA;
    if (columns.symbol >= 0) kinds[columns.symbol] = SYMBOL;
    this.#kinds = kinds;
    this.#targets = this.#columnTargets();
  }

  /** Which column array each CSV column writes into (`close` as a harmless default). */
  #columnTargets(): Float64Array[] {
    const { columns } = this.#layout;
    const raw = this.#raw;
    const targets: Float64Array[] = new Array<Float64Array>(columns.count).fill(raw.close);
    if (!columns.isCloseOnly) {
      targets[columns.open] = raw.open;
      targets[columns.high] = raw.high;
      targets[columns.low] = raw.low;
    }
    if (columns.volume >= 0) targets[columns.volume] = raw.volume;
    columns.extras.forEach((extra, k) => (targets[extra.index] = raw.extras[k].values));
    return targets;
  }

  /** Bars read so far. */
  get length(): number {
    return this.#n;
  }

  /** 1-based line number of the next line to read. */
  get line(): number {
    return this.#line;
  }

  /**
   * The row that made {@link feed} return false (its line number and text), or whose date
   * {@link finish} found invalid (text empty).
   */
  get failure(): { readonly line: number; readonly text: string } | undefined {
    return this.#failure;
  }

  /** Makes room for at least `capacity` bars in all (an estimate from the file size). */
  reserve(capacity: number): void {
    const raw = this.#raw;
    if (capacity <= raw.rows.length) return;
    raw.length = this.#n;
    this.#raw = growRawBars(raw, capacity);
    this.#targets = this.#columnTargets();
  }

  /**
   * Reads the rows of `text` from `start` to its end.
   * @returns false when a row needs the general reader (wrong field count, a cell that fails to
   *   parse, a bad date); the reader is then spent.
   */
  feed(text: string, start = 0): boolean {
    if (this.#failed) return false;
    const { decimalComma, delimiter } = this.#layout;
    const delimiterCode = delimiter.charCodeAt(0);
    const separatorCode = decimalComma ? 44 : 46;
    const count = this.#layout.columns.count;
    const kinds = this.#kinds;
    const parseTime = this.#parser.parse;
    const symbolIds = this.#symbolIds;
    const length = text.length;
    let raw = this.#raw;
    let targets = this.#targets;
    let time = raw.time;
    let rows = raw.rows;
    let capacity = rows.length;
    let n = this.#n;
    let line = this.#line;
    let position = start;
    while (position < length) {
      let newline = text.indexOf('\n', position);
      if (newline < 0) newline = length;
      const end = newline > position && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      if (end === position || (isSpaceCode(text.charCodeAt(position)) && isBlank(text, position, end))) {
        position = newline + 1;
        line++;
        continue;
      }
      if (n === capacity) {
        capacity = Math.ceil(capacity * 1.5) + 16;
        raw.length = n;
        raw = growRawBars(raw, capacity);
        this.#raw = raw;
        this.#targets = targets = this.#columnTargets();
        time = raw.time;
        rows = raw.rows;
      }
      let column = 0;
      let cellStart = position;
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
          let value = scanNumber(text, cellStart, end, delimiter, delimiterCode, separatorCode, decimalComma);
          stop = cellEnd;
          if (value !== value) {
            if (kind === PRICE) isValid = false;
            else if (kind === VOLUME) {
              if (isBlank(text, cellStart, stop)) value = 0;
              else isValid = false;
            }
          }
          targets[column][n] = value;
        } else {
          stop = text.indexOf(delimiter, cellStart);
          if (stop < 0 || stop > end) stop = end;
          if (kind === TIME) {
            timeStart = cellStart;
            timeEnd = stop;
          } else if (kind === TIME_OF_DAY) {
            dayTimeStart = cellStart;
            dayTimeEnd = stop;
          } else if (kind === SYMBOL) {
            const symbol = text.slice(cellStart, stop).trim();
            if (symbol === '') isValid = false;
            else raw.symbolIds![n] = symbolId(raw, symbolIds, symbol);
          }
        }
        column++;
        if (stop === end || !isValid) break;
        cellStart = stop + 1;
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
        if (!isEmptyRow(text, position, end, delimiterCode)) {
          this.#failed = true;
          this.#failure = { line, text: text.slice(position, end) };
          return false;
        }
      } else {
        rows[n] = line;
        n++;
      }
      position = newline + 1;
      line++;
    }
    this.#n = n;
    this.#line = line;
    return true;
  }

  /**
   * The bars read, with the date format; undefined when a piece failed, no bar was read, or a
   * date is invalid once the file's day/month order is known (readCsvRecords reports those).
   */
  finish(): CsvBars | undefined {
    const raw = this.#raw;
    raw.length = this.#n;
    if (this.#failed || this.#n === 0) return undefined;
    const { dateFormat, note, badIndex } = resolveTimes(raw, this.#parser);
    if (badIndex < 0) return { raw, dateFormat, note };
    this.#failure = { line: raw.rows[badIndex], text: '' };
    return undefined;
  }
}

/**
 * Reads the data rows of a quote-free `text`, or returns undefined when any row needs the
 * general reader (wrong field count, a cell that fails to parse, a bad date).
 */
export function readCsvFast(text: string, layout: CsvLayout): CsvBars | undefined {
  // One slot per line left in the text.
  const length = text.length;
  let capacity = 0;
  for (let i = text.indexOf('\n', layout.dataOffset); i >= 0; i = text.indexOf('\n', i + 1)) capacity++;
  if (length > layout.dataOffset && text.charCodeAt(length - 1) !== 10) capacity++;
  const reader = new CsvFastReader(layout, text, layout.dataOffset, capacity);
  return reader.feed(text, layout.dataOffset) ? reader.finish() : undefined;
}
