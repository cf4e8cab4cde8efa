/**
 * Run ids (issue 4, "Run history"): the same inputs give the same id; any input change gives a
 * new one; where the bytes came from and output-only fields do not matter.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, computeRunId, runIdInputs, shortRunId, SHORT_ID_LENGTH } from './run-id.js';

/** A minimal result document with the fields the id reads (and some it must ignore). */
function document(overrides: { params?: Record<string, unknown>; conventions?: Record<string, unknown>; data?: Record<string, unknown>; strategy?: Record<string, unknown>; btVersion?: string } = {}): Record<string, unknown> {
  return {
    schemaVersion: 1,
    btVersion: overrides.btVersion ?? '0.1.0',
    strategy: { name: 'sma-cross', source: 'sma-cross', kind: 'builtin', sha256: 'a'.repeat(64), params: overrides.params ?? { fast: 10, slow: 30 }, ...overrides.strategy },
    data: { file: 'data/x.csv', sha256: 'b'.repeat(64), dialect: 'csv', symbol: 'X', bars: 100, start: 0, end: 99, ...overrides.data },
    conventions: { initialCash: 100000, commissionRate: 0.001, from: null, warmupBars: 29, firstDecisionBar: 30, rules: { a: 'b' }, ...overrides.conventions },
    metrics: { totalReturn: 0.1 },
    trades: [],
  };
}

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps array order and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null }, e: undefined })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });

  it('writes numbers in shortest round-trip form and non-finite numbers as null', () => {
    expect(canonicalJson([0.1 + 0.2, 1e21, -0, Number.NaN, Number.POSITIVE_INFINITY])).toBe('[0.30000000000000004,1e+21,0,null,null]');
  });
});

describe('computeRunId', () => {
  it('is the SHA-256 hex of the canonical JSON of the id inputs', () => {
    const doc = document();
    const expected = createHash('sha256').update(canonicalJson(runIdInputs(doc))).digest('hex');
    expect(computeRunId(doc)).toBe(expected);
    expect(computeRunId(doc)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same id for the same inputs, whatever the key order', () => {
    const reordered = document({ params: { slow: 30, fast: 10 }, conventions: { commissionRate: 0.001, initialCash: 100000 } });
    expect(computeRunId(reordered)).toBe(computeRunId(document()));
  });

  it('ignores where the bytes came from, the derived conventions and the results', () => {
    const base = computeRunId(document());
    expect(computeRunId(document({ data: { file: './elsewhere/x.csv', dialect: 'csv;' } })), 'data.file / dialect').toBe(base);
    expect(computeRunId(document({ strategy: { source: './sma-cross.ts', kind: 'file' } })), 'strategy.source').toBe(base);
    expect(computeRunId(document({ conventions: { warmupBars: 5, firstDecisionBar: 6, rules: {} } })), 'derived conventions').toBe(base);
    expect(computeRunId({ ...document(), metrics: { totalReturn: 0.2 }, checks: { passed: true } }), 'results and checks').toBe(base);
  });

  it('changes with every input: params, conventions, data, symbol, strategy source and bt version', () => {
    const ids = [
      document(),
      document({ params: { fast: 11, slow: 30 } }),
      document({ conventions: { commissionRate: 0.002 } }),
      document({ conventions: { from: 946684800000 } }),
      document({ data: { sha256: 'c'.repeat(64) } }),
      document({ data: { symbol: 'Y' } }),
      document({ strategy: { sha256: 'd'.repeat(64) } }),
      document({ strategy: { name: 'other' } }),
      document({ btVersion: '0.2.0' }),
    ].map((doc) => computeRunId(doc));
    expect(new Set(ids).size, 'all ids distinct').toBe(ids.length);
  });

  it('throws an internal error for a document without the id inputs', () => {
    expect(() => computeRunId({ metrics: {} })).toThrow(/btVersion/);
    expect(() => computeRunId({ ...document(), data: { sha256: 'x' } })).toThrow(/data\.symbol/);
  });
});

describe('shortRunId', () => {
  it('is the first 12 characters', () => {
    expect(SHORT_ID_LENGTH).toBe(12);
    expect(shortRunId('0123456789abcdef'.repeat(4))).toBe('0123456789ab');
  });
});
