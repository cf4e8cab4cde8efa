import { describe, expect, it } from 'vitest';
import { DataError } from '../errors.js';
import { diffResults, numbersEqual } from './diff-results.js';
import { parseResultDocument, type ResultDocument } from './result-document.js';

const trade = (id: number, overrides: Record<string, unknown> = {}) => ({
  id,
  symbol: 'X',
  side: 'long',
  quantity: 10,
  entryBar: 10 * id,
  entryTime: 0,
  entryPrice: 100 + id,
  exitBar: 10 * id + 5,
  exitTime: 0,
  exitPrice: 101 + id,
  pnl: 10,
  exitReason: 'signal',
  ...overrides,
});

function doc(overrides: Partial<Record<string, unknown>> = {}): ResultDocument {
  return {
    schemaVersion: 1,
    btVersion: '0.1.0',
    strategy: { name: 'sma-cross', source: 'sma-cross', kind: 'builtin', sha256: 'aa', params: { fast: 10, slow: 30 } },
    data: { file: 'data/x.csv', sha256: 'dd', dialect: 'csv', symbol: 'X', bars: 100 },
    conventions: { initialCash: 100000, commissionRate: 0.001, sizing: { kind: 'fraction', fraction: 1 }, stopLoss: null },
    metrics: { totalReturn: 0.1, sharpe: 0.5, winRate: null, tradeCount: 2 },
    nullReasons: { winRate: 'there are no closed trades' },
    account: { finalCash: 110000, rejectedOrderCount: 0 },
    trades: [trade(1), trade(2)],
    openTrades: [],
    ...overrides,
  } as ResultDocument;
}

describe('numbersEqual', () => {
  it('uses a relative tolerance and treats null as equal only to null', () => {
    expect(numbersEqual(1, 1 + 1e-12, 1e-9)).toBe(true);
    expect(numbersEqual(1, 1 + 1e-6, 1e-9)).toBe(false);
    expect(numbersEqual(1e6, 1e6 + 1e-4, 1e-9)).toBe(true);
    expect(numbersEqual(0, 1e-17, 1e-9), 'relative: nothing is near 0 but 0').toBe(false);
    expect(numbersEqual(0, 0, 0)).toBe(true);
    expect(numbersEqual(null, null, 0)).toBe(true);
    expect(numbersEqual(null, 0, 1)).toBe(false);
  });
});

