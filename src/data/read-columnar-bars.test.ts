/**
 * Parquet and Arrow/Feather `--data` files as pandas and polars write them (issue 10), built
 * here with the real writers (hyparquet-writer, apache-arrow) and read through `loadBars`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTable, Table, tableToIPC, vectorFromArray, Utf8 } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, describe, expect, test } from 'vitest';
import { BtError } from '../errors.js';
import { loadBars } from './load-bars.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-columnar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DAY = 86_400_000;
const T0 = Date.UTC(2020, 0, 2);
const times = [T0, T0 + DAY, T0 + 2 * DAY];

async function failure(path: string): Promise<BtError> {
  return (await loadBars(path).then(
    () => undefined,
    (e: unknown) => e,
  )) as BtError;
}

describe('columnar --data files', () => {
  test('Parquet with a pandas datetime index and capitalised OHLCV names', async () => {
    const path = join(dir, 'aapl.parquet');
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: 'Open', data: [10, 11, 12], type: 'DOUBLE' },
        { name: 'High', data: [11, 12, 13], type: 'DOUBLE' },
        { name: 'Low', data: [9, 10, 11], type: 'DOUBLE' },
        { name: 'Close', data: [10.5, 11.5, 12.5], type: 'DOUBLE' },
        { name: 'Volume', data: [100, 200, 300], type: 'DOUBLE' },
        { name: '__index_level_0__', data: times.map((t) => new Date(t)), type: 'TIMESTAMP' },
      ],
    });
    writeFileSync(path, new Uint8Array(bytes));
    const [series] = await loadBars(path);
    expect(series.symbol).toBe('AAPL');
    expect(series.source.dialect).toBe('parquet(columns=date,open,high,low,close,volume)');
    expect(Array.from(series.time)).toEqual(times);
    expect(Array.from(series.close)).toEqual([10.5, 11.5, 12.5]);
    expect(Array.from(series.volume)).toEqual([100, 200, 300]);
  });

  test('Feather (Arrow IPC) long format with a symbol column and short names', async () => {
    const path = join(dir, 'prices.feather');
    const table = makeTable({
      timestamp: Float64Array.from([...times, ...times]),
      o: Float64Array.from([1, 2, 3, 4, 5, 6]),
      h: Float64Array.from([2, 3, 4, 5, 6, 7]),
      l: Float64Array.from([0.5, 1, 2, 3, 4, 5]),
      c: Float64Array.from([1.5, 2.5, 3.5, 4.5, 5.5, 6.5]),
    });
    const withSymbol = table.assign(new Table({ symbol: vectorFromArray(['A', 'A', 'A', 'B', 'B', 'B'], new Utf8()) }));
    writeFileSync(path, tableToIPC(withSymbol, 'file'));
    const series = await loadBars(path);
    expect(series.map((s) => [s.symbol, s.length, s.close[2]])).toEqual([
      ['A', 3, 3.5],
      ['B', 3, 6.5],
    ]);
    expect(Array.from(series[1].time)).toEqual(times);
    expect(series[0].source.dialect).toBe('arrow(columns=date,open,high,low,close,symbol)');
  });

  test('a bad bar is named by its row; a damaged file is a data error', async () => {
    const path = join(dir, 'bad.arrow');
    writeFileSync(path, tableToIPC(makeTable({ date: Float64Array.from(times), open: Float64Array.from([1, 2, 3]), high: Float64Array.from([2, 1, 4]), low: Float64Array.from([0.5, 1.5, 2]), close: Float64Array.from([1, 1.5, 3]) }), 'file'));
    const bad = await failure(path);
    expect([bad.code, bad.exitCode]).toEqual(['BT_DATA_INVALID_BAR', 3]);
    expect(bad.message).toContain('bar #1');
    const cut = join(dir, 'cut.parquet');
    writeFileSync(cut, 'PAR1 not really');
    const damaged = await failure(cut);
    expect([damaged.code, damaged.exitCode]).toEqual(['BT_DATA_UNREADABLE', 3]);
    expect(damaged.message).toMatch(/^"[^"]*cut\.parquet" is not a readable Parquet file: /);
  });
});
