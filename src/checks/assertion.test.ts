import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { metricKeys } from '../metrics/registry.js';
import { compare, evaluateAssertions, parseAssertion, tokenizeAssertion } from './assertion.js';
import { ACCOUNT_KEYS, CHECK_KEY_NAMES } from './check-keys.js';

function usageError(expression: string): UsageError {
  try {
    parseAssertion(expression);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error(`"${expression}" parsed`);
}

describe('parseAssertion', () => {
  it('parses KEY OP NUMBER with and without spaces', () => {
    expect(parseAssertion('sharpe >= 0.5')).toEqual({ expression: 'sharpe >= 0.5', key: 'sharpe', group: 'metrics', unit: 'ratio', operator: '>=', expected: 0.5 });
    expect(parseAssertion('  tradeCount>30 ')).toMatchObject({ expression: 'tradeCount>30', key: 'tradeCount', operator: '>', expected: 30 });
  });

  it('reads a percent as a fraction: 25% = 0.25', () => {
    expect(parseAssertion('maxDrawdown <= 25%').expected).toBe(0.25);
    expect(parseAssertion('worstTrade >= -5%').expected).toBe(-0.05);
  });

  it('accepts exponents, leading dots, signs and digit separators', () => {
    expect(parseAssertion('alpha > -1e-3').expected).toBe(-0.001);
    expect(parseAssertion('sharpe > .5').expected).toBe(0.5);
    expect(parseAssertion('equityFinal >= 100_000').expected).toBe(100000);
  });

  it('flips NUMBER OP KEY into KEY OP NUMBER', () => {
    expect(parseAssertion('0.5 <= sharpe')).toMatchObject({ key: 'sharpe', operator: '>=', expected: 0.5 });
    expect(parseAssertion('30 > tradeCount')).toMatchObject({ operator: '<' });
    expect(parseAssertion('3 != tradeCount')).toMatchObject({ operator: '!=' });
  });

  it('takes every operator', () => {
    for (const op of ['>=', '<=', '>', '<', '==', '!='] as const) expect(parseAssertion(`tradeCount ${op} 3`).operator).toBe(op);
  });

  it('accepts every metric key and the account keys', () => {
    for (const key of metricKeys) expect(parseAssertion(`${key} >= 0`).group).toBe('metrics');
    for (const { key } of ACCOUNT_KEYS) expect(parseAssertion(`${key} >= 0`).group).toBe('account');
    expect(CHECK_KEY_NAMES).toHaveLength(metricKeys.length + ACCOUNT_KEYS.length);
  });

  it('an unknown key is BT_ASSERT_UNKNOWN_KEY with a did-you-mean and where to find the keys', () => {
    const error = usageError('sharp >= 0.5');
    expect(error.code).toBe('BT_ASSERT_UNKNOWN_KEY');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('--assert "sharp >= 0.5": unknown key "sharp" (did you mean "sharpe"?)');
    expect(error.hint).toMatch(/bt run --help/);
  });

  it('a percent on a key that is not a fraction is refused', () => {
    const error = usageError('tradeCount >= 30%');
    expect(error.code).toBe('BT_ASSERT_PERCENT');
    expect(error.hint).toContain('tradeCount >= 30');
  });

  const syntax: [string, RegExp][] = [
    ['', /the expression is empty/],
    ['sharpe', /expected an operator .* after "sharpe"/],
    ['sharpe 0.5', /expected an operator/],
    ['sharpe >=', /expected a number after ">="/],
    ['>= 0.5', /expected a key or a number before ">="/],
    ['0.5 >= 0.3', /no key to compare/],
    ['sharpe >= sortino', /comparing two keys is not supported/],
    ['sharpe >= 0.5 tradeCount', /unexpected "tradeCount" after the comparison \(column 15\)/],
    ['sharpe >= 0.5 && tradeCount > 3', /unexpected "&" \(column 15\)/],
    ['sharpe => 0.5', /unknown operator "=>" \(did you mean ">="\?\)/],
    ['sharpe = 0.5', /unknown operator "=" \(did you mean "=="\?\)/],
    ['sharpe >= 1e999', /not a finite number/],
    ['process.exit(1)', /unexpected "\."/],
  ];
  for (const [expression, message] of syntax) {
    it(`"${expression}" is BT_ASSERT_SYNTAX`, () => {
      const error = usageError(expression);
      expect(error.code).toBe('BT_ASSERT_SYNTAX');
      expect(error.message).toMatch(message);
      expect(error.location).toEqual({ flag: '--assert' });
    });
  }

  it('tokenizes without evaluating anything', () => {
    expect(tokenizeAssertion('a>=1%').map((t) => t.kind)).toEqual(['key', 'operator', 'number']);
  });
});

describe('evaluateAssertions', () => {
  const values = {
    metrics: { sharpe: 0.4, maxDrawdown: 0.25, tradeCount: 30, winRate: null },
    nullReasons: { winRate: 'there are no closed trades' },
    account: { rejectedOrderCount: 0 },
  };

  it('compares exactly at the boundary', () => {
    const results = evaluateAssertions(['maxDrawdown <= 25%', 'tradeCount >= 30', 'tradeCount > 30', 'sharpe >= 0.5'].map(parseAssertion), values);
    expect(results.map((r) => r.passed)).toEqual([true, true, false, false]);
    expect(results[3]).toEqual({ expression: 'sharpe >= 0.5', key: 'sharpe', operator: '>=', expected: 0.5, actual: 0.4, passed: false });
  });

  it('reads account keys from the account object', () => {
    expect(evaluateAssertions([parseAssertion('rejectedOrderCount == 0')], values)[0]).toMatchObject({ actual: 0, passed: true });
  });

  it('a null metric fails with its null reason, whatever the operator', () => {
    for (const op of ['>=', '!=']) {
      const [result] = evaluateAssertions([parseAssertion(`winRate ${op} 0`)], values);
      expect(result).toEqual({ expression: `winRate ${op} 0`, key: 'winRate', operator: op, expected: 0, actual: null, passed: false, reason: 'there are no closed trades' });
    }
  });

  it('a key missing from an older result fails as "not in the result"', () => {
    const [result] = evaluateAssertions([parseAssertion('sqn > 1')], values);
    expect(result).toMatchObject({ actual: null, passed: false, reason: 'not in the result' });
  });

  it('compare implements the six operators', () => {
    expect([compare(1, '>=', 1), compare(1, '<=', 1), compare(1, '>', 1), compare(1, '<', 2), compare(1, '==', 1), compare(1, '!=', 1)]).toEqual([true, true, false, true, true, false]);
  });
});
