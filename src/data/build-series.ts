/**
 * Turns {@link RawBars} into validated {@link BarSeries}: OHLC consistency, positive prices,
 * ascending unique times per symbol (or a stable sort on request), one series per symbol.
 */
import type { DataError } from '../errors.js';
import { echoInput } from '../errors.js';
import type { BarSeries } from './bar-series.js';
import { formatTime } from './bar-series.js';
import { DAY_MS } from './parse-date.js';
import type { RawBars } from './raw-bars.js';
import { rowError, rowName, type RowLocator } from './row-errors.js';

/** What {@link buildSeries} needs besides the columns. */
export interface SeriesContext {
  readonly locator: RowLocator;
  readonly sha256: string;
  readonly dialect: string;
  /** Sort bars by time (stable) instead of rejecting out-of-order rows. */
  readonly sort: boolean;
  /** Symbol of the series when the data has no symbol column. */
  readonly symbol: string;
  readonly isCloseOnly: boolean;
  /** `close` or `price`, for messages about close-only data. */
  readonly closeLabel: string;
}

/** Relative tolerance for the OHLC ordering checks, for prices rounded in the file. */
const TOLERANCE = 1e-9;

const INVALID_BAR_HINT = 'a bar needs low <= open <= high and low <= close <= high; fix or remove the bar';

/** True when any of the first `length` times is not midnight UTC. */
export function hasTimeOfDay(time: Float64Array, length: number): boolean {
  for (let i = 0; i < length; i++) if (time[i] % DAY_MS !== 0) return true;
  return false;
}

/** A time for messages: the date, plus the time of day when either time has one. */
function showTime(ms: number, other: number): string {
  return formatTime(ms, ms % DAY_MS !== 0 || other % DAY_MS !== 0);
}

/**
 * Validates `raw` and splits it into one series per symbol (first-appearance order).
 *
 * Checks, in file order, the first failure winning: every price > 0 (`BT_DATA_BAD_PRICE`);
 * high ≥ low, and open and close within [low, high] up to a relative 1e-9
 * (`BT_DATA_INVALID_BAR`); volume ≥ 0 (`BT_DATA_INVALID_BAR`); times strictly ascending per
 * symbol (`BT_DATA_DUPLICATE_TIME` for a repeat, `BT_DATA_UNSORTED` otherwise). With
 * `context.sort` the bars of each symbol are stably sorted first and only repeats fail.
 *
 * Close-only series share one array for open, high, low and close. Volume is NaN throughout
 * when the data has no volume column.
 *
 * @throws {DataError} the codes above, located at the offending row.
 */
export function buildSeries(raw: RawBars, context: SeriesContext): BarSeries[] {
  validateBars(raw, context);
  const ids = raw.symbolIds;
  if (ids === undefined || raw.symbols.length <= 1) {
    const symbol = ids === undefined ? context.symbol : raw.symbols[0];
    return [finishSeries(raw, undefined, symbol, context)];
  }
  // Split by symbol, keeping file order within each.
  const counts = new Int32Array(raw.symbols.length);
  for (let i = 0; i < raw.length; i++) counts[ids[i]]++;
  const indexes = Array.from(counts, (count) => new Int32Array(count));
  const filled = new Int32Array(raw.symbols.length);
  for (let i = 0; i < raw.length; i++) {
    const id = ids[i];
    indexes[id][filled[id]++] = i;
  }
  return raw.symbols.map((symbol, id) => finishSeries(raw, indexes[id], symbol, context));
}

function validateBars(raw: RawBars, context: SeriesContext): void {
  const invalid = firstInvalidBar(raw, context.isCloseOnly);
  const unordered = context.sort ? -1 : firstUnordered(raw);
  if (invalid >= 0 && (unordered < 0 || invalid <= unordered)) throw barError(raw, invalid, context);
  if (unordered >= 0) throw orderError(raw, unordered, context);
}

/** Tolerance-aware "a < b": false within a relative 1e-9 of the larger price. */
const isBelow = (a: number, b: number, scale: number): boolean => a < b - TOLERANCE * scale;

/** Index of the first bar with a non-positive price, inconsistent OHLC or negative volume; −1 if none. */
function firstInvalidBar(raw: RawBars, isCloseOnly: boolean): number {
  const { open, high, low, close, volume } = raw;
  const hasVolume = volume.length > 0;
  for (let i = 0; i < raw.length; i++) {
    const c = close[i];
    if (!(c > 0)) return i;
    if (!isCloseOnly) {
      const o = open[i];
      const h = high[i];
      const l = low[i];
      if (!(o > 0 && h > 0 && l > 0)) return i;
      const scale = h > l ? h : l;
      if (isBelow(h, l, scale) || isBelow(h, o, scale) || isBelow(o, l, scale) || isBelow(h, c, scale) || isBelow(c, l, scale)) return i;
    }
    if (hasVolume && volume[i] < 0) return i;
  }
  return -1;
}

