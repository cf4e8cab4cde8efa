/**
 * `npm run bench` section "data" (issue 10): the market-data cache.
 *
 * - loading 1M cached bars (an Arrow file) into the engine's columns, against parsing the same
 *   bars from CSV in this run (targets: ≥ 10M bars/s and ≥ 3x faster than CSV);
 * - cache size per bar;
 * - an incremental fetch of one new page with 1M bars cached, through the real ccxt client
 *   against the local Binance-shaped fixture server (test/helpers/market-fixture-server.ts).
 */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { tsImport } from 'tsx/esm/api';

const MINUTE = 60_000;

/** Seeded random-walk 1-minute bars as columns (number arrays, prices rounded to cents). */
function randomWalkColumns(n, start) {
  let a = 12345;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const bars = { time: [], open: [], high: [], low: [], close: [], volume: [] };
  let price = 30_000;
  for (let i = 0; i < n; i++) {
    const open = price;
    const close = Math.max(1, Math.round(open * (1 + (random() - 0.5) * 0.002) * 100) / 100);
    bars.time.push(start + i * MINUTE);
    bars.open.push(open);
    bars.high.push(Math.round(Math.max(open, close) * (1 + random() * 0.0005) * 100) / 100);
    bars.low.push(Math.round(Math.min(open, close) * (1 - random() * 0.0005) * 100) / 100);
    bars.close.push(close);
    bars.volume.push(Math.round(random() * 1e6) / 1000);
    price = close;
  }
  return bars;
}

/** Median wall time [ms] of `runs` calls of async `fn` after one warm-up call. */
async function timeAsync(fn, runs, median) {
  let result = await fn();
  const times = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), result };
}

export async function runDataSection(ctx) {
  if (!ctx.enabled('data')) return;
  const { root, dir, BARS, RUNS, report, fmt, median } = ctx;
  const dist = (path) => join(root, 'dist', path);
  const { writeSeriesFile, readSeriesFile } = await import(dist('src/data/cache/series-file.js'));
  const { toBarSeries } = await import(dist('src/data/load-market.js'));
  const { loadBars } = await import(dist('src/data/load-bars.js'));
  const { updateSeries } = await import(dist('src/data/cache/update-series.js'));
  const { openCcxtSource } = await import(dist('src/data/sources/ccxt-source.js'));
  const { seriesPath } = await import(dist('src/data/cache/cache-dir.js'));
  const { startMarketFixture } = await tsImport('../helpers/market-fixture-server.ts', import.meta.url);

  const PAGE = 1000;
  const start = Date.UTC(2020, 0, 1);
  const served = randomWalkColumns(BARS + PAGE, start);
  const cacheDir = join(dir, 'data-cache');
  const path = seriesPath(cacheDir, 'binance', 'BTC/USDT', '1m');
  const cut = (values) => Float64Array.from(values.slice(0, BARS));
  const cached = {
    record: { format: 1, source: 'binance', symbol: 'BTC/USDT', timeframe: '1m', coverage: [{ start, end: start + BARS * MINUTE }], fetchedAt: Date.UTC(2024, 0, 1), actions: [] },
    time: cut(served.time), open: cut(served.open), high: cut(served.high), low: cut(served.low), close: cut(served.close), volume: cut(served.volume),
    extra: {},
    length: BARS,
  };
  await writeSeriesFile(path, cached);
  const sizeBytes = statSync(path).size;

  // Load: file → columns → BarSeries (with its sha256), as `bt run --data binance:BTC/USDT --offline` does.
  const load = await timeAsync(async () => toBarSeries(await readSeriesFile(path, 'bench'), 'binance:BTC/USDT', undefined, undefined).series, RUNS, median);
  // The same text layout as the core section's CSV (`YYYY-MM-DD HH:MM:SS`), which takes the fast path.
  const csvFile = join(dir, 'data-bench.csv');
  const lines = ['time,open,high,low,close,volume'];
  for (let i = 0; i < BARS; i++) lines.push(`${new Date(served.time[i]).toISOString().replace('T', ' ').slice(0, 19)},${served.open[i]},${served.high[i]},${served.low[i]},${served.close[i]},${served.volume[i]}`);
  writeFileSync(csvFile, `${lines.join('\n')}\n`);
  const csv = await timeAsync(async () => (await loadBars(csvFile, {}))[0], RUNS, median);
  if (load.result.length !== BARS || csv.result.length !== BARS || load.result.close[BARS - 1] !== csv.result.close[BARS - 1]) throw new Error('data bench: cache and CSV loads differ');
  const loadRate = BARS / (load.ms / 1000);
  report(`load ${fmt(BARS)} cached bars (Arrow) into columns`, `${fmt(load.ms, 1)} ms = ${fmt(loadRate)} bars/s`, '≥ 10,000,000 bars/s', loadRate >= 10e6);
  report('  parsing the same bars from CSV', `${fmt(csv.ms, 1)} ms = ${fmt(csv.ms / load.ms, 1)}x the cache load`, '≥ 3x', csv.ms / load.ms >= 3);
  report('cache size per bar', `${fmt(sizeBytes / BARS, 1)} bytes (${fmt(sizeBytes / 1048576, 1)} MB)`, `CSV: ${fmt(statSync(csvFile).size / BARS, 1)} bytes/bar`);

  // Incremental fetch of one new page (1,000 bars) with BARS cached, through ccxt and the fixture.
  const fixture = await startMarketFixture(served, '1m');
  try {
    const env = { BT_BINANCE_URL: fixture.url };
    const update = (end) =>
      updateSeries({ dir: cacheDir, spec: { source: 'binance', symbol: 'BTC/USDT' }, timeframe: '1m', window: { start, end }, offline: false, now: Date.now(), openSource: () => openCcxtSource('binance', env) });
    await update(start + BARS * MINUTE); // warm-up: ccxt loaded, markets read, nothing to fetch
    const t0 = performance.now();
    const outcome = await update(start + (BARS + PAGE) * MINUTE);
    const ms = performance.now() - t0;
    if (outcome.addedBars !== PAGE || outcome.pages !== 1) throw new Error(`data bench: expected 1 page of ${PAGE} bars, got ${outcome.pages} pages, ${outcome.addedBars} bars`);
    report(`incremental fetch of 1 page (${fmt(PAGE)} bars), ${fmt(BARS)} cached`, `${fmt(ms)} ms`, `rewrites the ${fmt(statSync(path).size / 1048576, 1)} MB file atomically`);
  } finally {
    await fixture.close();
  }
}
