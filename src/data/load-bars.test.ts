import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BtError } from '../errors.js';
import { loadBars } from './load-bars.js';

const directory = mkdtempSync(join(tmpdir(), 'bt-load-bars-'));
const CSV = 'date,open,high,low,close,volume\n2020-01-02,1,2,0.5,1.5,10\n2020-01-03,1.5,2,1,1,20\n';

const failure = async (promise: Promise<unknown>): Promise<BtError> => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BtError);
    return error as BtError;
  }
  throw new Error('loadBars did not throw');
};

describe('loadBars', () => {
  it('reads a file and records the SHA-256 of its bytes', async () => {
    const path = join(directory, 'msft.csv');
    writeFileSync(path, CSV);
    const [series] = await loadBars(path);
    expect(series.symbol).toBe('MSFT');
    expect(series.length).toBe(2);
    expect(series.source.file).toBe(path);
    expect(series.source.sha256).toBe(createHash('sha256').update(CSV).digest('hex'));
  });

  it('passes sort and the default symbol through', async () => {
    const path = join(directory, 'unsorted.csv');
    writeFileSync(path, 'date,close\n2020-01-03,2\n2020-01-02,1\n');
    await expect(loadBars(path)).rejects.toMatchObject({ code: 'BT_DATA_UNSORTED' });
    const [series] = await loadBars(path, { sort: true, defaultSymbol: 'SPY' });
    expect([series.symbol, Array.from(series.close)]).toEqual(['SPY', [1, 2]]);
  });

  it('reads all of stdin for "-"', async () => {
    const stdin = Readable.from([Buffer.from(CSV.slice(0, 40)), Buffer.from(CSV.slice(40))]);
    const [series] = await loadBars('-', { stdin });
    expect([series.symbol, series.length, series.source.file]).toEqual(['STDIN', 2, '-']);
    expect(series.source.sha256).toBe(createHash('sha256').update(CSV).digest('hex'));
  });

  it('decodes UTF-16 files with a byte-order mark', async () => {
    const path = join(directory, 'utf16.csv');
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')]));
    const [series] = await loadBars(path);
    expect(Array.from(series.close)).toEqual([1.5, 1]);
  });

  it('reports a missing file', async () => {
    const error = await failure(loadBars('no/such/file.csv'));
    expect(error).toMatchObject({
      code: 'BT_DATA_NOT_FOUND',
      exitCode: 3,
      message: 'data file "no/such/file.csv" does not exist',
      location: { file: 'no/such/file.csv' },
    });
    expect(error.hint).toMatch(/data\/sp500-2000\.csv/);
  });

  it('reports a directory', async () => {
    const error = await failure(loadBars(directory));
    expect(error).toMatchObject({
      code: 'BT_DATA_UNREADABLE',
      exitCode: 3,
      message: `"${directory}" is a directory, not a data file`,
      location: { file: directory },
    });
    expect(error.hint).toBe('give the path of a CSV or JSON file inside it');
  });

  it('refuses "-" without a stream or from a terminal', async () => {
    await expect(loadBars('-')).rejects.toMatchObject({ code: 'BT_DATA_UNREADABLE', message: 'no standard input to read bars from' });
    const terminal = Object.assign(Readable.from([]), { isTTY: true });
    await expect(loadBars('-', { stdin: terminal })).rejects.toMatchObject({
      code: 'BT_DATA_UNREADABLE',
      message: 'standard input is a terminal, not data',
      location: { file: '-' },
    });
  });

  it('locates parse errors at the path as given', async () => {
    const path = join(directory, 'bad.csv');
    writeFileSync(path, 'date,close\n2020-01-02,abc\n');
    await expect(loadBars(path)).rejects.toMatchObject({ code: 'BT_DATA_BAD_NUMBER', location: { file: path, line: 2 } });
  });
});
