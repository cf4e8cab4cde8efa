import { describe, expect, it } from 'vitest';
import type { ParamSchema } from '../strategy/params.js';
import { parseConstraint } from './constraint.js';
import { geneticSearch } from './genetic.js';
import { objectiveValue, type Objective } from './objective.js';
import { buildSearchSpace, paramsAt } from './search-space.js';
import { validCombinations } from './valid-combinations.js';

const schema = {
  x: { type: 'int', default: 0, description: 'x' },
  y: { type: 'int', default: 0, description: 'y' },
} as const satisfies ParamSchema;
const objective: Objective = { key: 'sharpe', direction: 'maximize', minTrades: null };

/** Runs a genetic search on f(x, y) = −(x − 31)² − (y − 17)², recording evaluations. */
async function search(seed: number, population = 16, generations = 12, constraint?: string) {
  const space = buildSearchSpace(['x=0:60', 'y=0:40'], schema, {});
  const valid = validCombinations(space, constraint === undefined ? [] : [parseConstraint(constraint, schema)], undefined);
  const values = new Map<number, { value: number; trial: number }>();
  const order: number[] = [];
  const completed = await geneticSearch(
    { space, valid: valid.indices, isValid: valid.isValid, objective, population, generations, seed },
    {
      evaluate: async (indices) => {
        for (const index of indices) {
          expect(values.has(index), 'a combination is evaluated once').toBe(false);
          expect(valid.isValid[index], 'only valid combinations run').toBe(1);
          const { x, y } = paramsAt(space, index) as { x: number; y: number };
          values.set(index, { value: -((x - 31) ** 2) - (y - 17) ** 2, trial: order.length });
          order.push(index);
        }
        return true;
      },
      rankOf: (index) => values.get(index)!,
    },
  );
  const best = Math.max(...[...values.values()].map((v) => v.value));
  return { completed, order, best, space };
}

describe('geneticSearch', () => {
  it('is deterministic for a seed', async () => {
    const a = await search(5);
    const b = await search(5);
    expect(a.order).toEqual(b.order);
    expect((await search(6)).order).not.toEqual(a.order);
  });

  it('runs at most population × generations combinations and improves on the random first generation', async () => {
    const { completed, order, best } = await search(1, 16, 12);
    expect(completed).toBe(true);
    expect(order.length).toBeLessThanOrEqual(16 * 12);
    expect(order.length, 'later generations add new combinations').toBeGreaterThan(16);
    const first = await search(1, 16, 1);
    const firstBest = Math.max(...first.order.map((i) => { const { x, y } = paramsAt(first.space, i) as { x: number; y: number }; return -((x - 31) ** 2) - (y - 17) ** 2; }));
    expect(best).toBeGreaterThan(firstBest);
    expect(best, 'close to the optimum 0 after 12 generations').toBeGreaterThanOrEqual(-10);
  });

  it('respects constraints', async () => {
    const { order, space } = await search(2, 10, 8, 'x < y');
    for (const index of order) {
      const { x, y } = paramsAt(space, index) as { x: number; y: number };
      expect(x).toBeLessThan(y);
    }
  });

  it('stops when the evaluator reports an interruption', async () => {
    const space = buildSearchSpace(['x=0:9', 'y=0:9'], schema, {});
    const valid = validCombinations(space, [], undefined);
    let calls = 0;
    const completed = await geneticSearch(
      { space, valid: valid.indices, isValid: valid.isValid, objective, population: 5, generations: 5, seed: 1 },
      { evaluate: async () => ++calls < 2, rankOf: (index) => ({ value: objectiveValue(objective, { sharpe: index } as never), trial: index }) },
    );
    expect(completed).toBe(false);
    expect(calls).toBe(2);
  });
});
