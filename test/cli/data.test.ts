/**
 * `bt data` and `--data SOURCE:SYMBOL` (issue 10) against a local Binance-shaped HTTP server:
 * the real ccxt client runs unchanged, pointed at 127.0.0.1 through BT_BINANCE_URL (its
 * `urls.api`). Faults are scripted per request (no timing).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { HOUR, startMarketFixture, type MarketFixture } from '../helpers/market-fixture-server.js';
import { spawn } from 'node:child_process';
import { binPath, projectRoot, runCli } from './run-cli.js';

/** Runs the built CLI as a child process; `onChild` sees it start (to signal it). */
function spawnBt(args: readonly string[], env: Record<string, string>, onChild?: (child: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], { cwd: projectRoot, env: { PATH: process.env.PATH ?? '', BT_STORE: 'off', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    onChild?.(child);
  });
}

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
  dir = mkdtempSync(join(tmpdir(), 'bt-data-'));
  env = { BT_DATA_DIR: dir, BT_BINANCE_URL: fx.url, BT_FETCH_BACKOFF_MS: '1', BT_FETCH_RETRIES: '3' };
  fx.requests.length = 0;
  fx.faults.length = 0;
  fx.gap = undefined;
  fx.dropAfterPages = undefined;
  fx.pagesServed = 0;
  fx.onPage = undefined;
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const fetchArgs = (from: string, to: string, ...more: string[]): string[] => ['data', 'fetch', 'binance:BTC/USDT', '--timeframe', '1h', '--from', from, '--to', to, ...more];
const btcFile = (): string => join(dir, 'binance', 'BTC%2FUSDT', '1h.arrow');

