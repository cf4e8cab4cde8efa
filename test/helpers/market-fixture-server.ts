/**
 * A local stand-in for an exchange's candle API, for tests and the bench: serves Binance's
 * public REST shapes (`/api/v3/exchangeInfo`, `/api/v3/klines` with its `limit` cap of 1000,
 * default 500, and `startTime`/`endTime` paging) on 127.0.0.1 at a free port, so the real ccxt
 * code path runs unchanged (pointed here through `BT_BINANCE_URL`, i.e. ccxt's `urls.api`).
 *
 * The bars are real: the bundled S&P 500 daily bars (data/sp500-2000.csv), one per hour from
 * 2021-01-01 00:00 UTC as `BTC/USDT` 1h; and as they are, with their adjusted close, from Yahoo's
 * chart endpoint (`/v8/finance/chart/^GSPC`, Yahoo's JSON shape, pointed here through
 * `BT_YAHOO_URL`). Faults are scripted per request, never by timing.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadSp500 } from './bundled-data.js';

/** Start of the fixture series: 2021-01-01 00:00 UTC. */
export const FIXTURE_START = Date.UTC(2021, 0, 1);
/** One hour [ms]. */
export const HOUR = 3_600_000;

/** One scripted answer to a klines request, used once in order. */
export type KlinesFault =
  | { readonly kind: 'status'; readonly status: 429 | 418 | 500 | 502 | 503; readonly retryAfter?: string }
  | { readonly kind: 'truncated' }
  | { readonly kind: 'empty' };

/** A klines request as received. */
export interface KlinesRequest {
  readonly symbol: string;
  readonly interval: string;
  readonly startTime: number | undefined;
  readonly endTime: number | undefined;
  readonly limit: number;
}

/** Bar columns served, ascending. */
export interface FixtureBars {
  readonly time: number[];
  readonly open: number[];
  readonly high: number[];
  readonly low: number[];
  readonly close: number[];
  readonly volume: number[];
}

/** The running fixture server and its script. */
export interface MarketFixture {
  /** `http://127.0.0.1:PORT`, the value of `BT_BINANCE_URL`. */
  readonly url: string;
  readonly bars: FixtureBars;
  /** Every klines request, in order (answered or not). */
  readonly requests: KlinesRequest[];
  /** Answers for the next klines requests, consumed front first. */
  readonly faults: KlinesFault[];
  /** Bars with open time in `[start, end)` are left out (a gap at the exchange). */
  gap: { start: number; end: number } | undefined;
  /** After this many served klines pages, every klines request has its connection dropped. */
  dropAfterPages: number | undefined;
  /** Klines pages served with bars (complete answers). */
  pagesServed: number;
  /** Called after each klines page is sent, with the page number (1-based). */
  onPage: ((page: number) => void) | undefined;
  /** Yahoo chart requests, in order: symbol and the query parameters. */
  readonly chartRequests: { symbol: string; period1: number; period2: number; interval: string }[];
  /** Splits and dividends the Yahoo chart endpoint reports for `^GSPC` (times: UTC midnight of the day). */
  yahooEvents: { splits: { time: number; numerator: number; denominator: number }[]; dividends: { time: number; amount: number }[] };
  close(): Promise<void>;
}

/** The fixture's bars: `count` bars (default: all 5,105) of the bundled file, hourly from {@link FIXTURE_START}. */
export function fixtureBars(count?: number): FixtureBars {
  const sp = loadSp500();
  const n = Math.min(count ?? sp.length, sp.length);
  const out: FixtureBars = { time: [], open: [], high: [], low: [], close: [], volume: [] };
  for (let i = 0; i < n; i++) {
    out.time.push(FIXTURE_START + i * HOUR);
    out.open.push(sp.open[i]);
    out.high.push(sp.high[i]);
    out.low.push(sp.low[i]);
    out.close.push(sp.close[i]);
    out.volume.push(sp.volume[i]);
  }
  return out;
}

