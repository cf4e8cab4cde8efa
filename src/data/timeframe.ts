/**
 * Timeframes: `--timeframe` resampling of finer bars into coarser ones, and the causal mapping
 * of a higher timeframe onto the base bars that `ctx.timeframe(…)` gives strategies.
 *
 * Buckets are aligned to the calendar of a time zone (UTC unless `--tz`): `1h`/`4h` start at
 * whole hours counted from local midnight, `1d` at local midnight, `1w` on Monday at local
 * midnight (ISO weeks), `1M` on the 1st of the month at local midnight. A resampled bar's time
 * is its bucket's start (the bar-open convention of every series), even when its first base
 * bar came later (a week whose Monday was a holiday still opens on Monday).
 */
import { UsageError } from '../errors.js';
import type { BarSeries } from './bar-series.js';
import { hasTimeOfDay } from './build-series.js';
import { DAY_MS } from './parse-date.js';
import { UTC_ZONE, utcToWall, wallToUtc, type TimeZone } from './time-zone.js';

const MINUTE_MS = 60_000;

/** A bar length: `count` minutes, hours, days, weeks or months. */
export interface Timeframe {
  /** As written: `15m`, `1h`, `4h`, `1d`, `1w`, `1M`. */
  readonly label: string;
  readonly unit: 'm' | 'h' | 'd' | 'w' | 'M';
  readonly count: number;
}

/** The timeframes `--timeframe` documents; any `Nm`/`Nh` dividing a day is accepted too. */
export const TIMEFRAMES: readonly string[] = ['1h', '4h', '1d', '1w', '1M'];

/**
 * Parses a timeframe: `Nm` (N divides 1440), `Nh` (N divides 24), `1d`, `1w`, `1M`
 * (capital M = month, lower-case m = minute).
 * @throws UsageError `BT_BAD_TIMEFRAME` (exit 2) naming `flag`.
 */
export function parseTimeframe(text: string, flag = '--timeframe'): Timeframe {
  const match = /^\s*(\d+)\s*([mhdwM])\s*$/.exec(text);
  const count = match === null ? NaN : Number(match[1]);
  const unit = match?.[2] as Timeframe['unit'] | undefined;
  const valid =
    unit !== undefined &&
    count >= 1 &&
    (unit === 'm' ? 1440 % count === 0 : unit === 'h' ? 24 % count === 0 : count === 1);
  if (!valid || unit === undefined) {
    throw new UsageError('BT_BAD_TIMEFRAME', `${flag}: expected a timeframe such as ${TIMEFRAMES.join(', ')}, got "${text}"`, {
      hint: 'use Nm (minutes, N dividing 1440), Nh (hours, N dividing 24), 1d, 1w or 1M (month)',
      location: { flag },
    });
  }
  return { label: `${count}${unit}`, unit, count };
}

/** Length of a fixed-length timeframe [ms]; NaN for months. */
export function timeframeMs(timeframe: Timeframe): number {
  switch (timeframe.unit) {
    case 'm':
      return timeframe.count * MINUTE_MS;
    case 'h':
      return timeframe.count * 60 * MINUTE_MS;
    case 'd':
      return DAY_MS;
    case 'w':
      return 7 * DAY_MS;
    case 'M':
      return NaN;
  }
}

/**
 * Start of the bucket holding the instant `utc`, as local wall-clock ms (a UTC-like axis in
 * `zone`); equal keys mean the same bucket, and keys ascend with time.
 */
export function bucketKey(timeframe: Timeframe, zone: TimeZone, utc: number): number {
  const wall = utcToWall(zone, utc);
  const day = Math.floor(wall / DAY_MS);
  switch (timeframe.unit) {
    case 'm':
    case 'h': {
      const size = timeframeMs(timeframe);
      const sinceMidnight = wall - day * DAY_MS;
      return day * DAY_MS + Math.floor(sinceMidnight / size) * size;
    }
    case 'd':
      return day * DAY_MS;
    case 'w':
      // 1970-01-01 was a Thursday: (day + 3) mod 7 counts days since Monday.
      return (day - (((day + 3) % 7) + 7) % 7) * DAY_MS;
    case 'M': {
      const date = new Date(day * DAY_MS);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    }
  }
}

