/**
 * The columnar bar store every other module reads. One `Float64Array` per field keeps the
 * engine loop and the indicator kernels cache-friendly and lets bars be shared between
 * worker threads (SharedArrayBuffer-backed arrays work unchanged).
 */

/** Where a series came from and how it was read. */
export interface BarSource {
  /** The data path as the user gave it (`-` for stdin); never made absolute. */
  readonly file: string;
  /**
   * Detected layout, e.g. `csv(delimiter=",", columns=date,open,high,low,close,adjclose,volume; date=YYYY-MM-DD)`
   * or `json(keys=date,open,high,low,close,volume; date=YYYY-MM-DD)`.
   */
  readonly dialect: string;
  /** SHA-256 (hex) of the raw bytes read. */
  readonly sha256: string;
}

/**
 * OHLCV bars of one symbol in ascending time order.
 *
 * - `time`: bar open time as UTC epoch milliseconds. Naive timestamps in the file are read as
 *   UTC (or in the `--tz` zone where supported).
 * - `open`, `high`, `low`, `close`: prices [quote currency]. Close-only files repeat the
 *   close in all four.
 * - `volume`: units traded; NaN where the file has no volume column.
 * - `extra`: further numeric columns by lower-case name (`adjclose`, `openinterest`); never
 *   used for fills.
 * - `intraday`: true when any timestamp has a non-midnight time of day; decides how times
 *   are printed (`YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`).
 */
export interface BarSeries {
  readonly symbol: string;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly length: number;
  readonly extra: Readonly<Record<string, Float64Array>>;
  readonly intraday: boolean;
  readonly source: BarSource;
}

/** A row view of one bar, for tests and logs; never stored in bulk. */
export interface Bar {
  readonly index: number;
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/**
 * A private copy of `series` for a strategy's `init`: fresh price, volume, time and extra
 * columns in a frozen object, so a strategy that writes into `ctx.close` (or `ctx.bars.close`)
 * changes only its own copy, never the bars the engine fills against. A typed array cannot be
 * made read-only without a Proxy, which makes every indicator loop several times slower
 * (`npm run bench`, "strategy price arrays"); a copy costs one memcpy per column a strategy
 * reads, made on its first read.
 */
export function strategyCopy(series: BarSeries): BarSeries {
  // Each column is copied on first access only: most strategies read the close alone.
  const lazy = (values: Float64Array): (() => Float64Array) => {
    let copy: Float64Array | undefined;
    return () => (copy ??= values.slice());
  };
  const extra: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(series.extra)) Object.defineProperty(extra, name, { get: lazy(values), enumerable: true });
  const copy = { symbol: series.symbol, length: series.length, intraday: series.intraday, source: series.source, extra: Object.freeze(extra) } as Record<string, unknown>;
  for (const column of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) Object.defineProperty(copy, column, { get: lazy(series[column]), enumerable: true });
  return Object.freeze(copy) as unknown as BarSeries;
}

/** Returns bar `index` of `series` as a {@link Bar} object. */
export function barAt(series: BarSeries, index: number): Bar {
  return {
    index,
    time: series.time[index],
    open: series.open[index],
    high: series.high[index],
    low: series.low[index],
    close: series.close[index],
    volume: series.volume[index],
  };
}

/**
 * Returns bars `[start, end)` of `series` as a new series sharing the underlying buffers
 * (typed-array views, no copy).
 */
export function sliceBars(series: BarSeries, start: number, end: number): BarSeries {
  const extra: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(series.extra)) extra[name] = values.subarray(start, end);
  return {
    symbol: series.symbol,
    time: series.time.subarray(start, end),
    open: series.open.subarray(start, end),
    high: series.high.subarray(start, end),
    low: series.low.subarray(start, end),
    close: series.close.subarray(start, end),
    volume: series.volume.subarray(start, end),
    length: Math.max(0, end - start),
    extra,
    intraday: series.intraday,
    source: series.source,
  };
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * Formats a UTC epoch-ms time as `YYYY-MM-DD` (when `intraday` is false) or
 * `YYYY-MM-DD HH:MM:SS`. These are the strings the CSV files and the reference engines use.
 */
export function formatTime(ms: number, intraday: boolean): string {
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  if (!intraday) return date;
  return `${date} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}
