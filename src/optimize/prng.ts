/**
 * Seeded pseudo-random numbers for the optimisers and Monte Carlo. Pure modules take a
 * {@link Random} as an argument and never call `Math.random()`, so the same seed gives the
 * same numbers, and byte-identical output, on every machine and Node version.
 */

/** A source of uniform numbers in [0, 1), each call advancing its state. */
export type Random = () => number;

/** The largest seed {@link mulberry32} distinguishes: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffff_ffff;

/**
 * Mulberry32 (Tommy Ettinger, 2017; public domain): a 32-bit-state generator that passes
 * gjrand and PractRand to a few GB, ample for resampling and search. Each call returns a
 * multiple of 2⁻³² in [0, 1). Only `Math.imul`, `>>>` and `^` are used, so the sequence is
 * exact in every JavaScript engine.
 *
 * Source: https://gist.github.com/tommyettinger/46a874533244883189143505d203312c (the
 * reference C code; this is the common JavaScript transcription).
 *
 * @param seed an integer; it is reduced to 32 bits (`seed >>> 0`), so pass 0 … {@link MAX_SEED}
 *   to keep seeds distinct.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