/** End of the bucket whose key is `key` (exclusive), as local wall-clock ms. */
function bucketEndKey(timeframe: Timeframe, key: number): number {
  if (timeframe.unit !== 'M') return key + timeframeMs(timeframe);
  const date = new Date(key);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** Smallest positive gap between consecutive bars [ms] (Infinity for fewer than 2 bars). */
export function basePeriodMs(time: Float64Array): number {
  let smallest = Infinity;
  for (let i = 1; i < time.length; i++) {
    const gap = time[i] - time[i - 1];
    if (gap > 0 && gap < smallest) smallest = gap;
  }
  return smallest;
}

/** Human form of a duration for messages (`5m`, `1h`, `1d`). */
function showPeriod(ms: number): string {
  if (ms % DAY_MS === 0) return `${ms / DAY_MS}d`;
  if (ms % (60 * MINUTE_MS) === 0) return `${ms / (60 * MINUTE_MS)}h`;
  return `${Math.round(ms / MINUTE_MS)}m`;
}

/** What {@link resampleBars} returns besides the bars: which bucket each base bar fell in. */
export interface Resampled {
  readonly bars: BarSeries;
  /** Index of the resampled bar each base bar belongs to, one per base bar. */
  readonly bucketOf: Int32Array;
  /** Bucket end of each resampled bar, as a UTC instant [ms] (exclusive). */
  readonly bucketEnd: Float64Array;
}

/**
 * Groups `series` into `timeframe` buckets in `zone`: open = first open, high = max, low = min,
 * close = last close, volume = sum (NaN when the data has none), extra columns = last value.
 * Buckets without base bars produce no bar.
 * @throws UsageError `BT_TIMEFRAME_TOO_FINE` when the data's bars are longer than `timeframe`.
 */
export function resampleBars(series: BarSeries, timeframe: Timeframe, zone: TimeZone = UTC_ZONE): Resampled {
  const n = series.length;
  const period = basePeriodMs(series.time);
  const size = timeframeMs(timeframe);
  if (period !== Infinity && size === size && period > size) {
    throw new UsageError('BT_TIMEFRAME_TOO_FINE', `timeframe "${timeframe.label}" is finer than the data's ${showPeriod(period)} bars of "${series.symbol}"`, {
      hint: 'bars can only be combined into longer ones: choose a longer --timeframe, or drop it',
      location: { flag: '--timeframe' },
    });
  }
  const bucketOf = new Int32Array(n);
  const starts: number[] = [];
  const keys: number[] = [];
  let lastKey = NaN;
  for (let i = 0; i < n; i++) {
    const key = bucketKey(timeframe, zone, series.time[i]);
    if (key !== lastKey) {
      starts.push(i);
      keys.push(key);
      lastKey = key;
    }
    bucketOf[i] = starts.length - 1;
  }
  const m = starts.length;
  const time = new Float64Array(m);
  const bucketEnd = new Float64Array(m);
  const open = new Float64Array(m);
  const high = new Float64Array(m);
  const low = new Float64Array(m);
  const close = new Float64Array(m);
  const volume = new Float64Array(m);
  const extraIn = Object.entries(series.extra);
  const extra: Record<string, Float64Array> = {};
  for (const [name] of extraIn) extra[name] = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const first = starts[k];
    const last = k + 1 < m ? starts[k + 1] - 1 : n - 1;
    time[k] = wallToUtc(zone, keys[k]);
    bucketEnd[k] = wallToUtc(zone, bucketEndKey(timeframe, keys[k]));
    open[k] = series.open[first];
    let h = series.high[first];
    let l = series.low[first];
    let v = 0;
    for (let i = first; i <= last; i++) {
      if (series.high[i] > h) h = series.high[i];
      if (series.low[i] < l) l = series.low[i];
      v += series.volume[i];
    }
    high[k] = h;
    low[k] = l;
    close[k] = series.close[last];
    volume[k] = v;
    for (const [name, values] of extraIn) extra[name][k] = values[last];
  }
  const bars: BarSeries = {
    symbol: series.symbol,
    time,
    open,
    high,
    low,
    close,
    volume,
    length: m,
    extra,
    intraday: hasTimeOfDay(time, m),
    source: { ...series.source, dialect: `${series.source.dialect} resampled to ${timeframe.label}${zone.isUtc ? '' : ` (${zone.name})`}` },
  };
  return { bars, bucketOf, bucketEnd };
}

/**
 * A higher timeframe of a base series, mapped back onto the base bars without look-ahead.
 * `open`…`volume` have one value per BASE bar: at base bar t, the values of the last
 * higher-timeframe bar that had closed by the close of t (NaN before the first one closed).
 */
export interface HigherTimeframe {
  readonly timeframe: string;
  /** The resampled bars themselves (compact: one per bucket), for indicators. */
  readonly bars: BarSeries;
  /**
   * Per base bar: index into `bars` of the last closed higher-timeframe bar, or −1. A bucket
   * counts as closed at base bar t when t lies in a later bucket, or when t's own close
   * (its time plus the bar period seen so far: the smallest gap among bars 0…t) reaches the
   * bucket's end. So hourly bars complete a UTC day at their 23:00 bar, while a session that
   * ends before midnight is known complete at the next session's first bar.
   */
  readonly closedIndex: Int32Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /**
   * Maps a series computed on `bars` (one value per higher-timeframe bar, e.g. an SMA of
   * `bars.close`) onto the base bars with the same no-look-ahead rule.
   * @throws UsageError when `values` does not have one value per higher-timeframe bar.
   */
  map(values: Float64Array): Float64Array;
}

/**
 * Builds the {@link HigherTimeframe} of `series`. Causal by construction: the value at base bar
 * t depends only on base bars 0…t, never on bar t+1.
 */
export function higherTimeframe(series: BarSeries, timeframe: Timeframe, zone: TimeZone = UTC_ZONE): HigherTimeframe {
  const { bars, bucketOf, bucketEnd } = resampleBars(series, timeframe, zone);
  const n = series.length;
  const time = series.time;
  const closedIndex = new Int32Array(n);
  // The bar period as known at t: the smallest gap among bars 0…t (none yet at t = 0, when
  // the first bucket cannot be known to be complete).
  let period = 0;
  for (let t = 0; t < n; t++) {
    if (t > 0) {
      const gap = time[t] - time[t - 1];
      if (period === 0 || gap < period) period = gap;
    }
    const k = bucketOf[t];
    closedIndex[t] = period > 0 && time[t] + period >= bucketEnd[k] ? k : k - 1;
  }
  const map = (values: Float64Array): Float64Array => {
    if (values.length !== bars.length) {
      throw new UsageError('BT_TIMEFRAME_LENGTH', `timeframe "${timeframe.label}": ${values.length} values given for ${bars.length} bars`, {
        hint: 'map a series computed on the higher-timeframe bars (one value per bar of .bars)',
      });
    }
    const out = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      const k = closedIndex[t];
      out[t] = k >= 0 ? values[k] : NaN;
    }
    return out;
  };
  return {
    timeframe: timeframe.label,
    bars,
    closedIndex,
    open: map(bars.open),
    high: map(bars.high),
    low: map(bars.low),
    close: map(bars.close),
    volume: map(bars.volume),
    map,
  };
}
