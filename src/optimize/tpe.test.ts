/**
 * The Tree-structured Parzen Estimator (issue 16) through its objective hook: known optima of
 * standard test functions (sphere, Rosenbrock, a categorical mix), fewer evaluations than
 * random search to reach the best cell (medians over 20 seeds; deterministic with fixed
 * seeds), constraints, batches and determinism.
 */
import { describe, expect, it } from 'vitest';
import type { Objective } from './objective.js';
import { randomTrials } from './random.js';
import { paramsAt, rangeValues, type ParamValue, type SearchSpace } from './search-space.js';
import { categoricalEstimator, goodCount, numericEstimator, tpeSearch } from './tpe.js';

const minimize: Objective = { key: 'sharpe', direction: 'minimize', minTrades: null };

function space(axes: { name: string; values: ParamValue[] }[]): SearchSpace {
  return { axes, fixed: {}, order: axes.map((axis) => axis.name), size: axes.reduce((product, axis) => product * axis.values.length, 1) };
}

type Fn = (params: Record<string, ParamValue>) => number;

/** Runs TPE on `fn` over `s` and returns the combinations in evaluation order with their values. */
async function runTpe(s: SearchSpace, fn: Fn, options: { trials: number; seed: number; batch?: number; startupTrials?: number; isValid?: Uint8Array; stopAt?: number }): Promise<{ order: number[]; values: Map<number, number> }> {
  const isValid = options.isValid ?? new Uint8Array(s.size).fill(1);
  const valid: number[] = [];
  isValid.forEach((flag, index) => flag === 1 && valid.push(index));
  const values = new Map<number, number>();
  const order: number[] = [];
  await tpeSearch(
    { space: s, valid, isValid, objective: minimize, trials: options.trials, startupTrials: options.startupTrials ?? 10, batch: options.batch ?? 1, seed: options.seed },
    {
      evaluate: async (indices) => {
        for (const index of indices) {
          expect(values.has(index), 'never runs a combination twice').toBe(false);
          values.set(index, fn(paramsAt(s, index)));
          order.push(index);
        }
        // Stops the search (as an interruption does) once the cell being timed was run.
        return options.stopAt === undefined || !values.has(options.stopAt);
      },
      valueOf: (index) => values.get(index) ?? null,
    },
  );
  return { order, values };
}

