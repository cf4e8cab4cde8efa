/**
 * The search driver: methods, shards, workers and interruption, on sma-cross over the bundled
 * S&P 500 data. The pool runs the compiled worker (dist/), so `npm run build` comes first.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sliceBars, type BarSeries } from '../data/bar-series.js';
import { loadBars } from '../data/index.js';
import { ALL_IN_FRACTION } from '../engine/broker.js';
import { packageRoot } from '../strategy/package-root.js';
import type { Strategy } from '../strategy/define-strategy.js';
import { parseConstraint } from './constraint.js';
import { InProcessEvaluator } from './evaluator.js';
import type { TrialRunOptions } from './evaluate.js';
import { TrialPool } from './pool.js';
import { probeSearchWarmup, runSearch, type MethodSettings, type SearchPlan } from './search.js';
import { buildSearchSpace } from './search-space.js';
import { validCombinations } from './valid-combinations.js';
import { searchWarmup } from './warmup.js';
import { paramsAt } from './search-space.js';

const options: TrialRunOptions = {
  broker: { initialCash: 100_000, commission: { rate: 0.001, fixed: 0 }, slippageRate: 0, fractional: false, fillAt: 'next-open', defaultStopLoss: undefined, defaultTakeProfit: undefined, defaultTrailingStop: undefined },
  defaultSizing: { kind: 'fraction', fraction: ALL_IN_FRACTION },
  closeAtEnd: false,
};

let bars: BarSeries;
let strategy: Strategy;
let pool: TrialPool;

beforeAll(async () => {
  const loaded = await loadBars(join(packageRoot(), 'data/sp500-2000.csv'), { sort: false, label: 'sp500' });
  bars = Array.isArray(loaded) ? loaded[0] : (loaded as unknown as BarSeries);
  strategy = (await import('../../strategies/sma-cross.js')).default as unknown as Strategy;
  pool = await TrialPool.start(2, { strategy: 'sma-cross', options });
  pool.setBars(bars);
});
afterAll(async () => pool?.close());

function plan(method: MethodSettings, shard?: { index: number; count: number }): SearchPlan {
  const space = buildSearchSpace(['fast=5:50:5', 'slow=20:200:20'], strategy.params, { direction: 'long-only' });
  const valid = validCombinations(space, [parseConstraint('fast < slow', strategy.params)], strategy.validate as never);
  const warmup = searchWarmup(bars, strategy, valid.indices.map((i) => paramsAt(space, i)));
  return { space, valid, method, objective: { key: 'sharpe', direction: 'maximize', minTrades: null }, window: { start: 0, end: bars.length }, firstDecisionBar: warmup.firstDecisionBar, shard };
}

describe('runSearch', () => {
  it('gives identical runs in-process and on 2 workers (grid)', async () => {
    const inProcess = await runSearch(plan({ method: 'grid' }), { evaluator: new InProcessEvaluator(bars, strategy, options) });
    const pooled = await runSearch(plan({ method: 'grid' }), { evaluator: pool });
    expect(inProcess.runs).toHaveLength(90);
    expect(JSON.stringify(pooled.runs)).toBe(JSON.stringify(inProcess.runs));
    expect(inProcess.runs.every((run) => run.metrics.tradeCount !== null)).toBe(true);
  });

  it('gives identical runs in-process and on 2 workers (genetic), and the same again for the same seed', async () => {
    const method: MethodSettings = { method: 'genetic', population: 10, generations: 4, seed: 11 };
    const inProcess = await runSearch(plan(method), { evaluator: new InProcessEvaluator(bars, strategy, options) });
    const pooled = await runSearch(plan(method), { evaluator: pool });
    expect(JSON.stringify(pooled.runs)).toBe(JSON.stringify(inProcess.runs));
    expect(inProcess.runs.length).toBeLessThanOrEqual(40);
    expect(new Set(inProcess.runs.map((r) => JSON.stringify(r.params))).size, 'each combination once').toBe(inProcess.runs.length);
  });

  it('splits random trials into strided shards that together are the unsharded search', async () => {
    const method: MethodSettings = { method: 'random', trials: 25, seed: 3 };
    const whole = await runSearch(plan(method), { evaluator: pool });
    const parts = await Promise.all([1, 2, 3].map((index) => runSearch(plan(method, { index, count: 3 }), { evaluator: pool })));
    expect(parts.map((p) => p.runs.map((r) => r.trial))[1]).toEqual([1, 4, 7, 10, 13, 16, 19, 22]);
    const merged = parts.flatMap((p) => p.runs).sort((a, b) => a.trial - b.trial);
    expect(JSON.stringify(merged)).toBe(JSON.stringify(whole.runs));
  });

  it('stops on abort, keeps the finished runs and says it is incomplete', async () => {
    const controller = new AbortController();
    let progress = 0;
    const outcome = await runSearch(plan({ method: 'grid' }), {
      evaluator: new InProcessEvaluator(bars, strategy, options),
      signal: controller.signal,
      onProgress: (done) => {
        progress = done;
        if (done >= 16) controller.abort();
      },
    });
    expect(outcome.incomplete).toBe(true);
    expect(outcome.runs.length).toBe(progress);
    expect(outcome.runs.length).toBeLessThan(90);
  });

  it('probes warm-ups on the pool and in-process alike, and as in one thread', async () => {
    const space = buildSearchSpace(['fast=5:50:5', 'slow=20:300:7'], strategy.params, { direction: 'long-only' });
    const valid = validCombinations(space, [], strategy.validate as never);
    const combinations = valid.indices.map((i) => paramsAt(space, i));
    const window = { start: 100, end: bars.length };
    const expected = searchWarmup(sliceBars(bars, 100, bars.length), strategy, combinations);
    expect(expected.warmupBars, 'slow 300').toBe(299);
    expect(await probeSearchWarmup(pool, bars, window, combinations)).toEqual(expected);
    expect(await probeSearchWarmup(new InProcessEvaluator(bars, strategy, options), bars, window, combinations)).toEqual(expected);
  });

  it('reports progress up to the planned total', async () => {
    const seen: [number, number][] = [];
    await runSearch(plan({ method: 'grid' }), { evaluator: pool, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen[seen.length - 1]).toEqual([90, 90]);
  });
});
