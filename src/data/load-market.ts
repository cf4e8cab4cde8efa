/**
 * Bars by symbol for a run: resolve a data spec (`binance:BTC/USDT`) through the local cache,
 * fetching only what is missing (or nothing, offline), and hand the window's bars to the engine
 * as a {@link BarSeries} with its provenance.
 */
import type { BarSeries } from './bar-series.js';
import { hasTimeOfDay } from './build-series.js';
import { hashColumns } from './cache/hash-columns.js';
import { updateSeries, type UpdateOptions, type UpdateOutcome } from './cache/update-series.js';
import type { CachedSeries } from './cache/series-file.js';
import { DataError } from '../errors.js';
import { openCcxtSource } from './sources/ccxt-source.js';
import { formatDataSpec, parseDataSpec, type DataSpec } from './sources/data-spec.js';
import type { MarketSource } from './sources/market-source.js';
import { openYahooSource } from './sources/yahoo-source.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Timeframe of a data spec when `--timeframe` is not given. */
export const DEFAULT_SOURCE_TIMEFRAME = '1d';

/** Where the bars of a run came from (recorded in the result document as `data.market`). */
export interface MarketProvenance {
  /** `yahoo` or the ccxt exchange id. */
  readonly source: string;
  readonly symbol: string;
  readonly timeframe: string;
  /** When the cached series last received bars, ISO 8601 UTC. */
  readonly fetchedAt: string;
  /**
   * SHA-256 (hex) of the bars used: for each column time, open, high, low, close, volume (then
   * extra columns by name), its float64 values in little-endian byte order.
   */
  readonly sha256: string;
  /** `raw` OHLC as traded, or `adjusted` for splits and dividends (`--adjust`, Yahoo). */
  readonly prices: 'raw' | 'adjusted';
}

/** Opens the source a spec names: Yahoo, or a ccxt exchange. */
export function openSource(spec: DataSpec, env: Env): Promise<MarketSource> {
  return spec.source === 'yahoo' ? openYahooSource(env) : openCcxtSource(spec.source, env);
}

/** Options of {@link loadMarketSeries}. */
export interface MarketLoadOptions {
  readonly dir: string;
  readonly timeframe: string;
  /** First bar [UTC epoch ms], inclusive; undefined: the first cached bar. */
  readonly from?: number;
  /** Last bar time [UTC epoch ms], inclusive; undefined: up to now (online) or the cache's end (offline). */
  readonly to?: number;
  readonly offline: boolean;
  /** Scale OHLC by adjclose / close (splits and dividends); needs an `adjclose` column. */
  readonly adjust?: boolean;
  readonly env: Env;
  readonly now: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: UpdateOptions['onProgress'];
}

/** First index with `time[i] >= t` in ascending `time`. */
function lowerBound(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Turns a cached series (or its `[from, to]` window) into a {@link BarSeries}; `adjust`
 * multiplies open, high, low and close by adjclose / close bar by bar (Yahoo's adjustment).
 * @throws DataError `BT_DATA_NO_ADJCLOSE` when `adjust` is asked of a series without adjclose.
 */
export function toBarSeries(cached: CachedSeries, spec: string, from: number | undefined, to: number | undefined, adjust = false): { series: BarSeries; provenance: MarketProvenance } {
  const start = from === undefined ? 0 : lowerBound(cached.time, from);
  const end = to === undefined ? cached.length : lowerBound(cached.time, to + 1);
  // Views on the cached columns (read-only for the engine): no copy.
  const cut = (values: Float64Array): Float64Array => values.subarray(start, Math.max(start, end));
  const time = cut(cached.time);
  let open = cut(cached.open);
  let high = cut(cached.high);
  let low = cut(cached.low);
  let close = cut(cached.close);
  const extra: Record<string, Float64Array> = {};
  for (const name of Object.keys(cached.extra).sort()) extra[name] = cut(cached.extra[name]);
  if (adjust) {
    const adjclose = extra.adjclose;
    if (adjclose === undefined) {
      throw new DataError('BT_DATA_NO_ADJCLOSE', `${spec} has no adjusted close, so --adjust cannot apply`, { hint: '--adjust works with Yahoo data; drop it for exchange data' });
    }
    const scale = (values: Float64Array): Float64Array => values.map((v, i) => (v * adjclose[i]) / close[i]);
    open = scale(open);
    high = scale(high);
    low = scale(low);
    close = adjclose.slice();
  }
  const volume = cut(cached.volume);
  const whole = start === 0 && end === cached.length && !adjust && cached.record.sha256 !== undefined;
  const sha256 = whole ? cached.record.sha256! : hashColumns([time, open, high, low, close, volume, ...Object.values(extra)]);
  const record = cached.record;
  const provenance: MarketProvenance = {
    source: record.source,
    symbol: record.symbol,
    timeframe: record.timeframe,
    fetchedAt: new Date(record.fetchedAt).toISOString(),
    sha256,
    prices: adjust ? 'adjusted' : 'raw',
  };
  const series: BarSeries = {
    symbol: record.symbol,
    time,
    open,
    high,
    low,
    close,
    volume,
    length: time.length,
    extra,
    intraday: hasTimeOfDay(time, time.length),
    source: { file: spec, dialect: `cache(${record.source} ${record.symbol} ${record.timeframe}, ${adjust ? 'adjusted' : 'raw'}, fetched ${provenance.fetchedAt})`, sha256 },
  };
  return { series, provenance };
}

/**
 * Loads the bars of data spec `specText` for `[from, to]`, fetching what the cache lacks
 * (unless offline).
 * @throws UsageError `BT_DATA_SPEC`, `BT_DATA_UNKNOWN_SOURCE`, `BT_DATA_UNKNOWN_SYMBOL`,
 *   `BT_DATA_TIMEFRAME` (exit 2); DataError `BT_DATA_OFFLINE`, `BT_DATA_FETCH_FAILED`,
 *   `BT_CACHE_CORRUPT`, `BT_DATA_TOO_FEW_BARS` (exit 3); InterruptedError (exit 130).
 */
export async function loadMarketSeries(specText: string, options: MarketLoadOptions): Promise<{ series: BarSeries; provenance: MarketProvenance; outcome: UpdateOutcome }> {
  const spec = parseDataSpec(specText);
  const outcome = await updateSeries({
    dir: options.dir,
    spec,
    timeframe: options.timeframe,
    window: { start: options.from, end: options.to === undefined ? undefined : options.to + 1 },
    offline: options.offline,
    now: options.now,
    openSource: () => openSource(spec, options.env),
    signal: options.signal,
    onProgress: options.onProgress,
  });
  const label = formatDataSpec({ source: spec.source, symbol: outcome.symbol });
  if (outcome.series === undefined || outcome.series.length === 0) {
    throw new DataError('BT_DATA_TOO_FEW_BARS', `${label} --timeframe ${options.timeframe} has no bars in the window`, { hint: 'check --from and --to against the market\'s history' });
  }
  const { series, provenance } = toBarSeries(outcome.series, label, options.from, options.to, options.adjust);
  if (series.length === 0) {
    throw new DataError('BT_DATA_TOO_FEW_BARS', `${label} --timeframe ${options.timeframe} has no bars between --from and --to`, { hint: 'widen --from/--to' });
  }
  return { series, provenance, outcome };
}