describe('diffResults', () => {
  it('finds two identical documents equal', () => {
    const report = diffResults(doc(), doc());
    expect(report).toEqual({ equal: true, tolerance: 1e-9, metricsOnly: false, metadata: [], notes: [], comparedValues: 6, values: [], trades: { baselineCount: 2, currentCount: 2, baselineOpenCount: 0, currentOpenCount: 0, firstDifference: null } });
  });

  it('reports a metric beyond the tolerance with both values and the relative difference', () => {
    const report = diffResults(doc(), doc({ metrics: { totalReturn: 0.1, sharpe: 0.55, winRate: null, tradeCount: 2 } }));
    expect(report.equal).toBe(false);
    expect(report.values).toEqual([{ key: 'sharpe', group: 'metrics', unit: 'ratio', baseline: 0.5, current: 0.55, relativeDifference: expect.closeTo(0.05 / 0.55, 12) }]);
    expect(diffResults(doc(), doc({ metrics: { totalReturn: 0.1, sharpe: 0.55, winRate: null, tradeCount: 2 } }), { tolerance: 0.1 }).values).toEqual([]);
  });

  it('float noise within 1e-9 is equal', () => {
    expect(diffResults(doc(), doc({ metrics: { totalReturn: 0.1 + 1e-17, sharpe: 0.5, winRate: null, tradeCount: 2 } })).equal).toBe(true);
  });

  it('null equals only null, with the null reason noted', () => {
    const report = diffResults(doc(), doc({ metrics: { totalReturn: 0.1, sharpe: 0.5, winRate: 0.5, tradeCount: 2 } }));
    expect(report.values).toEqual([{ key: 'winRate', group: 'metrics', unit: 'fraction', baseline: null, current: 0.5, relativeDifference: null, note: 'null: there are no closed trades' }]);
  });

  it('a key missing on one side differs', () => {
    const report = diffResults(doc({ metrics: { totalReturn: 0.1, sharpe: 0.5, winRate: null } }), doc());
    expect(report.values).toEqual([{ key: 'tradeCount', group: 'metrics', unit: 'count', baseline: null, current: 2, relativeDifference: null, note: 'missing in the baseline' }]);
  });

  it('compares account values', () => {
    const report = diffResults(doc(), doc({ account: { finalCash: 110000, rejectedOrderCount: 3 } }));
    expect(report.values.map((v) => [v.key, v.group])).toEqual([['rejectedOrderCount', 'account']]);
  });

  it('reports must-match metadata by path, and version/source changes only as notes', () => {
    const current = doc({
      btVersion: '0.2.0',
      strategy: { name: 'sma-cross', source: 'sma-cross', kind: 'builtin', sha256: 'bb', params: { fast: 12, slow: 30 } },
      data: { file: 'elsewhere/x.csv', sha256: 'ee', dialect: 'csv', symbol: 'X', bars: 100 },
      conventions: { initialCash: 100000, commissionRate: 0.002, sizing: { kind: 'fraction', fraction: 1 }, stopLoss: null, closeAtEnd: true },
    });
    const report = diffResults(doc(), current);
    expect(report.metadata).toEqual([
      { path: 'strategy.params.fast', baseline: 10, current: 12 },
      { path: 'data.sha256', baseline: 'dd', current: 'ee' },
      { path: 'conventions.commissionRate', baseline: 0.001, current: 0.002 },
      { path: 'conventions.closeAtEnd', current: true },
    ]);
    expect(report.notes).toEqual([
      { path: 'btVersion', baseline: '0.1.0', current: '0.2.0' },
      { path: 'strategy.sha256', baseline: 'aa', current: 'bb' },
      { path: 'data.file', baseline: 'data/x.csv', current: 'elsewhere/x.csv' },
    ]);
    expect(report.equal).toBe(false);
    expect(diffResults(doc(), doc({ btVersion: '9.9.9' })).equal, 'a new bt version alone is not a difference').toBe(true);
  });

  it('finds the first differing trade: bars exactly, prices within the tolerance', () => {
    const current = doc({ trades: [trade(1, { entryPrice: 101 + 1e-12 }), trade(2, { entryBar: 21, entryPrice: 103 })] });
    const report = diffResults(doc(), current);
    expect(report.trades?.firstDifference).toEqual({
      list: 'trades',
      index: 1,
      fields: ['entryBar', 'entryPrice'],
      baseline: { id: 2, side: 'long', quantity: 10, entryBar: 20, entryPrice: 102, exitBar: 25, exitPrice: 103, exitReason: 'signal', pnl: 10 },
      current: { id: 2, side: 'long', quantity: 10, entryBar: 21, entryPrice: 103, exitBar: 25, exitPrice: 103, exitReason: 'signal', pnl: 10 },
    });
  });

  it('a missing trade is the first difference, and counts are reported', () => {
    const report = diffResults(doc(), doc({ trades: [trade(1)] }));
    expect(report.trades).toMatchObject({ baselineCount: 2, currentCount: 1, firstDifference: { index: 1, current: null } });
  });

  it('compares open trades after the closed ones', () => {
    const open = { id: 3, side: 'long', quantity: 5, entryBar: 90, entryPrice: 100, markPrice: 105 };
    const report = diffResults(doc({ openTrades: [open] }), doc({ openTrades: [{ ...open, quantity: 6 }] }));
    expect(report.trades?.firstDifference).toMatchObject({ list: 'openTrades', index: 0, fields: ['quantity'] });
  });

  it('--metrics-only skips the trades', () => {
    const report = diffResults(doc(), doc({ trades: [] }), { metricsOnly: true });
    expect(report).toMatchObject({ equal: true, trades: null, metricsOnly: true });
  });

  it('refuses a negative tolerance', () => {
    expect(() => diffResults(doc(), doc(), { tolerance: -1 })).toThrow(RangeError);
  });
});

describe('parseResultDocument', () => {
  it('reads a result document', () => {
    expect(parseResultDocument(JSON.stringify(doc()), 'a.json').metrics.sharpe).toBe(0.5);
  });

  const bad: [string, string, RegExp][] = [
    ['not JSON', '{"metrics": ', /^a\.json: not valid JSON: /],
    ['an array', '[]', /expected a JSON object/],
    ['no metrics', '{"trades": []}', /no "metrics" object/],
    ['a string metric', '{"metrics": {"sharpe": "high"}}', /metric "sharpe" is "high", not a number or null/],
    ['trades not a list', '{"metrics": {}, "trades": {}}', /"trades" is not an array/],
  ];
  for (const [name, text, message] of bad) {
    it(`${name} is BT_RESULT_INVALID (exit 3)`, () => {
      let error: unknown;
      try {
        parseResultDocument(text, 'a.json');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DataError);
      expect((error as DataError).code).toBe('BT_RESULT_INVALID');
      expect((error as DataError).exitCode).toBe(3);
      expect((error as DataError).message).toMatch(message);
    });
  }
});
