import { describe, expect, it } from 'vitest';
import { barsSince, crossover, crossunder } from './index.js';

describe('crossover and crossunder (strict, backtesting.py)', () => {
  it('detect a move from strictly below to strictly above', () => {
    const a = [1, 3, 1];
    const b = [2, 2, 2];
    expect(crossover(a, b, 1)).toBe(true);
    expect(crossunder(a, b, 2)).toBe(true);
    expect(crossover(a, b, 2)).toBe(false);
  });

  it('do not count touching: a bar where a = b is neither above nor below', () => {
    const a = [1, 2, 3];
    const b = [2, 2, 2];
    expect([1, 2].map((t) => crossover(a, b, t)), 'touch at bar 1, above at bar 2').toEqual([false, false]);
    expect([1, 2].map((t) => crossunder([3, 2, 1], b, t))).toEqual([false, false]);
  });

  it('accept a constant level', () => {
    expect(crossover([25, 35], 30, 1)).toBe(true);
    expect(crossunder(Float64Array.from([75, 65]), 70, 1)).toBe(true);
  });

  it('are false at bar 0, beyond the data, and on NaN (warm-up)', () => {
    expect(crossover([1, 3], [2, 2], 0)).toBe(false);
    expect(crossover([1, 3], [2, 2], 2)).toBe(false);
    expect(crossover([NaN, 3], [2, 2], 1)).toBe(false);
    expect(crossunder([3, 1], [NaN, 2], 1)).toBe(false);
  });
});

describe('barsSince', () => {
  it('counts bars since the condition last held at or before t', () => {
    const flags = Uint8Array.from([0, 1, 0, 0, 1]);
    expect([0, 1, 2, 3, 4].map((t) => barsSince(flags, t))).toEqual([NaN, 0, 1, 2, 0]);
  });

  it('treats NaN and 0 as false in a Float64Array', () => {
    expect(barsSince(Float64Array.from([1, NaN, 0]), 2)).toBe(2);
  });

  it('is NaN out of range', () => {
    expect(barsSince(Uint8Array.from([1]), 1)).toBeNaN();
    expect(barsSince(Uint8Array.from([1]), -1)).toBeNaN();
  });
});
