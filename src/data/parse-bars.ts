/**
 * Text → {@link BarSeries}: detects JSON or the CSV dialect, reads, validates. Pure: no I/O.
 */
import { createHash } from 'node:crypto';
import type { BarSeries } from './bar-series.js';
import { buildSeries, hasTimeOfDay } from './build-series.js';
import { sniffCsvLayout, type CsvLayout } from './csv-layout.js';
import { readCsvFast } from './read-csv-fast.js';
import { readCsvRecords, type CsvBars } from './read-csv-records.js';
import { readJsonBars } from './read-json-bars.js';
import type { RawBars } from './raw-bars.js';
import { takeZonedCount } from './parse-date.js';
import { naiveTimesToUtc, timeZone } from './time-zone.js';

/** Options of {@link parseBars}. */
export interface ParseOptions {
  /** The data path as the user gave it (`-` for stdin), for messages and `source.file`. */
  readonly file: string;
  /** SHA-256 (hex) of the raw bytes; computed from the UTF-8 text when omitted. */
  readonly sha256?: string;
  /** Stably sort each symbol's bars by time instead of failing on out-of-order rows. */
  readonly sort?: boolean;
  /** Symbol of a file without a symbol column; defaults to the file's base name, upper-cased. */
  readonly defaultSymbol?: string;
  /**
   * IANA zone in which naive timestamps (no `Z` or offset; not unix epochs) are wall-clock
   * time (`--tz`); default UTC. Zoned timestamps are exact instants and are not shifted.
   */
  readonly timeZone?: string;
}

/**
 * Symbol for a file without a symbol column: the base name without extension, upper-cased
 * (`data/sp500-2000.csv` → `SP500-2000`), or `STDIN` for `-`.
 */
export function symbolFromFile(file: string): string {
  if (file === '-') return 'STDIN';
  const base = file.split(/[\\/]/).pop() ?? file;
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  return (stem === '' ? 'DATA' : stem).toUpperCase();
}

/** Adds the time of day to a pattern-style date format when the data has one. */
function describeDate(dateFormat: string, note: string | undefined, raw: RawBars): string {
  const isPattern = dateFormat.includes('YYYY');
  const time = isPattern && hasTimeOfDay(raw.time, raw.length) ? ' HH:MM:SS' : '';
  return `${dateFormat}${time}${note === undefined ? '' : ` (${note})`}`;
}

/**
 * Parses OHLCV bars from CSV or JSON text.
 *
 * - JSON when the first non-blank character is `[` or `{`: an array of bar objects or
 *   `{ "bars": [...] }` (see `readJsonBars`).
 * - CSV otherwise, in any common dialect, sniffed without flags: delimiter `,` `;` tab `|`;
 *   optional UTF-8 BOM; CRLF or LF; quoted cells; header names in any case with synonyms
 *   (`date`/`datetime`/`timestamp`/unnamed first column, separate `Date`+`Time`,
 *   `o`/`h`/`l`/`c`/`v`, close-only `price`); dates as ISO, `YYYY/MM/DD`, `YYYYMMDD`,
 *   `MM/DD/YYYY` or `DD/MM/YYYY` (decided per file), English month names, unix epochs.
 *   Quote-free files take a fast path; both paths give identical results.
 *
 * Times are UTC epoch ms (naive timestamps are UTC, or wall-clock time in `options.timeZone`,
 * DST-correct; see `time-zone.ts`). A `symbol` or `ticker` column yields one
 * series per symbol in order of first appearance; otherwise one series named
 * `options.defaultSymbol` or after the file. `source.dialect` describes what was detected,
 * e.g. `csv(delimiter=",", columns=date,open,high,low,close,volume; date=YYYY-MM-DD)`.
 *
 * @throws {DataError} (exit 3) located at `file:line` (CSV) or naming `bar #index` (JSON):
 *   `BT_DATA_EMPTY`, `BT_DATA_COLUMNS`, `BT_DATA_ROW_SHAPE`, `BT_DATA_BAD_CSV`,
 *   `BT_DATA_BAD_JSON`, `BT_DATA_BAD_DATE`, `BT_DATA_BAD_NUMBER`, `BT_DATA_BAD_SYMBOL`,
 *   `BT_DATA_BAD_PRICE`, `BT_DATA_INVALID_BAR`, `BT_DATA_DUPLICATE_TIME`, `BT_DATA_UNSORTED`.
 * @throws {UsageError} `BT_BAD_TIME_ZONE` for an unknown `options.timeZone`.
 */
