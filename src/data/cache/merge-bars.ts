/**
 * Validation of fetched bars on their way into the cache, and the merge of new bars with the
 * cached ones.
 */
import { DataError } from '../../errors.js';
import { formatTime } from '../bar-series.js';
import type { BarRows } from '../sources/market-source.js';
import { OHLCV_COLUMNS, type CachedSeries, type CacheRecord } from './series-file.js';

/** What validation found and let through. */
export interface IntakeReport {
  /** Bars given twice with identical values (e.g. page overlaps), kept once. */
  duplicates: number;
}

const iso = (ms: number): string => formatTime(ms, true);

/**
 * Checks one page of fetched bars and appends it to `into`: times strictly ascending (also
 * after the bars already in `into`), prices finite and positive, high ≥ low, volume not
 * negative. A bar repeating the previous time with identical values is dropped and counted.
 * @param label the series, e.g. `binance:BTC/USDT 1h`, for messages.
 * @throws DataError `BT_DATA_SOURCE_INVALID` (exit 3) naming the bar's time and the rule; nothing of the page is kept.
 */
export function appendPage(into: BarRows, page: BarRows, label: string, report: IntakeReport): void {
  const accepted: number[] = [];
  let last = into.time.length > 0 ? into.time[into.time.length - 1] : -Infinity;
  let lastIndex = -1;
  for (let i = 0; i < page.time.length; i++) {
    const t = page.time[i];
    const fail = (rule: string): DataError =>
      new DataError('BT_DATA_SOURCE_INVALID', `${label}: the source sent a bad bar at ${Number.isFinite(t) ? iso(t) : String(t)}: ${rule}`, {
        hint: 'nothing of this page was cached; try again later, or report it to the data provider',
      });
    if (!Number.isFinite(t)) throw fail('its time is not a number');
    if (t === last) {
      const prevSame =
        lastIndex >= 0
          ? page.open[lastIndex] === page.open[i] && page.high[lastIndex] === page.high[i] && page.low[lastIndex] === page.low[i] && page.close[lastIndex] === page.close[i]
          : into.close[into.close.length - 1] === page.close[i] && into.open[into.open.length - 1] === page.open[i];
      if (!prevSame) throw fail('the same time twice with different prices (duplicate timestamp)');
      report.duplicates++;
      continue;
    }
    if (t < last) throw fail(`it comes after ${iso(last)} (out of order)`);
    for (const field of ['open', 'high', 'low', 'close'] as const) {
      const v = page[field][i];
      if (!Number.isFinite(v) || v <= 0) throw fail(`${field} "${String(v)}" is not a positive price`);
    }
    if (page.high[i] < page.low[i]) throw fail(`high "${page.high[i]}" is below low "${page.low[i]}"`);
    if (page.volume[i] < 0) throw fail(`volume "${page.volume[i]}" is negative`);
    accepted.push(i);
    last = t;
    lastIndex = i;
  }
  for (const i of accepted) {
    into.time.push(page.time[i]);
    into.open.push(page.open[i]);
    into.high.push(page.high[i]);
    into.low.push(page.low[i]);
    into.close.push(page.close[i]);
    into.volume.push(page.volume[i]);
    for (const [name, values] of Object.entries(into.extra)) values.push(page.extra[name]?.[i] ?? NaN);
  }
}

/**
 * Merges the cached series (if any) with newly fetched bars (ascending) into one ascending
 * series under `record`. A bar time present in both keeps the cached bar (counted in `report`).
 * Extra columns missing on one side are NaN there.
 */
export function mergeBars(cached: CachedSeries | undefined, added: BarRows, record: CacheRecord, report: IntakeReport): CachedSeries {
  const oldLength = cached?.length ?? 0;
  const names = [...new Set([...Object.keys(cached?.extra ?? {}), ...Object.keys(added.extra)])];
  const capacity = oldLength + added.time.length;
  const out: Record<string, Float64Array> = {};
  for (const name of [...OHLCV_COLUMNS, ...names]) out[name] = new Float64Array(capacity);
  const oldColumn = (name: string): Float64Array | undefined => (cached === undefined ? undefined : ((OHLCV_COLUMNS as readonly string[]).includes(name) ? cached[name as (typeof OHLCV_COLUMNS)[number]] : cached.extra[name]));
  const newColumn = (name: string): number[] | undefined => ((OHLCV_COLUMNS as readonly string[]).includes(name) ? (added[name as (typeof OHLCV_COLUMNS)[number]] as number[]) : added.extra[name]);
  const columns = [...OHLCV_COLUMNS, ...names].map((name) => ({ target: out[name], old: oldColumn(name), added: newColumn(name) }));
  const oldTime = cached?.time ?? new Float64Array(0);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < oldLength || j < added.time.length) {
    const takeOld = j >= added.time.length || (i < oldLength && oldTime[i] <= added.time[j]);
    if (takeOld && j < added.time.length && oldTime[i] === added.time[j]) {
      report.duplicates++;
      j++;
    }
    for (const column of columns) column.target[n] = takeOld ? (column.old?.[i] ?? NaN) : (column.added?.[j] ?? NaN);
    if (takeOld) i++;
    else j++;
    n++;
  }
  const extra: Record<string, Float64Array> = {};
  for (const name of names) extra[name] = out[name].subarray(0, n);
  return {
    record,
    time: out.time.subarray(0, n),
    open: out.open.subarray(0, n),
    high: out.high.subarray(0, n),
    low: out.low.subarray(0, n),
    close: out.close.subarray(0, n),
    volume: out.volume.subarray(0, n),
    extra,
    length: n,
  };
}
