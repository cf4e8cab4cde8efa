/**
 * The cache's write path with the real ccxt client against the local Binance-shaped server:
 * Ctrl-C between pages (issue 10), validation on the way in, and the range arithmetic.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIXTURE_START, HOUR, startMarketFixture, type MarketFixture } from '../../../test/helpers/market-fixture-server.js';
import { BtError, InterruptedError } from '../../errors.js';
import { openCcxtSource } from '../sources/ccxt-source.js';
import { emptyRows } from '../sources/market-source.js';
import { appendPage, mergeBars } from './merge-bars.js';
import { findGaps, missingRanges, normalizeRanges } from './ranges.js';
import { readSeriesFile } from './series-file.js';
import { updateSeries } from './update-series.js';
import { seriesPath, timeframeFileName } from './cache-dir.js';

let fx: MarketFixture;
beforeAll(async () => {
  fx = await startMarketFixture();
});
afterAll(async () => {
  await fx.close();
});

describe('updateSeries', () => {
  test('Ctrl-C between pages keeps the complete pages (InterruptedError, exit 130) and a new call resumes after them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bt-cache-'));
    try {
      const controller = new AbortController();
      fx.pagesServed = 0;
      fx.onPage = (page) => {
        if (page === 2) controller.abort();
      };
      const options = {
        dir,
        spec: { source: 'binance', symbol: 'BTC/USDT' },
        timeframe: '1h',
        window: { start: FIXTURE_START, end: FIXTURE_START + 5000 * HOUR },
        offline: false,
        now: Date.UTC(2026, 0, 1),
        openSource: () => openCcxtSource('binance', { BT_BINANCE_URL: fx.url }),
      };
      const error = (await updateSeries({ ...options, signal: controller.signal }).then(
        () => undefined,
        (e: unknown) => e,
      )) as BtError;
      expect(error).toBeInstanceOf(InterruptedError);
      expect([error.exitCode, error.message]).toEqual([130, 'interrupted; the 2000 bars of 2 complete pages were cached, a new fetch resumes after them']);
      fx.onPage = undefined;
      const path = seriesPath(dir, 'binance', 'BTC/USDT', '1h');
      const kept = await readSeriesFile(path, 'x');
      expect(kept?.length).toBe(2000);
      expect(kept?.record.coverage).toEqual([{ start: FIXTURE_START, end: FIXTURE_START + 1999 * HOUR + 1 }]);
      fx.requests.length = 0;
      const resumed = await updateSeries(options);
      expect(fx.requests[0].startTime).toBe(FIXTURE_START + 1999 * HOUR + 1);
      expect([resumed.addedBars, resumed.series?.length]).toEqual([3000, 5000]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('validation on the way in', () => {
  const page = (rows: number[][]) => {
    const out = emptyRows();
    for (const [t, o, h, l, c, v] of rows) {
      out.time.push(t);
      out.open.push(o);
      out.high.push(h);
      out.low.push(l);
      out.close.push(c);
      out.volume.push(v);
    }
    return out;
  };
  const bar = (hour: number, close = 10): number[] => [FIXTURE_START + hour * HOUR, close, close + 1, close - 1, close, 5];
  const message = (rows: number[][]): string => {
    try {
      appendPage(emptyRows(), page(rows), 'binance:BTC/USDT 1h', { duplicates: 0 });
    } catch (error) {
      return (error as Error).message;
    }
    return 'accepted';
  };

  test('high below low, non-positive prices and out-of-order bars are refused, naming the bar', () => {
    expect(message([bar(0), [FIXTURE_START + HOUR, 10, 9, 11, 10, 1]])).toBe('binance:BTC/USDT 1h: the source sent a bad bar at 2021-01-01 01:00:00: high "9" is below low "11"');
    expect(message([[FIXTURE_START, 0, 1, 0, 1, 1]])).toBe('binance:BTC/USDT 1h: the source sent a bad bar at 2021-01-01 00:00:00: open "0" is not a positive price');
    expect(message([bar(2), bar(1)])).toBe('binance:BTC/USDT 1h: the source sent a bad bar at 2021-01-01 01:00:00: it comes after 2021-01-01 02:00:00 (out of order)');
    expect(message([bar(1), bar(1, 11)])).toBe('binance:BTC/USDT 1h: the source sent a bad bar at 2021-01-01 01:00:00: the same time twice with different prices (duplicate timestamp)');
    expect(message([bar(0), [FIXTURE_START + HOUR, 10, 11, 9, 10, -1]])).toBe('binance:BTC/USDT 1h: the source sent a bad bar at 2021-01-01 01:00:00: volume "-1" is negative');
  });

  test('an identical repeated bar (a page overlap) is kept once and counted', () => {
    const into = emptyRows();
    const report = { duplicates: 0 };
    appendPage(into, page([bar(0), bar(1)]), 'x', report);
    appendPage(into, page([bar(1), bar(2)]), 'x', report);
    expect([into.time.length, report.duplicates]).toEqual([3, 1]);
  });

  test('mergeBars interleaves cached and new bars by time', () => {
    const report = { duplicates: 0 };
    const record = { format: 1, source: 'b', symbol: 's', timeframe: '1h', coverage: [], fetchedAt: 0, actions: [] };
    const first = mergeBars(undefined, page([bar(0), bar(2)]), record, report);
    const merged = mergeBars(first, page([bar(1, 20), bar(3, 30)]), record, report);
    expect(Array.from(merged.close)).toEqual([10, 20, 10, 30]);
    expect(Array.from(merged.time)).toEqual([0, 1, 2, 3].map((h) => FIXTURE_START + h * HOUR));
  });
});

describe('ranges', () => {
  test('missing ranges of a window around covered ranges: head, holes, tail', () => {
    const have = [{ start: 10, end: 20 }, { start: 30, end: 40 }];
    expect(missingRanges({ start: 0, end: 50 }, have)).toEqual([{ start: 0, end: 10 }, { start: 20, end: 30 }, { start: 40, end: 50 }]);
    expect(missingRanges({ start: 12, end: 18 }, have)).toEqual([]);
    expect(missingRanges({ start: 15, end: 35 }, have)).toEqual([{ start: 20, end: 30 }]);
    expect(normalizeRanges([{ start: 5, end: 10 }, { start: 0, end: 5 }, { start: 20, end: 30 }])).toEqual([{ start: 0, end: 10 }, { start: 20, end: 30 }]);
  });

  test('gaps are steps longer than 1.5 timeframes', () => {
    const time = Float64Array.from([0, 1, 2, 5, 6].map((h) => h * HOUR));
    expect(findGaps(time, HOUR)).toEqual([{ from: 2 * HOUR, to: 5 * HOUR, missingBars: 2 }]);
  });

  test('minute and month timeframes get distinct file names', () => {
    expect([timeframeFileName('1m'), timeframeFileName('1M'), timeframeFileName('1h')]).toEqual(['1min', '1mon', '1h']);
  });
});

describe('cacheDir', () => {
  test('BT_DATA_DIR wins; else XDG_CACHE_HOME/bt; else ~/.cache/bt (Linux)', async () => {
    const { cacheDir } = await import('./cache-dir.js');
    const { homedir, platform } = await import('node:os');
    expect(cacheDir({ BT_DATA_DIR: join('x', 'y'), XDG_CACHE_HOME: 'z' })).toBe(join('x', 'y'));
    if (platform() === 'linux') {
      expect(cacheDir({ XDG_CACHE_HOME: join('c', 'h') })).toBe(join('c', 'h', 'bt'));
      expect(cacheDir({})).toBe(join(homedir(), '.cache', 'bt'));
    }
  });
});
