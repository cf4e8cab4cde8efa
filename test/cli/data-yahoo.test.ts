/**
 * `yahoo:SYMBOL` through yahoo-finance2 (issue 10) against the local fixture server serving
 * Yahoo's chart endpoint shape with the bundled S&P 500 bars (pointed there by BT_YAHOO_URL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { loadSp500 } from '../helpers/bundled-data.js';
import { startMarketFixture, type MarketFixture } from '../helpers/market-fixture-server.js';
import { runCli } from './run-cli.js';

let fx: MarketFixture;
let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  fx = await startMarketFixture();
});
afterAll(async () => {
  await fx.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bt-yahoo-'));
  env = { BT_DATA_DIR: dir, BT_YAHOO_URL: fx.url, BT_FETCH_BACKOFF_MS: '1', BT_FETCH_RETRIES: '3' };
  fx.chartRequests.length = 0;
  fx.faults.length = 0;
  fx.yahooEvents = { splits: [], dividends: [] };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

test('daily bars: raw OHLC dated at 00:00 UTC, adjclose kept, splits and dividends recorded; only the tail is fetched again', async () => {
  fx.yahooEvents = { splits: [{ time: day('2010-03-01'), numerator: 2, denominator: 1 }], dividends: [{ time: day('2010-06-01'), amount: 0.5 }] };
  const out = await runCli(['data', 'fetch', 'yahoo:^GSPC', '--timeframe', '1d', '--from', '2010-01-01', '--to', '2010-06-30', '--json'], { env });
  expect(out.code, out.stderr).toBe(0);
  const sp = loadSp500();
  const expected = Array.from(sp.time).filter((t) => t >= day('2010-01-01') && t < day('2010-07-01')).length;
  expect((JSON.parse(out.stdout) as { rows: number }[])[0]).toMatchObject({ source: 'yahoo', symbol: '^GSPC', timeframe: '1d', rows: expected, gaps: 0, firstBar: '2010-01-04T00:00:00.000Z' });
  const show = await runCli(['data', 'show', 'yahoo:^GSPC', '--rows', '1', '--json'], { env });
  const doc = JSON.parse(show.stdout) as { head: Record<string, number>[]; actions: unknown[] };
  const i = sp.time.indexOf(day('2010-01-04'));
  expect(doc.head[0]).toEqual({ time: '2010-01-04T00:00:00.000Z', open: sp.open[i], high: sp.high[i], low: sp.low[i], close: sp.close[i], volume: sp.volume[i], adjclose: sp.extra.adjclose[i] });
  expect(doc.actions).toEqual([
    { time: '2010-03-01T00:00:00.000Z', kind: 'split', value: 2 },
    { time: '2010-06-01T00:00:00.000Z', kind: 'dividend', value: 0.5 },
  ]);
  fx.chartRequests.length = 0;
  expect((await runCli(['data', 'fetch', 'yahoo:^GSPC', '--timeframe', '1d', '--from', '2010-01-01', '--to', '2010-12-31', '-q'], { env })).code).toBe(0);
  expect(fx.chartRequests.map((r) => [r.period1, r.period2])).toEqual([[day('2010-07-01') / 1000, day('2011-01-01') / 1000]]);
});

test('--adjust gives adjusted OHLC explicitly, and the result says so; raw is the default', async () => {
  expect((await runCli(['data', 'fetch', 'yahoo:^GSPC', '--timeframe', '1d', '--from', '2019-01-01', '--to', '2019-12-31', '-q'], { env })).code).toBe(0);
  const raw = await runCli(['run', '--data', 'yahoo:^GSPC', '--offline', '--strategy', 'sma-cross', '--json'], { env });
  const adjusted = await runCli(['run', '--data', 'yahoo:^GSPC', '--offline', '--adjust', '--strategy', 'sma-cross', '--json'], { env });
  expect([raw.code, adjusted.code], adjusted.stderr).toEqual([0, 0]);
  const rawDoc = JSON.parse(raw.stdout) as { data: { market: { prices: string; timeframe: string }; sha256: string } };
  const adjustedDoc = JSON.parse(adjusted.stdout) as { data: { market: { prices: string }; sha256: string } };
  expect([rawDoc.data.market.prices, rawDoc.data.market.timeframe, adjustedDoc.data.market.prices]).toEqual(['raw', '1d', 'adjusted']);
  expect(adjustedDoc.data.sha256).not.toBe(rawDoc.data.sha256);
  const exportPath = join(dir, 'adj.csv');
  const exported = await runCli(['data', 'export', 'yahoo:^GSPC', '--adjust', '--out', exportPath, '--json'], { env });
  expect(JSON.parse(exported.stdout)).toMatchObject({ prices: 'adjusted', sha256: adjustedDoc.data.sha256 });
});

test('unknown Yahoo symbol and timeframe are usage errors; 5xx on every try is a data error', async () => {
  const symbol = await runCli(['data', 'fetch', 'yahoo:NOPE', '--timeframe', '1d', '--from', '2019-01-01', '--to', '2019-02-01'], { env });
  expect([symbol.code, symbol.stderr.split('\n')[0]]).toEqual([2, 'error[BT_DATA_UNKNOWN_SYMBOL]: yahoo has no symbol "NOPE" (Error: No data found, symbol may be delisted)']);
  const timeframe = await runCli(['data', 'fetch', 'yahoo:^GSPC', '--timeframe', '1w', '--from', '2019-01-01'], { env });
  expect([timeframe.code, timeframe.stderr.split('\n')[0]]).toEqual([2, 'error[BT_DATA_TIMEFRAME]: yahoo has no "1w" bars; did you mean "1wk"?']);
  fx.faults.push({ kind: 'status', status: 500 }, { kind: 'status', status: 502 }, { kind: 'status', status: 503 });
  const failing = await runCli(['data', 'fetch', 'yahoo:^GSPC', '--timeframe', '1d', '--from', '2019-01-01', '--to', '2019-02-01'], { env });
  expect(failing.code).toBe(3);
  expect(failing.stderr).toMatch(/^error\[BT_DATA_FETCH_FAILED\]: yahoo chart \^GSPC 1d from 2019-01-01 00:00:00 failed after 3 tries: HTTPError 503: Internal Server Error/);
  fx.faults.push({ kind: 'status', status: 429, retryAfter: '0' });
  fx.chartRequests.length = 0;
  const retried = await runCli(['data', 'fetch', 'yahoo:^GSPC', '--timeframe', '1d', '--from', '2019-01-01', '--to', '2019-02-01', '-q'], { env });
  expect([retried.code, fx.chartRequests.length], retried.stderr).toEqual([0, 2]);
});