async function listJson(): Promise<{ series: Record<string, unknown>[] }> {
  const out = await runCli(['data', 'list', '--json'], { env });
  expect(out.code, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as { series: Record<string, unknown>[] };
}

describe('bt data fetch', () => {
  test('first fetch pages through klines by startTime with limit 1000 and caches every bar once', async () => {
    const out = await runCli(fetchArgs('2021-01-01', '2021-03-01'), { env });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe(
      'binance:BTC/USDT 1h: +1440 bars in 2 pages (2021-01-01 00:00:00 to 2021-03-02 00:00:00)\n' +
        '  cached: 1440 bars, 2021-01-01 00:00:00 to 2021-03-01 23:00:00, 0 gaps\n' +
        `  file: ${btcFile()}\n`,
    );
    expect(fx.requests.map((r) => [r.symbol, r.interval, r.startTime, r.limit])).toEqual([
      ['BTCUSDT', '1h', day('2021-01-01'), 1000],
      ['BTCUSDT', '1h', day('2021-01-01') + 1000 * HOUR - HOUR + 1, 1000],
      ['BTCUSDT', '1h', day('2021-01-01') + 1440 * HOUR - HOUR + 1, 1000],
    ]);
    expect(fx.requests.every((r) => r.endTime === day('2021-03-02') - 1), 'until = end of --to day').toBe(true);
    const show = await runCli(['data', 'show', 'binance:BTC/USDT', '--rows', '1', '--json'], { env });
    const doc = JSON.parse(show.stdout) as { head: Record<string, unknown>[]; tail: Record<string, unknown>[]; gapList: unknown[] };
    expect(doc.head[0], 'the first bundled S&P 500 bar, 2000-01-03').toEqual({ time: '2021-01-01T00:00:00.000Z', open: fx.bars.open[0], high: fx.bars.high[0], low: fx.bars.low[0], close: fx.bars.close[0], volume: fx.bars.volume[0] });
    expect(doc.tail[0].close).toBe(fx.bars.close[1439]);
    expect(doc.gapList).toEqual([]);
  });

  test('a later fetch asks only for the missing tail', async () => {
    expect((await runCli(fetchArgs('2021-01-01', '2021-02-01'), { env })).code).toBe(0);
    fx.requests.length = 0;
    const out = await runCli(fetchArgs('2021-01-01', '2021-03-01', '--json'), { env });
    expect(out.code, out.stderr).toBe(0);
    const [doc] = JSON.parse(out.stdout) as { rows: number; fetched: { ranges: unknown[]; addedBars: number } }[];
    expect(doc.fetched.ranges).toEqual([{ from: '2021-02-02T00:00:00.000Z', to: '2021-03-02T00:00:00.000Z' }]);
    expect(doc.fetched.addedBars).toBe(28 * 24);
    expect(doc.rows).toBe(60 * 24);
    expect(fx.requests[0].startTime, 'no bar already cached is asked again').toBe(day('2021-02-02'));
    fx.requests.length = 0;
    const again = await runCli(fetchArgs('2021-01-05', '2021-02-20'), { env });
    expect(again.stdout).toContain('already cached, nothing fetched');
    expect(fx.requests).toEqual([]);
  });

  test('an earlier --from fetches only the missing head', async () => {
    expect((await runCli(fetchArgs('2021-01-10', '2021-01-31', '-q'), { env })).code).toBe(0);
    fx.requests.length = 0;
    const out = await runCli(fetchArgs('2021-01-01', '2021-01-31', '--json'), { env });
    const [doc] = JSON.parse(out.stdout) as { rows: number; fetched: { ranges: unknown[] } }[];
    expect(doc.fetched.ranges).toEqual([{ from: '2021-01-01T00:00:00.000Z', to: '2021-01-10T00:00:00.000Z' }]);
    expect(fx.requests.map((r) => [r.startTime, r.endTime])).toEqual([
      [day('2021-01-01'), day('2021-01-10') - 1],
      [day('2021-01-09') + 23 * HOUR + 1, day('2021-01-10') - 1],
    ]);
    expect(doc.rows).toBe(31 * 24);
    const swapped = await runCli(fetchArgs('2021-02-01', '2021-01-01'), { env });
    expect([swapped.code, swapped.stderr.split('\n')[0]]).toEqual([2, 'error[BT_BAD_VALUE]: --from (2021-02-01) is after --to (2021-01-01)']);
  });

  test('an interior gap is reported, never filled, and asked again once the exchange has the bars', async () => {
    fx.gap = { start: day('2021-01-10'), end: day('2021-01-11') };
    const first = await runCli(fetchArgs('2021-01-01', '2021-01-31'), { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('  gap: 2021-01-09 23:00:00 to 2021-01-11 00:00:00 (24 bars missing)\n');
    const show = await runCli(['data', 'show', 'binance:BTC/USDT', '--json'], { env });
    expect((JSON.parse(show.stdout) as { gapList: unknown[] }).gapList).toEqual([{ from: '2021-01-09T23:00:00.000Z', to: '2021-01-11T00:00:00.000Z', missingBars: 24 }]);
    expect((await listJson()).series[0]).toMatchObject({ rows: 30 * 24, gaps: 1 });
    fx.gap = undefined;
    fx.requests.length = 0;
    const second = await runCli(fetchArgs('2021-01-01', '2021-01-31'), { env });
    expect(second.code, second.stderr).toBe(0);
    expect(fx.requests.map((r) => r.startTime), 'only the gap is asked again').toEqual([day('2021-01-09') + 23 * HOUR + 1, day('2021-01-10') + 23 * HOUR + 1]);
    expect((await listJson()).series[0]).toMatchObject({ rows: 31 * 24, gaps: 0 });
  });

  test('a fetch cut off after page 2 keeps both pages and a new fetch resumes after them', async () => {
    fx.dropAfterPages = 2;
    const cut = await runCli(fetchArgs('2021-01-01', '2021-06-30'), { env });
    expect(cut.code).toBe(3);
    expect(cut.stderr).toMatch(/^error\[BT_DATA_FETCH_FAILED\]: binance fetchOHLCV BTC\/USDT 1h since 2021-03-25 07:00:00 failed after 3 tries: NetworkError: /);
    expect(cut.stderr).toContain('\nhint: the source is rate-limiting, down or unreachable; pages fetched before this one are cached, so running the same command later resumes');
    expect((await listJson()).series[0]).toMatchObject({ rows: 2000, lastBar: '2021-03-25T07:00:00.000Z' });
    fx.dropAfterPages = undefined;
    fx.requests.length = 0;
    const resumed = await runCli(fetchArgs('2021-01-01', '2021-06-30'), { env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(fx.requests[0].startTime, 'resumes after the newest cached bar').toBe(day('2021-01-01') + 1999 * HOUR + 1);
    expect((await listJson()).series[0]).toMatchObject({ rows: 181 * 24, gaps: 0 });
  });

  test('two concurrent fetches of one series take turns on its lock: each page is fetched once', async () => {
    const [a, b] = await Promise.all([runCli(fetchArgs('2021-01-01', '2021-03-01'), { env }), runCli(fetchArgs('2021-01-01', '2021-03-01'), { env })]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const outputs = [a.stdout, b.stdout].map((s) => s.split('\n')[0]).sort();
    expect(outputs).toEqual(['binance:BTC/USDT 1h: +1440 bars in 2 pages (2021-01-01 00:00:00 to 2021-03-02 00:00:00)', 'binance:BTC/USDT 1h: already cached, nothing fetched']);
    expect(fx.pagesServed).toBe(2);
    expect(existsSync(`${btcFile()}.lock`), 'the lock file is removed').toBe(false);
    expect((await listJson()).series[0]).toMatchObject({ rows: 1440 });
  });

  test('two bt processes fetching one series at once: each page is fetched once, the file is whole', async () => {
    const [a, b] = await Promise.all([spawnBt(fetchArgs('2021-01-01', '2021-03-01'), env), spawnBt(fetchArgs('2021-01-01', '2021-03-01'), env)]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    expect(fx.pagesServed).toBe(2);
    expect((await listJson()).series[0]).toMatchObject({ rows: 1440, gaps: 0 });
  });

  test('Ctrl-C (SIGINT) during bt data fetch keeps the complete pages and exits 130', async () => {
    let child: ReturnType<typeof spawn> | undefined;
    // The signal is sent when the server has answered page 2: deterministic, no timer.
    fx.onPage = (page) => {
      if (page === 2) child?.kill('SIGINT');
    };
    const out = await spawnBt(fetchArgs('2021-01-01', '2021-07-31'), env, (c) => (child = c));
    fx.onPage = undefined;
    expect(out.code, out.stderr).toBe(130);
    expect(out.stderr).toMatch(/^error\[BT_INTERRUPTED\]: interrupted; the (2000|3000) bars of (2|3) complete pages were cached, a new fetch resumes after them\n/);
    const kept = (await listJson()).series[0].rows as number;
    expect([2000, 3000]).toContain(kept);
    expect(existsSync(`${btcFile()}.lock`), 'the lock is released').toBe(false);
    const resumed = await runCli(fetchArgs('2021-01-01', '2021-07-31', '-q'), { env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((await listJson()).series[0]).toMatchObject({ rows: 212 * 24, gaps: 0 });
  });

  test('429 with Retry-After, 500, a cut-off body and an empty page are retried or resumed', async () => {
    fx.faults.push({ kind: 'status', status: 429, retryAfter: '0' }, { kind: 'status', status: 500 }, { kind: 'truncated' });
    const out = await runCli(fetchArgs('2021-01-01', '2021-01-10'), { env: { ...env, BT_FETCH_RETRIES: '4' } });
    expect(out.code, out.stderr).toBe(0);
    expect(fx.requests.length, '3 failed tries, 1 page, 1 empty end').toBe(5);
    expect((await listJson()).series[0]).toMatchObject({ rows: 240 });
    // An empty page mid-range ends that fetch; the next fetch asks again after the newest bar.
    rmSync(btcFile());
    fx.requests.length = 0;
    fx.pagesServed = 0;
    fx.onPage = (page) => {
      if (page === 1) fx.faults.push({ kind: 'empty' });
    };
    expect((await runCli(fetchArgs('2021-01-01', '2021-03-01'), { env })).code).toBe(0);
    expect((await listJson()).series[0]).toMatchObject({ rows: 1000 });
    fx.onPage = undefined;
    fx.requests.length = 0;
    expect((await runCli(fetchArgs('2021-01-01', '2021-03-01'), { env })).code).toBe(0);
    expect(fx.requests[0].startTime).toBe(day('2021-01-01') + 1000 * HOUR);
    expect((await listJson()).series[0]).toMatchObject({ rows: 1440 });
  });

  test('429 and 5xx on every try end in a clear data error (exit 3) after BT_FETCH_RETRIES tries', async () => {
    fx.faults.push({ kind: 'status', status: 429, retryAfter: '0' }, { kind: 'status', status: 503 }, { kind: 'status', status: 500 });
    const out = await runCli(fetchArgs('2021-01-01', '2021-01-10'), { env });
    expect(out.code).toBe(3);
    expect(out.stderr.split('\n')[0]).toMatch(/^error\[BT_DATA_FETCH_FAILED\]: binance fetchOHLCV BTC\/USDT 1h since 2021-01-01 00:00:00 failed after 3 tries: OperationFailed: binance \{"code":-1001,"msg":"Internal error; unable to process your request\. Please try again\."\}$/);
    expect(fx.requests.length).toBe(3);
    expect(existsSync(btcFile()), 'nothing cached, nothing half-written').toBe(false);
  });

  test('unknown exchange, symbol and timeframe are usage errors (exit 2) with a did-you-mean', async () => {
    const exchange = await runCli(['data', 'fetch', 'binanse:BTC/USDT', '--timeframe', '1h', '--from', '2021-01-01'], { env });
    expect([exchange.code, exchange.stderr.split('\n')[0]]).toEqual([2, 'error[BT_DATA_UNKNOWN_SOURCE]: unknown data source "binanse"; did you mean "binance"?']);
    const symbol = await runCli(['data', 'fetch', 'binance:BTC/USDX', '--timeframe', '1h', '--from', '2021-01-01'], { env });
    expect([symbol.code, symbol.stderr.split('\n')[0]]).toEqual([2, 'error[BT_DATA_UNKNOWN_SYMBOL]: binance has no symbol "BTC/USDX"; did you mean "BTC/USDT"?']);
    const timeframe = await runCli(['data', 'fetch', 'binance:BTC/USDT', '--timeframe', '2h ', '--from', '2021-01-01'], { env });
    expect(timeframe.code).toBe(2);
    const hours = await runCli(['data', 'fetch', 'binance:BTC/USDT', '--timeframe', '7h', '--from', '2021-01-01'], { env });
    expect([hours.code, hours.stderr.split('\n')[0]]).toEqual([2, 'error[BT_DATA_TIMEFRAME]: binance has no "7h" bars; did you mean "1h"?']);
    expect(hours.stderr).toContain('hint: its timeframes: 1s, 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w, 1M\n');
    expect(fx.requests, 'no bars asked for').toEqual([]);
  });
});

describe('bt run --data SOURCE:SYMBOL', () => {
  test('offline run reads the cache only and records source, symbol, timeframe, fetch time and sha256', async () => {
    expect((await runCli(fetchArgs('2021-01-01', '2021-03-01'), { env })).code).toBe(0);
    fx.requests.length = 0;
    const out = await runCli(['run', '--data', 'binance:BTC/USDT', '--timeframe', '1h', '--offline', '--strategy', 'sma-cross', '--json'], { env });
    expect(out.code, out.stderr).toBe(0);
    const doc = JSON.parse(out.stdout) as { data: { file: string; sha256: string; symbol: string; bars: number; market: Record<string, unknown> } };
    expect(doc.data).toMatchObject({ file: 'binance:BTC/USDT', symbol: 'BTC/USDT', bars: 1440 });
    expect(doc.data.market).toMatchObject({ source: 'binance', symbol: 'BTC/USDT', timeframe: '1h', sha256: doc.data.sha256, prices: 'raw' });
    expect(doc.data.market.fetchedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(fx.requests).toEqual([]);
    const again = await runCli(['run', '--data', 'binance:BTC/USDT', '--timeframe', '1h', '--strategy', 'sma-cross', '--json'], { env: { ...env, BT_OFFLINE: '1' } });
    expect(again.stdout, 'same cache, byte-identical result').toBe(out.stdout);
    const window = await runCli(['run', '--data', 'binance:BTC/USDT', '--timeframe', '1h', '--from', '2021-01-10', '--to', '2021-01-20', '--offline', '--strategy', 'sma-cross', '--json'], { env });
    expect((JSON.parse(window.stdout) as { data: { bars: number; sha256: string } }).data.bars).toBe(11 * 24);
    expect((JSON.parse(window.stdout) as { data: { sha256: string } }).data.sha256).not.toBe(doc.data.sha256);
  });

  test('online run fetches only the missing range; offline with a missing range names it (exit 3)', async () => {
    expect((await runCli(fetchArgs('2021-01-01', '2021-02-01'), { env })).code).toBe(0);
    const offline = await runCli(['run', '--data', 'binance:BTC/USDT', '--timeframe', '1h', '--from', '2021-01-15', '--to', '2021-02-15', '--offline', '--strategy', 'sma-cross'], { env });
    expect(offline.code).toBe(3);
    expect(offline.stderr).toBe(
      'error[BT_DATA_OFFLINE]: offline, and binance:BTC/USDT --timeframe 1h is not cached from 2021-02-02 00:00:00 to 2021-02-16 00:00:00\n' +
        'hint: run without --offline and BT_OFFLINE, or fetch it first: bt data fetch binance:BTC/USDT --timeframe 1h --from ...\n',
    );
    fx.requests.length = 0;
    const online = await runCli(['run', '--data', 'binance:BTC/USDT', '--timeframe', '1h', '--from', '2021-01-15', '--to', '2021-02-15', '--strategy', 'sma-cross', '--json'], { env });
    expect(online.code, online.stderr).toBe(0);
    expect(fx.requests[0].startTime).toBe(day('2021-02-02'));
    expect((JSON.parse(online.stdout) as { data: { bars: number } }).data.bars).toBe(32 * 24);
    const missing = await runCli(['run', '--data', 'binance:ETH/USDT', '--timeframe', '1h', '--offline', '--strategy', 'sma-cross'], { env });
    expect(missing.stderr.split('\n')[0]).toBe('error[BT_DATA_OFFLINE]: offline, and binance:ETH/USDT --timeframe 1h is not in the cache');
  });

  test('optimize, walkforward and montecarlo resolve a spec through the cache', async () => {
    expect((await runCli(fetchArgs('2021-01-01', '2021-03-31', '-q'), { env })).code).toBe(0);
    fx.requests.length = 0;
    const spec = ['--data', 'binance:BTC/USDT', '--timeframe', '1h', '--offline', '--strategy', 'sma-cross'];
    const commands = [
      ['optimize', ...spec, '--param', 'fast=5:10:5', '--workers', '1', '--json'],
      ['walkforward', ...spec, '--param', 'fast=5:10:5', '--train', '600', '--test', '300', '--workers', '1', '--json'],
      ['montecarlo', ...spec, '--runs', '20', '--json'],
    ];
    for (const args of commands) {
      const out = await runCli(args, { env });
      expect(out.code, `${args[0]}: ${out.stderr}`).toBe(0);
      expect(out.stdout, args[0]).toContain('"binance:BTC/USDT"');
    }
    expect(fx.requests, 'offline: no request').toEqual([]);
  });

  test('several specs build a portfolio', async () => {
    for (const symbol of ['BTC/USDT', 'ETH/USDT']) expect((await runCli(['data', 'fetch', `binance:${symbol}`, '--timeframe', '1h', '--from', '2021-01-01', '--to', '2021-02-28', '-q'], { env })).code).toBe(0);
    const out = await runCli(['run', '--data', 'binance:BTC/USDT', '--data', 'ETH=binance:ETH/USDT', '--timeframe', '1h', '--offline', '--strategy', 'equal-weight', '--json'], { env });
    expect(out.code, out.stderr).toBe(0);
    const doc = JSON.parse(out.stdout) as { portfolio: { feeds: { symbol: string; file: string }[] } };
    expect(doc.portfolio.feeds.map((f) => [f.symbol, f.file])).toEqual([['BTC/USDT', 'binance:BTC/USDT'], ['ETH', 'binance:ETH/USDT']]);
  });

  test('a damaged cache file is named with a bt data rm hint; the other series stay', async () => {
    for (const symbol of ['BTC/USDT', 'ETH/USDT']) expect((await runCli(['data', 'fetch', `binance:${symbol}`, '--timeframe', '1h', '--from', '2021-01-01', '--to', '2021-01-05', '-q'], { env })).code).toBe(0);
    writeFileSync(btcFile(), readFileSync(btcFile()).subarray(0, 300));
    const out = await runCli(['run', '--data', 'binance:BTC/USDT', '--timeframe', '1h', '--offline', '--strategy', 'sma-cross'], { env });
    expect(out.code).toBe(3);
    const [message, hint] = out.stderr.split('\n');
    expect(message).toMatch(new RegExp(`^error\\[BT_CACHE_CORRUPT\\]: cache file "${btcFile().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" is damaged \\(`));
    expect(hint).toBe('hint: remove it with "bt data rm binance:BTC/USDT --timeframe 1h" and fetch again; other cached series are not affected');
    const list = await runCli(['data', 'list', '--json'], { env });
    expect(list.code, 'a damaged file does not stop the listing').toBe(0);
    expect(list.stderr).toMatch(/^warning: cache file ".*1h\.arrow" is damaged \(.*\)\nhint: remove it with "bt data rm binance:BTC\/USDT --timeframe 1h" and fetch again; other cached series are not affected\n$/);
    const listed = JSON.parse(list.stdout) as { series: { symbol: string }[]; damaged: { path: string }[] };
    expect([listed.series.map((e) => e.symbol), listed.damaged.map((d) => d.path)]).toEqual([['ETH/USDT'], [btcFile()]]);
    const show = await runCli(['data', 'show', 'binance:BTC/USDT'], { env });
    expect([show.code, show.stderr.split('\n')[0].slice(0, 30)]).toEqual([3, 'error[BT_CACHE_CORRUPT]: cache']);
    const rm = await runCli(['data', 'rm', 'binance:BTC/USDT', '--timeframe', '1h', '--json'], { env });
    expect(JSON.parse(rm.stdout)).toEqual({ removed: [btcFile()] });
    expect((await listJson()).series.map((s) => s.symbol)).toEqual(['ETH/USDT']);
  });
});

describe('bt data show, export, rm', () => {
  test('export writes CSV, Parquet and Arrow that bt run reads back with the same bars', async () => {
    expect((await runCli(fetchArgs('2021-01-01', '2021-01-31', '-q'), { env })).code).toBe(0);
    const base = await runCli(['run', '--data', 'binance:BTC/USDT', '--timeframe', '1h', '--offline', '--strategy', 'sma-cross', '--json'], { env });
    const tradesOf = (stdout: string): unknown[] => (JSON.parse(stdout) as { trades: Record<string, unknown>[] }).trades.map(({ symbol: _symbol, ...trade }) => trade);
    const baseTrades = tradesOf(base.stdout);
    expect(baseTrades.length).toBeGreaterThan(5);
    for (const ext of ['csv', 'parquet', 'arrow']) {
      const out = join(dir, `btc.${ext}`);
      const exported = await runCli(['data', 'export', 'binance:BTC/USDT', '--out', out, '--json'], { env });
      expect(exported.code, exported.stderr).toBe(0);
      expect(JSON.parse(exported.stdout)).toMatchObject({ out, rows: 744, prices: 'raw' });
      const run = await runCli(['run', '--data', out, '--strategy', 'sma-cross', '--json'], { env });
      expect(run.code, `${ext}: ${run.stderr}`).toBe(0);
      expect(tradesOf(run.stdout), ext).toEqual(baseTrades);
    }
  });

  test('show on a series not cached and rm of nothing are usage errors', async () => {
    const show = await runCli(['data', 'show', 'binance:BTC/USDT'], { env });
    expect([show.code, show.stderr]).toEqual([2, 'error[BT_DATA_NOT_CACHED]: binance:BTC/USDT is not in the cache\nhint: fetch it first: bt data fetch binance:BTC/USDT --timeframe 1d --from YYYY-MM-DD\n']);
    const rm = await runCli(['data', 'rm', 'binance:BTC/USDT'], { env });
    expect(rm.code).toBe(2);
    const list = await runCli(['data', 'list'], { env });
    expect(list.stdout).toBe(`The cache (${dir}) is empty. Fetch with: bt data fetch binance:BTC/USDT --timeframe 1h --from 2021-01-01\n`);
  });
});

describe('help and config', () => {
  test('bt data fetch --help and README name every environment variable (keys never come from flags)', async () => {
    const help = await runCli(['data', 'fetch', '--help']);
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const name of ['BT_DATA_DIR', 'BT_OFFLINE', 'BT_<EXCHANGE>_API_KEY', 'BT_<EXCHANGE>_SECRET', 'BT_<EXCHANGE>_PASSWORD', 'BT_<EXCHANGE>_URL', 'BT_YAHOO_URL', 'BT_FETCH_RETRIES', 'BT_FETCH_BACKOFF_MS']) {
      expect(help.stdout, name).toContain(name);
      expect(readme, name).toContain(name);
    }
    expect(help.stdout).not.toMatch(/--(api-)?key|--secret/);
  });

  test('a YAML config may name a data spec, which is not taken for a path', async () => {
    expect((await runCli(fetchArgs('2021-01-01', '2021-01-31', '-q'), { env })).code).toBe(0);
    const yaml = join(dir, 'run.yaml');
    writeFileSync(yaml, 'data: binance:BTC/USDT\ntimeframe: 1h\nstrategy: sma-cross\n');
    const out = await runCli(['run', '--config', yaml, '--offline', '--json'], { env });
    expect(out.code, out.stderr).toBe(0);
    expect((JSON.parse(out.stdout) as { data: { file: string; bars: number } }).data).toMatchObject({ file: 'binance:BTC/USDT', bars: 744 });
  });
});
