/** Cuts a series to the `--from` / `--to` window. */
import { DataError, UsageError } from '../errors.js';
import { formatTime, sliceBars, type BarSeries } from './bar-series.js';
import { DAY_MS } from './parse-date.js';

/** Index of the first bar with time ≥ `ms` (binary search over ascending times). */
function firstAtOrAfter(time: Float64Array, length: number, ms: number): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (time[middle] < ms) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Keeps the bars with `from ≤ time ≤ to` (both inclusive, UTC epoch ms; either may be
 * omitted). The result shares `series`' buffers (see `sliceBars`).
 *
 * @throws {UsageError} `BT_DATE_RANGE` (exit 2, at `--from`) when `from` is after `to`.
 * @throws {DataError} `BT_DATA_EMPTY_RANGE` (exit 3) when no bar falls in the window.
 */
export function restrictDates(series: BarSeries, from?: number, to?: number): BarSeries {
  if (from === undefined && to === undefined) return series;
  const show = (ms: number): string => formatTime(ms, series.intraday || ms % DAY_MS !== 0);
  if (from !== undefined && to !== undefined && from > to) {
    throw new UsageError('BT_DATE_RANGE', `--from "${show(from)}" is after --to "${show(to)}"`, {
      hint: 'give a --from date before the --to date',
      location: { flag: '--from' },
    });
  }
  const { time, length } = series;
  const start = from === undefined ? 0 : firstAtOrAfter(time, length, from);
  const end = to === undefined ? length : firstAtOrAfter(time, length, to + 1);
  if (end <= start) {
    const window = `${from === undefined ? 'the start' : `"${show(from)}"`} and ${to === undefined ? 'the end' : `"${show(to)}"`}`;
    const covers = length === 0 ? 'has no bars' : `covers "${show(time[0])}" to "${show(time[length - 1])}"`;
    throw new DataError('BT_DATA_EMPTY_RANGE', `no bars of "${series.symbol}" between ${window}; the data ${covers}`, {
      hint: 'choose --from/--to inside the data range',
      location: { file: series.source.file },
    });
  }
  return start === 0 && end === length ? series : sliceBars(series, start, end);
}
