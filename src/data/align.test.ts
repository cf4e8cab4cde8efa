import { describe, expect, it } from 'vitest';
import { alignFeeds, closeOnTimeline, filledClose, spreadToTimeline } from './align.js';
import type { BarSeries } from './bar-series.js';
import { parseBars } from './parse-bars.js';

/** A close-only series of `symbol` from `date,close` lines. */
function series(symbol: string, rows: readonly [string, number][]): BarSeries {
  return parseBars(`date,close\n${rows.map(([d, c]) => `${d},${c}`).join('\n')}\n`, { file: `${symbol}.csv`, defaultSymbol: symbol })[0];
}

const day = (d: string): number => Date.parse(`${d}T00:00:00Z`);

// Four calendars: A trades every day; B has a holiday on the 6th; C lists late (the 7th);
// D is delisted early (last bar the 6th).
const A = series('A', [['2021-01-04', 10], ['2021-01-05', 11], ['2021-01-06', 12], ['2021-01-07', 13], ['2021-01-08', 14]]);
const B = series('B', [['2021-01-04', 20], ['2021-01-05', 21], ['2021-01-07', 23], ['2021-01-08', 24]]);
const C = series('C', [['2021-01-07', 33], ['2021-01-08', 34]]);
const D = series('D', [['2021-01-04', 40], ['2021-01-05', 41], ['2021-01-06', 42]]);
const aligned = alignFeeds([A, B, C, D]);
const values = (column: Float64Array): (number | null)[] => Array.from(column, (v) => (Number.isNaN(v) ? null : v));

describe('alignFeeds', () => {
  it('puts every symbol on the union of the timestamps, in the order given', () => {
    expect(Array.from(aligned.time)).toEqual(['2021-01-04', '2021-01-05', '2021-01-06', '2021-01-07', '2021-01-08'].map(day));
    expect(aligned.symbols.map((s) => s.symbol)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('leaves NaN at a holiday (B on the 6th), before a late listing (C) and after an early delisting (D)', () => {
    expect(values(aligned.symbols[0].close)).toEqual([10, 11, 12, 13, 14]);
    expect(values(aligned.symbols[1].close)).toEqual([20, 21, null, 23, 24]);
    expect(values(aligned.symbols[2].close)).toEqual([null, null, null, 33, 34]);
    expect(values(aligned.symbols[3].close)).toEqual([40, 41, 42, null, null]);
  });

  it('maps timeline and own bar indices both ways', () => {
    const b = aligned.symbols[1];
    expect(Array.from(b.barIndex)).toEqual([0, 1, -1, 2, 3]);
    expect(Array.from(b.timelineIndex)).toEqual([0, 1, 3, 4]);
    expect([aligned.symbols[2].firstIndex, aligned.symbols[3].lastIndex]).toEqual([3, 2]);
  });

  it('refuses a symbol given twice', () => {
    expect(() => alignFeeds([A, A])).toThrow(expect.objectContaining({ code: 'BT_DATA_DUPLICATE_SYMBOL', exitCode: 3 }));
  });
});

describe('spreadToTimeline', () => {
  it('holds an own-bar indicator over missing bars (it does not advance) and is NaN before listing', () => {
    expect(values(spreadToTimeline(aligned.symbols[1], Float64Array.from([1, 2, 3, 4]), 5))).toEqual([1, 2, 2, 3, 4]);
    expect(values(spreadToTimeline(aligned.symbols[2], Float64Array.from([7, 8]), 5))).toEqual([null, null, null, 7, 8]);
    expect(values(spreadToTimeline(aligned.symbols[3], Float64Array.from([1, 2, 3]), 5))).toEqual([1, 2, 3, 3, 3]);
  });

  it('refuses a series of the wrong length', () => {
    expect(() => spreadToTimeline(aligned.symbols[2], new Float64Array(5), 5)).toThrow(expect.objectContaining({ code: 'BT_INDICATOR_LENGTH' }));
  });
});

describe('filledClose and closeOnTimeline', () => {
  it('carry the last close forward and the first close back', () => {
    expect(Array.from(filledClose(aligned.symbols[2]))).toEqual([33, 33, 33, 33, 34]);
    expect(Array.from(filledClose(aligned.symbols[3]))).toEqual([40, 41, 42, 42, 42]);
    expect(Array.from(closeOnTimeline(B, aligned.time))).toEqual([20, 21, 21, 23, 24]);
  });
});
