#!/usr/bin/env node
/**
 * `npm run bench`: speed and memory figures of the built CLI (dist/), as medians of several
 * runs on this machine, each next to a reference measured in the same run. Targets are
 * checked and printed; nothing here is a unit test and nothing fails the build.
 *
 *   node test/bench/run-bench.mjs [--bars 1000000] [--runs 5] [--only core,strategy,…]
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = (path) => join(root, 'dist', path);
const args = process.argv.slice(2);
const argValue = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const BARS = Number(argValue('--bars', '1000000'));
const RUNS = Number(argValue('--runs', '5'));
const ONLY = argValue('--only', '');
const enabled = (section) => ONLY === '' || ONLY.split(',').includes(section);

const { parseBars } = await import(dist('src/data/parse-bars.js'));
const { mulberry32 } = await import(dist('src/optimize/prng.js'));
const { runBacktest } = await import(dist('src/engine/run-backtest.js'));
const { resolveParams } = await import(dist('src/strategy/params.js'));
const smaCross = (await import(dist('strategies/sma-cross.js'))).default;

/** Seeded random-walk OHLCV CSV with `n` one-minute bars. */
export function randomWalkCsv(n, seed = 42) {
  const random = mulberry32(seed);
  const lines = ['date,open,high,low,close,volume'];
  let price = 100;
  const start = Date.UTC(2000, 0, 3);
  for (let i = 0; i < n; i++) {
    const open = price;
    const close = Math.max(1, open * (1 + (random() - 0.5) * 0.01));
    const high = Math.max(open, close) * (1 + random() * 0.002);
    const low = Math.min(open, close) * (1 - random() * 0.002);
    const time = new Date(start + i * 60_000).toISOString().replace('T', ' ').slice(0, 19);
    lines.push(`${time},${open.toFixed(4)},${high.toFixed(4)},${low.toFixed(4)},${close.toFixed(4)},${Math.floor(random() * 10_000)}`);
    price = close;
  }
  return `${lines.join('\n')}\n`;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function timeIt(fn, runs = RUNS) {
  fn(); // warm-up (JIT)
  const times = [];
  let result;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), result };
}

/**
 * Runs `node argv…` once without blocking this process, so that several can run at once.
 * @returns wall time [ms] and stdout; rejects when the process exits non-zero.
 */
