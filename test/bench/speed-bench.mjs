#!/usr/bin/env node
/**
 * Issue 12, "speed where users feel it": the seven targets, each printed with its target and
 * measured as a ratio (or a rate) within this run, whole `bt` processes against references
 * timed in the same run, interleaved so that drift of the machine's speed hits both alike.
 *
 *   1. bt run on the bundled daily data, whole process, no store ≤ 1.5x `node -e 0`;
 *      bt --help ≤ 1.3x
 *   2. 1M-bar bt run --json --no-store, whole process ≤ 3x parse + engine + metrics in-process
 *      (and ≥ 10x faster than backtesting.py's whole process when it is installed)
 *   3. 90-run grid on GOOG, whole process ≤ 2x one bt run process on the same data
 *   4. engine within 4x of the hand-written fused loop (the core section of run-bench.mjs)
 *   5. 10M-row CSV (generated here, seeded): bt run -q completes, ≥ 2M bars/s whole process,
 *      peak RSS ≤ 1.2 GB
 *   6. --out on 5M bars ≤ 2x the -q time and ≤ 1.5x its peak RSS
 *   7. the run store adds ≤ 10% to a 1M-bar run and ≤ 5 ms to a daily-data run
 *
 * The 10M- and 5M-row files are written into the bench's temporary folder (os.tmpdir()) and
 * removed with it. `--only speed` runs just this section; `--big-rows N` changes the 10M.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const DAY_MS = 86_400_000;

/** Mulberry32: a small seeded PRNG (the same numbers on every run). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `x` with 4 decimals (rounded half up), without toFixed's cost. */
function fixed4(x) {
  const units = String(Math.round(x * 10_000)).padStart(5, '0');
  return `${units.slice(0, -4)}.${units.slice(-4)}`;
}

/**
 * Writes seeded random-walk one-minute OHLCV bars to each `[path, rows]` target: every file
 * gets the first `rows` bars of the same walk. Written in 1 MB pieces, never one string.
 */
export function writeRandomWalkFiles(targets, seed = 42) {
  const random = mulberry32(seed);
  const most = Math.max(...targets.map(([, rows]) => rows));
  const fds = targets.map(([path]) => openSync(path, 'w'));
  const times = Array.from({ length: 1440 }, (_, m) => ` ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`);
  const start = Date.UTC(2000, 0, 3) / 60_000;
  let text = 'date,open,high,low,close,volume\n';
  let price = 100;
  let day = -1;
  let date = '';
  try {
    for (let i = 0; i < most; i++) {
      const minute = start + i;
      if (Math.floor(minute / 1440) !== day) {
        day = Math.floor(minute / 1440);
        date = new Date(day * DAY_MS).toISOString().slice(0, 10);
      }
      const open = price;
      const close = Math.max(1, open * (1 + (random() - 0.5) * 0.01));
      const high = Math.max(open, close) * (1 + random() * 0.002);
      const low = Math.min(open, close) * (1 - random() * 0.002);
      text += `${date}${times[minute % 1440]},${fixed4(open)},${fixed4(high)},${fixed4(low)},${fixed4(close)},${Math.floor(random() * 10_000)}\n`;
      price = close;
      const isLast = i === most - 1;
      if (text.length > 1 << 20 || isLast || targets.some(([, rows]) => rows === i + 1)) {
        targets.forEach(([, rows], k) => {
          if (i < rows) writeSync(fds[k], text);
        });
        text = '';
      }
    }
  } finally {
    fds.forEach((fd) => closeSync(fd));
  }
}

/** Median of a list of numbers. */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Runs each `node argv…` of `commands` `runs` times in turn (after one warm-up round), and
 * returns per command the median wall time [ms], median peak RSS [MB] and the last stdout.
 */
