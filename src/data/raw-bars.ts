/**
 * Bars as read, before validation: columns in file order, over-allocated to a capacity, with
 * the row reference (CSV line or JSON index) of every bar for error messages.
 */
import type { ColumnMap } from './column-map.js';

/** Columns filled by a reader; only the first `length` entries are meaningful. */
export interface RawBars {
  length: number;
  readonly time: Float64Array;
  /** Unused (empty) for close-only data. */
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  /** Empty when the data has no volume column. */
  readonly volume: Float64Array;
  readonly extras: readonly { readonly name: string; readonly values: Float64Array }[];
  /** 1-based line (CSV) or 0-based array index (JSON) of each bar. */
  readonly rows: Int32Array;
  /** Index into `symbols` of each bar, when the data has a symbol column. */
  readonly symbolIds: Int32Array | undefined;
  /** Symbols in order of first appearance. */
  readonly symbols: string[];
}

/** Allocates columns for up to `capacity` bars laid out as `columns`. */
export function allocateRawBars(capacity: number, columns: ColumnMap): RawBars {
  const column = (isPresent: boolean): Float64Array => new Float64Array(isPresent ? capacity : 0);
  return {
    length: 0,
    time: column(true),
    open: column(!columns.isCloseOnly),
    high: column(!columns.isCloseOnly),
    low: column(!columns.isCloseOnly),
    close: column(true),
    volume: column(columns.volume >= 0),
    extras: columns.extras.map((extra) => ({ name: extra.name, values: column(true) })),
    rows: new Int32Array(capacity),
    symbolIds: columns.symbol >= 0 ? new Int32Array(capacity) : undefined,
    symbols: [],
  };
}

/** Returns the id of `symbol`, registering it in `raw.symbols` (and `ids`) on first sight. */
export function symbolId(raw: RawBars, ids: Map<string, number>, symbol: string): number {
  let id = ids.get(symbol);
  if (id === undefined) {
    id = raw.symbols.length;
    raw.symbols.push(symbol);
    ids.set(symbol, id);
  }
  return id;
}

/** A copy of `raw` with room for `capacity` bars (≥ `raw.length`); the first `raw.length` are kept. */
export function growRawBars(raw: RawBars, capacity: number): RawBars {
  const grow = (values: Float64Array): Float64Array => {
    if (values.length === 0) return values;
    const out = new Float64Array(capacity);
    out.set(values.subarray(0, raw.length));
    return out;
  };
  const grown = (values: Int32Array): Int32Array => {
    const out = new Int32Array(capacity);
    out.set(values.subarray(0, raw.length));
    return out;
  };
  return {
    length: raw.length,
    time: grow(raw.time),
    open: grow(raw.open),
    high: grow(raw.high),
    low: grow(raw.low),
    close: grow(raw.close),
    volume: grow(raw.volume),
    extras: raw.extras.map((extra) => ({ name: extra.name, values: grow(extra.values) })),
    rows: grown(raw.rows),
    symbolIds: raw.symbolIds === undefined ? undefined : grown(raw.symbolIds),
    symbols: raw.symbols,
  };
}
