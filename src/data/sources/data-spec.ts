/**
 * Data specs: `SOURCE:SYMBOL` values of `--data` and `bt data`, e.g. `binance:BTC/USDT` (any
 * ccxt exchange id) or `yahoo:AAPL`.
 */
import { UsageError } from '../../errors.js';

/** A parsed data spec. */
export interface DataSpec {
  /** `yahoo` or a ccxt exchange id, lower case. */
  readonly source: string;
  /** The symbol as written (`BTC/USDT`, `AAPL`). */
  readonly symbol: string;
}

const SPEC = /^([a-z][a-z0-9_]+):([^\\:]+)$/;

/**
 * True when `value` reads as a data spec rather than a file path: a lower-case source name of
 * two or more letters/digits, a colon, a symbol without `\` or `:` (so `C:\data.csv` and
 * `./x:y.csv` stay paths).
 */
export function isDataSpec(value: string): boolean {
  return SPEC.test(value);
}

/**
 * Parses `SOURCE:SYMBOL`.
 * @throws UsageError `BT_DATA_SPEC` (exit 2) when `value` is not of that form.
 */
export function parseDataSpec(value: string): DataSpec {
  const match = SPEC.exec(value.trim());
  if (match === null) {
    throw new UsageError('BT_DATA_SPEC', `"${value}" is not a data spec`, {
      hint: 'write SOURCE:SYMBOL, e.g. binance:BTC/USDT (any ccxt exchange id) or yahoo:AAPL',
    });
  }
  return { source: match[1], symbol: match[2] };
}

/** `SOURCE:SYMBOL` text of a spec. */
export function formatDataSpec(spec: DataSpec): string {
  return `${spec.source}:${spec.symbol}`;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, M: 2_592_000_000, y: 31_536_000_000, wk: 604_800_000, mo: 2_592_000_000 };

/**
 * Length of a source timeframe [ms]: `Ns`, `Nm` (minutes), `Nh`, `Nd`, `Nw`/`Nwk`, `NM`/`Nmo`
 * (months, counted as 30 days), `Ny` (365 days), as ccxt and Yahoo write them.
 * @throws UsageError `BT_DATA_TIMEFRAME` (exit 2) for anything else.
 */
export function sourceTimeframeMs(timeframe: string): number {
  const match = /^(\d+)(s|m|h|d|w|M|y|wk|mo)$/.exec(timeframe);
  if (match === null || Number(match[1]) <= 0) {
    throw new UsageError('BT_DATA_TIMEFRAME', `"${timeframe}" is not a timeframe`, {
      hint: 'write a count and a unit: 1m, 5m, 1h, 4h, 1d, 1w, 1M (month); Yahoo also 1wk, 1mo',
      location: { flag: '--timeframe' },
    });
  }
  return Number(match[1]) * UNIT_MS[match[2]];
}
