/**
 * Random search: `trials` distinct valid combinations drawn uniformly without replacement,
 * in draw order. The draw is a partial Fisher–Yates shuffle (Durstenfeld's form) of the valid
 * combinations driven by mulberry32(seed): position i swaps with j = i + ⌊u·(m − i)⌋, so the
 * same seed and space give the same trials everywhere, and every shard of a sharded run can
 * draw the same list and take its own slice.
 */
import { mulberry32 } from './prng.js';

/**
 * Draws `min(trials, valid.length)` combination numbers from `valid` (ascending valid
 * combination numbers). Pure; `valid` is not modified.
 */
export function randomTrials(valid: readonly number[], trials: number, seed: number): number[] {
  const random = mulberry32(seed);
  const pool = valid.slice();
  const m = pool.length;
  const count = Math.min(trials, m);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (m - i));
    const swap = pool[i];
    pool[i] = pool[j];
    pool[j] = swap;
  }
  return pool.slice(0, count);
}