function market(symbol: string, base: string, quote: string): Record<string, unknown> {
  return {
    symbol,
    status: 'TRADING',
    baseAsset: base,
    baseAssetPrecision: 8,
    quoteAsset: quote,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: ['LIMIT', 'MARKET'],
    icebergAllowed: true,
    ocoAllowed: true,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: '0.01000000', maxPrice: '1000000.00000000', tickSize: '0.01000000' },
      { filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '9000.00000000', stepSize: '0.00001000' },
    ],
    permissions: ['SPOT'],
    permissionSets: [['SPOT']],
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/**
 * Starts the fixture server on 127.0.0.1 at a free port.
 * @param bars the bars served as BTCUSDT and ETHUSDT (default {@link fixtureBars}()).
 * @param interval the one Binance interval served (default `1h`); others get Binance's -1120 error.
 */
export async function startMarketFixture(bars: FixtureBars = fixtureBars(), interval = '1h'): Promise<MarketFixture> {
  const sockets = new Set<import('node:net').Socket>();
  const fixture: Omit<MarketFixture, 'url' | 'close'> = {
    bars,
    requests: [],
    faults: [],
    gap: undefined,
    dropAfterPages: undefined,
    pagesServed: 0,
    onPage: undefined,
    chartRequests: [],
    yahooEvents: { splits: [], dividends: [] },
  };
  const daily = loadSp500();
  // Yahoo stamps a daily bar with the session's open: 09:30 New York (14:30 UTC in winter).
  const OPEN_OFFSET_S = 14.5 * 3600;
  const chart = (res: ServerResponse, symbol: string, query: URLSearchParams): void => {
    const period1 = Number(query.get('period1'));
    const period2 = Number(query.get('period2'));
    const interval = query.get('interval') ?? '1d';
    fixture.chartRequests.push({ symbol, period1, period2, interval });
    const fault = fixture.faults.shift();
    if (fault?.kind === 'status') {
      // Yahoo's edge answers these with a plain-text body.
      res.writeHead(fault.status, { 'content-type': 'text/plain', ...(fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter }) });
      res.end(fault.status === 429 ? 'Too Many Requests\r\n' : 'Internal Server Error\r\n');
      return;
    }
    if (symbol !== '^GSPC') return send(res, 404, { chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } });
    if (interval !== '1d') return send(res, 400, { chart: { result: null, error: { code: 'Bad Request', description: `Invalid input - interval=${interval} is not supported` } } });
    const timestamp: number[] = [];
    const quote = { open: [] as number[], high: [] as number[], low: [] as number[], close: [] as number[], volume: [] as number[] };
    const adjclose: number[] = [];
    for (let i = 0; i < daily.length; i++) {
      const ts = daily.time[i] / 1000 + OPEN_OFFSET_S;
      if (ts < period1 || ts >= period2) continue;
      timestamp.push(ts);
      quote.open.push(daily.open[i]);
      quote.high.push(daily.high[i]);
      quote.low.push(daily.low[i]);
      quote.close.push(daily.close[i]);
      quote.volume.push(daily.volume[i]);
      adjclose.push(daily.extra.adjclose[i]);
    }
    const inRange = (time: number): boolean => time / 1000 + OPEN_OFFSET_S >= period1 && time / 1000 + OPEN_OFFSET_S < period2;
    const events: Record<string, Record<string, unknown>> = {};
    for (const split of fixture.yahooEvents.splits.filter((e) => inRange(e.time))) {
      const date = split.time / 1000 + OPEN_OFFSET_S;
      (events.splits ??= {})[String(date)] = { date, numerator: split.numerator, denominator: split.denominator, splitRatio: `${split.numerator}:${split.denominator}` };
    }
    for (const dividend of fixture.yahooEvents.dividends.filter((e) => inRange(e.time))) {
      const date = dividend.time / 1000 + OPEN_OFFSET_S;
      (events.dividends ??= {})[String(date)] = { amount: dividend.amount, date };
    }
    const period = (start: number, end: number) => ({ timezone: 'EST', start, end, gmtoffset: -18000 });
    const last = timestamp[timestamp.length - 1] ?? period1;
    const meta = {
      currency: 'USD',
      symbol,
      exchangeName: 'SNP',
      fullExchangeName: 'SNP',
      instrumentType: 'INDEX',
      firstTradeDate: -1325583000,
      regularMarketTime: last,
      hasPrePostMarketData: false,
      gmtoffset: -18000,
      timezone: 'EST',
      exchangeTimezoneName: 'America/New_York',
      regularMarketPrice: quote.close[quote.close.length - 1] ?? 1,
      chartPreviousClose: quote.close[0] ?? 1,
      priceHint: 2,
      currentTradingPeriod: { pre: period(last - 19800, last), regular: period(last, last + 23400), post: period(last + 23400, last + 37800) },
      dataGranularity: '1d',
      range: '',
      validRanges: ['1d', '5d', '1mo', '3mo', '6mo', '1y', '2y', '5y', '10y', 'ytd', 'max'],
    };
    const result: Record<string, unknown> =
      timestamp.length === 0 ? { meta, indicators: { quote: [{}] } } : { meta, timestamp, ...(Object.keys(events).length > 0 ? { events } : {}), indicators: { quote: [quote], adjclose: [{ adjclose }] } };
    send(res, 200, { chart: { result: [result], error: null } });
  };
  const klines = (req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void => {
    const num = (name: string): number | undefined => (query.has(name) ? Number(query.get(name)) : undefined);
    const request: KlinesRequest = { symbol: query.get('symbol') ?? '', interval: query.get('interval') ?? '', startTime: num('startTime'), endTime: num('endTime'), limit: num('limit') ?? 500 };
    fixture.requests.push(request);
    if (fixture.dropAfterPages !== undefined && fixture.pagesServed >= fixture.dropAfterPages) {
      req.socket.destroy();
      return;
    }
    const fault = fixture.faults.shift();
    if (fault?.kind === 'status') {
      send(res, fault.status, fault.status === 429 || fault.status === 418 ? { code: -1003, msg: 'Too many requests; current limit is 6000 request weight per 1 MINUTE.' } : { code: -1001, msg: 'Internal error; unable to process your request. Please try again.' }, fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter });
      return;
    }
    if (fault?.kind === 'empty') {
      send(res, 200, []);
      return;
    }
    if (request.symbol !== 'BTCUSDT' && request.symbol !== 'ETHUSDT') return send(res, 400, { code: -1121, msg: 'Invalid symbol.' });
    if (request.interval !== interval) return send(res, 400, { code: -1120, msg: 'Invalid interval.' });
    if (!(request.limit >= 1 && request.limit <= 1000)) return send(res, 400, { code: -1130, msg: "Data sent for parameter 'limit' is not valid." });
    const rows: unknown[] = [];
    for (let i = 0; i < bars.time.length && rows.length < request.limit; i++) {
      const t = bars.time[i];
      if (request.startTime !== undefined && t < request.startTime) continue;
      if (request.endTime !== undefined && t > request.endTime) break;
      if (fixture.gap !== undefined && t >= fixture.gap.start && t < fixture.gap.end) continue;
      rows.push([t, String(bars.open[i]), String(bars.high[i]), String(bars.low[i]), String(bars.close[i]), String(bars.volume[i]), t + (bars.time[1] - bars.time[0] || HOUR) - 1, '0', 100, '0', '0', '0']);
    }
    if (fault?.kind === 'truncated') {
      const text = JSON.stringify(rows);
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', 'content-length': String(Buffer.byteLength(text)) });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      res.socket?.destroy();
      return;
    }
    send(res, 200, rows);
    if (rows.length > 0) {
      fixture.pagesServed++;
      fixture.onPage?.(fixture.pagesServed);
    }
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/api/v3/exchangeInfo') {
      return send(res, 200, { timezone: 'UTC', serverTime: FIXTURE_START, rateLimits: [], exchangeFilters: [], symbols: [market('BTCUSDT', 'BTC', 'USDT'), market('ETHUSDT', 'ETH', 'USDT')] });
    }
    if (url.pathname === '/fapi/v1/exchangeInfo' || url.pathname === '/dapi/v1/exchangeInfo') return send(res, 200, { timezone: 'UTC', serverTime: FIXTURE_START, rateLimits: [], exchangeFilters: [], symbols: [] });
    if (url.pathname === '/api/v3/klines') return klines(req, res, url.searchParams);
    const chartPath = /^\/v8\/finance\/chart\/(.+)$/.exec(url.pathname);
    if (chartPath !== null) return chart(res, decodeURIComponent(chartPath[1]), url.searchParams);
    send(res, 404, { code: -1, msg: `no route ${url.pathname}` });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fixture, {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  }) as MarketFixture;
}