export function parseBars(text: string, options: ParseOptions): BarSeries[] {
  return inTimeZone(options, () => parseInUtc(text, options));
}

/**
 * Runs `read` (which parses bars with naive timestamps as UTC) and shifts naive timestamps
 * into `options.timeZone` (see {@link applyTimeZone}).
 * @throws {UsageError} `BT_BAD_TIME_ZONE` for an unknown `options.timeZone`.
 */
export function inTimeZone(options: ParseOptions, read: () => BarSeries[]): BarSeries[] {
  checkTimeZone(options);
  takeZonedCount();
  const series = read();
  return applyTimeZone(series, options, takeZonedCount());
}

/**
 * Validates `options.timeZone` (before any bar is read, so a bad zone is reported first).
 * @throws {UsageError} `BT_BAD_TIME_ZONE` for an unknown zone.
 */
export function checkTimeZone(options: ParseOptions): void {
  if (options.timeZone !== undefined) timeZone(options.timeZone);
}

/**
 * Shifts the naive timestamps of `series` (parsed as UTC) into `options.timeZone`. Zoned
 * timestamps (`zonedCount` > 0: the `takeZonedCount()` of the reading) and unix epochs are
 * instants already and are left as they are.
 */
export function applyTimeZone(series: BarSeries[], options: ParseOptions, zonedCount: number): BarSeries[] {
  const zone = options.timeZone === undefined ? undefined : timeZone(options.timeZone);
  if (zone === undefined || zone.isUtc || zonedCount > 0 || /date=unix /.test(series[0]?.source.dialect ?? '')) return series;
  return series.map((s) => {
    naiveTimesToUtc(zone, s.time);
    const dialect = s.source.dialect.replace(/\)$/, `; tz=${zone.name})`);
    return { ...s, intraday: hasTimeOfDay(s.time, s.length), source: { ...s.source, dialect } };
  });
}

/** What every series of one text shares: hash, sort flag and default symbol. */
function seriesContext(options: ParseOptions, sha256: string): { sha256: string; sort: boolean; symbol: string } {
  return { sha256, sort: options.sort === true, symbol: options.defaultSymbol ?? symbolFromFile(options.file) };
}

/**
 * Validates CSV bars read with `layout` into series (see `buildSeries`); both the whole-text
 * and the chunked file readers end here.
 */
export function csvSeries(read: CsvBars, layout: CsvLayout, options: ParseOptions, sha256: string): BarSeries[] {
  const { file } = options;
  const { columns } = layout;
  return buildSeries(read.raw, {
    ...seriesContext(options, sha256),
    locator: { file, kind: 'line' },
    dialect: `csv(${layout.description}, columns=${columns.description}; date=${describeDate(read.dateFormat, read.note, read.raw)})`,
    isCloseOnly: columns.isCloseOnly,
    closeLabel: columns.closeLabel,
  });
}

function parseInUtc(text: string, options: ParseOptions): BarSeries[] {
  const { file } = options;
  const sha256 = options.sha256 ?? createHash('sha256').update(text, 'utf8').digest('hex');
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let start = 0;
  while (start < body.length && /\s/.test(body[start])) start++;
  if (body[start] === '[' || body[start] === '{') {
    const { raw, columns, dateFormat, note } = readJsonBars(body, file);
    return buildSeries(raw, {
      ...seriesContext(options, sha256),
      locator: { file, kind: 'bar' },
      dialect: `json(keys=${columns.description}; date=${describeDate(dateFormat, note, raw)})`,
      isCloseOnly: columns.isCloseOnly,
      closeLabel: columns.closeLabel,
    });
  }
  const layout = sniffCsvLayout(body, file);
  const read = (body.includes('"') ? undefined : readCsvFast(body, layout)) ?? readCsvRecords(body, layout, file);
  return csvSeries(read, layout, options, sha256);
}