/** Evaluations until `target` is first evaluated (1-based); Infinity when never. */
function evaluationsTo(order: readonly number[], target: number): number {
  const at = order.indexOf(target);
  return at < 0 ? Infinity : at + 1;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function argmin(s: SearchSpace, fn: Fn): number {
  let best = 0;
  for (let index = 1; index < s.size; index++) if (fn(paramsAt(s, index)) < fn(paramsAt(s, best))) best = index;
  return best;
}

const sphere: Fn = (p) => (p.x as number) ** 2 + (p.y as number) ** 2;
const rosenbrock: Fn = (p) => 100 * ((p.y as number) - (p.x as number) ** 2) ** 2 + (1 - (p.x as number)) ** 2;
const mix: Fn = (p) => (p.kind === 'b' ? 0 : 1) + (p.flag === true ? 0 : 0.5) + ((p.n as number) - 13) ** 2 / 100;

const sphereSpace = space([
  { name: 'x', values: rangeValues(-5, 5, 0.25, 2) },
  { name: 'y', values: rangeValues(-5, 5, 0.25, 2) },
]);
const rosenbrockSpace = space([
  { name: 'x', values: rangeValues(-2, 2, 0.1, 1) },
  { name: 'y', values: rangeValues(-1, 3, 0.1, 1) },
]);
const mixSpace = space([
  { name: 'kind', values: ['a', 'b', 'c', 'd'] },
  { name: 'flag', values: [false, true] },
  { name: 'n', values: rangeValues(1, 30, 1, 0) },
]);

/** Median evaluations to reach the best cell over seeds 1 … 20: TPE, and random search over the same cells. */
async function medians(s: SearchSpace, fn: Fn): Promise<{ tpe: number; random: number }> {
  const target = argmin(s, fn);
  const all = Array.from({ length: s.size }, (_, i) => i);
  const tpe: number[] = [];
  const random: number[] = [];
  for (let seed = 1; seed <= 20; seed++) {
    tpe.push(evaluationsTo((await runTpe(s, fn, { trials: s.size, seed, stopAt: target })).order, target));
    random.push(evaluationsTo(randomTrials(all, s.size, seed), target));
  }
  return { tpe: median(tpe), random: median(random) };
}

describe('TPE estimators', () => {
  it('gives the good set min(ceil(0.1 n), 25) trials, at least 1 (Optuna default gamma)', () => {
    expect([1, 9, 10, 11, 100, 240, 250, 1000].map(goodCount)).toEqual([1, 1, 1, 2, 10, 24, 25, 25]);
  });

  it('numeric estimator: position probabilities sum to 1 and peak at the observations', () => {
    const estimator = numericEstimator(21, [10, 10, 11]);
    let sum = 0;
    for (let k = 0; k < 21; k++) sum += Math.exp(estimator.logProbability(k));
    expect(sum).toBeCloseTo(1, 12);
    expect(estimator.logProbability(10)).toBeGreaterThan(estimator.logProbability(0));
    expect(estimator.logProbability(10)).toBeGreaterThan(estimator.logProbability(20));
  });

  it('categorical estimator: (1/m + count) / (1 + n)', () => {
    const estimator = categoricalEstimator(4, [1, 1, 3]);
    expect(Math.exp(estimator.logProbability(1))).toBeCloseTo((0.25 + 2) / 4, 15);
    expect(Math.exp(estimator.logProbability(0))).toBeCloseTo(0.25 / 4, 15);
  });
});

describe('TPE search', () => {
  it('finds the sphere minimum (0, 0) within 120 evaluations of 1,681 cells', async () => {
    const { values } = await runTpe(sphereSpace, sphere, { trials: 120, seed: 3 });
    expect(Math.min(...values.values())).toBe(0);
  });

  it('on Rosenbrock, the best value after 200 of 1,681 cells is lower than random search\'s (medians over seeds 1 … 9)', async () => {
    const all = Array.from({ length: rosenbrockSpace.size }, (_, i) => i);
    const tpe: number[] = [];
    const random: number[] = [];
    for (let seed = 1; seed <= 9; seed++) {
      tpe.push(Math.min(...(await runTpe(rosenbrockSpace, rosenbrock, { trials: 200, seed })).values.values()));
      random.push(Math.min(...randomTrials(all, 200, seed).map((index) => rosenbrock(paramsAt(rosenbrockSpace, index)))));
    }
    expect(median(tpe), `TPE ${tpe.join(', ')}; random ${random.join(', ')}`).toBeLessThan(median(random));
    expect(median(tpe)).toBeLessThan(0.11);
  });

  it('finds the categorical mix optimum (kind b, flag true, n 13) within 60 evaluations of 240', async () => {
    const { values } = await runTpe(mixSpace, mix, { trials: 60, seed: 5 });
    expect(Math.min(...values.values())).toBe(0);
  });

  it('reaches the best cell in fewer evaluations than random search (medians over seeds 1 … 20)', async () => {
    // (Rosenbrock's exact cell takes TPE a median of about 440 evaluations against random's
    // 840: measured, but too slow for a unit test; `npm run bench` reports the GOOG grid.)
    for (const [name, s, fn] of [
      ['sphere', sphereSpace, sphere],
      ['mix', mixSpace, mix],
    ] as const) {
      const { tpe, random } = await medians(s, fn);
      expect(tpe, `${name}: TPE median ${tpe} vs random ${random}`).toBeLessThan(random / 2);
    }
  });

  it('runs only valid combinations, each once, and every valid one when trials exceed them', async () => {
    const s = space([
      { name: 'x', values: rangeValues(1, 12, 1, 0) },
      { name: 'y', values: rangeValues(1, 12, 1, 0) },
    ]);
    const isValid = new Uint8Array(s.size);
    for (let index = 0; index < s.size; index++) {
      const p = paramsAt(s, index);
      isValid[index] = (p.x as number) < (p.y as number) ? 1 : 0;
    }
    const { order } = await runTpe(s, sphere, { trials: 1000, seed: 2, batch: 4, isValid });
    expect(order).toHaveLength(66);
    expect(new Set(order).size).toBe(66);
    for (const index of order) expect(isValid[index]).toBe(1);
  });

  it('is the same for the same seed and batch, and differs with the seed or the batch size', async () => {
    const a = (await runTpe(sphereSpace, sphere, { trials: 40, seed: 7, batch: 4 })).order;
    expect((await runTpe(sphereSpace, sphere, { trials: 40, seed: 7, batch: 4 })).order).toEqual(a);
    expect((await runTpe(sphereSpace, sphere, { trials: 40, seed: 8, batch: 4 })).order).not.toEqual(a);
    expect((await runTpe(sphereSpace, sphere, { trials: 40, seed: 7, batch: 1 })).order).not.toEqual(a);
    expect(a.slice(0, 10), 'the startup trials are the random draws').toEqual((await runTpe(sphereSpace, sphere, { trials: 10, seed: 7, batch: 4 })).order);
  });

  it('with batches (constant liar) still beats random search on the sphere', async () => {
    const target = argmin(sphereSpace, sphere);
    const counts: number[] = [];
    for (let seed = 1; seed <= 20; seed++) counts.push(evaluationsTo((await runTpe(sphereSpace, sphere, { trials: sphereSpace.size, seed, batch: 8, stopAt: target })).order, target));
    expect(median(counts)).toBeLessThan(sphereSpace.size / 4);
  });
});
