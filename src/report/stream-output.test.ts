import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { formatTime, type BarSeries } from '../data/bar-series.js';
import type { RunResult } from '../engine/run-backtest.js';
import { equityCsv, equityCsvChunks } from './csv.js';
import { stringifyDocument, stringifyDocumentChunks } from './json.js';

/** equity.csv as csv-stringify wrote it before it was streamed (the reference). */
function referenceEquityCsv(run: RunResult): string {
  const { bars, equity } = run;
  const rows: unknown[][] = [];
  let peak = -Infinity;
  for (let i = 0; i < equity.length; i++) {
    if (equity[i] > peak) peak = equity[i];
    rows.push([i, formatTime(bars.time[i], bars.intraday), bars.close[i], equity[i], peak > 0 ? 1 - equity[i] / peak : 0]);
  }
  return stringify([['bar', 'time', 'close', 'equity', 'drawdown'], ...rows], { cast: { number: (n) => (Number.isFinite(n) ? String(n) : '') } });
}

function runOf(time: number[], equity: number[], intraday: boolean): RunResult {
  const close = Float64Array.from(equity, (e, i) => (i % 7 === 3 ? NaN : e / 1000));
  const bars = { symbol: 'X', time: Float64Array.from(time), close, length: time.length, intraday } as unknown as BarSeries;
  return { bars, equity: Float64Array.from(equity) } as unknown as RunResult;
}

describe('streamed outputs are byte-identical to the whole strings (issue 12)', () => {
  it('equity.csv in chunks equals csv-stringify of all rows, daily and intraday, across chunk ends', () => {
    const n = 20_000;
    const minute = Array.from({ length: n }, (_, i) => Date.UTC(1969, 11, 31, 23, 0) + i * 61_500);
    const daily = Array.from({ length: n }, (_, i) => Date.UTC(1960, 0, 1) + i * 86_400_000);
    const equity = Array.from({ length: n }, (_, i) => (i === 5 ? Infinity : 100_000 * (1 + 0.3 * Math.sin(i / 900)) + i / 3));
    for (const run of [runOf(minute, equity, true), runOf(daily, equity, false)]) {
      const chunks = [...equityCsvChunks(run)];
      expect(chunks.length, 'written in several pieces').toBeGreaterThan(2);
      expect(chunks.join('')).toBe(referenceEquityCsv(run));
      expect(equityCsv(run)).toBe(referenceEquityCsv(run));
    }
  });

  it('a JSON document in chunks equals stringifyDocument: long arrays, nested objects, non-finite numbers', () => {
    const trades = Array.from({ length: 3000 }, (_, i) => ({ id: i + 1, pnl: i % 11 === 0 ? NaN : i * 1.5 - 700, note: i % 13 === 0 ? 'line\nbreak "quoted"' : undefined, tags: i % 5 === 0 ? [] : [i, -Infinity] }));
    const document = {
      schemaVersion: 1,
      meta: { data: { file: 'a.csv', empty: {}, list: [1, 2, 3] }, skipped: undefined, fn: () => 1 },
      metrics: { sharpe: Infinity, ratio: 0.25, nested: { series: Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? null : i / 7)) } },
      trades,
      few: [{ a: 1 }, { b: [2, 3] }],
      matrix: Array.from({ length: 300 }, (_, i) => [i, [i, { deep: i }], undefined]),
      logs: [],
    };
    const chunks = [...stringifyDocumentChunks(document)];
    expect(chunks.length, 'written in several pieces').toBeGreaterThan(3);
    expect(chunks.join('')).toBe(stringifyDocument(document));
    for (const small of [{ a: 1 }, [1, 2], 'text', 3, null, { big: [] }]) expect([...stringifyDocumentChunks(small)].join('')).toBe(stringifyDocument(small));
  });
});
