/**
 * The cache's table of contents: every cached series with its range, size and gaps, and the
 * removal of series.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from '../../errors.js';
import { sourceTimeframeMs } from '../sources/data-spec.js';
import { seriesPath } from './cache-dir.js';
import { findGaps, gapLimitMs, type BarGap } from './ranges.js';
import { readSeriesFile, type CachedSeries } from './series-file.js';

/** The gaps of a cached series (see `gapLimitMs`). */
export function seriesGaps(series: CachedSeries): BarGap[] {
  const timeframeMs = sourceTimeframeMs(series.record.timeframe);
  return findGaps(series.time, timeframeMs, gapLimitMs(series.record.source, timeframeMs));
}

/** One cached series as `bt data list` shows it. */
export interface CacheEntry {
  readonly source: string;
  readonly symbol: string;
  readonly timeframe: string;
  readonly path: string;
  /** File size [bytes]. */
  readonly sizeBytes: number;
  readonly series: CachedSeries;
  readonly gaps: readonly BarGap[];
}

async function names(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

/** A cache file that could not be read, as `bt data list` reports it. */
export interface DamagedEntry {
  readonly path: string;
  /** The `BT_CACHE_CORRUPT` message and its `bt data rm` hint. */
  readonly message: string;
  readonly hint: string;
}

/**
 * Reads every `SOURCE/SYMBOL/TIMEFRAME.arrow` under `dir`, in source, symbol, timeframe order.
 * A damaged file does not stop the listing: it is returned in `damaged`.
 */
export async function listCache(dir: string): Promise<{ entries: CacheEntry[]; damaged: DamagedEntry[] }> {
  const out: CacheEntry[] = [];
  const damaged: DamagedEntry[] = [];
  for (const source of await names(dir)) {
    for (const symbolDir of await names(join(dir, source))) {
      const symbol = decodeURIComponent(symbolDir);
      for (const file of await names(join(dir, source, symbolDir))) {
        if (!file.endsWith('.arrow') || file.startsWith('.')) continue;
        const path = join(dir, source, symbolDir, file);
        const guess = file.slice(0, -'.arrow'.length).replace(/min$/, 'm').replace(/mon$/, 'M');
        let series: CachedSeries | undefined;
        try {
          series = await readSeriesFile(path, `${source}:${symbol} --timeframe ${guess}`);
        } catch (error) {
          if (!(error instanceof DataError) || error.code !== 'BT_CACHE_CORRUPT') throw error;
          damaged.push({ path, message: error.message, hint: error.hint ?? '' });
          continue;
        }
        if (series === undefined) continue;
        const timeframe = series.record.timeframe;
        out.push({ source, symbol, timeframe, path, sizeBytes: (await stat(path)).size, series, gaps: seriesGaps(series) });
      }
    }
  }
  return { entries: out, damaged };
}

/**
 * Removes the cache file of `source:symbol` at `timeframe`, or of every timeframe of it when
 * `timeframe` is undefined; also works on damaged files (it never reads them).
 * @returns the removed paths (empty: nothing was cached).
 */
export async function removeCached(dir: string, source: string, symbol: string, timeframe: string | undefined): Promise<string[]> {
  const paths: string[] = [];
  if (timeframe !== undefined) paths.push(seriesPath(dir, source, symbol, timeframe));
  else {
    const folder = join(dir, source, encodeURIComponent(symbol));
    for (const file of await names(folder)) if (file.endsWith('.arrow') && !file.startsWith('.')) paths.push(join(folder, file));
  }
  const removed: string[] = [];
  for (const path of paths) {
    try {
      await stat(path);
    } catch {
      continue;
    }
    await rm(path, { force: true });
    removed.push(path);
  }
  return removed;
}
