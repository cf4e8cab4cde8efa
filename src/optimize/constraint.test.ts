import { describe, expect, it } from 'vitest';
import { BtError } from '../errors.js';
import type { ParamSchema } from '../strategy/params.js';
import { parseConstraint } from './constraint.js';

const schema = {
  fast: { type: 'int', default: 10, description: 'fast' },
  slow: { type: 'int', default: 30, description: 'slow' },
  short: { type: 'boolean', default: false, description: 'shorts' },
  direction: { type: 'enum', values: ['long-only', 'long-short'], default: 'long-only', description: 'direction' },
} as const satisfies ParamSchema;

const test = (text: string, params: Record<string, unknown>) => parseConstraint(text, schema).test(params);

function failure(text: string): BtError {
  try {
    parseConstraint(text, schema);
  } catch (error) {
    expect(error).toBeInstanceOf(BtError);
    return error as BtError;
  }
  throw new Error(`expected "${text}" to fail`);
}

describe('parseConstraint', () => {
  it('compares parameters and numbers', () => {
    expect(test('fast < slow', { fast: 10, slow: 30 })).toBe(true);
    expect(test('fast < slow', { fast: 30, slow: 30 })).toBe(false);
    expect(test('fast <= slow', { fast: 30, slow: 30 })).toBe(true);
    expect(test('slow >= 2*fast', { fast: 10, slow: 20 })).toBe(true);
    expect(test('slow > 2*fast', { fast: 10, slow: 20 })).toBe(false);
    expect(test('fast != 15', { fast: 15 })).toBe(false);
    expect(test('fast = 15', { fast: 15 }), 'a single = compares').toBe(true);
  });

  it('follows arithmetic precedence, parentheses, unary minus and %', () => {
    expect(test('fast + slow * 2 == 70', { fast: 10, slow: 30 })).toBe(true);
    expect(test('(fast + slow) * 2 == 80', { fast: 10, slow: 30 })).toBe(true);
    expect(test('-fast < 0', { fast: 10 })).toBe(true);
    expect(test('slow % fast == 0', { fast: 10, slow: 30 })).toBe(true);
    expect(test('slow / fast >= 3', { fast: 10, slow: 30 })).toBe(true);
  });

  it('joins conditions with and/or/not (also &&, ||, !) and compares booleans and quoted enum values', () => {
    expect(test('fast < slow and direction == "long-short"', { fast: 1, slow: 2, direction: 'long-short' })).toBe(true);
    expect(test("fast < slow && direction == 'long-short'", { fast: 1, slow: 2, direction: 'long-only' })).toBe(false);
    expect(test('short or fast > 5', { short: false, fast: 6 })).toBe(true);
    expect(test('not short || fast > 5', { short: true, fast: 1 })).toBe(false);
    expect(test('!(short == true)', { short: false })).toBe(true);
  });

  it('reports syntax errors with the column and a caret', () => {
    const error = failure('fast < < slow');
    expect(error.code).toBe('BT_CONSTRAINT_SYNTAX');
    expect(error.message).toBe('--constraint "fast < < slow": unexpected "<" at column 8\n  fast < < slow\n         ^');
    for (const text of ['', 'fast <', '(fast < slow', 'fast < slow)', 'fast ? slow', 'fast < slow < 100', 'direction == "long', 'fast']) {
      expect(failure(text).code, text).toBe('BT_CONSTRAINT_SYNTAX');
    }
  });

  it('type-checks: arithmetic on numbers, conditions joined by and/or, enum literals among the values', () => {
    expect(failure('direction < 3').message).toMatch(/"<" needs numbers/);
    expect(failure('fast == short').message).toMatch(/compares a number with a boolean/);
    expect(failure('fast and slow').message).toMatch(/"and" needs conditions/);
    expect(failure('direction == "long-shrot"').message).toMatch(/"long-shrot" is not a value of "direction".*did you mean "long-short"/);
  });

  it('names an unknown parameter with a did-you-mean', () => {
    const error = failure('fats < slow');
    expect(error.code).toBe('BT_CONSTRAINT_UNKNOWN');
    expect(error.message).toMatch(/unknown parameter "fats".*did you mean "fast"/);
  });

  it('never evaluates code: identifiers are parameter names only', () => {
    expect(failure('process.exit(1) < 2').code).toBe('BT_CONSTRAINT_SYNTAX');
    expect(failure('constructor < 1').code).toBe('BT_CONSTRAINT_UNKNOWN');
  });
});
