/**
 * Yahoo Finance bars through `yahoo-finance2` (its `chart` module, Yahoo's `/v8/finance/chart`
 * endpoint): raw OHLC as traded, the adjusted close kept as the extra column `adjclose`, and
 * the splits and dividends Yahoo reports recorded in the cache; adjusted OHLC only on request
 * (`--adjust`).
 *
 * Timeframes as Yahoo names them: 1m, 2m, 5m, 15m, 30m, 60m, 90m, 1h, 1d, 5d, 1wk, 1mo, 3mo
 * (intraday only for recent months, as Yahoo serves it). Daily and longer bars are dated at
 * 00:00 UTC of their exchange-local trading day, as daily CSV files are.
 *
 * Environment: `BT_YAHOO_URL` replaces the scheme and host of Yahoo's URLs (a proxy or a local
 * test server), through the client's `fetch` option. Yahoo needs no API key.
 */
import { DataError, InterruptedError, UsageError } from '../../errors.js';
import { closestMatch } from '../../config/suggest.js';
import { formatTime } from '../bar-series.js';
import type { TimeRange } from '../cache/ranges.js';
import type { CorporateAction } from '../cache/series-file.js';
import { retryPolicy, withRetries, type FailureInfo } from './fetch-retry.js';
import { emptyRows, type BarRows, type MarketSource } from './market-source.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Intervals Yahoo's chart endpoint serves. */
export const YAHOO_TIMEFRAMES: readonly string[] = ['1m', '2m', '5m', '15m', '30m', '60m', '90m', '1h', '1d', '5d', '1wk', '1mo', '3mo'];

const DAY_MS = 86_400_000;
const DAILY = new Set(['1d', '5d', '1wk', '1mo', '3mo']);

/** The part of the yahoo-finance2 client used here. */
interface YahooClient {
  chart(
    symbol: string,
    query: { period1: Date; period2: Date; interval: string; events: string; includePrePost: boolean; return: 'array' },
    moduleOptions?: Record<string, unknown>,
  ): Promise<{
    meta: { gmtoffset?: number | null; symbol: string };
    quotes: { date: Date; open: number | null; high: number | null; low: number | null; close: number | null; volume: number | null; adjclose?: number | null }[];
    events?: { dividends?: { date: Date; amount: number }[]; splits?: { date: Date; numerator: number; denominator: number }[] };
  }>;
}

/**
 * Opens the Yahoo source.
 */
export async function openYahooSource(env: Env): Promise<MarketSource> {
  const { default: YahooFinance } = (await import('yahoo-finance2')) as unknown as { default: new (options: Record<string, unknown>) => YahooClient };
  const override = env.BT_YAHOO_URL?.replace(/\/+$/, '');
  // The client's logger option: its notices and its runtime check (it asks for Node 22 at
  // run time while its package declares Node >= 20; the chart path bt uses is tested on Node 20)
  // must not reach bt's stdout, which carries only results.
  const quiet = (): void => undefined;
  const options: Record<string, unknown> = {
    suppressNotices: ['yahooSurvey', 'ripHistorical'],
    validation: { logErrors: false },
    logger: { info: quiet, warn: quiet, error: quiet, debug: quiet, dir: quiet },
  };
  if (override !== undefined && override !== '') {
    options.fetch = (input: string | URL | Request, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      return fetch(url.replace(/^https?:\/\/[^/]+/, override), init);
    };
  }
  return new YahooSource(new YahooFinance(options), retryPolicy(env));
}

const iso = (ms: number): string => formatTime(ms, true);

function classify(error: unknown): FailureInfo {
  const name = error instanceof Error ? error.name : 'Error';
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 160);
  const status = (error as { code?: unknown }).code;
  const network = error instanceof TypeError || /fetch failed|socket|ECONNRESET|terminated|not parsable/i.test(message);
  const transient = network || status === 429 || (typeof status === 'number' && status >= 500);
  return { transient, description: `${name}${typeof status === 'number' ? ` ${status}` : ''}: ${message}` };
}

class YahooSource implements MarketSource {
  readonly name = 'yahoo';
  readonly extraColumns: readonly string[] = ['adjclose'];
  readonly #client: YahooClient;
  readonly #policy;

  constructor(client: YahooClient, policy: ReturnType<typeof retryPolicy>) {
    this.#client = client;
    this.#policy = policy;
  }

  async prepare(symbol: string, timeframe: string): Promise<string> {
    if (!YAHOO_TIMEFRAMES.includes(timeframe)) {
      const guess = ({ '1w': '1wk', '1M': '1mo', '1W': '1wk' } as Record<string, string>)[timeframe] ?? closestMatch(timeframe, YAHOO_TIMEFRAMES);
      throw new UsageError('BT_DATA_TIMEFRAME', `yahoo has no "${timeframe}" bars${guess === undefined ? '' : `; did you mean "${guess}"?`}`, {
        hint: `its timeframes: ${YAHOO_TIMEFRAMES.join(', ')}`,
        location: { flag: '--timeframe' },
      });
    }
    return symbol.toUpperCase();
  }

  async fetchRange(symbol: string, timeframe: string, range: TimeRange, onPage: (rows: BarRows) => void, signal?: AbortSignal): Promise<readonly CorporateAction[]> {
    if (signal?.aborted === true) throw new InterruptedError();
    const what = `yahoo chart ${symbol} ${timeframe} from ${iso(range.start)}`;
    const daily = DAILY.has(timeframe);
    const result = await withRetries(
      () => this.#client.chart(symbol, { period1: new Date(range.start), period2: new Date(range.end), interval: timeframe, events: 'div|split', includePrePost: false, return: 'array' }),
      classify,
      (error, info) => {
        if (/no data found|symbol may be delisted|not found/i.test(info.description)) {
          return new UsageError('BT_DATA_UNKNOWN_SYMBOL', `yahoo has no symbol "${symbol}" (${info.description})`, { hint: 'check the ticker on finance.yahoo.com, e.g. AAPL, ^GSPC, BTC-USD', location: { flag: '--data' }, cause: error });
        }
        return new DataError('BT_DATA_FETCH_FAILED', `${what} failed: ${info.description}`, { hint: 'check the symbol, the dates and the timeframe', cause: error });
      },
      what,
      this.#policy,
      signal,
    );
    const offsetMs = (result.meta.gmtoffset ?? 0) * 1000;
    // Daily and longer bars: 00:00 UTC of the exchange-local trading day.
    const stamp = (date: Date): number => (daily ? Math.floor((date.getTime() + offsetMs) / DAY_MS) * DAY_MS : date.getTime());
    const rows = emptyRows(this.extraColumns);
    for (const quote of result.quotes) {
      const { open, high, low, close } = quote;
      // Yahoo sends null prices for days without trades (holidays in some markets): no bar.
      if (open === null || high === null || low === null || close === null) continue;
      const time = stamp(quote.date);
      if (time < range.start || time >= range.end) continue;
      rows.time.push(time);
      rows.open.push(open);
      rows.high.push(high);
      rows.low.push(low);
      rows.close.push(close);
      rows.volume.push(quote.volume ?? NaN);
      rows.extra.adjclose.push(quote.adjclose ?? NaN);
    }
    if (rows.time.length > 0) onPage(rows);
    const actions: CorporateAction[] = [];
    for (const split of result.events?.splits ?? []) actions.push({ time: stamp(split.date), kind: 'split', value: split.numerator / split.denominator });
    for (const dividend of result.events?.dividends ?? []) actions.push({ time: stamp(dividend.date), kind: 'dividend', value: dividend.amount });
    return actions;
  }
}
