import { describe, expect, it } from 'vitest';
import { MAX_SEED, mulberry32 } from './prng.js';

describe('mulberry32', () => {
  it('gives the reference sequence for seed 1', () => {
    // The first outputs of the common JavaScript mulberry32 for seed 1 (also what
    // test/bench/run-bench.mjs and test/report/html-report.test.ts generate data with).
    const random = mulberry32(1);
    expect([random(), random(), random()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });

  it('is deterministic per seed, and different seeds give different sequences', () => {
    const take = (seed: number) => {
      const random = mulberry32(seed);
      return Array.from({ length: 8 }, () => random());
    };
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
    expect(take(MAX_SEED), 'the largest seed is distinct from 0').not.toEqual(take(0));
  });

  it('stays in [0, 1) with a mean near 1/2', () => {
    const random = mulberry32(2024);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = random();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.005);
  });
});
