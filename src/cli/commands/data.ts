/**
 * `bt data fetch|list|show|rm|export`: market data by symbol in the local cache (README "Data").
 */
import { join, sep } from 'node:path';
import { DataError, OutputError, UsageError } from '../../errors.js';
import { formatTime } from '../../data/bar-series.js';
import { cacheDir } from '../../data/cache/cache-dir.js';
import { listCache, removeCached, seriesGaps, type CacheEntry } from '../../data/cache/list-cache.js';
import type { BarGap } from '../../data/cache/ranges.js';
import { encodeSeries, writeFileAtomic, type CachedSeries } from '../../data/cache/series-file.js';
import { describeRange, updateSeries } from '../../data/cache/update-series.js';
import { DEFAULT_SOURCE_TIMEFRAME, openSource, toBarSeries } from '../../data/load-market.js';
import { parseDateArg } from '../../data/parse-date-arg.js';
import { formatDataSpec, parseDataSpec, sourceTimeframeMs } from '../../data/sources/data-spec.js';
import { type CliIo } from '../io.js';
import type { GlobalFlags } from './run.js';

/** Flags of `bt data fetch`. */
export interface DataFetchFlags {
  readonly timeframe?: string;
  readonly from?: string;
  readonly to?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

const iso = (ms: number): string => formatTime(ms, true);

/** True when `--offline` or `BT_OFFLINE=1` forbids the network. */
export function isOffline(flag: boolean | undefined, env: CliIo['env']): boolean {
  return flag === true || (env.BT_OFFLINE !== undefined && env.BT_OFFLINE !== '' && env.BT_OFFLINE !== '0');
}

/**
 * Runs `body` with an AbortSignal that Ctrl-C (SIGINT) aborts; the handler is removed afterwards.
 */
export async function withSigint<T>(body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    return await body(controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function gapJson(gap: BarGap): Record<string, unknown> {
  return { from: new Date(gap.from).toISOString(), to: new Date(gap.to).toISOString(), missingBars: gap.missingBars };
}

function summaryJson(series: CachedSeries | undefined, path: string, sizeBytes?: number): Record<string, unknown> {
  const gaps = series === undefined ? [] : seriesGaps(series);
  return {
    source: series?.record.source ?? null,
    symbol: series?.record.symbol ?? null,
    timeframe: series?.record.timeframe ?? null,
    firstBar: series !== undefined && series.length > 0 ? new Date(series.time[0]).toISOString() : null,
    lastBar: series !== undefined && series.length > 0 ? new Date(series.time[series.length - 1]).toISOString() : null,
    rows: series?.length ?? 0,
    gaps: gaps.length,
    ...(sizeBytes === undefined ? {} : { sizeBytes }),
    fetchedAt: series === undefined ? null : new Date(series.record.fetchedAt).toISOString(),
    path,
  };
}

function spanText(series: CachedSeries | undefined): string {
  if (series === undefined || series.length === 0) return 'no bars';
  return `${series.length} bars, ${iso(series.time[0])} to ${iso(series.time[series.length - 1])}`;
}

/**
 * `bt data fetch SPEC...`: brings each series up to `--from`..`--to` (default: to the last
 * complete bar), fetching only ranges not yet cached, and asking again for interior gaps.
 */
export async function dataFetchCommand(specs: readonly string[], flags: DataFetchFlags, _globals: GlobalFlags, io: CliIo): Promise<number> {
  const timeframe = flags.timeframe ?? DEFAULT_SOURCE_TIMEFRAME;
  sourceTimeframeMs(timeframe);
  const from = flags.from === undefined ? undefined : parseDateArg(flags.from, '--from');
  const to = flags.to === undefined ? undefined : parseDateArg(flags.to, '--to', { endOfDay: true });
  if (from !== undefined && to !== undefined && from > to) {
    throw new UsageError('BT_BAD_VALUE', `--from (${flags.from}) is after --to (${flags.to})`, { hint: 'swap them', location: { flag: '--from' } });
  }
  if (isOffline(undefined, io.env)) {
    throw new UsageError('BT_DATA_OFFLINE', 'bt data fetch needs the network, and BT_OFFLINE is set', { hint: 'unset BT_OFFLINE to fetch' });
  }
  const parsed = specs.map(parseDataSpec);
  const results: Record<string, unknown>[] = [];
  await withSigint(async (signal) => {
    for (const spec of parsed) {
      const outcome = await updateSeries({
        dir: cacheDir(io.env),
        spec,
        timeframe,
        window: { start: from, end: to === undefined ? undefined : to + 1 },
        offline: false,
        refetchGaps: true,
        now: Date.now(),
        openSource: () => openSource(spec, io.env),
        signal,
        onProgress:
          flags.quiet === true || !io.stderrIsTTY
            ? undefined
            : (bars, newest) => io.stderr.write(`\r${formatDataSpec(spec)}: ${bars} bars, up to ${iso(newest)}   `),
      });
      if (flags.quiet !== true && io.stderrIsTTY) io.stderr.write('\n');
      const label = `${formatDataSpec({ source: spec.source, symbol: outcome.symbol })} ${timeframe}`;
      const gaps = outcome.series === undefined ? [] : seriesGaps(outcome.series);
      results.push({
        ...summaryJson(outcome.series, outcome.path),
        fetched: { ranges: outcome.fetchedRanges.map((r) => ({ from: new Date(r.start).toISOString(), to: new Date(r.end).toISOString() })), pages: outcome.pages, addedBars: outcome.addedBars, duplicates: outcome.duplicates },
      });
      if (flags.json === true) continue;
      const what = outcome.fetchedRanges.length === 0 ? 'already cached, nothing fetched' : `+${outcome.addedBars} bars in ${outcome.pages} ${outcome.pages === 1 ? 'page' : 'pages'} (${outcome.fetchedRanges.map(describeRange).join(', ')})`;
      io.stdout.write(`${label}: ${what}\n  cached: ${spanText(outcome.series)}, ${gaps.length} gaps\n  file: ${outcome.path}\n`);
      for (const gap of gaps.slice(0, 5)) io.stdout.write(`  gap: ${iso(gap.from)} to ${iso(gap.to)} (${gap.missingBars} bars missing)\n`);
      if (gaps.length > 5) io.stdout.write(`  … ${gaps.length - 5} more gaps (bt data show ${label.replace(' ', ' --timeframe ')})\n`);
      if (outcome.duplicates > 0) io.stdout.write(`  note: the source sent ${outcome.duplicates} bars twice; each was kept once\n`);
    }
  });
  if (flags.json === true) io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  return 0;
}

const sizeText = (bytes: number): string => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`);

/** `bt data list`: every cached series (source, symbol, timeframe, first/last bar, rows, gaps, size). */
export async function dataListCommand(flags: { json?: boolean }, _globals: GlobalFlags, io: CliIo): Promise<number> {
  const dir = cacheDir(io.env);
  const { entries, damaged } = await listCache(dir);
  for (const d of damaged) io.stderr.write(`warning: ${d.message}\nhint: ${d.hint}\n`);
  if (flags.json === true) {
    const document = { dir, series: entries.map((e) => summaryJson(e.series, e.path, e.sizeBytes)), damaged: damaged.map((d) => ({ path: d.path, message: d.message })) };
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return 0;
  }
  if (entries.length === 0 && damaged.length === 0) {
    io.stdout.write(`The cache (${dir}) is empty. Fetch with: bt data fetch binance:BTC/USDT --timeframe 1h --from 2021-01-01\n`);
    return 0;
  }
  const { default: Table } = await import('cli-table3');
  const { COMPACT_CHARS } = await import('../../report/table.js');
  const table = new Table({ head: ['Spec', 'Timeframe', 'First bar', 'Last bar', 'Rows', 'Gaps', 'Size'], chars: COMPACT_CHARS, style: { head: [], border: [] } });
  for (const entry of entries) {
    const s = entry.series;
    table.push([`${entry.source}:${entry.symbol}`, entry.timeframe, s.length > 0 ? iso(s.time[0]) : '-', s.length > 0 ? iso(s.time[s.length - 1]) : '-', String(s.length), String(entry.gaps.length), sizeText(entry.sizeBytes)]);
  }
  io.stdout.write(`${table.toString()}\ncache: ${dir}\n`);
  return 0;
}

async function findEntry(specText: string, timeframe: string | undefined, io: CliIo): Promise<CacheEntry> {
  const spec = parseDataSpec(specText);
  const { entries: all, damaged } = await listCache(cacheDir(io.env));
  const broken = damaged.find((d) => d.path.startsWith(join(cacheDir(io.env), spec.source, encodeURIComponent(spec.symbol)) + sep) || d.path.startsWith(join(cacheDir(io.env), spec.source, encodeURIComponent(spec.symbol.toUpperCase())) + sep));
  if (broken !== undefined) throw new DataError('BT_CACHE_CORRUPT', broken.message, { hint: broken.hint });
  const entries = all.filter((e) => e.source === spec.source && e.symbol.toUpperCase() === spec.symbol.toUpperCase());
  const picked = timeframe === undefined ? entries : entries.filter((e) => e.timeframe === timeframe);
  if (picked.length === 1) return picked[0];
  if (picked.length > 1) {
    throw new UsageError('BT_DATA_TIMEFRAME', `${specText} is cached in several timeframes: ${picked.map((e) => e.timeframe).join(', ')}`, { hint: 'pick one with --timeframe', location: { flag: '--timeframe' } });
  }
  const others = entries.map((e) => e.timeframe);
  throw new UsageError('BT_DATA_NOT_CACHED', `${specText}${timeframe === undefined ? '' : ` --timeframe ${timeframe}`} is not in the cache`, {
    hint: others.length > 0 ? `cached timeframes: ${others.join(', ')}` : `fetch it first: bt data fetch ${specText} --timeframe ${timeframe ?? DEFAULT_SOURCE_TIMEFRAME} --from YYYY-MM-DD`,
  });
}

/** `bt data show SPEC`: head and tail bars, covered ranges, gap report, splits and dividends. */
export async function dataShowCommand(specText: string, flags: { timeframe?: string; rows?: string; json?: boolean }, _globals: GlobalFlags, io: CliIo): Promise<number> {
  const rows = flags.rows === undefined ? 5 : Number(flags.rows);
  if (!Number.isInteger(rows) || rows < 0 || rows > 10_000) {
    throw new UsageError('BT_BAD_VALUE', `--rows "${flags.rows}" is not a whole number 0 … 10000`, { hint: 'e.g. --rows 10', location: { flag: '--rows' } });
  }
  const entry = await findEntry(specText, flags.timeframe, io);
  const s = entry.series;
  const barJson = (i: number): Record<string, unknown> => {
    const bar: Record<string, unknown> = { time: new Date(s.time[i]).toISOString(), open: s.open[i], high: s.high[i], low: s.low[i], close: s.close[i], volume: Number.isFinite(s.volume[i]) ? s.volume[i] : null };
    for (const [name, values] of Object.entries(s.extra)) bar[name] = Number.isFinite(values[i]) ? values[i] : null;
    return bar;
  };
  const headIdx = Array.from({ length: Math.min(rows, s.length) }, (_, i) => i);
  const tailIdx = Array.from({ length: Math.min(rows, Math.max(0, s.length - rows)) }, (_, i) => s.length - Math.min(rows, Math.max(0, s.length - rows)) + i);
  if (flags.json === true) {
    const document = {
      ...summaryJson(s, entry.path, entry.sizeBytes),
      coverage: s.record.coverage.map((r) => ({ from: new Date(r.start).toISOString(), to: new Date(r.end).toISOString() })),
      gapList: entry.gaps.map(gapJson),
      actions: s.record.actions.map((a) => ({ time: new Date(a.time).toISOString(), kind: a.kind, value: a.value })),
      head: headIdx.map(barJson),
      tail: tailIdx.map(barJson),
    };
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return 0;
  }
  const extraNames = Object.keys(s.extra);
  const line = (i: number): string => [iso(s.time[i]), s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i], ...extraNames.map((n) => s.extra[n][i])].join('  ');
  const out = [`${entry.source}:${entry.symbol} ${entry.timeframe}: ${spanText(s)}, ${entry.gaps.length} gaps, ${sizeText(entry.sizeBytes)}`, `file: ${entry.path}`, `fetched: ${new Date(s.record.fetchedAt).toISOString()}`];
  out.push(`covered: ${s.record.coverage.map(describeRange).join(', ') || 'nothing'}`);
  out.push(['time', 'open', 'high', 'low', 'close', 'volume', ...extraNames].join('  '));
  for (const i of headIdx) out.push(line(i));
  if (tailIdx.length > 0) out.push('…');
  for (const i of tailIdx) out.push(line(i));
  if (entry.gaps.length === 0) out.push('gaps: none');
  for (const gap of entry.gaps) out.push(`gap: ${iso(gap.from)} to ${iso(gap.to)} (${gap.missingBars} bars missing)`);
  for (const a of s.record.actions) out.push(`${a.kind}: ${iso(a.time)} ${a.value}`);
  io.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

/** `bt data rm SPEC`: removes a cached series (every timeframe unless `--timeframe`). */
export async function dataRemoveCommand(specText: string, flags: { timeframe?: string; json?: boolean }, _globals: GlobalFlags, io: CliIo): Promise<number> {
  const spec = parseDataSpec(specText);
  const removed = await removeCached(cacheDir(io.env), spec.source, spec.symbol, flags.timeframe);
  if (removed.length === 0) {
    throw new UsageError('BT_DATA_NOT_CACHED', `${specText}${flags.timeframe === undefined ? '' : ` --timeframe ${flags.timeframe}`} is not in the cache`, { hint: 'see what is cached with "bt data list"' });
  }
  if (flags.json === true) io.stdout.write(`${JSON.stringify({ removed }, null, 2)}\n`);
  else io.stdout.write(removed.map((path) => `removed ${path}\n`).join(''));
  return 0;
}

/** `bt data export SPEC --out FILE`: writes a cached series as CSV, Parquet or Arrow (by extension). */
export async function dataExportCommand(specText: string, flags: { timeframe?: string; out?: string; from?: string; to?: string; adjust?: boolean; json?: boolean }, _globals: GlobalFlags, io: CliIo): Promise<number> {
  const out = flags.out;
  if (out === undefined) throw new UsageError('BT_MISSING_FLAG', 'bt data export needs --out FILE', { hint: 'e.g. --out btc.csv (or .parquet, .arrow, .feather)', location: { flag: '--out' } });
  const format = /\.csv$/i.test(out) ? 'csv' : /\.parquet$/i.test(out) ? 'parquet' : /\.(arrow|feather)$/i.test(out) ? 'arrow' : undefined;
  if (format === undefined) throw new UsageError('BT_BAD_VALUE', `--out "${out}" ends in neither .csv, .parquet, .arrow nor .feather`, { hint: 'the extension picks the format', location: { flag: '--out' } });
  const entry = await findEntry(specText, flags.timeframe, io);
  const from = flags.from === undefined ? undefined : parseDateArg(flags.from, '--from');
  const to = flags.to === undefined ? undefined : parseDateArg(flags.to, '--to', { endOfDay: true });
  const { series, provenance } = toBarSeries(entry.series, `${entry.source}:${entry.symbol}`, from, to, flags.adjust === true);
  const names = Object.keys(series.extra);
  let bytes: Uint8Array;
  if (format === 'csv') {
    const lines = [['time', 'open', 'high', 'low', 'close', 'volume', ...names].join(',')];
    for (let i = 0; i < series.length; i++) {
      const cells = [new Date(series.time[i]).toISOString(), series.open[i], series.high[i], series.low[i], series.close[i], series.volume[i], ...names.map((n) => series.extra[n][i])];
      lines.push(cells.map((c) => (typeof c === 'number' && !Number.isFinite(c) ? '' : String(c))).join(','));
    }
    bytes = Buffer.from(`${lines.join('\n')}\n`);
  } else if (format === 'parquet') {
    const { parquetWriteBuffer } = await import('hyparquet-writer');
    const columnData = [
      { name: 'time', data: Array.from(series.time, (t) => new Date(t)), type: 'TIMESTAMP' as const },
      ...(['open', 'high', 'low', 'close', 'volume'] as const).map((name) => ({ name, data: series[name], type: 'DOUBLE' as const })),
      ...names.map((name) => ({ name, data: series.extra[name], type: 'DOUBLE' as const })),
    ];
    bytes = new Uint8Array(parquetWriteBuffer({ columnData }));
  } else {
    bytes = await encodeSeries({ ...entry.series, time: series.time, open: series.open, high: series.high, low: series.low, close: series.close, volume: series.volume, extra: series.extra, length: series.length });
  }
  try {
    await writeFileAtomic(out, bytes);
  } catch (error) {
    throw new OutputError('BT_OUTPUT_WRITE', `cannot write "${out}": ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`, { hint: 'choose a writable path for --out', location: { flag: '--out' }, cause: error });
  }
  if (flags.json === true) io.stdout.write(`${JSON.stringify({ out, format, rows: series.length, sha256: provenance.sha256, prices: provenance.prices }, null, 2)}\n`);
  else io.stdout.write(`wrote ${series.length} bars of ${entry.source}:${entry.symbol} ${entry.timeframe} to ${out} (${format})\n`);
  return 0;
}
