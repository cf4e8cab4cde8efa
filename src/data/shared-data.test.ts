import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { barAt, formatTime, type BarSeries } from './bar-series.js';
import { sniffCsvLayout } from './csv-layout.js';
import { loadBars } from './load-bars.js';
import { readCsvFast } from './read-csv-fast.js';

// The project root's parent holds the shared real-market files; a fresh clone has none.
const sharedDir = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const hasShared = existsSync(sharedDir);
const bundled = fileURLToPath(new URL('../../data/sp500-2000.csv', import.meta.url));

/** A bar as `[time, open, high, low, close, volume]` with the time formatted like the file. */
const row = (series: BarSeries, index: number) => {
  const { time, open, high, low, close, volume } = barAt(series, index < 0 ? series.length + index : index);
  return [formatTime(time, series.intraday), open, high, low, close, volume];
};

describe('the bundled data/sp500-2000.csv', () => {
  it('loads 5,105 daily bars, 2000-01-03 to 2020-04-17', async () => {
    const [series] = await loadBars(bundled);
    expect(series.symbol).toBe('SP500-2000');
    expect(series.length).toBe(5105);
    expect(row(series, 0)).toEqual(['2000-01-03', 1469.25, 1478, 1438.359985, 1455.219971, 931800000]);
    expect(row(series, -1)).toEqual(['2020-04-17', 2842.429932, 2879.219971, 2830.879883, 2874.560059, 5792140000]);
    expect(series.extra.adjclose[0]).toBe(1455.219971);
    expect(series.intraday).toBe(false);
  });
});

const sharedTitle = hasShared ? `real files in ${sharedDir}` : `real files in ${sharedDir} (skipped: not there, as in a fresh clone)`;

describe.skipIf(!hasShared)(sharedTitle, () => {
  const load = async (name: string) => loadBars(`${sharedDir}${name}`);

  it('sp500-2000.csv matches the bundled copy', async () => {
    const [shared] = await load('sp500-2000.csv');
    const [copy] = await loadBars(bundled);
    expect(shared.length).toBe(5105);
    expect(shared.source.sha256).toBe(copy.source.sha256);
  });

  it('GOOG.csv: unnamed date column, 2,148 bars', async () => {
    const [series] = await load('GOOG.csv');
    expect(series.length).toBe(2148);
    expect(row(series, 0)).toEqual(['2004-08-19', 100, 104.06, 95.96, 100.34, 22351900]);
    expect(row(series, -1)).toEqual(['2013-03-01', 797.8, 807.14, 796.15, 806.19, 2175400]);
  });

  it('EURUSD.csv: hourly bars with times, 5,000 bars', async () => {
    const [series] = await load('EURUSD.csv');
    expect(series.length).toBe(5000);
    expect(series.intraday).toBe(true);
    expect(row(series, 0)).toEqual(['2017-04-19 09:00:00', 1.0716, 1.0722, 1.07083, 1.07219, 1413]);
    expect(row(series, -1)).toEqual(['2018-02-07 15:00:00', 1.23427, 1.23444, 1.22904, 1.22904, 6143]);
  });

  it('orcl-1995-2014.txt: Yahoo layout, Adj Close kept apart, 5,036 bars', async () => {
    const [series] = await load('orcl-1995-2014.txt');
    expect(series.length).toBe(5036);
    expect(row(series, 0)).toEqual(['1995-01-03', 2.179012, 2.191358, 2.117284, 2.117284, 36301200]);
    expect(row(series, -1)).toEqual(['2014-12-31', 45.450001, 45.560001, 44.970001, 44.970001, 13269200]);
    expect([series.extra.adjclose[0], series.extra.adjclose[5035]]).toEqual([1.883304, 42.303135]);
  });

  it('2006-min-005.txt: separate Date and Time columns, 2,142 five-minute bars', async () => {
    const [series] = await load('2006-min-005.txt');
    expect(series.length).toBe(2142);
    expect(row(series, 0)).toEqual(['2006-01-02 09:05:00', 3578.73, 3587.88, 3578.73, 3582.99, 0]);
    expect(row(series, -1)).toEqual(['2006-01-30 17:30:00', 3679.29, 3679.4, 3676.31, 3677.52, 0]);
    expect(series.extra.openinterest[0]).toBe(0);
  });

  it('stocks.csv: long format, close only, 560 rows in 5 symbols', async () => {
    const series = await load('stocks.csv');
    expect(series.map((s) => [s.symbol, s.length])).toEqual([
      ['MSFT', 123],
      ['AMZN', 123],
      ['IBM', 123],
      ['GOOG', 68],
      ['AAPL', 123],
    ]);
    expect(row(series[0], 0)).toEqual(['2000-01-01', 39.81, 39.81, 39.81, 39.81, NaN]);
    expect(row(series[4], -1)).toEqual(['2010-03-01', 223.02, 223.02, 223.02, 223.02, NaN]);
    expect(series[0].source.dialect).toBe('csv(delimiter=",", columns=symbol,date,price; date=MMM D YYYY)');
  });

  it.each(['sp500-2000.csv', 'GOOG.csv', 'EURUSD.csv', 'orcl-1995-2014.txt', '2006-min-005.txt', 'stocks.csv'])('%s takes the fast path', (name) => {
    const text = readFileSync(`${sharedDir}${name}`, 'utf8');
    expect(readCsvFast(text, sniffCsvLayout(text, name))).toBeDefined();
  });
});