function interleaved(root, probe, commands, runs) {
  const times = commands.map(() => []);
  const rss = commands.map(() => []);
  const last = commands.map(() => '');
  for (let r = 0; r <= runs; r++) {
    commands.forEach((argv, k) => {
      const t0 = performance.now();
      const child = spawnSync(process.execPath, ['--import', probe, ...argv], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, BT_STORE: 'off' } });
      const ms = performance.now() - t0;
      if (child.status !== 0) throw new Error(`node ${argv.join(' ')} exited ${child.status}: ${child.stderr}`);
      if (r === 0 && runs > 1) return; // warm-up round: file cache, disk
      times[k].push(ms);
      rss[k].push(Number(/BENCH_MAXRSS_KB=(\d+)/.exec(child.stderr)?.[1] ?? NaN) / 1024);
      last[k] = child.stdout;
    });
  }
  return commands.map((_, k) => ({ ms: median(times[k]), rssMb: median(rss[k]), stdout: last[k] }));
}

/** The section: see the file comment. `ctx` is the context run-bench.mjs passes to sections. */
export async function runSpeedSection(ctx) {
  if (!ctx.enabled('speed')) return;
  const { root, dir, report, fmt, RUNS, csvFile, BARS } = ctx;
  const dist = (path) => join(root, 'dist', path);
  const bin = join(root, 'bin/bt.js');
  const bundled = join(root, 'data/sp500-2000.csv');
  const probe = join(dir, 'speed-rss-probe.mjs');
  writeFileSync(probe, "process.on('exit', () => process.stderr.write(`\\nBENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\\n`));\n");
  const x = (ratio) => `${fmt(ratio, 2)}x`;

  // 1. Start-up: a daily run and --help against bare node.
  const daily = ['run', '--data', bundled, '--strategy', 'sma-cross', '--strat', 'fast=15', '--no-store'];
  const [bare, run1, help] = interleaved(root, probe, [['-e', '0'], [bin, ...daily], [bin, '--help']], Math.max(RUNS * 2, 10));
  report('1. bt run on data/sp500-2000.csv (5,105 bars), whole process, no store / node -e 0', `${fmt(run1.ms)} / ${fmt(bare.ms)} ms = ${x(run1.ms / bare.ms)}`, '≤ 1.5x', run1.ms / bare.ms <= 1.5);
  report('1. bt --help / node -e 0', `${fmt(help.ms)} ms = ${x(help.ms / bare.ms)}`, '≤ 1.3x', help.ms / bare.ms <= 1.3);

  // 2. The 1M-bar file: whole process against the same stages in this process (warm).
  const { loadBars } = await import(dist('src/data/index.js'));
  const { runBacktest } = await import(dist('src/engine/run-backtest.js'));
  const { computeMetrics } = await import(dist('src/metrics/index.js'));
  const { resolveParams } = await import(dist('src/strategy/params.js'));
  const { ALL_IN_FRACTION } = await import(dist('src/engine/broker.js'));
  const smaCross = (await import(dist('strategies/sma-cross.js'))).default;
  const options = {
    broker: { initialCash: 100_000, commission: { rate: 0.001, fixed: 0 }, slippageRate: 0, fractional: false, fillAt: 'next-open', defaultStopLoss: undefined, defaultTakeProfit: undefined, defaultTrailingStop: undefined },
    defaultSizing: { kind: 'fraction', fraction: ALL_IN_FRACTION },
    closeAtEnd: false,
  };
  const params = resolveParams(smaCross.params, { values: { fast: 10, slow: 30 }, origin: 'default' });
  const stages = { load: [], engine: [], metrics: [] };
  for (let r = 0; r <= RUNS; r++) {
    const t0 = performance.now();
    const [bars] = await loadBars(csvFile);
    const t1 = performance.now();
    const result = runBacktest(bars, smaCross, params, options);
    const t2 = performance.now();
    computeMetrics({ time: bars.time, close: bars.close, equity: result.equity, trades: result.trades, firstDecisionBar: result.firstDecisionBar });
    const t3 = performance.now();
    if (r === 0) continue;
    stages.load.push(t1 - t0);
    stages.engine.push(t2 - t1);
    stages.metrics.push(t3 - t2);
  }
  const [load, engine, metrics] = [median(stages.load), median(stages.engine), median(stages.metrics)];
  const stagesMs = load + engine + metrics;
  const oneMillion = ['run', '--data', csvFile, '--strategy', 'sma-cross', '--strat', 'fast=10,slow=30'];
  const [e2e, e2eStore, e2eQuiet] = interleaved(root, probe, [[bin, ...oneMillion, '--json', '--no-store'], [bin, ...oneMillion, '-q', '--store', join(dir, 'speed-runs.db')], [bin, ...oneMillion, '-q', '--no-store']], RUNS);
  report(`2. ${fmt(BARS)}-bar bt run --json --no-store, whole process / in-process parse + engine + metrics`, `${fmt(e2e.ms)} / ${fmt(stagesMs)} ms = ${x(e2e.ms / stagesMs)}`, `≤ 3x (in-process: load ${fmt(load)}, engine ${fmt(engine)}, metrics ${fmt(metrics)} ms)`, e2e.ms / stagesMs <= 3);
  // The stage breakdown of that run (README "Performance"): start-up as a bt --help process,
  // load / engine / metrics in-process, and what is left of the whole process (JSON output,
  // first-run JIT compilation, exit).
  report('   stage: start-up (bt --help process)', `${fmt(help.ms)} ms`);
  report('   stage: load (read + parse + validate the CSV)', `${fmt(load)} ms`);
  report('   stage: engine (sma-cross 10/30, all-in)', `${fmt(engine)} ms`);
  report('   stage: metrics', `${fmt(metrics)} ms`);
  report('   stage: output and the rest (whole process − the above)', `${fmt(Math.max(0, e2e.ms - help.ms - stagesMs))} ms`);
  const python = spawnSync('python3', ['-c', 'import backtesting; print(backtesting.__version__)'], { encoding: 'utf8' });
  if (python.status === 0) {
    const script = join(dir, 'bt-py.py');
    writeFileSync(
      script,
      [
        'import sys, pandas as pd',
        'from backtesting import Backtest, Strategy',
        'from backtesting.lib import crossover',
        'from backtesting.test import SMA',
        'class SmaCross(Strategy):',
        '    def init(self):',
        '        self.fast = self.I(SMA, self.data.Close, 10)',
        '        self.slow = self.I(SMA, self.data.Close, 30)',
        '    def next(self):',
        '        if crossover(self.fast, self.slow): self.buy()',
        '        elif crossover(self.slow, self.fast): self.position.close()',
        "df = pd.read_csv(sys.argv[1], index_col=0, parse_dates=True).rename(columns=str.capitalize)",
        "print(Backtest(df, SmaCross, cash=1e9, commission=0.001).run()['# Trades'])",
      ].join('\n'),
    );
    const times = [];
    for (let r = 0; r < Math.max(1, Math.min(RUNS, 3)); r++) {
      const t0 = performance.now();
      const child = spawnSync('python3', [script, csvFile], { encoding: 'utf8' });
      times.push(performance.now() - t0);
      if (child.status !== 0) throw new Error(`backtesting.py failed: ${child.stderr}`);
    }
    const py = median(times);
    report('2. backtesting.py whole process / bt whole process, same file and strategy', `${fmt(py)} / ${fmt(e2e.ms)} ms = ${x(py / e2e.ms)}`, `≥ 10x (backtesting.py ${python.stdout.trim()})`, py / e2e.ms >= 10);
  } else {
    report('2. backtesting.py whole process / bt whole process', 'skipped', 'Python with backtesting.py is not installed here');
  }

  // 3. The 90-run grid against one bt run, both whole processes on the same data.
  const goog = existsSync(join(root, '../shared/data/GOOG.csv')) ? join(root, '../shared/data/GOOG.csv') : bundled;
  const googLabel = goog === bundled ? 'data/sp500-2000.csv (GOOG.csv absent)' : 'GOOG.csv';
  const grid = ['optimize', '--data', goog, '--strategy', 'sma-cross', '--param', 'fast=5:50:5', '--param', 'slow=20:200:20', '--constraint', 'fast < slow', '--json'];
  const [grid90, single] = interleaved(root, probe, [[bin, ...grid], [bin, 'run', '--data', goog, '--strategy', 'sma-cross', '--json', '--no-store']], RUNS);
  report(`3. 90-run sma-cross grid on ${googLabel}, whole process / one bt run process`, `${fmt(grid90.ms)} / ${fmt(single.ms)} ms = ${x(grid90.ms / single.ms)}`, '≤ 2x', grid90.ms / single.ms <= 2);

  // 5 and 6. Ten and five million rows, generated here.
  const bigRows = Number(ctx.argValue?.('--big-rows', '10000000') ?? 10_000_000);
  const big = join(dir, 'random-walk-10m.csv');
  const half = join(dir, 'random-walk-5m.csv');
  const halfRows = Math.floor(bigRows / 2);
  const t0 = performance.now();
  writeRandomWalkFiles([
    [big, bigRows],
    [half, halfRows],
  ]);
  const written = performance.now() - t0;
  const bigRun = ['run', '--data', big, '--strategy', 'sma-cross', '-q', '--no-store'];
  const [ten] = interleaved(root, probe, [[bin, ...bigRun]], 1);
  const rate = bigRows / (ten.ms / 1000);
  report(
    `5. ${fmt(bigRows)}-row CSV (${fmt(statSync(big).size / 2 ** 20)} MiB, written in ${fmt(written / 1000, 1)} s), bt run -q, whole process`,
    `${fmt(rate)} bars/s, ${fmt(ten.ms)} ms, peak ${fmt(ten.rssMb)} MB`,
    '≥ 2,000,000 bars/s and ≤ 1,200 MB',
    rate >= 2e6 && ten.rssMb <= 1200,
  );
  const halfRun = ['run', '--data', half, '--strategy', 'sma-cross', '--no-store'];
  const [quiet5, out5] = interleaved(root, probe, [[bin, ...halfRun, '-q'], [bin, ...halfRun, '-q', '--out', join(dir, 'speed-out')]], 1);
  report(
    `6. ${fmt(halfRows)}-bar run --out / -q: time, peak RSS`,
    `${fmt(out5.ms)} / ${fmt(quiet5.ms)} ms = ${x(out5.ms / quiet5.ms)}; ${fmt(out5.rssMb)} / ${fmt(quiet5.rssMb)} MB = ${x(out5.rssMb / quiet5.rssMb)}`,
    '≤ 2x time and ≤ 1.5x RSS',
    out5.ms / quiet5.ms <= 2 && out5.rssMb / quiet5.rssMb <= 1.5,
  );

  // 7. The run store: recording against --no-store, on the 1M-bar file and on daily data.
  const store = join(dir, 'speed-runs.db');
  const [dailyStore, dailyNoStore] = interleaved(root, probe, [[bin, 'run', '--data', bundled, '--strategy', 'sma-cross', '-q', '--store', store], [bin, 'run', '--data', bundled, '--strategy', 'sma-cross', '-q', '--no-store']], Math.max(RUNS * 2, 10));
  const added = e2eStore.ms / e2eQuiet.ms - 1;
  const dailyAdded = dailyStore.ms - dailyNoStore.ms;
  report(
    `7. run store: ${fmt(BARS)}-bar run -q with / without the store; daily run with - without`,
    `${fmt(e2eStore.ms)} / ${fmt(e2eQuiet.ms)} ms = +${fmt(added * 100, 1)}%; ${fmt(dailyStore.ms)} - ${fmt(dailyNoStore.ms)} = ${fmt(dailyAdded, 1)} ms`,
    '≤ +10% and ≤ 5 ms',
    added <= 0.1 && dailyAdded <= 5,
  );
}
