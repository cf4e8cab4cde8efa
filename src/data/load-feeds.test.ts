import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFeeds, parseFeedSpec } from './load-feeds.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));

describe('parseFeedSpec', () => {
  it('reads NAME=FILE, and a plain path otherwise', () => {
    expect(parseFeedSpec('AAPL=prices/aapl.csv')).toEqual({ symbol: 'AAPL', path: 'prices/aapl.csv' });
    expect(parseFeedSpec('BRK.B=b.csv')).toEqual({ symbol: 'BRK.B', path: 'b.csv' });
    expect(parseFeedSpec('prices/aapl.csv')).toEqual({ symbol: undefined, path: 'prices/aapl.csv' });
    expect(parseFeedSpec('./x=1.csv'), 'a path with a separator before "=" is a path').toEqual({ symbol: undefined, path: './x=1.csv' });
  });
});

describe('loadFeeds', () => {
  it('names single-symbol files after NAME= or else after the file', async () => {
    const series = await loadFeeds([
      { path: `${fixtures}portfolio/AAA.csv`, symbol: 'FIRST' },
      { path: `${fixtures}portfolio/BBB.csv`, symbol: undefined },
    ]);
    expect(series.map((s) => [s.symbol, s.length])).toEqual([
      ['FIRST', 7],
      ['BBB', 5],
    ]);
  });

  it('reads every data file of a directory, in name order', async () => {
    const series = await loadFeeds([{ path: `${fixtures}portfolio`, symbol: undefined }]);
    expect(series.map((s) => s.symbol)).toEqual(['AAA', 'BBB']);
  });

  it('splits a long-format file into its symbols, and NAME= picks one of them', async () => {
    const all = await loadFeeds([{ path: `${fixtures}data/stocks.csv`, symbol: undefined }]);
    expect(all.map((s) => [s.symbol, s.length])).toEqual([
      ['MSFT', 123],
      ['AMZN', 123],
      ['IBM', 123],
      ['GOOG', 68],
      ['AAPL', 123],
    ]);
    const picked = await loadFeeds([{ path: `${fixtures}data/stocks.csv`, symbol: 'IBM' }]);
    expect(picked.map((s) => s.symbol)).toEqual(['IBM']);
    await expect(loadFeeds([{ path: `${fixtures}data/stocks.csv`, symbol: 'XOM' }])).rejects.toMatchObject({ code: 'BT_SYMBOL_UNKNOWN', exitCode: 2 });
  });

  it('refuses a directory without data files', async () => {
    await expect(loadFeeds([{ path: `${fixtures}strategies`, symbol: undefined }])).rejects.toMatchObject({ code: 'BT_DATA_EMPTY_DIR', exitCode: 3 });
  });
});
