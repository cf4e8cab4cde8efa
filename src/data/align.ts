/**
 * Aligns several symbols' bar series on one timeline: the union of their timestamps.
 *
 * Every symbol gets full-length (union) columns with NaN at the timestamps where it has no
 * bar. Such a timestamp is "not tradable" for that symbol: a holiday on its exchange, a time
 * before it was listed (late listing), or after it stopped trading (early delisting). The
 * engine never fills an order of that symbol there and values an open position at the
 * symbol's last close; per-symbol indicators are computed on the symbol's own compact series
 * (so they do not advance on its missing bars) and spread onto the union timeline with
 * {@link spreadToTimeline}.
 */
import { DataError } from '../errors.js';
import type { BarSeries } from './bar-series.js';
import { hasTimeOfDay } from './build-series.js';

/** One symbol on the union timeline. */
export interface AlignedSymbol {
  readonly symbol: string;
  /** The symbol's own bars (compact, as loaded). */
  readonly series: BarSeries;
  /** Union-length columns, NaN where the symbol has no bar. */
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /** Per union index: the symbol's own bar index there, or −1 when it has no bar. */
  readonly barIndex: Int32Array;
  /** Per own bar: its union index (ascending). */
  readonly timelineIndex: Int32Array;
  /** Union indices of its first and last bar. */
  readonly firstIndex: number;
  readonly lastIndex: number;
}

/** Several symbols on one timeline. */
export interface AlignedFeeds {
  /** Union of all timestamps, ascending [UTC epoch ms]. */
  readonly time: Float64Array;
  readonly length: number;
  /** True when any timestamp has a time of day (printing). */
  readonly intraday: boolean;
  readonly symbols: readonly AlignedSymbol[];
}

/**
 * Aligns `series` (one per symbol, each ascending) on the union of their timestamps, in the
 * order given.
 * @throws DataError `BT_DATA_DUPLICATE_SYMBOL` when two series have the same symbol,
 *   `BT_DATA_EMPTY` when one has no bars.
 */
export function alignFeeds(series: readonly BarSeries[]): AlignedFeeds {
  const seen = new Map<string, BarSeries>();
  for (const s of series) {
    const other = seen.get(s.symbol);
    if (other !== undefined) {
      throw new DataError('BT_DATA_DUPLICATE_SYMBOL', `symbol "${s.symbol}" is given twice ("${other.source.file}" and "${s.source.file}")`, {
        hint: 'name the feeds apart: --data NAME=FILE',
        location: { file: s.source.file },
      });
    }
    if (s.length === 0) {
      throw new DataError('BT_DATA_EMPTY', `symbol "${s.symbol}" has no bars`, { hint: 'add bars or drop the feed', location: { file: s.source.file } });
    }
    seen.set(s.symbol, s);
  }
  const time = unionTimes(series);
  const n = time.length;
  const symbols = series.map((s): AlignedSymbol => {
    const open = new Float64Array(n).fill(NaN);
    const high = new Float64Array(n).fill(NaN);
    const low = new Float64Array(n).fill(NaN);
    const close = new Float64Array(n).fill(NaN);
    const volume = new Float64Array(n).fill(NaN);
    const barIndex = new Int32Array(n).fill(-1);
    const timelineIndex = new Int32Array(s.length);
    let u = 0;
    for (let i = 0; i < s.length; i++) {
      const t = s.time[i];
      while (time[u] < t) u++;
      timelineIndex[i] = u;
      barIndex[u] = i;
      open[u] = s.open[i];
      high[u] = s.high[i];
      low[u] = s.low[i];
      close[u] = s.close[i];
      volume[u] = s.volume[i];
    }
    return {
      symbol: s.symbol,
      series: s,
      open,
      high,
      low,
      close,
      volume,
      barIndex,
      timelineIndex,
      firstIndex: timelineIndex[0],
      lastIndex: timelineIndex[s.length - 1],
    };
  });
  return { time, length: n, intraday: hasTimeOfDay(time, n), symbols };
}

/**
 * Sorted union of the series' times: ascending arrays merged one at a time (linear merges; the
 * union is usually not much longer than one series, so this beats sorting all the times).
 */
function unionTimes(series: readonly BarSeries[]): Float64Array {
  let union = series[0].time.slice();
  for (let k = 1; k < series.length; k++) {
    const other = series[k].time;
    const merged = new Float64Array(union.length + other.length);
    let i = 0;
    let j = 0;
    let m = 0;
    while (i < union.length || j < other.length) {
      const a = i < union.length ? union[i] : Infinity;
      const b = j < other.length ? other[j] : Infinity;
      const next = a <= b ? a : b;
      if (a === next) i++;
      if (b === next) j++;
      merged[m++] = next;
    }
    union = merged.slice(0, m);
  }
  return union;
}

/**
 * Spreads a series computed on a symbol's own compact bars onto the union timeline: the value
 * of its bar at each timestamp where it has one, and where it has none the value of its last
 * bar before (the indicator does not advance while the symbol does not trade), NaN before its
 * first bar.
 * @throws DataError `BT_INDICATOR_LENGTH` when `values` is not one value per own bar.
 */
export function spreadToTimeline(symbol: AlignedSymbol, values: Float64Array, length: number): Float64Array {
  if (values.length !== symbol.series.length) {
    throw new DataError('BT_INDICATOR_LENGTH', `symbol "${symbol.symbol}": ${values.length} values for ${symbol.series.length} bars`, {
      hint: 'compute per-symbol indicators on the symbol\'s own bars (one value per bar)',
    });
  }
  const out = new Float64Array(length);
  const index = symbol.timelineIndex;
  let value = NaN;
  let next = 0;
  for (let u = 0; u < length; u++) {
    if (next < index.length && index[next] === u) value = values[next++];
    out[u] = value;
  }
  return out;
}

/**
 * A close series on the union timeline with no gaps, for valuation and benchmarks: the last
 * close carried forward over missing bars, and the first close carried back before the first
 * bar (a flat line before listing).
 */
export function filledClose(symbol: AlignedSymbol): Float64Array {
  const out = new Float64Array(symbol.close.length);
  let value = symbol.series.close[0];
  for (let u = 0; u < out.length; u++) {
    const c = symbol.close[u];
    if (c === c) value = c;
    out[u] = value;
  }
  return out;
}

/**
 * Closes of `series` (e.g. a benchmark file) on the timeline `time`: at each timestamp the last
 * close at or before it, and the first close before the series starts (a flat line).
 */
export function closeOnTimeline(series: BarSeries, time: Float64Array): Float64Array {
  const out = new Float64Array(time.length);
  let i = 0;
  let value = series.close[0];
  for (let u = 0; u < time.length; u++) {
    while (i < series.length && series.time[i] <= time[u]) value = series.close[i++];
    out[u] = value;
  }
  return out;
}
