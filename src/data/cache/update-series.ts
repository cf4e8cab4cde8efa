/**
 * The cache's one write path: bring a cached series up to a requested window by fetching only
 * the ranges it does not cover yet, under the series' lock, validating every page, and writing
 * the merged file atomically. Reading never needs the lock (files are replaced by rename).
 */
import { DataError, InterruptedError, UsageError } from '../../errors.js';
import { formatTime } from '../bar-series.js';
import { formatDataSpec, sourceTimeframeMs, type DataSpec } from '../sources/data-spec.js';
import { emptyRows, type BarRows, type MarketSource } from '../sources/market-source.js';
import { seriesPath } from './cache-dir.js';
import { appendPage, mergeBars, type IntakeReport } from './merge-bars.js';
import { findGaps, gapLimitMs, missingRanges, normalizeRanges, type TimeRange } from './ranges.js';
import { CACHE_FORMAT, readSeriesFile, writeSeriesFile, type CachedSeries, type CorporateAction } from './series-file.js';
import { withSeriesLock, type LockOptions } from './series-lock.js';

/** Options of {@link updateSeries}. */
export interface UpdateOptions {
  /** The cache folder (see `cacheDir`). */
  readonly dir: string;
  readonly spec: DataSpec;
  /** Source timeframe, e.g. `1h`, `1d`. */
  readonly timeframe: string;
  /**
   * Bars wanted, `[start, end)` [UTC epoch ms]; the end is clipped to the last complete bar
   * before `now`. `start` undefined: from the first cached bar (a first fetch needs a start).
   */
  readonly window: { readonly start: number | undefined; readonly end: number | undefined };
  /** Never use the network: fail when the window is not fully cached. */
  readonly offline: boolean;
  /** Also ask again for gaps inside already-covered ranges (the source may have filled them since). */
  readonly refetchGaps?: boolean;
  /** Current time [UTC epoch ms]; bars opening at or after the start of the current bar are incomplete. */
  readonly now: number;
  /** Opens the source (loads its client only when the network is needed). */
  readonly openSource: () => Promise<MarketSource>;
  readonly signal?: AbortSignal;
  /** Called after each page is validated: bars fetched so far in this call, and the newest bar's time [ms]. */
  readonly onProgress?: (bars: number, newest: number) => void;
  readonly lock?: LockOptions;
}

/** What {@link updateSeries} did. */
export interface UpdateOutcome {
  /** The cache file. */
  readonly path: string;
  /** The symbol as the source spells it. */
  readonly symbol: string;
  /** The series after the update (undefined: nothing cached and nothing fetched). */
  readonly series: CachedSeries | undefined;
  /** Ranges asked of the source, in order (empty: all was cached). */
  readonly fetchedRanges: readonly TimeRange[];
  /** Bars added to the cache. */
  readonly addedBars: number;
  /** Pages received. */
  readonly pages: number;
  /** Bars sent twice by the source, kept once. */
  readonly duplicates: number;
}

const iso = (ms: number): string => formatTime(ms, true);

/** `2021-01-01 00:00:00 .. 2021-01-05 00:00:00` for messages (end exclusive shown as the last ms's bar open). */
export function describeRange(range: TimeRange): string {
  return `${iso(range.start)} to ${iso(range.end)}`;
}

/** Start of the bar in progress at `now`: bars opening before it are complete. */
function completeBoundary(now: number, timeframeMs: number): number {
  return Math.floor(now / timeframeMs) * timeframeMs;
}

/**
 * Gaps inside covered ranges as ranges to ask for again: `(last bar before, first bar after)`.
 */
function gapRanges(series: CachedSeries, timeframeMs: number, window: TimeRange): TimeRange[] {
  return findGaps(series.time, timeframeMs, gapLimitMs(series.record.source, timeframeMs))
    .map((gap) => ({ start: Math.max(gap.from + 1, window.start), end: Math.min(gap.to, window.end) }))
    .filter((range) => range.end > range.start);
}

/**
 * Brings the cached series of `spec` at `timeframe` up to `window` and returns it.
 *
 * Fetches only `window` minus the ranges already covered (head, tail, holes), plus interior gaps
 * with `refetchGaps`. Each page is validated (see `appendPage`); pages received before a
 * failure or Ctrl-C are merged and written before the error is rethrown, so a later call
 * resumes after them. Concurrent calls for one series take turns on its lock file.
 *
 * @throws DataError `BT_DATA_OFFLINE` (exit 3) naming the missing range when `offline`;
 *   UsageError `BT_DATA_NO_START` (exit 2) for a first fetch without a start; DataError
 *   `BT_CACHE_CORRUPT` naming a damaged cache file; the source's errors; InterruptedError (exit 130).
 */
