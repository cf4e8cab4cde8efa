/**
 * Bars from any exchange that ccxt supports, through its unified `fetchOHLCV` paginated by
 * `since`/`limit`, with ccxt's own rate limiter (`enableRateLimit`) and error classes.
 *
 * Environment (never flags, so keys stay out of shell history and result files):
 * - `BT_<EXCHANGE>_API_KEY`, `BT_<EXCHANGE>_SECRET`, `BT_<EXCHANGE>_PASSWORD`: credentials, for
 *   exchanges whose candles need them (e.g. `BT_BINANCE_API_KEY`);
 * - `BT_<EXCHANGE>_URL`: replaces the scheme and host of every API URL of the exchange (a
 *   proxy, a mirror, or a local test server), through ccxt's `urls.api` setting.
 */
import { DataError, InterruptedError, UsageError } from '../../errors.js';
import { closestMatch } from '../../config/suggest.js';
import { formatTime } from '../bar-series.js';
import type { TimeRange } from '../cache/ranges.js';
import { retryPolicy, withRetries, type FailureInfo } from './fetch-retry.js';
import { emptyRows, type BarRows, type MarketSource } from './market-source.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The parts of a ccxt exchange object used here. */
interface CcxtExchange {
  readonly id: string;
  urls: Record<string, unknown>;
  readonly timeframes: Record<string, unknown> | undefined;
  markets: Record<string, unknown> | undefined;
  readonly features?: { spot?: { fetchOHLCV?: { limit?: number } } };
  readonly has: Record<string, unknown>;
  readonly last_response_headers?: Record<string, string>;
  loadMarkets(): Promise<Record<string, unknown>>;
  fetchOHLCV(symbol: string, timeframe: string, since: number, limit: number, params: Record<string, unknown>): Promise<unknown>;
}

/** Env-variable stem of an exchange id: `binance` → `BT_BINANCE`. */
export function envStem(exchangeId: string): string {
  return `BT_${exchangeId.toUpperCase()}`;
}

/** Rewrites the origin of every URL string in `value` (recursively) to `origin`. */
function rewriteOrigins(value: unknown, origin: string): unknown {
  if (typeof value === 'string') return /^https?:\/\//.test(value) ? value.replace(/^https?:\/\/[^/]+/, origin) : value;
  if (Array.isArray(value)) return value.map((v) => rewriteOrigins(v, origin));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = rewriteOrigins(v, origin);
    return out;
  }
  return value;
}

/**
 * Opens the ccxt exchange `exchangeId` as a {@link MarketSource}.
 * @throws UsageError `BT_DATA_UNKNOWN_SOURCE` (exit 2) when ccxt has no such exchange, with a "did you mean".
 */
export async function openCcxtSource(exchangeId: string, env: Env): Promise<MarketSource> {
  const ccxt = (await import('ccxt')).default as unknown as Record<string, unknown> & { exchanges: string[] };
  if (!ccxt.exchanges.includes(exchangeId)) {
    const guess = closestMatch(exchangeId, ['yahoo', ...ccxt.exchanges]);
    throw new UsageError('BT_DATA_UNKNOWN_SOURCE', `unknown data source "${exchangeId}"${guess === undefined ? '' : `; did you mean "${guess}"?`}`, {
      hint: `a source is "yahoo" or a ccxt exchange id (${ccxt.exchanges.length} of them, e.g. binance, coinbase, kraken, bybit, okx)`,
      location: { flag: '--data' },
    });
  }
  const stem = envStem(exchangeId);
  const Exchange = ccxt[exchangeId] as new (config: Record<string, unknown>) => CcxtExchange;
  const exchange = new Exchange({
    enableRateLimit: true,
    apiKey: env[`${stem}_API_KEY`],
    secret: env[`${stem}_SECRET`],
    password: env[`${stem}_PASSWORD`],
  });
  const override = env[`${stem}_URL`];
  if (override !== undefined && override !== '') exchange.urls = { ...exchange.urls, api: rewriteOrigins(exchange.urls.api, override.replace(/\/+$/, '')) };
  return new CcxtSource(exchange, ccxt, env);
}

const iso = (ms: number): string => formatTime(ms, true);

class CcxtSource implements MarketSource {
  readonly name: string;
  readonly extraColumns: readonly string[] = [];
  readonly #exchange: CcxtExchange;
  readonly #errors: Record<string, unknown>;
  readonly #policy;

  constructor(exchange: CcxtExchange, ccxt: Record<string, unknown>, env: Env) {
    this.name = exchange.id;
    this.#exchange = exchange;
    this.#errors = ccxt;
    this.#policy = retryPolicy(env);
  }

