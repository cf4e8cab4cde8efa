import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { thrownBtError } from '../../test/helpers/thrown-bt-error.js';
import type { BtError } from '../errors.js';
import { barAt, type BarSeries } from './bar-series.js';
import { sniffCsvLayout } from './csv-layout.js';
import { parseBars, symbolFromFile, type ParseOptions } from './parse-bars.js';
import { readCsvFast } from './read-csv-fast.js';
import { readCsvRecords, type CsvBars } from './read-csv-records.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/data/${name}`, import.meta.url), 'utf8');
const ms = (iso: string): number => Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);

/** Bars as plain rows with ISO times, for readable expectations. */
const rows = (series: BarSeries) =>
  Array.from({ length: series.length }, (_, i) => {
    const { time, open, high, low, close, volume } = barAt(series, i);
    return [new Date(time).toISOString(), open, high, low, close, volume];
  });

const parseOne = (text: string, options: Partial<ParseOptions> = {}): BarSeries => {
  const series = parseBars(text, { file: 'x.csv', ...options });
  expect(series).toHaveLength(1);
  return series[0];
};

/** The error parseBars throws for `text`. */
const failure = (text: string, options: Partial<ParseOptions> = {}): BtError => thrownBtError(() => parseBars(text, { file: 'x.csv', ...options }));

const HEADER = 'date,open,high,low,close,volume';

