/**
 * Bars shared with worker threads: each distinct Float64Array column is copied once into a
 * SharedArrayBuffer, and workers build a `BarSeries` of views over the same memory, so a task
 * carries only a small descriptor and no bar is copied per trial. Columns that share one array
 * (close-only data uses one array for open, high, low and close) still share one buffer.
 */
import type { BarSeries, BarSource } from '../data/bar-series.js';

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/** A structured-clone-safe description of a bar series over shared memory. */
export interface SharedBars {
  readonly symbol: string;
  readonly length: number;
  readonly intraday: boolean;
  readonly source: BarSource;
  readonly buffers: readonly SharedArrayBuffer[];
  /** Buffer index of each OHLCV column. */
  readonly columns: Readonly<Record<(typeof COLUMNS)[number], number>>;
  /** Buffer index of each extra column. */
  readonly extra: Readonly<Record<string, number>>;
}

/** Copies the columns of `bars` into shared memory (once per distinct array). */
export function shareBars(bars: BarSeries): SharedBars {
  const buffers: SharedArrayBuffer[] = [];
  const seen = new Map<Float64Array, number>();
  const share = (values: Float64Array): number => {
    const known = seen.get(values);
    if (known !== undefined) return known;
    const buffer = new SharedArrayBuffer(values.length * Float64Array.BYTES_PER_ELEMENT);
    new Float64Array(buffer).set(values);
    buffers.push(buffer);
    seen.set(values, buffers.length - 1);
    return buffers.length - 1;
  };
  const columns = {} as Record<(typeof COLUMNS)[number], number>;
  for (const column of COLUMNS) columns[column] = share(bars[column]);
  const extra: Record<string, number> = {};
  for (const [name, values] of Object.entries(bars.extra)) extra[name] = share(values);
  return { symbol: bars.symbol, length: bars.length, intraday: bars.intraday, source: bars.source, buffers, columns, extra };
}

/** A `BarSeries` of views over shared bars (no copy). */
export function barsFromShared(shared: SharedBars): BarSeries {
  const views = shared.buffers.map((buffer) => new Float64Array(buffer));
  const extra: Record<string, Float64Array> = {};
  for (const [name, index] of Object.entries(shared.extra)) extra[name] = views[index];
  return {
    symbol: shared.symbol,
    time: views[shared.columns.time],
    open: views[shared.columns.open],
    high: views[shared.columns.high],
    low: views[shared.columns.low],
    close: views[shared.columns.close],
    volume: views[shared.columns.volume],
    length: shared.length,
    extra,
    intraday: shared.intraday,
    source: shared.source,
  };
}
