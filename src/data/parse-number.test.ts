import { describe, expect, it } from 'vitest';
import { isBlank, parseDecimal } from './parse-number.js';

const parse = (text: string, decimalComma = false): number => parseDecimal(text, 0, text.length, decimalComma);

describe('parseDecimal', () => {
  it('reads plain decimals, signs, exponents and surrounding whitespace', () => {
    expect(parse('1469.250000')).toBe(1469.25);
    expect(parse('-0.5')).toBe(-0.5);
    expect(parse('+3')).toBe(3);
    expect(parse('.5')).toBe(0.5);
    expect(parse('7.')).toBe(7);
    expect(parse('6.2e3')).toBe(6200);
    expect(parse('1E-2')).toBe(0.01);
    expect(parse('  42\t')).toBe(42);
    expect(Object.is(parse('-0'), -0), 'keeps the sign of zero, like Number()').toBe(true);
  });

  it('reads a slice of a longer string without copying it', () => {
    expect(parseDecimal('2020-01-02,10.5,11', 11, 15)).toBe(10.5);
  });

  it('rejects what Number() would quietly accept', () => {
    for (const text of ['', '   ', '0x1A', '0b1', '0o7', 'Infinity', '-Infinity', 'NaN', '1e', '1e+', '-', '.', '1.2.3', '1,234.5', '$12', '12abc', '1 2', '1e999']) {
      expect(parse(text), text).toBeNaN();
    }
  });

  it('reads a decimal comma only when asked', () => {
    expect(parse('13233,71', true)).toBe(13233.71);
    expect(parse('13233,71')).toBeNaN();
    expect(parse('13233.71', true)).toBeNaN();
    expect(parse('1,5e2', true)).toBe(150);
  });

  it('gives bit-for-bit the double Number() gives', () => {
    let seed = 42;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const digits = (count: number): string => Array.from({ length: count }, () => Math.floor(random() * 10)).join('');
    for (let k = 0; k < 100_000; k++) {
      const whole = digits(1 + Math.floor(random() * 12));
      const fraction = digits(Math.floor(random() * 12));
      const sign = random() < 0.1 ? '-' : '';
      const text = fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
      const value = parse(text);
      if (!Object.is(value, Number(text))) expect(value, text).toBe(Number(text));
    }
    for (const text of ['0.1', '0.2', '0.3', '1.0000000000000002', '9007199254740993', '123456789012345678', '0.000001234', '2.2250738585072014e-308', '1.7976931348623157e308']) {
      expect(parse(text), text).toBe(Number(text));
    }
  });
});

describe('isBlank', () => {
  it('is true only for empty or whitespace slices', () => {
    expect(isBlank(' \t\r', 0, 3)).toBe(true);
    expect(isBlank('a,,b', 2, 2)).toBe(true);
    expect(isBlank(' 1 ', 0, 3)).toBe(false);
  });
});
