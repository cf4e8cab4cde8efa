#!/usr/bin/env node
/**
 * Portfolio benchmark (issue 6): a generated, seeded 100-symbol × 2,500-bar daily portfolio
 * run through `runPortfolio` with `equal-weight` (monthly) and `dual-momentum`, reported as
 * timestamps/s and symbol-bars/s (target ≥ 2,000,000 symbol-bars/s). Uses the built dist/.
 *
 *   export async function runPortfolioSection(ctx)   // ctx as run-bench.mjs passes to sections
 *   node test/bench/portfolio-bench.mjs [--symbols 100] [--bars 2500] [--runs 5]   // standalone
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const DAY_MS = 86_400_000;

/** Mulberry32: a small seeded PRNG, so the generated data is the same on every run. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `symbols` daily OHLCV series of `bars` weekdays from 2000-01-03, seeded random walks with
 * per-symbol drift and volatility; every 10th symbol lists 250 bars late and every 7th has a
 * missing bar every 50 days, so the alignment paths are exercised too.
 */
export function generatePortfolio(symbols, bars, seed = 7) {
  const random = mulberry32(seed);
  const days = [];
  for (let t = Date.UTC(2000, 0, 3); days.length < bars; t += DAY_MS) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(t);
  }
  const out = [];
  for (let s = 0; s < symbols; s++) {
    const drift = (random() - 0.45) * 0.001;
    const sigma = 0.005 + random() * 0.02;
    const start = s % 10 === 9 ? 250 : 0;
    const keep = [];
    for (let i = start; i < bars; i++) if (!(s % 7 === 6 && i % 50 === 25)) keep.push(i);
    const n = keep.length;
    const time = new Float64Array(n);
    const open = new Float64Array(n);
    const high = new Float64Array(n);
    const low = new Float64Array(n);
    const close = new Float64Array(n);
    const volume = new Float64Array(n);
    let price = 20 + random() * 180;
    for (let k = 0; k < n; k++) {
      const o = price;
      const c = Math.max(0.5, o * (1 + drift + (random() - 0.5) * 2 * sigma));
      time[k] = days[keep[k]];
      open[k] = o;
      close[k] = c;
      high[k] = Math.max(o, c) * (1 + random() * sigma * 0.5);
      low[k] = Math.min(o, c) * (1 - random() * sigma * 0.5);
      volume[k] = Math.floor(random() * 1e6);
      price = c;
    }
    out.push({ symbol: `S${String(s).padStart(3, '0')}`, time, open, high, low, close, volume, length: n, extra: {}, intraday: false, source: { file: 'generated', dialect: 'generated', sha256: '' } });
  }
  return out;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * The section: runs both strategies and reports through `ctx.report(name, value, target, ok)`.
 * `ctx` needs `root`, `RUNS`, `report`, `fmt` (run-bench.mjs's section context); `ctx.enabled`
 * gates it as section `portfolio` when present.
 */
export async function runPortfolioSection(ctx) {
  if (ctx.enabled !== undefined && !ctx.enabled('portfolio')) return;
  const dist = (path) => join(ctx.root, 'dist', path);
  const { runPortfolio } = await import(dist('src/engine/run-portfolio.js'));
  const { resolveParams } = await import(dist('src/strategy/params.js'));
  const { ALL_IN_FRACTION } = await import(dist('src/engine/broker.js'));
  const symbols = ctx.SYMBOLS ?? 100;
  const bars = ctx.PORTFOLIO_BARS ?? 2500;
  const feeds = generatePortfolio(symbols, bars);
  const symbolBars = feeds.reduce((sum, s) => sum + s.length, 0);
  const options = {
    broker: {
      initialCash: 1_000_000,
      commission: { rate: 0.001, fixed: 0 },
      slippageRate: 0,
      fractional: false,
      fillAt: 'next-open',
      defaultStopLoss: undefined,
      defaultTakeProfit: undefined,
      defaultTrailingStop: undefined,
    },
    defaultSizing: { kind: 'fraction', fraction: ALL_IN_FRACTION },
    closeAtEnd: false,
  };
  const cases = [
    ['equal-weight', { rebalance: 'monthly' }],
    ['dual-momentum', { lookback: 126, top: 10 }],
  ];
  for (const [name, values] of cases) {
    const strategy = (await import(dist(`strategies/${name}.js`))).default;
    const params = resolveParams(strategy.params, { values, origin: 'flag' });
    let result;
    result = runPortfolio(feeds, strategy, params, options); // warm-up (JIT)
    const times = [];
    for (let r = 0; r < ctx.RUNS; r++) {
      const t0 = performance.now();
      result = runPortfolio(feeds, strategy, params, options);
      times.push(performance.now() - t0);
    }
    const ms = median(times);
    const timestamps = result.feeds.length;
    const rate = symbolBars / (ms / 1000);
    const label = `portfolio ${name} (${symbols} symbols × ${bars} daily bars)`;
    ctx.report(label, `${ctx.fmt(rate)} symbol-bars/s`, '≥ 2,000,000 symbol-bars/s', rate >= 2e6);
    ctx.report(`  timestamps/s, ${result.fills.length} fills`, `${ctx.fmt(timestamps / (ms / 1000))} timestamps/s`, `${ctx.fmt(ms, 1)} ms per run`);
  }
}

// Standalone: node test/bench/portfolio-bench.mjs [--symbols N] [--bars N] [--runs N]
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const value = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const rows = [];
  await runPortfolioSection({
    root: fileURLToPath(new URL('../../', import.meta.url)),
    RUNS: value('--runs', 5),
    SYMBOLS: value('--symbols', 100),
    PORTFOLIO_BARS: value('--bars', 2500),
    fmt,
    report: (name, measured, target = '', ok = '') => rows.push({ name, measured, target, ok: ok === true ? 'yes' : ok === false ? 'NO' : '' }),
  });
  for (const r of rows) console.log(`${r.name.padEnd(58)} ${String(r.measured).padStart(30)}  ${String(r.target).padEnd(28)} ${r.ok}`);
}
