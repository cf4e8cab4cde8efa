import { describe, expect, it } from 'vitest';
import { groupDigits } from './group-digits.js';

const intl = (value: number, digits: number): string => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

describe('groupDigits (issue 12: money without Intl at start-up)', () => {
  it('gives the text of toLocaleString("en-US") with fixed decimals', () => {
    expect(groupDigits(1234567.125, 2)).toBe('1,234,567.13');
    expect(groupDigits(1.005, 2), 'rounds the shortest decimal form, 1.005, half away from zero').toBe('1.01');
    expect(groupDigits(-0.001, 2), 'keeps the sign of a negative value rounding to zero').toBe('-0.00');
    expect(groupDigits(999.995, 2)).toBe('1,000.00');
    expect(groupDigits(1.5e-7, 2)).toBe('0.00');
  });

  it('agrees with toLocaleString on 60,000 seeded values from 1e-8 to 1e15', () => {
    let seed = 11;
    const random = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 20_000; i++) {
      const value = (random() - 0.3) * 10 ** Math.floor(random() * 23 - 8);
      const cents = Math.round(value * 100) / 100 + 0.005;
      for (const [v, d] of [
        [value, i % 5],
        [cents, 2],
        [Math.round(value), 0],
      ] as const) {
        expect(groupDigits(v, d), `${v} with ${d} decimals`).toBe(intl(v, d));
      }
    }
    for (const special of [0, -0, Infinity, -Infinity, NaN, 1e21, -2.5e22]) expect(groupDigits(special, 2)).toBe(intl(special, 2));
  });
});
