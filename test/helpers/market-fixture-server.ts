/**
 * A local stand-in for an exchange's candle API, for tests and the bench: serves Binance's
 * public REST shapes (`/api/v3/exchangeInfo`, `/api/v3/klines` with its `limit` cap of 1000,
 * default 500, and `startTime`/`endTime` paging) on 127.0.0.1 at a free port, so the real ccxt
 * code path runs unchanged (pointed here through `BT_BINANCE_URL`, i.e. ccxt's `urls.api`).
 *
 * The bars are real: the bundled S&P 500 daily bars (data/sp500-2000.csv), one per hour from
 * 2021-01-01 00:00 UTC as `BTC/USDT` 1h. Faults are scripted per request, never by timing.
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
  const fixture: Omit<MarketFixture, 'url' | 'close'> = { bars, requests: [], faults: [], gap: undefined, dropAfterPages: undefined, pagesServed: 0, onPage: undefined };
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