function spawnAsync(argv) {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    execFile(process.execPath, argv, { encoding: 'utf8', cwd: root, maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${argv.join(' ')} failed: ${error.message}${stderr}`));
      else resolvePromise({ ms: performance.now() - t0, stdout });
    });
  });
}

function spawnTimed(argv, runs = RUNS) {
  const times = [];
  let last;
  for (let r = 0; r < runs + 1; r++) {
    const t0 = performance.now();
    last = spawnSync(process.execPath, argv, { encoding: 'utf8', cwd: root, maxBuffer: 1 << 30 });
    if (r > 0) times.push(performance.now() - t0);
    if (last.status !== 0) throw new Error(`${argv.join(' ')} exited ${last.status}: ${last.stderr}`);
  }
  return { ms: median(times), last };
}

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const rows = [];
const report = (name, value, target, ok) => rows.push({ name, value, target: target ?? '', ok: ok === undefined ? '' : ok ? 'yes' : 'NO' });

/**
 * The same sma-cross 10/30 long-only run as the engine (fixed size, commission on every fill,
 * next-open fills), hand-written over Float64Arrays: the ceiling an engine with strategies,
 * orders and a broker is compared with. `fused` computes the SMAs inside the decision loop;
 * otherwise they are computed first into arrays, as the engine's `init` does.
 */
export function tightLoopSmaCross(bars, fast, slow, cash0, rate, units, fused) {
  const { open, close } = bars;
  const n = bars.length;
  // Window sums with Neumaier compensation, as the engine's SMA: a plain running sum drifts
  // and breaks exact ties (fast = slow), which the strict crossover rule must see as ties.
  let sumFast = 0;
  let compFast = 0;
  let sumSlow = 0;
  let compSlow = 0;
  const add = (sum, x) => sum + x;
  const err = (sum, x, s) => ((sum >= 0 ? sum : -sum) >= (x >= 0 ? x : -x) ? sum - s + x : x - s + sum);
  let fastValues;
  let slowValues;
  if (!fused) {
    fastValues = new Float64Array(n).fill(NaN);
    slowValues = new Float64Array(n).fill(NaN);
    for (let i = 0; i < n; i++) {
      let x = close[i];
      let s = add(sumFast, x);
      compFast += err(sumFast, x, s);
      sumFast = s;
      s = add(sumSlow, x);
      compSlow += err(sumSlow, x, s);
      sumSlow = s;
      if (i >= fast) {
        x = -close[i - fast];
        s = add(sumFast, x);
        compFast += err(sumFast, x, s);
        sumFast = s;
      }
      if (i >= slow) {
        x = -close[i - slow];
        s = add(sumSlow, x);
        compSlow += err(sumSlow, x, s);
        sumSlow = s;
      }
      if (i >= fast - 1) fastValues[i] = (sumFast + compFast) / fast;
      if (i >= slow - 1) slowValues[i] = (sumSlow + compSlow) / slow;
    }
    sumFast = compFast = sumSlow = compSlow = 0;
  }
  let prevFast = NaN;
  let prevSlow = NaN;
  let cash = cash0;
  let held = 0;
  let pending = 0; // +1 buy, -1 sell at the next open
  let trades = 0;
  for (let i = 0; i < n; i++) {
    if (pending !== 0) {
      const p = open[i];
      if (pending > 0) {
        cash -= units * p + units * p * rate;
        held = units;
      } else {
        cash += held * p - held * p * rate;
        held = 0;
        trades++;
      }
      pending = 0;
    }
    let fastValue;
    let slowValue;
    if (fused) {
      let x = close[i];
      let s = add(sumFast, x);
      compFast += err(sumFast, x, s);
      sumFast = s;
      s = add(sumSlow, x);
      compSlow += err(sumSlow, x, s);
      sumSlow = s;
      if (i >= fast) {
        x = -close[i - fast];
        s = add(sumFast, x);
        compFast += err(sumFast, x, s);
        sumFast = s;
      }
      if (i >= slow) {
        x = -close[i - slow];
        s = add(sumSlow, x);
        compSlow += err(sumSlow, x, s);
        sumSlow = s;
      }
      fastValue = i >= fast - 1 ? (sumFast + compFast) / fast : NaN;
      slowValue = i >= slow - 1 ? (sumSlow + compSlow) / slow : NaN;
    } else {
      fastValue = fastValues[i];
      slowValue = slowValues[i];
    }
    if (i >= slow) {
      if (prevFast < prevSlow && fastValue > slowValue && held === 0) pending = 1;
      else if (prevFast > prevSlow && fastValue < slowValue && held > 0) pending = -1;
    }
    prevFast = fastValue;
    prevSlow = slowValue;
  }
  return { equity: cash + held * close[n - 1], trades };
}

const dir = mkdtempSync(join(tmpdir(), 'bt-bench-'));
try {
  console.log(`bt benchmark: ${fmt(BARS)} generated bars (seeded random walk), medians of ${RUNS} runs, node ${process.version}\n`);
  const csvText = randomWalkCsv(BARS);
  const csvFile = join(dir, 'random-walk.csv');
  writeFileSync(csvFile, csvText);

  if (enabled('core')) {
    const load = timeIt(() => parseBars(csvText, { file: 'random-walk.csv' })[0]);
    const bars = load.result;
    const loadRate = BARS / (load.ms / 1000);
    report('CSV load (parse to columns)', `${fmt(loadRate)} rows/s`, '≥ 1,000,000 rows/s', loadRate >= 1e6);

    const params = resolveParams(smaCross.params, { values: { fast: 10, slow: 30 }, origin: 'default' });
    const options = {
      broker: {
        initialCash: 100_000,
        commission: { rate: 0.001, fixed: 0 },
        slippageRate: 0,
        fractional: false,
        fillAt: 'next-open',
        defaultStopLoss: undefined,
        defaultTakeProfit: undefined,
        defaultTrailingStop: undefined,
      },
      defaultSizing: { kind: 'units', units: 10 },
      closeAtEnd: false,
    };
    const engine = timeIt(() => runBacktest(bars, smaCross, params, options));
    const engineRate = BARS / (engine.ms / 1000);
    const engineEquity = engine.result.equity[BARS - 1];
    report('engine, sma-cross 10/30 (init + run)', `${fmt(engineRate)} bars/s`, '≥ 5,000,000 bars/s', engineRate >= 5e6);
    for (const fused of [false, true]) {
      const tight = timeIt(() => tightLoopSmaCross(bars, 10, 30, 100_000, 0.001, 10, fused));
      const tightRate = BARS / (tight.ms / 1000);
      const same = Math.abs(engineEquity - tight.result.equity) <= 1e-6 * Math.abs(engineEquity) && tight.result.trades === engine.result.trades.length;
      const label = fused ? 'tight loop, SMAs fused into the loop' : 'tight loop, SMA arrays then one loop';
      report(label, `${fmt(tightRate)} bars/s`, same ? `same trades (${tight.result.trades}) and equity` : `DIFFERENT: ${tight.result.trades} trades, equity ${tight.result.equity} vs ${engineEquity}`, same);
      report(`${fused ? '4.' : '  '} engine / ${fused ? 'fused' : 'two-pass'} tight loop`, `${fmt(tightRate / engineRate, 2)}x slower`, '≤ 4x', tightRate / engineRate <= 4);
    }

    // Issue 3: a user's TypeScript strategy file (the init-strategy starter: EMA cross with an
    // ATR stop-loss/take-profit bracket), loaded through tsx, on the same bars.
    const { starterStrategySource } = await import(dist('src/strategy/starter-template.js'));
    const { loadStrategy } = await import(dist('src/strategy/loader.js'));
    const userFile = join(dir, 'bench-strategy.ts');
    writeFileSync(userFile, starterStrategySource('bench-strategy'));
    const user = (await loadStrategy(userFile)).strategy;
    const userParams = resolveParams(user.params, { values: {}, origin: 'default' });
    const userRun = timeIt(() => runBacktest(bars, user, userParams, options));
    const userRate = BARS / (userRun.ms / 1000);
    const brackets = userRun.result.trades.filter((t) => t.exitReason === 'stop-loss' || t.exitReason === 'take-profit').length;
    report(`user .ts strategy, 3 indicators + bracket`, `${fmt(userRate)} bars/s`, `${userRun.result.trades.length} trades, ${brackets} by bracket`);
    report('  sma-cross / user strategy', `${fmt(engineRate / userRate, 2)}x`, '≤ 2x', engineRate / userRate <= 2);

    const probe = join(dir, 'rss-probe.mjs');
    writeFileSync(probe, "process.on('exit', () => process.stderr.write(`\\nBENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\\n`));\n");
    const e2e = spawnTimed(['--import', probe, join(root, 'bin/bt.js'), 'run', '--data', csvFile, '--strategy', 'sma-cross', '--strat', 'fast=10,slow=30', '--size', '10', '--json', '--no-store']);
    const rssKb = Number(/BENCH_MAXRSS_KB=(\d+)/.exec(e2e.last.stderr)?.[1] ?? NaN);
    report('end-to-end bt run on the 1M-bar file', `${fmt(e2e.ms)} ms`, '< 2,000 ms', e2e.ms < 2000);
    report('peak RSS of that run', `${fmt(rssKb / 1024)} MB`, '< 400 MB', rssKb / 1024 < 400);

  }

  const extra = await import('./sections.mjs').catch(() => undefined);
  const sectionContext = { root, dir, csvText, csvFile, BARS, RUNS, enabled, report, timeIt, spawnTimed, spawnAsync, fmt, median, argValue };
  if (extra !== undefined) await extra.runSections(sectionContext);
  const { runSpeedSection } = await import('./speed-bench.mjs');
  await runSpeedSection(sectionContext);
  if (enabled('portfolio')) {
    const { runPortfolioSection } = await import('./portfolio-bench.mjs');
    await runPortfolioSection(sectionContext);
  }
  if (enabled('data')) {
    const { runDataSection } = await import('./data-bench.mjs');
    await runDataSection(sectionContext);
  }

  const width = (key) => Math.max(...rows.map((r) => String(r[key]).length), key.length);
  const w = { name: width('name'), value: width('value'), target: width('target') };
  const line = (r) => `${String(r.name).padEnd(w.name)}  ${String(r.value).padStart(w.value)}  ${String(r.target).padEnd(w.target)}  ${r.ok}`;
  console.log(line({ name: 'measure', value: 'value', target: 'target', ok: 'met' }));
  console.log('-'.repeat(w.name + w.value + w.target + 10));
  for (const r of rows) console.log(line(r));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