/** The error for bar `i`, which {@link firstInvalidBar} rejected. */
function barError(raw: RawBars, i: number, context: SeriesContext): DataError {
  const { locator } = context;
  const row = raw.rows[i];
  const priceError = (label: string, value: number) =>
    rowError(locator, row, 'BT_DATA_BAD_PRICE', `${label} "${value}" is not positive`, 'prices must be above 0; fix or remove the bar');
  const invalid = (message: string, hint = INVALID_BAR_HINT) => rowError(locator, row, 'BT_DATA_INVALID_BAR', message, hint);
  const c = raw.close[i];
  if (context.isCloseOnly) {
    if (!(c > 0)) return priceError(context.closeLabel, c);
  } else {
    const o = raw.open[i];
    const h = raw.high[i];
    const l = raw.low[i];
    if (!(o > 0)) return priceError('open', o);
    if (!(h > 0)) return priceError('high', h);
    if (!(l > 0)) return priceError('low', l);
    if (!(c > 0)) return priceError('close', c);
    const scale = h > l ? h : l;
    if (isBelow(h, l, scale)) return invalid(`high "${h}" is below low "${l}"`);
    if (isBelow(h, o, scale)) return invalid(`open "${o}" is above high "${h}"`);
    if (isBelow(o, l, scale)) return invalid(`open "${o}" is below low "${l}"`);
    if (isBelow(h, c, scale)) return invalid(`close "${c}" is above high "${h}"`);
    if (isBelow(c, l, scale)) return invalid(`close "${c}" is below low "${l}"`);
  }
  return invalid(`volume "${raw.volume[i]}" is negative`, 'volume must be 0 or more; fix or remove the bar');
}

/** Index of the first bar whose time is not after the previous bar of its symbol; −1 if none. */
function firstUnordered(raw: RawBars): number {
  const { time, symbolIds } = raw;
  if (symbolIds === undefined) {
    for (let i = 1; i < raw.length; i++) if (!(time[i] > time[i - 1])) return i;
    return -1;
  }
  const last = new Float64Array(raw.symbols.length).fill(-Infinity);
  for (let i = 0; i < raw.length; i++) {
    const id = symbolIds[i];
    if (!(time[i] > last[id])) return i;
    last[id] = time[i];
  }
  return -1;
}

/** The error for bar `i`, which {@link firstUnordered} found at or before its predecessor. */
function orderError(raw: RawBars, i: number, context: SeriesContext): DataError {
  const { locator } = context;
  const id = raw.symbolIds === undefined ? 0 : raw.symbolIds[i];
  let previous = i - 1;
  while (raw.symbolIds !== undefined && raw.symbolIds[previous] !== id) previous--;
  const t = raw.time[i];
  const before = raw.time[previous];
  const of = raw.symbols.length > 1 ? ` of "${echoInput(raw.symbols[id])}"` : '';
  const earlier = rowName(locator, raw.rows[previous]);
  if (t === before) return duplicateError(locator, raw.rows[i], `time "${showTime(t, t)}"${of} repeats ${earlier}`);
  return rowError(
    locator,
    raw.rows[i],
    'BT_DATA_UNSORTED',
    `time "${showTime(t, before)}"${of} is earlier than "${showTime(before, t)}" on ${earlier}`,
    'pass --sort to sort the bars by time',
  );
}

function duplicateError(locator: RowLocator, row: number, message: string): DataError {
  return rowError(locator, row, 'BT_DATA_DUPLICATE_TIME', message, 'remove one of the two bars; each bar needs its own time');
}

/** The first `length` values, or the values at `indexes`. */
function take(values: Float64Array, length: number, indexes: Int32Array | undefined): Float64Array {
  // A view, not a copy: readers over-allocate, and a copy of every column would double the peak memory.
  if (indexes === undefined) return values.length === length ? values : values.subarray(0, length);
  const out = new Float64Array(indexes.length);
  for (let i = 0; i < indexes.length; i++) out[i] = values[indexes[i]];
  return out;
}

/** Sorts `indexes` (or 0…length−1) by time, stably; undefined when already in order. */
function sortOrder(time: Float64Array, length: number, indexes: Int32Array | undefined): Int32Array | undefined {
  const at = (k: number): number => (indexes === undefined ? k : indexes[k]);
  let isSorted = true;
  for (let k = 1; k < length; k++) {
    if (time[at(k)] < time[at(k - 1)]) {
      isSorted = false;
      break;
    }
  }
  if (isSorted) return indexes;
  const order = Array.from({ length }, (_, k) => at(k));
  order.sort((a, b) => time[a] - time[b] || a - b);
  return Int32Array.from(order);
}

function finishSeries(raw: RawBars, subset: Int32Array | undefined, symbol: string, context: SeriesContext): BarSeries {
  let indexes = subset;
  const length = indexes === undefined ? raw.length : indexes.length;
  if (context.sort) {
    indexes = sortOrder(raw.time, length, indexes);
    // Only repeats can fail now; the stable sort keeps the earlier row first.
    const at = (k: number): number => (indexes === undefined ? k : indexes[k]);
    for (let k = 1; k < length; k++) {
      const t = raw.time[at(k)];
      if (t === raw.time[at(k - 1)]) {
        const of = raw.symbols.length > 1 ? ` of "${echoInput(symbol)}"` : '';
        const earlier = rowName(context.locator, raw.rows[at(k - 1)]);
        throw duplicateError(context.locator, raw.rows[at(k)], `time "${showTime(t, t)}"${of} repeats ${earlier}`);
      }
    }
  }
  const time = take(raw.time, length, indexes);
  const close = take(raw.close, length, indexes);
  const extra: Record<string, Float64Array> = {};
  for (const column of raw.extras) extra[column.name] = take(column.values, length, indexes);
  return {
    symbol,
    time,
    open: context.isCloseOnly ? close : take(raw.open, length, indexes),
    high: context.isCloseOnly ? close : take(raw.high, length, indexes),
    low: context.isCloseOnly ? close : take(raw.low, length, indexes),
    close,
    volume: raw.volume.length > 0 ? take(raw.volume, length, indexes) : new Float64Array(length).fill(NaN),
    length,
    extra,
    intraday: hasTimeOfDay(time, length),
    source: { file: context.locator.file, dialect: context.dialect, sha256: context.sha256 },
  };
}