describe('parseBars: CSV dialects', () => {
  it('reads a Yahoo file and keeps Adj Close out of the prices', () => {
    const series = parseOne(fixture('yahoo.csv'), { file: 'test/fixtures/data/yahoo.csv' });
    expect(series.symbol).toBe('YAHOO');
    expect(rows(series)[0]).toEqual(['2020-01-02T00:00:00.000Z', 74.059998, 75.150002, 73.797501, 75.087502, 135480400]);
    expect(Array.from(series.extra.adjclose)).toEqual([73.561668, 72.84639, 73.426834]);
    expect(series.intraday).toBe(false);
    expect(series.source).toEqual({
      file: 'test/fixtures/data/yahoo.csv',
      dialect: 'csv(delimiter=",", columns=date,open,high,low,close,adjclose,volume; date=YYYY-MM-DD)',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('takes an unnamed first column (pandas index) as the time', () => {
    const series = parseOne(fixture('pandas-index.csv'));
    expect(series.intraday).toBe(true);
    expect(rows(series)[2]).toEqual(['2017-04-19T11:00:00.000Z', 1.07256, 1.07299, 1.0717, 1.07192, 1025]);
    expect(series.source.dialect).toBe('csv(delimiter=",", columns=date,open,high,low,close,volume; date=YYYY-MM-DD HH:MM:SS)');
  });

  it('joins separate Date and Time columns and skips blank lines', () => {
    const series = parseOne(fixture('date-time-columns.txt'));
    expect(series.length).toBe(3);
    expect(rows(series)[2]).toEqual(['2006-01-02T09:15:00.000Z', 3588.09, 3591.83, 3587.75, 3591.83, 5]);
    expect(Array.from(series.extra.openinterest)).toEqual([0, 12, 7]);
    expect(series.source.dialect).toBe(
      'csv(delimiter=",", columns=date,time,open,high,low,close,volume,openinterest; date=YYYY-MM-DD HH:MM:SS)',
    );
  });

  it('reads semicolons with decimal commas and DD.MM.YYYY dates; an empty volume is 0', () => {
    const series = parseOne(fixture('semicolon-decimal-comma.csv'));
    expect(rows(series)).toEqual([
      ['2020-01-02T00:00:00.000Z', 13233.71, 13283.05, 13192.1, 13219.14, 75000],
      ['2020-01-03T00:00:00.000Z', 13166.58, 13192.39, 13121.45, 13155.36, 72100],
      ['2020-01-06T00:00:00.000Z', 13041.58, 13134.23, 12948.17, 13126.99, 0],
    ]);
    expect(series.source.dialect).toBe(
      'csv(delimiter=";", decimal=",", columns=date,open,high,low,close,volume; date=DD.MM.YYYY (ambiguous, assumed day-first))',
    );
  });

  it('reads tabs with unix-second timestamps and exponent volumes', () => {
    const series = parseOne(fixture('tab-epoch.tsv'));
    expect(rows(series)[0]).toEqual(['2020-01-02T00:00:00.000Z', 7194.89, 7254.33, 7174.94, 7202.55, 6200]);
    expect(series.source.dialect).toBe('csv(delimiter="\\t", columns=date,open,high,low,close,volume; date=unix seconds)');
  });

  it('reads pipes, one-letter names and YYYYMMDD dates', () => {
    const series = parseOne(fixture('pipe-compact.txt'));
    expect(rows(series)[1]).toEqual(['2020-01-03T00:00:00.000Z', 10.5, 12, 10, 11.75, 200]);
    expect(series.source.dialect).toBe('csv(delimiter="|", columns=date,open,high,low,close,volume; date=YYYYMMDD)');
  });

  it('reads a UTF-8 BOM, CRLF line ends and a blank last line', () => {
    const text = fixture('bom-crlf.csv');
    expect(text.charCodeAt(0), 'the fixture starts with a BOM').toBe(0xfeff);
    const series = parseOne(text);
    expect(rows(series)).toEqual([
      ['2020-01-02T00:00:00.000Z', 10, 11, 9, 10.5, 100],
      ['2020-01-03T00:00:00.000Z', 10.5, 12, 10, 11, 200],
    ]);
  });

  it('reads quoted cells, including dates with commas', () => {
    const series = parseOne(fixture('quoted.csv'));
    expect(rows(series)).toEqual([
      ['2020-01-02T00:00:00.000Z', 10, 11, 9, 10.5, 1000],
      ['2020-01-03T00:00:00.000Z', 10.5, 12, 10, 11, 2000],
      ['2020-01-06T00:00:00.000Z', 11, 11.5, 10.25, 11.25, 0],
    ]);
    expect(series.source.dialect).toBe('csv(delimiter=",", columns=date,open,high,low,close,volume; date=MMM D YYYY)');
  });

  it('decides MM/DD/YYYY or DD/MM/YYYY per file', () => {
    const us = parseOne(fixture('us-dates.csv'));
    expect(Array.from(us.time)).toEqual([ms('2020-01-02'), ms('2020-01-13'), ms('2020-02-03T14:30:00Z')]);
    expect(us.source.dialect).toBe('csv(delimiter=",", columns=date,open,high,low,close,volume; date=MM/DD/YYYY HH:MM:SS)');
    const eu = parseOne(fixture('eu-dates.csv'));
    expect(Array.from(eu.time)).toEqual([ms('2020-01-02'), ms('2020-01-13'), ms('2020-02-03')]);
    expect(eu.source.dialect).toBe('csv(delimiter=",", columns=date,open,high,low,close,volume; date=DD/MM/YYYY)');
  });

  it('assumes month-first for ambiguous slash dates and says so', () => {
    const series = parseOne(fixture('ambiguous-dates.csv'));
    expect(Array.from(series.time)).toEqual([ms('2020-01-02'), ms('2020-02-03')]);
    expect(series.source.dialect).toBe(
      'csv(delimiter=",", columns=date,open,high,low,close,volume; date=MM/DD/YYYY (ambiguous, assumed month-first))',
    );
  });

  it('reads close-only data into all four prices, with NaN volume', () => {
    const series = parseOne(fixture('close-only.csv'));
    expect(rows(series)[1]).toEqual(['2020-01-03T00:00:00.000Z', 101.25, 101.25, 101.25, 101.25, NaN]);
    expect(series.open, 'close-only series share one price array').toBe(series.close);
    expect(series.source.dialect).toBe('csv(delimiter=",", columns=date,price; date=YYYY-MM-DD)');
  });

  it('splits a long-format file into one series per symbol, in order of first appearance', () => {
    const series = parseBars(fixture('long-format.csv'), { file: 'long.csv', defaultSymbol: 'IGNORED' });
    expect(series.map((s) => s.symbol)).toEqual(['MSFT', 'AAPL']);
    expect(rows(series[1])).toEqual([
      ['2020-01-02T00:00:00.000Z', 74.06, 75.15, 73.8, 75.09, 135480400],
      ['2020-01-03T00:00:00.000Z', 74.29, 75.14, 74.13, 74.36, 146322800],
    ]);
  });

  it('applies ISO time-zone offsets and keeps milliseconds', () => {
    const series = parseOne(fixture('iso-offsets.csv'));
    expect(Array.from(series.time)).toEqual([ms('2020-01-02T09:30:00Z'), ms('2020-01-02T09:30:00.250Z'), ms('2020-01-02T11:00:00Z')]);
  });

  it('reads <TICKER>-style exports with YYYYMMDD and HHMMSS columns', () => {
    const [series] = parseBars(fixture('finam.txt'), { file: 'finam.txt' });
    expect(series.symbol).toBe('SBER');
    expect(rows(series)[1]).toEqual(['2020-01-02T10:05:00.000Z', 256.61, 256.95, 256.45, 256.83, 496500]);
  });

  it('reads a headerless MetaTrader export by position', () => {
    const series = parseOne(fixture('headerless-mt4.csv'));
    expect(rows(series)[1]).toEqual(['2020-01-02T00:01:00.000Z', 1.12131, 1.12136, 1.12117, 1.12122, 148]);
    expect(series.source.dialect).toBe(
      'csv(delimiter=",", header=none, columns=date,time,open,high,low,close,volume; date=YYYY.MM.DD HH:MM:SS)',
    );
  });

  it('reads English month names day-first', () => {
    const series = parseOne(fixture('month-names.csv'));
    expect(Array.from(series.time)).toEqual([ms('2020-01-02'), ms('2020-01-03'), ms('2020-02-06')]);
  });

  it('matches header names case-insensitively, trimmed, with synonyms', () => {
    const series = parseOne(' Timestamp ; O ; H ; L ; Last ; Vol \n2020-01-02;1;2;0.5;1.5;10\n');
    expect(rows(series)).toEqual([['2020-01-02T00:00:00.000Z', 1, 2, 0.5, 1.5, 10]]);
  });
});

describe('parseBars: JSON', () => {
  it('reads an array of bars', () => {
    const series = parseOne(fixture('bars.json'), { file: 'bars.json' });
    expect(series.symbol).toBe('BARS');
    expect(rows(series)).toEqual([
      ['2020-01-02T00:00:00.000Z', 10, 11, 9, 10.5, 100],
      ['2020-01-03T00:00:00.000Z', 10.5, 12, 10, 11, 200],
    ]);
    expect(series.source.dialect).toBe('json(keys=date,open,high,low,close,volume; date=YYYY-MM-DD)');
  });

  it('reads {"bars": [...]} with epoch-ms times, numeric strings and symbols', () => {
    const series = parseBars(fixture('bars-object.json'), { file: 'b.json' });
    expect(series.map((s) => s.symbol)).toEqual(['BTC', 'ETH']);
    expect(rows(series[0])[1]).toEqual(['2020-01-03T00:00:00.000Z', 7202.55, 7212.16, 6935.27, 6984.43, NaN]);
  });
});

describe('parseBars: naming', () => {
  it('names a single series after the file, or the default symbol', () => {
    expect(symbolFromFile('data/sp500-2000.csv')).toBe('SP500-2000');
    expect(symbolFromFile('C:\\data\\msft.daily.csv')).toBe('MSFT.DAILY');
    expect(symbolFromFile('-')).toBe('STDIN');
    expect(parseOne(`${HEADER}\n2020-01-02,1,2,0.5,1.5,10`, { file: '-' }).symbol).toBe('STDIN');
    expect(parseOne(`${HEADER}\n2020-01-02,1,2,0.5,1.5,10`, { defaultSymbol: 'SPY' }).symbol).toBe('SPY');
  });
});

describe('parseBars: validation errors', () => {
  const data = (...lines: string[]): string => [HEADER, ...lines].join('\n');
  const good = '2020-01-02,1,2,0.5,1.5,10';

  it.each([
    ['BT_DATA_BAD_DATE', data(good, '2020-13-01,1,2,0.5,1.5,10'), 3, 'date "2020-13-01" is not a valid date'],
    ['BT_DATA_BAD_DATE', data(good, ' ,1,2,0.5,1.5,10'), 3, 'date is empty'],
    ['BT_DATA_BAD_NUMBER', data('2020-01-02,1,2,0.5,abc,10'), 2, 'close "abc" is not a number'],
    ['BT_DATA_BAD_NUMBER', data('2020-01-02,1,,0.5,1.5,10'), 2, 'high is empty'],
    ['BT_DATA_BAD_NUMBER', data('2020-01-02,1,2,0.5,1.5,n/a'), 2, 'volume "n/a" is not a number'],
    ['BT_DATA_BAD_NUMBER', data('2020-01-02,"1,000",2,0.5,1.5,10'), 2, 'open "1,000" is not a number'],
    ['BT_DATA_BAD_PRICE', data(good, '2020-01-03,0,2,0.5,1.5,10'), 3, 'open "0" is not positive'],
    ['BT_DATA_BAD_PRICE', data('2020-01-02,1,2,0.5,-1.5,10'), 2, 'close "-1.5" is not positive'],
    ['BT_DATA_BAD_PRICE', 'date,price\n2020-01-02,0', 2, 'price "0" is not positive'],
    ['BT_DATA_INVALID_BAR', data('2020-01-02,10.3,10.2,10.5,10.4,1'), 2, 'high "10.2" is below low "10.5"'],
    ['BT_DATA_INVALID_BAR', data('2020-01-02,12,11,9,10,1'), 2, 'open "12" is above high "11"'],
    ['BT_DATA_INVALID_BAR', data('2020-01-02,8,11,9,10,1'), 2, 'open "8" is below low "9"'],
    ['BT_DATA_INVALID_BAR', data('2020-01-02,10,11,9,11.5,1'), 2, 'close "11.5" is above high "11"'],
    ['BT_DATA_INVALID_BAR', data('2020-01-02,10,11,9,8.99,1'), 2, 'close "8.99" is below low "9"'],
    ['BT_DATA_INVALID_BAR', data('2020-01-02,10,11,9,10,-5'), 2, 'volume "-5" is negative'],
    ['BT_DATA_DUPLICATE_TIME', data(good, '2020-01-03,1,2,0.5,1.5,10', '2020-01-03,1,2,0.5,1.5,10'), 4, 'time "2020-01-03" repeats line 3'],
    ['BT_DATA_UNSORTED', data(good, '2020-01-03,1,2,0.5,1.5,10', '2020-01-02 12:00,1,2,0.5,1.5,10'), 4, 'time "2020-01-02 12:00:00" is earlier than "2020-01-03 00:00:00" on line 3'],
    ['BT_DATA_ROW_SHAPE', data(good, '2020-01-03,1,2,0.5,1.5'), 3, 'row has 5 fields; the header has 6'],
    ['BT_DATA_COLUMNS', 'foo,bar\n1,2', 1, 'found columns "foo", "bar"; need a date column (date, datetime, time or timestamp)'],
    ['BT_DATA_COLUMNS', '\n\nDate,Open,Volume\n2020-01-02,1,2', 3, 'found columns "Date", "Open", "Volume"; need a close column (close or price)'],
    ['BT_DATA_COLUMNS', 'date,open,close\n2020-01-02,1,2', 1, 'found columns "date", "open", "close"; need high and low as well (or only close, for close-only data)'],
    ['BT_DATA_BAD_CSV', 'date,open,high,low,close\n2020-01-02,1,1,1,1\n"2020-01-03,1,1,1,1\n', 3, 'a quoted cell is never closed'],
    ['BT_DATA_BAD_SYMBOL', 'symbol,date,close\nA,2020-01-02,1\n ,2020-01-02,1', 3, 'symbol is empty'],
    ['BT_DATA_UNSORTED', 'symbol,date,close\nA,2020-01-02,1\nB,2020-01-01,1\nA,2020-01-01,1', 4, 'time "2020-01-01" of "A" is earlier than "2020-01-02" on line 2'],
    ['BT_DATA_BAD_DATE', 'date,close\n01/02/2020,1\n01/13/2020,1\n13/01/2020,1', 3, 'date "01/13/2020" is not a valid date'],
  ])('%s: %j', (code, text, line, message) => {
    const error = failure(text);
    expect(error.code).toBe(code);
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(message);
    expect(error.location).toEqual({ file: 'x.csv', line });
    expect(error.hint, 'every data error names the fix').toMatch(/\w{3}/);
  });

  it('counts physical lines through CRLF, blank lines and quoted line breaks', () => {
    const text = '"date","note","close"\r\n\r\n2020-01-02,"two\r\nlines",1\r\n2020-01-03,x,abc\r\n';
    expect(failure(text)).toMatchObject({ code: 'BT_DATA_BAD_NUMBER', location: { file: 'x.csv', line: 5 } });
  });

  it('asks for --sort on out-of-order rows, and sorts stably with it', () => {
    const text = data('2020-01-03,1,2,0.5,1.5,30', '2020-01-02,1,2,0.5,1.5,20');
    expect(failure(text).hint).toBe('pass --sort to sort the bars by time');
    const series = parseOne(text, { sort: true });
    expect(Array.from(series.volume)).toEqual([20, 30]);
  });

  it('still rejects duplicates when sorting, naming both lines', () => {
    const error = failure(data('2020-01-03,1,2,0.5,1.5,10', good, '2020-01-03,1,2,0.5,1.5,10'), { sort: true });
    expect(error).toMatchObject({ code: 'BT_DATA_DUPLICATE_TIME', message: 'time "2020-01-03" repeats line 2', location: { line: 4 } });
  });

  it('checks order per symbol in long-format files', () => {
    const text = 'symbol,date,close\nA,2020-01-02,1\nB,2020-01-02,2\nA,2020-01-02,3';
    expect(failure(text)).toMatchObject({ code: 'BT_DATA_DUPLICATE_TIME', message: 'time "2020-01-02" of "A" repeats line 2' });
  });

  it('tolerates rounding within a relative 1e-9', () => {
    expect(parseOne(data('2020-01-02,100.0000000001,100,99,99.5,1')).open[0]).toBe(100.0000000001);
    expect(failure(data('2020-01-02,100.000001,100,99,99.5,1')).code).toBe('BT_DATA_INVALID_BAR');
  });

  it('keeps NaN for a non-numeric extra column and 0 for an empty volume', () => {
    const series = parseOne('date,open,high,low,close,adj close,volume\n2020-01-02,1,2,0.5,1.5,null,\n');
    expect(series.extra.adjclose[0]).toBeNaN();
    expect(series.volume[0]).toBe(0);
  });

  it.each([
    ['', 'the file is empty'],
    ['\r\n  \n\n', 'the file is empty'],
    [`${HEADER}\n\n`, 'the file has a header but no bars'],
    ['[]', 'the JSON has no bars'],
    ['{"bars": []}', 'the JSON has no bars'],
  ])('rejects %j as empty', (text, message) => {
    expect(failure(text)).toMatchObject({ code: 'BT_DATA_EMPTY', exitCode: 3, message, location: { file: 'x.csv' } });
  });

  it('reports JSON bars by index', () => {
    const error = failure('[{"time":"2020-01-02","open":1,"high":2,"low":0.5,"close":1.5},{"time":"2020-01-03","open":1,"high":1,"low":2,"close":1.5}]');
    expect(error).toMatchObject({ code: 'BT_DATA_INVALID_BAR', exitCode: 3, message: 'bar #1: high "1" is below low "2"', location: { file: 'x.csv' } });
    expect(failure('[{"date":"2020-01-02","close":1},{"date":"2020-01-02","close":2}]').message).toBe('bar #1: time "2020-01-02" repeats bar #0');
    expect(failure('[{"date":"2020-01-02","close":"x"}]').message).toBe('bar #0: close "x" is not a number');
    expect(failure('[{"date":"2020-01-02","close":null}]').message).toBe('bar #0: close is empty');
    expect(failure('[{"date":true,"close":1}]').message).toBe('bar #0: date "true" is not a valid date');
    expect(failure('[{"date":"2020-01-02","close":1}, 5]')).toMatchObject({ code: 'BT_DATA_BAD_JSON', message: 'bar #1: expected an object, found 5' });
    expect(failure('[{"open":1,"close":1}]')).toMatchObject({ code: 'BT_DATA_COLUMNS', message: 'found keys "open", "close"; need a date column (date, datetime, time or timestamp)' });
  });

  it('reports malformed JSON with its line and column', () => {
    const error = failure('[\n  {"time": "2020-01-02", "close": 1},\n  {"time": "2020-01-03" "close": 2}\n]');
    expect(error).toMatchObject({ code: 'BT_DATA_BAD_JSON', exitCode: 3, location: { file: 'x.csv', line: 3 } });
    expect(error.message).toMatch(/^malformed JSON at line 3, column 25: /);
    expect(failure('{"data": []}')).toMatchObject({ code: 'BT_DATA_BAD_JSON', message: 'expected an array of bars or an object with a "bars" array' });
  });
});

describe('parseBars: fast path and csv-parse path agree', () => {
  /** The meaningful part of a reader's output (columns are over-allocated to different capacities). */
  const used = (read: CsvBars | undefined) => {
    if (read === undefined) return undefined;
    const { raw } = read;
    const cut = <T extends Float64Array | Int32Array>(values: T): T => values.slice(0, values.length === 0 ? 0 : raw.length) as T;
    return {
      ...read,
      raw: {
        ...raw,
        time: cut(raw.time),
        open: cut(raw.open),
        high: cut(raw.high),
        low: cut(raw.low),
        close: cut(raw.close),
        volume: cut(raw.volume),
        rows: cut(raw.rows),
        symbolIds: raw.symbolIds === undefined ? undefined : cut(raw.symbolIds),
        extras: raw.extras.map((extra) => ({ name: extra.name, values: cut(extra.values) })),
      },
    };
  };

  /** Both readers on the same text; the fast one must not give up on it. */
  const bothPaths = (text: string) => {
    const layout = sniffCsvLayout(text, 'x.csv');
    return { fast: used(readCsvFast(text, layout)), general: used(readCsvRecords(text, layout, 'x.csv')) };
  };

  it.each([
    'yahoo.csv',
    'pandas-index.csv',
    'date-time-columns.txt',
    'semicolon-decimal-comma.csv',
    'tab-epoch.tsv',
    'pipe-compact.txt',
    'us-dates.csv',
    'eu-dates.csv',
    'ambiguous-dates.csv',
    'close-only.csv',
    'long-format.csv',
    'iso-offsets.csv',
    'finam.txt',
    'headerless-mt4.csv',
    'month-names.csv',
  ])('on %s', (name) => {
    const { fast, general } = bothPaths(fixture(name));
    expect(fast, 'the fast path reads plain files').toBeDefined();
    expect(fast).toEqual(general);
  });

  it('on generated data with awkward numbers, padding rows, CRLF and blank lines', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const lines = ['Date,Open,High,Low,Close,Adj Close,Volume'];
    let price = 50;
    for (let i = 0; i < 5000; i++) {
      const open = price;
      const close = Math.max(20, open * (1 + (random() - 0.5) / 20));
      // The margins outlast rounding to two decimals.
      const high = Math.max(open, close) * (1.001 + random() / 100);
      const low = Math.min(open, close) * (0.999 - random() / 100);
      const format = (value: number): string => {
        const choice = random();
        if (choice < 0.3) return String(value);
        if (choice < 0.5) return value.toFixed(2);
        if (choice < 0.6) return value.toExponential(8);
        if (choice < 0.7) return value.toPrecision(19);
        return value.toFixed(6);
      };
      const volume = random() < 0.05 ? '' : String(Math.floor(random() * 1e9));
      const adjusted = random() < 0.05 ? 'null' : format(close * 0.9);
      lines.push(`${new Date(Date.UTC(2000, 0, 1) + i * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')},${format(open)},${format(high)},${format(low)},${format(close)},${adjusted},${volume}`);
      if (random() < 0.01) lines.push('');
      if (random() < 0.01) lines.push(',,,,,,');
      price = close;
    }
    const text = lines.join('\r\n');
    const { fast, general } = bothPaths(text);
    expect(fast).toBeDefined();
    expect(fast).toEqual(general);
    // Through the public API: quoting one header cell forces the csv-parse path.
    const quoted = `"Date"${text.slice(4)}`;
    expect(parseBars(quoted, { file: 'x.csv', sha256: 'same' })).toEqual(parseBars(text, { file: 'x.csv', sha256: 'same' }));
  });

  it('gives up on a malformed row and leaves the error to csv-parse path', () => {
    const text = `${HEADER}\n2020-01-02,1,2,0.5,1.5,10\n2020-01-03,1,2,0.5,x,10\n`;
    expect(readCsvFast(text, sniffCsvLayout(text, 'x.csv'))).toBeUndefined();
  });
});