export async function updateSeries(options: UpdateOptions): Promise<UpdateOutcome> {
  const timeframeMs = sourceTimeframeMs(options.timeframe);
  const label = `${formatDataSpec(options.spec)} --timeframe ${options.timeframe}`;
  if (options.offline) return readOffline(options, label, timeframeMs);

  const source = await options.openSource();
  const symbol = await source.prepare(options.spec.symbol, options.timeframe);
  const spec = { source: options.spec.source, symbol };
  const specText = `${formatDataSpec(spec)} --timeframe ${options.timeframe}`;
  const path = seriesPath(options.dir, spec.source, symbol, options.timeframe);
  return withSeriesLock(`${path}.lock`, async () => {
    const cached = await readSeriesFile(path, specText);
    const window = resolveWindow(options, cached, specText, timeframeMs);
    const coverage = cached?.record.coverage ?? [];
    let wanted = missingRanges(window, coverage);
    if (options.refetchGaps === true && cached !== undefined) wanted = normalizeRanges([...wanted, ...gapRanges(cached, timeframeMs, window)]);
    const outcome = { path, symbol, fetchedRanges: wanted, addedBars: 0, pages: 0, duplicates: 0 };
    if (wanted.length === 0) return { ...outcome, series: cached };

    const report: IntakeReport = { duplicates: 0 };
    const added: BarRows = emptyRows(source.extraColumns);
    const newlyCovered: TimeRange[] = [];
    const actions: CorporateAction[] = [];
    let pages = 0;
    const save = async (): Promise<CachedSeries | undefined> => {
      if (added.time.length === 0 && newlyCovered.length === 0) return cached;
      const record = {
        format: CACHE_FORMAT,
        source: spec.source,
        symbol,
        timeframe: options.timeframe,
        coverage: normalizeRanges([...coverage, ...newlyCovered]),
        fetchedAt: options.now,
        actions: mergeActions(cached?.record.actions ?? [], actions),
      };
      const merged = mergeBars(cached, added, record, report);
      await writeSeriesFile(path, merged);
      return merged;
    };
    try {
      for (const range of wanted) {
        if (options.signal?.aborted === true) throw new InterruptedError();
        const before = added.time.length;
        try {
          const found = await source.fetchRange(
            symbol,
            options.timeframe,
            range,
            (rows) => {
              appendPage(added, rows, specText, report);
              pages++;
              options.onProgress?.(added.time.length, added.time[added.time.length - 1]);
            },
            options.signal,
          );
          actions.push(...found);
          // The source had nothing more after its newest bar: that range is re-asked next time
          // (the source may not have had it yet); a range without any bar is recorded as empty.
          const newest = added.time.length > before ? added.time[added.time.length - 1] : undefined;
          newlyCovered.push({ start: range.start, end: newest === undefined ? range.end : Math.min(range.end, newest + timeframeMs) });
        } catch (error) {
          // Keep the complete pages of this range: it is covered up to its newest bar.
          if (added.time.length > before) newlyCovered.push({ start: range.start, end: added.time[added.time.length - 1] + 1 });
          throw error;
        }
      }
    } catch (error) {
      await save();
      if (error instanceof InterruptedError) {
        throw new InterruptedError(`interrupted; the ${added.time.length} bars of ${pages} complete pages were cached, a new fetch resumes after them`);
      }
      throw error;
    }
    const series = await save();
    return { ...outcome, series, addedBars: (series?.length ?? 0) - (cached?.length ?? 0), pages, duplicates: report.duplicates };
  }, options.lock);
}

function mergeActions(old: readonly CorporateAction[], added: readonly CorporateAction[]): CorporateAction[] {
  const byKey = new Map<string, CorporateAction>();
  for (const action of [...old, ...added]) byKey.set(`${action.time}:${action.kind}`, action);
  return [...byKey.values()].sort((a, b) => a.time - b.time || a.kind.localeCompare(b.kind));
}

function resolveWindow(options: UpdateOptions, cached: CachedSeries | undefined, specText: string, timeframeMs: number): TimeRange {
  const boundary = completeBoundary(options.now, timeframeMs);
  const end = Math.min(options.window.end ?? boundary, boundary);
  let start = options.window.start;
  if (start === undefined) {
    const first = cached?.record.coverage[0]?.start;
    if (first === undefined) {
      throw new UsageError('BT_DATA_NO_START', `${specText} is not cached yet, so its first fetch needs a start date`, {
        hint: 'add --from YYYY-MM-DD',
        location: { flag: '--from' },
      });
    }
    start = first;
  }
  return { start, end: Math.max(start, end) };
}

async function readOffline(options: UpdateOptions, label: string, timeframeMs: number): Promise<UpdateOutcome> {
  // Sources spell symbols in upper case (prepare() does it online); accept either offline.
  let path = seriesPath(options.dir, options.spec.source, options.spec.symbol, options.timeframe);
  let cached = await readSeriesFile(path, label);
  if (cached === undefined && options.spec.symbol !== options.spec.symbol.toUpperCase()) {
    path = seriesPath(options.dir, options.spec.source, options.spec.symbol.toUpperCase(), options.timeframe);
    cached = await readSeriesFile(path, label);
  }
  const hint = `run without --offline and BT_OFFLINE, or fetch it first: bt data fetch ${formatDataSpec(options.spec)} --timeframe ${options.timeframe} --from ...`;
  if (cached === undefined) {
    const what = options.window.start === undefined ? '' : ` (wanted ${describeRange({ start: options.window.start, end: options.window.end ?? completeBoundary(options.now, timeframeMs) })})`;
    throw new DataError('BT_DATA_OFFLINE', `offline, and ${label} is not in the cache${what}`, { hint });
  }
  const coverage = cached.record.coverage;
  const start = options.window.start ?? coverage[0]?.start ?? 0;
  const lastCovered = coverage[coverage.length - 1]?.end ?? start;
  const end = options.window.end ?? lastCovered;
  const missing = missingRanges({ start, end: Math.max(start, end) }, coverage);
  if (missing.length > 0) {
    const shown = missing.slice(0, 3).map(describeRange).join(', ');
    const more = missing.length > 3 ? ` and ${missing.length - 3} more` : '';
    throw new DataError('BT_DATA_OFFLINE', `offline, and ${label} is not cached from ${shown}${more}`, { hint });
  }
  return { path, symbol: cached.record.symbol, series: cached, fetchedRanges: [], addedBars: 0, pages: 0, duplicates: 0 };
}
