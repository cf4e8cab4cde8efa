import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BtError } from '../errors.js';
import { loadBars } from './load-bars.js';
import { parseBars } from './parse-bars.js';
import { CHUNK_BYTES, MAX_LINE_BYTES } from './read-data-file.js';

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

/** A seeded minute-bar CSV of `rows` rows (mulberry32-style generator, prices with 4 decimals). */
function minuteBarsCsv(rows: number, newline = '\n'): string {
  let seed = 7;
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const lines = ['date,open,high,low,close,volume'];
  let price = 100;
  for (let i = 0; i < rows; i++) {
    const open = price;
    const close = open * (1 + (random() - 0.5) * 0.01);
    const high = Math.max(open, close) * (1 + random() * 0.002);
    const low = Math.min(open, close) * (1 - random() * 0.002);
    const time = new Date(Date.UTC(2020, 0, 2) + i * 60_000).toISOString().replace('T', ' ').slice(0, 19);
    lines.push(`${time},${open.toFixed(4)},${high.toFixed(4)},${low.toFixed(4)},${close.toFixed(4)},${Math.floor(random() * 1e4)}`);
    price = close;
  }
  return lines.join(newline);
}

describe('loadBars reads files in chunks (issue 12)', () => {
  // Over two chunks, so rows cross chunk boundaries.
  const text = minuteBarsCsv(Math.ceil((CHUNK_BYTES * 2.2) / 60));

  it('gives the series parseBars gives for the whole text: columns, dialect and SHA-256', async () => {
    const cases: [string, string][] = [
      ['lf-no-final-newline.csv', text],
      ['crlf-bom.csv', `\ufeff${text.replace(/\n/g, '\r\n')}\r\n`],
    ];
    expect(Buffer.byteLength(text), 'the file spans more than two chunks').toBeGreaterThan(CHUNK_BYTES * 2);
    for (const [name, content] of cases) {
      const path = join(directory, name);
      writeFileSync(path, content);
      const [loaded] = await loadBars(path, { label: name });
      const [parsed] = parseBars(content, { file: name, sha256: createHash('sha256').update(content).digest('hex') });
      expect(loaded.source, name).toEqual(parsed.source);
      expect(loaded.length, name).toBe(parsed.length);
      for (const column of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
        expect(Buffer.from(loaded[column].buffer, loaded[column].byteOffset, loaded[column].byteLength).equals(Buffer.from(parsed[column].buffer, parsed[column].byteOffset, parsed[column].byteLength)), `${name} ${column}`).toBe(true);
      }
    }
  });

  it('reports a bad row in a later chunk exactly as parseBars does', async () => {
    const lines = text.split('\n').slice(0, Math.ceil((CHUNK_BYTES * 1.2) / 60));
    const bad = lines.length - 3;
    lines[bad] = lines[bad].replace(/,[^,]+,/, ',12x,');
    const content = lines.join('\n');
    const path = join(directory, 'bad-late-row.csv');
    writeFileSync(path, content);
    const error = await failure(loadBars(path, { label: 'late.csv' }));
    let expected: unknown;
    try {
      parseBars(content, { file: 'late.csv' });
    } catch (caught) {
      expected = caught;
    }
    expect(error).toMatchObject({ code: 'BT_DATA_BAD_NUMBER', message: 'open "12x" is not a number', location: { file: 'late.csv', line: bad + 1 } });
    expect(error.message).toBe((expected as BtError).message);
  });

  it('applies --tz as parseBars does: naive times shift, zoned times stay', async () => {
    const cases = [
      ['naive.csv', 'date,close\n2021-07-15 09:00:00,1\n2021-07-15 10:00:00,2\n'],
      ['zoned.csv', 'date,close\n2021-07-15T09:00:00Z,1\n2021-07-15T10:00:00Z,2\n'],
    ];
    for (const [name, content] of cases) {
      const path = join(directory, name);
      writeFileSync(path, content);
      const [loaded] = await loadBars(path, { label: name, timeZone: 'Europe/London' });
      const [parsed] = parseBars(content, { file: name, timeZone: 'Europe/London' });
      expect([Array.from(loaded.time), loaded.source.dialect], name).toEqual([Array.from(parsed.time), parsed.source.dialect]);
    }
    const [naive] = await loadBars(join(directory, 'naive.csv'), { timeZone: 'Europe/London' });
    expect(naive.time[0], '09:00 in London (BST) is 08:00 UTC').toBe(Date.UTC(2021, 6, 15, 8));
    await expect(loadBars(join(directory, 'naive.csv'), { timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'BT_BAD_TIME_ZONE' });
  });

  it('#13.13 a line longer than the cap is a data error at its line, without reading on', async () => {
    const path = join(directory, 'runaway-line.csv');
    writeFileSync(path, `date,close\n2020-01-02,1\n2020-01-03,${'7'.repeat(MAX_LINE_BYTES * 5)}\n2020-01-06,2\n`);
    const error = await failure(loadBars(path, { label: 'runaway.csv' }));
    expect(error).toMatchObject({
      code: 'BT_DATA_LINE_TOO_LONG',
      exitCode: 3,
      message: 'the line runs on for more than 1,048,576 bytes without a line break',
      location: { file: 'runaway.csv', line: 3 },
    });
  });

  it.skipIf(!existsSync('/dev/zero'))('#13.13 --data /dev/zero fails at line 1 instead of reading without bound', async () => {
    const error = await failure(loadBars('/dev/zero'));
    expect(error).toMatchObject({ code: 'BT_DATA_LINE_TOO_LONG', exitCode: 3, location: { file: '/dev/zero', line: 1 } });
    expect(error.hint).toMatch(/binary file or a device/);
  });
});
