/**
 * One cached series on disk: an Arrow IPC file (Feather v2) with one Float64 column per field
 * and the cache's own record (source, symbol, timeframe, covered ranges, fetch time, corporate
 * actions) as JSON in the schema metadata under the key `bt`. pandas (`read_feather`), polars
 * and DuckDB read these files as they are.
 *
 * Uncompressed Arrow was chosen by measurement (README "Data"): its columns load as
 * `Float64Array` views on the file's bytes, with no decoding, where Parquet (hyparquet) had to
 * decode every value, more than ten times slower for 1M bars, for a file 3.6x smaller.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DataError } from '../../errors.js';
import type { TimeRange } from './ranges.js';
import { hashColumns } from './hash-columns.js';

/** Version of the cache record; a file with another version is re-fetched, not misread. */
export const CACHE_FORMAT = 1;

/** Columns every cached series has, in file order. */
export const OHLCV_COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/** A split or a dividend, as the source reported it. */
export interface CorporateAction {
  /** Ex-date [UTC epoch ms]. */
  readonly time: number;
  /** `split`: new shares per old share (2 for a 2-for-1 split); `dividend`: cash per share [quote currency]. */
  readonly kind: 'split' | 'dividend';
  readonly value: number;
}

/** The cache's record of one series, stored in the file's schema metadata. */
export interface CacheRecord {
  readonly format: number;
  /** Source name: a ccxt exchange id (`binance`) or `yahoo`. */
  readonly source: string;
  /** Symbol as the source spells it (`BTC/USDT`, `AAPL`). */
  readonly symbol: string;
  /** Bar length as the source spells it (`1h`, `1d`). */
  readonly timeframe: string;
  /** Time ranges already asked of the source, merged; a missing bar inside them is a gap of the source. */
  readonly coverage: readonly TimeRange[];
  /** When bars were last added [UTC epoch ms]. */
  readonly fetchedAt: number;
  /** Splits and dividends (sources that report them), ascending by time. */
  readonly actions: readonly CorporateAction[];
  /** `hashColumns` of all stored columns (time, OHLCV, extras by name), so a run on the whole series need not hash it again. */
  readonly sha256?: string;
}

/** A cached series: the record and its columns (ascending, unique times). */
export interface CachedSeries {
  readonly record: CacheRecord;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /** Further columns by name, e.g. `adjclose`. */
  readonly extra: Readonly<Record<string, Float64Array>>;
  readonly length: number;
}

function corrupt(path: string, spec: string, reason: string, cause?: unknown): DataError {
  return new DataError('BT_CACHE_CORRUPT', `cache file "${path}" is damaged (${reason})`, {
    hint: `remove it with "bt data rm ${spec}" and fetch again; other cached series are not affected`,
    cause,
  });
}

function parseRecord(text: string | undefined): CacheRecord | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<CacheRecord>;
    if (typeof value.source !== 'string' || typeof value.symbol !== 'string' || typeof value.timeframe !== 'string') return undefined;
    if (!Array.isArray(value.coverage) || typeof value.fetchedAt !== 'number') return undefined;
    return {
      format: Number(value.format),
      source: value.source,
      symbol: value.symbol,
      timeframe: value.timeframe,
      coverage: value.coverage,
      fetchedAt: value.fetchedAt,
      actions: value.actions ?? [],
      ...(typeof value.sha256 === 'string' ? { sha256: value.sha256 } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * Reads a cache file. `spec` (e.g. `binance:BTC/USDT --timeframe 1h`) names the series in the
 * hint of a damaged file.
 * @returns undefined when the file does not exist.
 * @throws DataError `BT_CACHE_CORRUPT` naming the file when it is not a readable cache file
 *   (truncated, not Arrow, columns missing or of unequal length, times not ascending).
 */
export async function readSeriesFile(path: string, spec: string): Promise<CachedSeries | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DataError('BT_DATA_UNREADABLE', `cannot read cache file "${path}": ${(error as Error).message}`, {
      hint: 'check the permissions of the cache folder ($BT_DATA_DIR)',
      cause: error,
    });
  }
  const { tableFromIPC } = await import('apache-arrow');
  let table: ReturnType<typeof tableFromIPC>;
  try {
    table = tableFromIPC(bytes);
  } catch (error) {
    throw corrupt(path, spec, `not an Arrow file: ${(error as Error).message}`, error);
  }
  const record = parseRecord(table.schema.metadata.get('bt'));
  if (record === undefined) throw corrupt(path, spec, 'no bt record in its metadata');
  const columns: Record<string, Float64Array> = {};
  for (const field of table.schema.fields) {
    const values = table.getChild(field.name)?.toArray() as unknown;
    if (!(values instanceof Float64Array)) throw corrupt(path, spec, `column "${field.name}" is not Float64`);
    if (values.length !== table.numRows) throw corrupt(path, spec, `column "${field.name}" has ${values.length} values for ${table.numRows} rows`);
    columns[field.name] = values;
  }
  for (const name of OHLCV_COLUMNS) if (columns[name] === undefined) throw corrupt(path, spec, `column "${name}" is missing`);
  const time = columns.time;
  for (let i = 1; i < time.length; i++) if (!(time[i] > time[i - 1])) throw corrupt(path, spec, `bar ${i + 1} is not after bar ${i}`);
  const extra: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(columns)) if (!(OHLCV_COLUMNS as readonly string[]).includes(name)) extra[name] = values;
  return { record, time, open: columns.open, high: columns.high, low: columns.low, close: columns.close, volume: columns.volume, extra, length: table.numRows };
}

/** Encodes a series as Arrow IPC file bytes (Feather v2), the record in the schema metadata. */
export async function encodeSeries(series: CachedSeries): Promise<Uint8Array> {
  const { makeTable, tableToIPC, Table, Schema } = await import('apache-arrow');
  const columns: Record<string, Float64Array> = {};
  for (const name of OHLCV_COLUMNS) columns[name] = series[name];
  for (const [name, values] of Object.entries(series.extra)) columns[name] = values;
  const table = makeTable(columns);
  const schema = new Schema(table.schema.fields, new Map([['bt', JSON.stringify(series.record)]]));
  return tableToIPC(new Table(schema, table.batches), 'file');
}

/**
 * Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk,
 * then renamed over `path`. A crash leaves the old file or the new one, never a mix.
 * @throws DataError `BT_CACHE_WRITE` when the cache folder is not writable.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new DataError('BT_CACHE_WRITE', `cannot write cache file "${path}": ${(error as Error).message}`, {
      hint: 'check that the cache folder is writable, or point BT_DATA_DIR at another folder',
      cause: error,
    });
  }
}

/**
 * Writes a series to its cache file atomically (see {@link writeFileAtomic}), with the SHA-256
 * of its columns (`hashColumns`) in the record.
 */
export async function writeSeriesFile(path: string, series: CachedSeries): Promise<void> {
  const names = Object.keys(series.extra).sort();
  const sha256 = hashColumns([series.time, series.open, series.high, series.low, series.close, series.volume, ...names.map((n) => series.extra[n])]);
  await writeFileAtomic(path, await encodeSeries({ ...series, record: { ...series.record, sha256 } }));
}
