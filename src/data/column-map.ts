/**
 * Maps header names (CSV) or object keys (JSON) to bar fields. Names are matched
 * case-insensitively after dropping everything but letters and digits, so `Adj Close`,
 * `adj_close`, `<CLOSE>` and `Close*` all normalise to the same key.
 */
import { DataError, echoInput } from '../errors.js';

/** Which column feeds each bar field; indexes into the header, −1 when absent. */
export interface ColumnMap {
  /** The timestamp column (date or date-time). */
  readonly time: number;
  /** A separate time-of-day column joined to `time` as `DATE TIME`, or −1. */
  readonly timeOfDay: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  /** The close column; for close-only data the `price`/`close`/`value` column. */
  readonly close: number;
  readonly volume: number;
  readonly symbol: number;
  /** Numeric columns kept in `BarSeries.extra`, by lower-case name (`adjclose`, `openinterest`). */
  readonly extras: readonly { readonly name: string; readonly index: number }[];
  /** True when the data has one price per bar (open = high = low = close). */
  readonly isCloseOnly: boolean;
  /** Name used for the close column in messages: `close` or `price`. */
  readonly closeLabel: string;
  /** The mapped fields in column order, e.g. `date,open,high,low,close,volume`. */
  readonly description: string;
  /** Number of columns in the header. */
  readonly count: number;
}

/** Normalises a header name: lower case, letters and digits only. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const TIME_NAMES = ['datetime', 'timestamp', 'date', 'dt', 'gmttime', 'localtime', 'utctime', 'time'];
const OPEN_NAMES = ['open', 'o'];
const HIGH_NAMES = ['high', 'h'];
const LOW_NAMES = ['low', 'l'];
const CLOSE_NAMES = ['close', 'c', 'last'];
const PRICE_NAMES = ['price', 'value'];
const VOLUME_NAMES = ['volume', 'vol', 'v'];
const SYMBOL_NAMES = ['symbol', 'ticker'];
const EXTRA_NAMES: Readonly<Record<string, string>> = {
  adjclose: 'adjclose',
  adjustedclose: 'adjclose',
  openinterest: 'openinterest',
  oi: 'openinterest',
};

/** Every name {@link mapColumns} recognises, normalised. */
export const KNOWN_NAMES: ReadonlySet<string> = new Set([
  ...TIME_NAMES,
  ...OPEN_NAMES,
  ...HIGH_NAMES,
  ...LOW_NAMES,
  ...CLOSE_NAMES,
  ...PRICE_NAMES,
  ...VOLUME_NAMES,
  ...SYMBOL_NAMES,
  ...Object.keys(EXTRA_NAMES),
]);

const HINT =
  'name the columns date,open,high,low,close[,volume] (or date,price for close-only data); ' +
  'the first column may also be unnamed, as pandas writes it';

/**
 * Finds the bar fields among `names`.
 *
 * The time column is the first of `datetime`, `timestamp`, `date`, `dt`, `time`, or else an
 * unnamed first column (a pandas index); `date` plus a separate `time` column are joined.
 * Prices come from `open`/`o`, `high`/`h`, `low`/`l`, `close`/`c`/`last`, or for close-only
 * data from one `close`, `price` or `value` column. `adj close` is never a price: it is kept as
 * `extra.adjclose`. Unknown columns are ignored.
 *
 * @param names header cells as written (trimmed here).
 * @param where file and 1-based line of the header, for errors; `kind` says whether the
 *   names are CSV `columns` or JSON `keys`.
 * @throws {DataError} `BT_DATA_COLUMNS` when there is no time column, no close or price
 *   column, or only some of open, high and low.
 */
export function mapColumns(
  names: readonly string[],
  where: { readonly file: string; readonly line?: number; readonly kind?: 'columns' | 'keys' },
): ColumnMap {
  const normalized = names.map((name) => normalizeName(name.trim()));
  const find = (candidates: readonly string[]): number => {
    for (const candidate of candidates) {
      const index = normalized.indexOf(candidate);
      if (index >= 0) return index;
    }
    return -1;
  };
  const found = `found ${where.kind ?? 'columns'} ${names.slice(0, 20).map((name) => `"${echoInput(name.trim())}"`).join(', ')}${names.length > 20 ? ` and ${names.length - 20} more` : ''}`;
  const fail = (need: string): never => {
    throw new DataError('BT_DATA_COLUMNS', `${found}; need ${need}`, {
      hint: HINT,
      location: { file: where.file, line: where.line },
    });
  };

  let time = find(TIME_NAMES);
  let timeOfDay = -1;
  if (time >= 0 && normalized[time] === 'date') {
    const timeIndex = normalized.indexOf('time');
    if (timeIndex >= 0) timeOfDay = timeIndex;
  }
  if (time < 0 && normalized.length > 0 && normalized[0] === '') time = 0;
  if (time < 0) fail('a date column (date, datetime, time or timestamp)');

  const open = find(OPEN_NAMES);
  const high = find(HIGH_NAMES);
  const low = find(LOW_NAMES);
  let close = find(CLOSE_NAMES);
  let closeLabel = 'close';
  const ohlCount = (open >= 0 ? 1 : 0) + (high >= 0 ? 1 : 0) + (low >= 0 ? 1 : 0);
  if (close < 0) {
    close = find(PRICE_NAMES);
    closeLabel = 'price';
    if (close < 0) fail('a close column (close or price)');
    if (ohlCount > 0) fail('close as well as open, high and low (or only a price column)');
  }
  if (ohlCount > 0 && ohlCount < 3) {
    const missing = [open < 0 ? 'open' : '', high < 0 ? 'high' : '', low < 0 ? 'low' : ''].filter(Boolean);
    fail(`${missing.join(' and ')} as well (or only close, for close-only data)`);
  }
  const isCloseOnly = ohlCount === 0;
  const volume = find(VOLUME_NAMES);
  const symbol = find(SYMBOL_NAMES);

  const extras: { name: string; index: number }[] = [];
  const roles = new Array<string | undefined>(names.length);
  normalized.forEach((name, index) => {
    const extra = EXTRA_NAMES[name];
    if (extra !== undefined && !extras.some((e) => e.name === extra)) {
      extras.push({ name: extra, index });
      roles[index] = extra;
    }
  });
  roles[time] = 'date';
  if (timeOfDay >= 0) roles[timeOfDay] = 'time';
  if (!isCloseOnly) {
    roles[open] = 'open';
    roles[high] = 'high';
    roles[low] = 'low';
  }
  roles[close] = closeLabel;
  if (volume >= 0) roles[volume] = 'volume';
  if (symbol >= 0) roles[symbol] = 'symbol';

  return {
    time,
    timeOfDay,
    open: isCloseOnly ? -1 : open,
    high: isCloseOnly ? -1 : high,
    low: isCloseOnly ? -1 : low,
    close,
    volume,
    symbol,
    extras,
    isCloseOnly,
    closeLabel,
    description: roles.filter((role) => role !== undefined).join(','),
    count: names.length,
  };
}