  #isA(error: unknown, className: string): boolean {
    const cls = this.#errors[className];
    return typeof cls === 'function' && error instanceof (cls as new () => Error);
  }

  #classify(error: unknown): FailureInfo {
    const name = error instanceof Error ? error.constructor.name : 'Error';
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 160);
    // OperationFailed covers NetworkError (rate limits, 5xx, timeouts) and exchange-reported transient failures.
    const transient = this.#isA(error, 'OperationFailed') || this.#isA(error, 'BadResponse') || this.#isA(error, 'NullResponse') || error instanceof MalformedPage;
    const header = this.#exchange.last_response_headers?.['Retry-After'];
    const retryAfterSeconds = header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
    return { transient, retryAfterSeconds, description: `${name}: ${message}` };
  }

  #fail(error: unknown, info: FailureInfo, what: string): Error {
    if (error instanceof InterruptedError || error instanceof DataError || error instanceof UsageError) return error;
    if (this.#isA(error, 'BadSymbol')) {
      return new UsageError('BT_DATA_UNKNOWN_SYMBOL', `${this.name} rejected the symbol: ${info.description}`, { hint: 'check the symbol with the exchange', location: { flag: '--data' }, cause: error });
    }
    if (this.#isA(error, 'AuthenticationError') || this.#isA(error, 'PermissionDenied')) {
      return new DataError('BT_DATA_AUTH', `${what} was refused: ${info.description}`, {
        hint: `set ${envStem(this.name)}_API_KEY and ${envStem(this.name)}_SECRET in the environment (never on the command line)`,
        cause: error,
      });
    }
    return new DataError('BT_DATA_FETCH_FAILED', `${what} failed: ${info.description}`, { hint: 'check the symbol, the dates and the exchange status', cause: error });
  }

  async #retry<T>(request: () => Promise<T>, what: string, signal?: AbortSignal): Promise<T> {
    return withRetries(request, (e) => this.#classify(e), (e, info) => this.#fail(e, info, what), what, this.#policy, signal);
  }

  async prepare(symbol: string, timeframe: string): Promise<string> {
    const exchange = this.#exchange;
    const timeframes = Object.keys(exchange.timeframes ?? {});
    if (exchange.has.fetchOHLCV !== true && exchange.has.fetchOHLCV !== 'emulated') {
      throw new UsageError('BT_DATA_TIMEFRAME', `${this.name} serves no OHLCV bars through ccxt`, { hint: 'pick another exchange', location: { flag: '--data' } });
    }
    if (timeframes.length > 0 && !timeframes.includes(timeframe)) {
      const guess = closestMatch(timeframe, timeframes);
      throw new UsageError('BT_DATA_TIMEFRAME', `${this.name} has no "${timeframe}" bars${guess === undefined ? '' : `; did you mean "${guess}"?`}`, {
        hint: `its timeframes: ${timeframes.join(', ')}`,
        location: { flag: '--timeframe' },
      });
    }
    const markets = await this.#retry(() => exchange.loadMarkets(), `${this.name} loadMarkets`);
    if (markets[symbol] !== undefined) return symbol;
    const upper = symbol.toUpperCase();
    if (markets[upper] !== undefined) return upper;
    const names = Object.keys(markets);
    const guess = closestMatch(symbol, names);
    throw new UsageError('BT_DATA_UNKNOWN_SYMBOL', `${this.name} has no symbol "${symbol}"${guess === undefined ? '' : `; did you mean "${guess}"?`}`, {
      hint: `ccxt symbols are BASE/QUOTE, e.g. BTC/USDT (${names.length} markets on ${this.name})`,
      location: { flag: '--data' },
    });
  }

  async fetchRange(symbol: string, timeframe: string, range: TimeRange, onPage: (rows: BarRows) => void, signal?: AbortSignal): Promise<readonly []> {
    const exchange = this.#exchange;
    const limit = exchange.features?.spot?.fetchOHLCV?.limit ?? 500;
    let since = range.start;
    while (since < range.end) {
      if (signal?.aborted === true) throw new InterruptedError();
      const what = `${this.name} fetchOHLCV ${symbol} ${timeframe} since ${iso(since)}`;
      const raw = await this.#retry(async () => checkPage(await exchange.fetchOHLCV(symbol, timeframe, since, limit, { until: range.end - 1 })), what, signal);
      const rows = emptyRows();
      for (const bar of raw) {
        const t = bar[0];
        if (t < since || t >= range.end) continue;
        rows.time.push(t);
        rows.open.push(bar[1]);
        rows.high.push(bar[2]);
        rows.low.push(bar[3]);
        rows.close.push(bar[4]);
        rows.volume.push(bar[5] ?? NaN);
      }
      if (rows.time.length === 0) break;
      onPage(rows);
      since = rows.time[rows.time.length - 1] + 1;
    }
    return [];
  }
}

/** A page that is not a list of `[time, open, high, low, close, volume]` (e.g. a cut-off body). */
class MalformedPage extends Error {}

function checkPage(value: unknown): number[][] {
  if (!Array.isArray(value)) throw new MalformedPage('the response is not a list of bars');
  for (const bar of value) {
    if (!Array.isArray(bar) || bar.length < 5 || typeof bar[0] !== 'number') throw new MalformedPage('a bar is not [time, open, high, low, close, volume]');
  }
  return value as number[][];
}
