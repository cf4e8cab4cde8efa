import { describe, expect, it } from 'vitest';
import { randomTrials } from './random.js';

describe('randomTrials', () => {
  const valid = Array.from({ length: 50 }, (_, i) => i * 2);

  it('draws distinct valid combinations, the same for the same seed', () => {
    const a = randomTrials(valid, 20, 7);
    expect(new Set(a).size).toBe(20);
    for (const index of a) expect(valid).toContain(index);
    expect(randomTrials(valid, 20, 7)).toEqual(a);
    expect(randomTrials(valid, 20, 8)).not.toEqual(a);
  });

  it('a shorter draw is a prefix of a longer one with the same seed', () => {
    expect(randomTrials(valid, 30, 3).slice(0, 10)).toEqual(randomTrials(valid, 10, 3));
  });

  it('stops at the number of valid combinations', () => {
    expect(randomTrials(valid, 500, 1).sort((x, y) => x - y)).toEqual(valid);
  });

  it('does not modify its input', () => {
    const copy = [...valid];
    randomTrials(valid, 10, 1);
    expect(valid).toEqual(copy);
  });
});
