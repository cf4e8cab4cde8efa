/**
 * Bars from columnar files as pandas, polars and DuckDB write them: Parquet (hyparquet) and
 * Arrow IPC / Feather v2 (apache-arrow), with the column-name detection of CSV (`mapColumns`):
 * `Open`/`open`/`o`…, a `date`/`time`/`timestamp` column or a datetime index column
 * (`__index_level_0__`, or an unnamed first column), and a `symbol` column for long format.
 */
import { DataError } from '../errors.js';
export { columnarFormat, COLUMNAR_EXTENSIONS } from './columnar-format.js';
import type { BarSeries } from './bar-series.js';
import { buildSeries } from './build-series.js';
import { mapColumns } from './column-map.js';
import { parseAnyDate } from './parse-date.js';
import { allocateRawBars, symbolId } from './raw-bars.js';
import { badDateError, badNumberError, rowError, type RowLocator } from './row-errors.js';

/** Column name pandas gives an unnamed index. */
const PANDAS_INDEX = '__index_level_0__';

/** Reads one column as plain values, whatever its physical type. */
type ColumnValues = { readonly name: string; readonly get: (row: number) => unknown };

/**
 * A time cell to UTC epoch ms: a `Date`; an integer epoch by magnitude (seconds below 1e11,
 * milliseconds below 1e14, microseconds below 1e17, else nanoseconds), as number or bigint;
 * a date string in any format `parseAnyDate` reads. NaN when none fits.
 */
export function cellToMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'bigint') value = Number(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return NaN;
    const magnitude = Math.abs(value);
    if (magnitude < 1e11) return value * 1000;
    if (magnitude < 1e14) return value;
    if (magnitude < 1e17) return Math.floor(value / 1000);
    return Math.floor(value / 1e6);
  }
  if (typeof value === 'string') return parseAnyDate(value.trim());
  return NaN;
}

function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return NaN;
}

async function readColumns(bytes: Uint8Array, format: 'parquet' | 'arrow', file: string): Promise<{ columns: ColumnValues[]; rows: number }> {
  try {
    if (format === 'arrow') {
      const { tableFromIPC } = await import('apache-arrow');
      const table = tableFromIPC(bytes);
      const columns = table.schema.fields.map((field, index) => {
        const vector = table.getChildAt(index)!;
        return { name: field.name, get: (row: number): unknown => vector.get(row) };
      });
      return { columns, rows: table.numRows };
    }
    const { parquetMetadata, parquetReadObjects } = await import('hyparquet');
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const metadata = parquetMetadata(buffer);
    const names = metadata.schema.slice(1).filter((element) => element.num_children === undefined).map((element) => element.name);
    const records = await parquetReadObjects({ file: buffer, metadata });
    return { columns: names.map((name) => ({ name, get: (row: number): unknown => records[row][name] })), rows: records.length };
  } catch (error) {
    throw new DataError('BT_DATA_UNREADABLE', `"${file}" is not a readable ${format === 'arrow' ? 'Arrow/Feather' : 'Parquet'} file: ${(error as Error).message}`, {
      hint: 'check that the file is complete and has the extension of its format (.parquet, .arrow, .feather)',
      location: { file },
      cause: error,
    });
  }
}

/**
 * Parses a Parquet or Arrow/Feather file's bytes into validated series (the checks of
 * `buildSeries`, rows named `bar #index`).
 * @throws DataError `BT_DATA_UNREADABLE`, `BT_DATA_EMPTY`, `BT_DATA_COLUMNS`, `BT_DATA_BAD_DATE`,
 *   `BT_DATA_BAD_NUMBER`, `BT_DATA_BAD_SYMBOL` and every `buildSeries` error.
 */
export async function parseColumnarBars(
  bytes: Uint8Array,
  format: 'parquet' | 'arrow',
  options: { readonly file: string; readonly sha256: string; readonly sort?: boolean; readonly symbol: string },
): Promise<BarSeries[]> {
  const { file } = options;
  const read = await readColumns(bytes, format, file);
  if (read.rows === 0) throw new DataError('BT_DATA_EMPTY', `"${file}" has no rows`, { hint: 'give a file with at least one bar', location: { file } });
  // A pandas index column goes first, unnamed, where mapColumns looks for an index.
  const ordered = [...read.columns.filter((c) => c.name === PANDAS_INDEX), ...read.columns.filter((c) => c.name !== PANDAS_INDEX)];
  const names = ordered.map((c) => (c.name === PANDAS_INDEX ? '' : c.name));
  const map = mapColumns(names, { file });
  const raw = allocateRawBars(read.rows, map);
  const locator: RowLocator = { file, kind: 'bar' };
  const targets: { column: ColumnValues; label: string; target: Float64Array; kind: 'price' | 'volume' | 'extra' }[] = [];
  if (!map.isCloseOnly) {
    targets.push({ column: ordered[map.open], label: 'open', target: raw.open, kind: 'price' });
    targets.push({ column: ordered[map.high], label: 'high', target: raw.high, kind: 'price' });
    targets.push({ column: ordered[map.low], label: 'low', target: raw.low, kind: 'price' });
  }
  targets.push({ column: ordered[map.close], label: map.closeLabel, target: raw.close, kind: 'price' });
  if (map.volume >= 0) targets.push({ column: ordered[map.volume], label: 'volume', target: raw.volume, kind: 'volume' });
  map.extras.forEach((extra, k) => targets.push({ column: ordered[extra.index], label: extra.name, target: raw.extras[k].values, kind: 'extra' }));
  const timeColumn = ordered[map.time];
  const symbolIds = new Map<string, number>();
  for (let i = 0; i < read.rows; i++) {
    const cell = timeColumn.get(i);
    const time = cellToMs(cell);
    if (Number.isNaN(time)) throw badDateError(locator, i, String(cell));
    raw.time[i] = time;
    for (const t of targets) {
      const value = numberOf(t.column.get(i));
      if (!Number.isFinite(value) && t.kind !== 'extra' && !(t.kind === 'volume' && t.column.get(i) === null)) throw badNumberError(locator, i, t.label, String(t.column.get(i)));
      t.target[i] = Number.isFinite(value) ? value : t.kind === 'volume' ? 0 : NaN;
    }
    if (raw.symbolIds !== undefined) {
      const symbol = String(ordered[map.symbol].get(i) ?? '').trim();
      if (symbol === '') throw rowError(locator, i, 'BT_DATA_BAD_SYMBOL', 'symbol is empty', 'give every bar a symbol, or drop the symbol column');
      raw.symbolIds[i] = symbolId(raw, symbolIds, symbol);
    }
    raw.rows[i] = i;
  }
  raw.length = read.rows;
  return buildSeries(raw, {
    locator,
    sha256: options.sha256,
    dialect: `${format}(columns=${map.description})`,
    sort: options.sort === true,
    symbol: options.symbol,
    isCloseOnly: map.isCloseOnly,
    closeLabel: map.closeLabel,
  });
}
