/**
 * What the cache needs from a market-data source (a ccxt exchange, Yahoo): check a symbol and
 * a timeframe, and hand over the bars of a time range page by page.
 */
import type { CorporateAction } from '../cache/series-file.js';
import type { TimeRange } from '../cache/ranges.js';

/**
 * Bars as a source delivers them, one array per field: `time` [UTC epoch ms, bar open],
 * prices [quote currency], `volume` [units; NaN when unknown], `extra` further columns by name
 * (e.g. `adjclose`), each as long as `time`.
 */
export interface BarRows {
  readonly time: number[];
  readonly open: number[];
  readonly high: number[];
  readonly low: number[];
  readonly close: number[];
  readonly volume: number[];
  readonly extra: Record<string, number[]>;
}

/** Returns empty {@link BarRows} with the given extra columns. */
export function emptyRows(extraColumns: readonly string[] = []): BarRows {
  const extra: Record<string, number[]> = {};
  for (const name of extraColumns) extra[name] = [];
  return { time: [], open: [], high: [], low: [], close: [], volume: [], extra };
}

/** A source of bars by symbol. */
export interface MarketSource {
  /** Name in data specs and the cache folder: the ccxt exchange id (`binance`) or `yahoo`. */
  readonly name: string;
  /** Extra columns every page carries (`adjclose` for Yahoo). */
  readonly extraColumns: readonly string[];
  /**
   * Checks that the source knows `symbol` and serves `timeframe`.
   * @returns the symbol as the source spells it.
   * @throws UsageError (exit 2) `BT_DATA_UNKNOWN_SYMBOL` or `BT_DATA_TIMEFRAME`, with a "did you mean".
   */
  prepare(symbol: string, timeframe: string): Promise<string>;
  /**
   * Fetches the bars with open time in `range`, oldest first, calling `onPage` once per complete
   * page (a failed or interrupted fetch keeps the pages already handed over).
   * @returns corporate actions reported for the range (none for exchanges).
   * @throws DataError `BT_DATA_FETCH_FAILED` (exit 3) after the retries; InterruptedError when `signal` aborts between pages.
   */
  fetchRange(symbol: string, timeframe: string, range: TimeRange, onPage: (rows: BarRows) => void, signal?: AbortSignal): Promise<readonly CorporateAction[]>;
}
