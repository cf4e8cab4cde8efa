/**
 * Extra sections of `npm run bench` (test/bench/run-bench.mjs imports this file and calls
 * `runSections(ctx)` after its own sections). Each section is a function of the shared context
 * `{ root, dir, BARS, RUNS, enabled, report, timeIt, spawnTimed, fmt, median, … }` that checks
 * `enabled('<key>')` (so `--only <key>` runs just it) and adds rows with `report(name, value,
 * target, ok)`.
 *
 * To add a section: write `async function mySection(ctx) { if (!ctx.enabled('mine')) return; … }`
 * and append it to `SECTIONS` below.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Seeded daily random-walk OHLCV CSV with `n` bars (stands in for GOOG.csv when ../shared is absent). */
function dailyRandomWalkCsv(n, seed = 7) {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const lines = ['date,open,high,low,close,volume'];
  let price = 100;
  for (let i = 0; i < n; i++) {
    const open = price;
    const close = Math.max(1, open * (1 + (random() - 0.49) * 0.04));
    const high = Math.max(open, close) * (1 + random() * 0.01);
    const low = Math.min(open, close) * (1 - random() * 0.01);
    lines.push(`${new Date(Date.UTC(2004, 7, 19) + i * 86_400_000).toISOString().slice(0, 10)},${open.toFixed(2)},${high.toFixed(2)},${low.toFixed(2)},${close.toFixed(2)},${Math.floor(random() * 1e6)}`);
    price = close;
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Issue 5: `bt optimize`. The 90-combination sma-cross grid (fast 5..50 step 5, slow 20..200
 * step 20, fast < slow) on GOOG.csv: engine time in-process, end-to-end wall time of the built
 * CLI with --workers 1 and 2; and the 2-worker speed-up on a 1,000-combination grid (fast
 * 1..20, slow 30..520 step 10) over data/sp500-2000.csv: of the evaluation (warm pools of 1 and
 * 2 workers) and end to end (spawned CLI, beside two half-grid shard processes at once), and
 * end to end on a 9,895-run grid.
 */
async function optimizeSection(ctx) {
  if (!ctx.enabled('optimize')) return;
  const { root, dir, report, timeIt, spawnTimed, spawnAsync, fmt, median, RUNS } = ctx;
  const dist = (path) => join(root, 'dist', path);
  const shared = join(root, '../shared/data/GOOG.csv');
  let goog = shared;
  let label = '../shared/data/GOOG.csv';
  if (!existsSync(shared)) {
    goog = join(dir, 'goog-sized.csv');
    writeFileSync(goog, dailyRandomWalkCsv(2148));
    label = '2,148 generated daily bars (GOOG.csv absent)';
  }
  const bin = join(root, 'bin/bt.js');
  const grid90 = ['--strategy', 'sma-cross', '--param', 'fast=5:50:5', '--param', 'slow=20:200:20', '--constraint', 'fast < slow', '--json'];
  const grid1000 = ['--data', join(root, 'data/sp500-2000.csv'), '--strategy', 'sma-cross', '--param', 'fast=1:20:1', '--param', 'slow=30:520:10', '--json'];

  const { loadBars } = await import(dist('src/data/index.js'));
  const { InProcessEvaluator } = await import(dist('src/optimize/evaluator.js'));
  const { TrialPool } = await import(dist('src/optimize/pool.js'));
  const { runSearch } = await import(dist('src/optimize/search.js'));
  const { buildSearchSpace, paramsAt } = await import(dist('src/optimize/search-space.js'));
  const { parseConstraint } = await import(dist('src/optimize/constraint.js'));
  const { validCombinations } = await import(dist('src/optimize/valid-combinations.js'));
  const { searchWarmup } = await import(dist('src/optimize/warmup.js'));
  const { ALL_IN_FRACTION } = await import(dist('src/engine/broker.js'));
  const smaCross = (await import(dist('strategies/sma-cross.js'))).default;
  const options = {
    broker: { initialCash: 100_000, commission: { rate: 0.001, fixed: 0 }, slippageRate: 0, fractional: false, fillAt: 'next-open', defaultStopLoss: undefined, defaultTakeProfit: undefined, defaultTrailingStop: undefined },
    defaultSizing: { kind: 'fraction', fraction: ALL_IN_FRACTION },
    closeAtEnd: false,
  };
  const first = (loaded) => (Array.isArray(loaded) ? loaded[0] : loaded);
  const planFor = (bars, specs, constraints) => {
    const space = buildSearchSpace(specs, smaCross.params, { direction: 'long-only' });
    const valid = validCombinations(space, constraints.map((c) => parseConstraint(c, smaCross.params)), smaCross.validate);
    const warmup = searchWarmup(bars, smaCross, valid.indices.map((i) => paramsAt(space, i)));
    return { space, valid, method: { method: 'grid' }, objective: { key: 'sharpe', direction: 'maximize', minTrades: null }, window: { start: 0, end: bars.length }, firstDecisionBar: warmup.firstDecisionBar };
  };
  /** Median wall time [ms] of `runs` awaited calls of `fn`, after one warm-up call. */
  const timeAsync = async (fn, runs = RUNS) => {
    await fn();
    const times = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      await fn();
      times.push(performance.now() - t0);
    }
    return median(times);
  };

  // 90-run grid: engine time (warm-up probe + 90 runs + metrics, in-process, warm JIT).
  const googBars = first(await loadBars(goog, { sort: false, label }));
  const engine90 = timeIt(() => planFor(googBars, ['fast=5:50:5', 'slow=20:200:20'], ['fast < slow']));
  const plan90 = engine90.result;
  const inProcess = new InProcessEvaluator(googBars, smaCross, options);
  const search90 = await timeAsync(() => runSearch(plan90, { evaluator: inProcess }));
  const engineMs = engine90.ms + search90;
  report(`optimize: 90-run sma-cross grid on ${label}, engine (probe ${fmt(engine90.ms, 1)} ms + runs)`, `${fmt(engineMs)} ms`, '< 300 ms', engineMs < 300);
  report('  per run (engine + all metrics)', `${fmt((search90 / 90) * 1000)} µs`);

  // 90-run grid end to end (spawned CLI, data load to JSON on stdout).
  const e2e1 = spawnTimed([bin, 'optimize', '--data', goog, ...grid90, '--workers', '1']);
  const e2e2 = spawnTimed([bin, 'optimize', '--data', goog, ...grid90, '--workers', '2']);
  const same90 = e2e1.last.stdout === e2e2.last.stdout;
  report('optimize: 90-run grid end to end, --workers 1', `${fmt(e2e1.ms)} ms`, '< 1,000 ms (backtesting.py ≈ 3,100 ms)', e2e1.ms < 1000);
  report('optimize: 90-run grid end to end, --workers 2', `${fmt(e2e2.ms)} ms`, same90 ? 'same JSON as --workers 1' : 'JSON DIFFERS from --workers 1', same90 && e2e2.ms < 1000);
  report('  scaling 90 runs, workers 1 / workers 2', `${fmt(e2e1.ms / e2e2.ms, 2)}x`, 'thread start-up dominates 90 short runs');
  report('  vs backtesting.py optimize (≈ 3.1 s) / backtrader optstrategy 2 CPUs (≈ 7.6 s)', `${fmt(3100 / Math.min(e2e1.ms, e2e2.ms), 1)}x / ${fmt(7600 / Math.min(e2e1.ms, e2e2.ms), 1)}x faster`);

  // 1,000-combination grid over data/sp500-2000.csv: the 2-worker speed-up of the evaluation,
  // pools of 1 and of 2 worker threads started and JIT-warm (as in a long search), timed in
  // alternation so that drift of the machine's speed hits both alike. In-process for scale.
  const spBars = first(await loadBars(join(root, 'data/sp500-2000.csv'), { sort: false, label: 'sp500' }));
  const plan1000 = planFor(spBars, ['fast=1:20:1', 'slow=30:520:10'], []);
  const inProcessSp = new InProcessEvaluator(spBars, smaCross, options);
  const pool1 = await TrialPool.start(1, { strategy: 'sma-cross', options });
  const pool2 = await TrialPool.start(2, { strategy: 'sma-cross', options });
  pool1.setBars(spBars);
  pool2.setBars(spBars);
  const times = { inProcess: [], pool1: [], pool2: [] };
  let sameRuns = true;
  try {
    const evaluators = { inProcess: inProcessSp, pool1, pool2 };
    for (let r = -3; r < RUNS * 2 + 1; r++) {
      const outcomes = {};
      for (const [key, evaluator] of Object.entries(evaluators)) {
        const t0 = performance.now();
        outcomes[key] = await runSearch(plan1000, { evaluator });
        if (r >= 0) times[key].push(performance.now() - t0);
      }
      sameRuns &&= JSON.stringify(outcomes.pool1.runs) === JSON.stringify(outcomes.pool2.runs) && JSON.stringify(outcomes.inProcess.runs) === JSON.stringify(outcomes.pool2.runs);
    }
  } finally {
    await Promise.all([pool1.close(), pool2.close()]);
  }
  const [evalIn, eval1, eval2] = [median(times.inProcess), median(times.pool1), median(times.pool2)];
  report('optimize: 1,000-run grid on data/sp500-2000.csv, evaluation: in-process / 1-worker pool', `${fmt(evalIn)} / ${fmt(eval1)} ms`, `${fmt((evalIn / 1000) * 1000)} µs per run in-process`);
  report('optimize: 1,000-run grid, 2-worker pool (started, warm)', `${fmt(eval2)} ms`, sameRuns ? 'same runs' : 'RUNS DIFFER', sameRuns);
  report('  2-worker speed-up of the evaluation, 1-worker / 2-worker pool', `${fmt(eval1 / eval2, 2)}x`, '≥ 1.7x', eval1 / eval2 >= 1.7);

  // End to end, interleaved so that drift of this machine's speed hits every variant alike:
  // --workers 1; --workers 2; and, as the ceiling of any 2-way split, two independent
  // processes each running half the grid (--shard 1/2 and 2/2) at once.
  const quiet = (grid) => grid.map((arg) => (arg === '--json' ? '--quiet' : arg));
  const endToEnd = async (name, grid, runs) => {
    const w1 = [];
    const w2 = [];
    const halves = [];
    let out1;
    let out2;
    for (let r = 0; r <= runs; r++) {
      const a = await spawnAsync([bin, 'optimize', ...grid, '--workers', '1']);
      const b = await spawnAsync([bin, 'optimize', ...grid, '--workers', '2']);
      const t0 = performance.now();
      await Promise.all([1, 2].map((k) => spawnAsync([bin, 'optimize', ...quiet(grid), '--workers', '1', '--shard', `${k}/2`])));
      const both = performance.now() - t0;
      if (r === 0) continue; // warm-up round (file cache)
      w1.push(a.ms);
      w2.push(b.ms);
      halves.push(both);
      out1 = a.stdout;
      out2 = b.stdout;
    }
    const [m1, m2, mh] = [median(w1), median(w2), median(halves)];
    report(`${name} end to end, --workers 1 / 2`, `${fmt(m1)} / ${fmt(m2)} ms`, out1 === out2 ? 'same output' : 'OUTPUT DIFFERS', out1 === out2);
    report('  2-worker speed-up end to end', `${fmt(m1 / m2, 2)}x`, '≥ 1.7x', m1 / m2 >= 1.7);
    report('  ceiling: two half-grid processes (--shard 1/2, 2/2) at once', `${fmt(mh)} ms = ${fmt(m1 / mh, 2)}x`, 'what an ideal 2-way split reaches here');
  };
  await endToEnd('optimize: 1,000-run grid (fast 1..20 × slow 30..520 step 10)', grid1000, 3);
  const grid10k = quiet(['--data', join(root, 'data/sp500-2000.csv'), '--strategy', 'sma-cross', '--param', 'fast=1:50:1', '--param', 'slow=30:1020:5', '--json']);
  await endToEnd('optimize: 9,895-run grid (fast 1..50 × slow 30..1020 step 5, --quiet)', grid10k, 2);
}

/** The sections, in output order; append new ones here. */
/**
 * Issue 16: search quality and overfitting statistics.
 * - TPE vs random search: evaluations until each first runs the best cell (by Sharpe) of the
 *   GOOG sma-cross grids, medians over seeds 1 … 20. A trial's metrics do not depend on when it
 *   runs, so every cell is run once and both methods read the values from that table.
 * - PBO's cost: CSCV (16 splits, 12,870 combinations) over a 1,000-run search, against the
 *   search's own evaluation time (in-process, the same run).
 */
async function searchQualitySection(ctx) {
  if (!ctx.enabled('tpe')) return;
  const { root, dir, report, timeIt, fmt, median } = ctx;
  const dist = (path) => join(root, 'dist', path);
  const { loadBars } = await import(dist('src/data/index.js'));
  const { InProcessEvaluator } = await import(dist('src/optimize/evaluator.js'));
  const { runSearch } = await import(dist('src/optimize/search.js'));
  const { buildSearchSpace } = await import(dist('src/optimize/search-space.js'));
  const { parseConstraint } = await import(dist('src/optimize/constraint.js'));
  const { validCombinations } = await import(dist('src/optimize/valid-combinations.js'));
  const { objectiveValue } = await import(dist('src/optimize/objective.js'));
  const { randomTrials } = await import(dist('src/optimize/random.js'));
  const { tpeSearch } = await import(dist('src/optimize/tpe.js'));
  const { probabilityOfOverfitting } = await import(dist('src/optimize/pbo.js'));
  const { blockCounts } = await import(dist('src/optimize/evaluate.js'));
  const { ALL_IN_FRACTION } = await import(dist('src/engine/broker.js'));
  const smaCross = (await import(dist('strategies/sma-cross.js'))).default;
  const options = {
    broker: { initialCash: 100_000, commission: { rate: 0.001, fixed: 0 }, slippageRate: 0, fractional: false, fillAt: 'next-open', defaultStopLoss: undefined, defaultTakeProfit: undefined, defaultTrailingStop: undefined },
    defaultSizing: { kind: 'fraction', fraction: ALL_IN_FRACTION },
    closeAtEnd: false,
  };
  const objective = { key: 'sharpe', direction: 'maximize', minTrades: null };
  const first = (loaded) => (Array.isArray(loaded) ? loaded[0] : loaded);
  const shared = join(root, '../shared/data/GOOG.csv');
  let goog = shared;
  let label = 'GOOG.csv';
  if (!existsSync(shared)) {
    goog = join(dir, 'goog-sized-tpe.csv');
    writeFileSync(goog, dailyRandomWalkCsv(2148));
    label = '2,148 generated daily bars';
  }
  const bars = first(await loadBars(goog, { sort: false, label }));
  const evaluator = new InProcessEvaluator(bars, smaCross, options);
  for (const specs of [['fast=5:50:5', 'slow=20:200:20'], ['fast=2:60:2', 'slow=20:300:10']]) {
    const space = buildSearchSpace(specs, smaCross.params, { direction: 'long-only' });
    const valid = validCombinations(space, [parseConstraint('fast < slow', smaCross.params)], smaCross.validate);
    const grid = await runSearch({ space, valid, method: { method: 'grid' }, objective, window: { start: 0, end: bars.length }, firstDecisionBar: 0 }, { evaluator });
    const value = new Map();
    grid.runs.forEach((run, trial) => value.set(valid.indices[trial], objectiveValue(objective, run.metrics)));
    let best = valid.indices[0];
    for (const index of valid.indices) if ((value.get(index) ?? -Infinity) > (value.get(best) ?? -Infinity)) best = index;
    const tpe = [];
    const random = [];
    for (let seed = 1; seed <= 20; seed++) {
      let count = 0;
      await tpeSearch(
        { space, valid: valid.indices, isValid: valid.isValid, objective, trials: valid.indices.length, startupTrials: 10, batch: 4, seed },
        {
          evaluate: async (indices) => {
            for (const index of indices) {
              count++;
              if (index === best) return false;
            }
            return true;
          },
          valueOf: (index) => value.get(index) ?? null,
        },
      );
      tpe.push(count);
      random.push(randomTrials(valid.indices, valid.indices.length, seed).indexOf(best) + 1);
    }
    const t = median(tpe);
    const r = median(random);
    report(`tpe: evaluations to the best cell of the ${valid.indices.length}-run sma-cross grid on ${label} (${specs.join(' ')}), median of 20 seeds`, `TPE ${fmt(t, 1)} vs random ${fmt(r, 1)}`, 'TPE below random', t < r);
  }

  // PBO cost on a 1,000-run search over data/sp500-2000.csv.
  const sp = first(await loadBars(join(root, 'data/sp500-2000.csv'), { sort: false, label: 'sp500' }));
  const space = buildSearchSpace(['fast=1:20:1', 'slow=30:520:10'], smaCross.params, { direction: 'long-only' });
  const valid = validCombinations(space, [], smaCross.validate);
  const returns = { from: 520, splits: 16 };
  const spEvaluator = new InProcessEvaluator(sp, smaCross, options);
  const plan = { space, valid, method: { method: 'grid' }, objective, window: { start: 0, end: sp.length }, firstDecisionBar: 0, returns };
  const t0 = performance.now();
  const outcome = await runSearch(plan, { evaluator: spEvaluator });
  const searchMs = performance.now() - t0;
  const matrix = { counts: blockCounts(returns, sp.length), blocks: outcome.runs.map((run) => run.blocks) };
  const pbo = timeIt(() => probabilityOfOverfitting(matrix));
  report(`pbo: CSCV, 16 splits (12,870 combinations) over ${outcome.runs.length} runs × ${sp.length - 520} bar returns`, `${fmt(pbo.ms)} ms`, `< the search itself (${fmt(searchMs)} ms)`, pbo.ms < searchMs);
  report('  PBO time / search time', `${fmt(pbo.ms / searchMs, 2)}x`);
  report('  PBO of that search', `${fmt(pbo.result.pbo * 100, 1)}%`);
}

export const SECTIONS = [optimizeSection, searchQualitySection, (ctx) => import('./hardening-bench.mjs').then((m) => m.hardeningSection(ctx))];

/** Runs every section (each decides from `ctx.enabled` whether it runs). */
export async function runSections(ctx) {
  for (const section of SECTIONS) await section(ctx);
}
