/**
 * `bt run`: load bars, load the strategy, resolve parameters, run the engine, compute the
 * metrics, and print tables / JSON or write files.
 */
import { isDefaultCompat } from '../../config/compat.js';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { buildRunConfig, parseRunYaml, YAML_MAX_BYTES, type RunConfig, type RunFlags, type YamlConfig } from '../../config/run-config.js';
import type { BarSeries } from '../../data/bar-series.js';
import { loadBars, restrictDates, selectSymbol } from '../../data/index.js';
import { loadFeeds } from '../../data/load-feeds.js';
import type { MarketProvenance } from '../../data/load-market.js';
import { isDataSpec } from '../../data/sources/data-spec.js';
import { parseTimeframe, resampleBars } from '../../data/timeframe.js';
import { timeZone } from '../../data/time-zone.js';
import { isPortfolioResult, runPortfolio } from '../../engine/run-portfolio.js';
import { symbolContributions } from '../../metrics/portfolio-breakdown.js';
import { portfolioSection, renderSymbolTable, symbolsCsv, type FeedMeta } from '../../report/portfolio.js';
import { isPortfolioStrategy, type PortfolioStrategy } from '../../strategy/define-portfolio-strategy.js';
import { createHash } from 'node:crypto';
import { PROGRESS_INTERVAL_BARS, runBacktest, type RunOptions, type RunResult } from '../../engine/run-backtest.js';
import { ConfigError, EXIT_CODES, StrategyError, UsageError } from '../../errors.js';
import { computeMetrics, type Metrics } from '../../metrics/index.js';
import { equityCsvChunks, ordersCsv, tradesCsv } from '../../report/csv.js';
import { buildRunDocument, stringifyDocument, stringifyDocumentChunks, type Conventions, type RunMeta } from '../../report/json.js';
import { makeChalk, renderHeader, renderMetricsTable, renderTradesTable } from '../../report/table.js';
import { renderHtmlReport } from '../../report/html.js';
import { resultNotes } from '../../report/run-document.js';
import { renderTerminalExtras } from '../../report/terminal-extras.js';
import { checkOutputPaths, writeFilesAtomic, type NamedPath } from '../../report/write-atomic.js';
import { isStrategyFile, loadStrategy, sourceLineOf, type LoadedStrategy } from '../../strategy/loader.js';
import { btVersion, packageRoot } from '../../strategy/package-root.js';
import { resolveParams, type ParamSchema, type ParamValues } from '../../strategy/params.js';
import { useColour, type CliIo } from '../io.js';
import { startProgress } from '../progress.js';
import { evaluateChecks, runChecks } from './run-checks.js';
import { recordRun, resolveStorePath } from './run-store.js';

/** The bundled default data set, relative to the package root. */
export const BUNDLED_DATA = 'data/sp500-2000.csv';

/** Everything a finished run produced, for callers that render or store it. */
export interface CompletedRun {
  readonly config: RunConfig;
  readonly strategy: LoadedStrategy;
  readonly result: RunResult;
  readonly metrics: Metrics;
  readonly meta: RunMeta;
  readonly document: Record<string, unknown>;
}

/** Global flags that commands read. */
export interface GlobalFlags {
  readonly color?: boolean;
  readonly debug?: boolean;
}

/**
 * Reads a config file, at most one byte more than {@link YAML_MAX_BYTES} (so that `/dev/zero` or
 * a huge file is refused by size, not read without bound).
 */
function readConfigText(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(YAML_MAX_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads `--config` (if any) and merges it with the flags.
 * @throws ConfigError for an unreadable or invalid YAML file.
 */
export function resolveRunConfig(flags: RunFlags): RunConfig {
  let yaml: YamlConfig | undefined;
  let base = '.';
  if (flags.config !== undefined) {
    let text: string;
    try {
      text = readConfigText(flags.config);
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new ConfigError('BT_CONFIG_READ', `cannot read config file "${flags.config}": ${code === 'ENOENT' ? 'no such file' : String(code)}`, {
        hint: 'check the --config path',
        location: { flag: '--config' },
      });
    }
    yaml = parseRunYaml(text, flags.config);
    base = dirname(flags.config);
  }
  const resolveFromYaml = (path: string): string => {
    if (isAbsolute(path)) return path;
    const joined = join(base, path);
    return joined.startsWith('.') || isAbsolute(joined) ? joined : `./${joined}`;
  };
  return buildRunConfig(flags, yaml, resolveFromYaml);
}

/**
 * Loads the configured data: bundled default, file or stdin; symbol pick; `--tz`,
 * `--timeframe`; date range.
 * @throws UsageError `BT_DATA_SEVERAL_FEEDS` when several `--data` feeds are given (a
 *   single-asset run takes one; portfolios load theirs with {@link loadRunFeeds}).
 */
export async function loadRunBars(config: RunConfig, io: CliIo): Promise<{ bars: BarSeries; label: string; market?: MarketProvenance }> {
  if (config.feeds.length > 1) {
    throw new UsageError('BT_DATA_SEVERAL_FEEDS', `${config.feeds.length} data feeds given, but a single-asset strategy trades one series`, {
      hint: 'use a portfolio strategy (equal-weight, dual-momentum, inverse-volatility or your own definePortfolioStrategy), or give one --data',
      location: { flag: '--data' },
    });
  }
  if (config.data !== undefined && isDataSpec(config.data)) {
    const { series, provenance } = await loadMarketFeed(config.data, config, io);
    return { bars: config.symbol === undefined ? series : { ...series, symbol: config.symbol }, label: config.data, market: provenance };
  }
  const path = config.data ?? join(packageRoot(), BUNDLED_DATA);
  const label = config.data ?? BUNDLED_DATA;
  const all = await loadBars(path, { sort: config.sort, stdin: io.stdin, label, defaultSymbol: config.symbol, timeZone: config.timeZone });
  let bars = selectSymbol(all, config.symbol, label);
  if (config.timeframe !== undefined) bars = resampleBars(bars, parseTimeframe(config.timeframe), timeZone(config.timeZone ?? 'UTC')).bars;
  if (config.from !== undefined || config.to !== undefined) bars = restrictDates(bars, config.from, config.to);
  return { bars, label };
}

/**
 * Loads a `SOURCE:SYMBOL` feed through the cache (fetching what is missing unless `--offline` or
 * `BT_OFFLINE=1`) for `--timeframe` (default 1d) and `--from`..`--to`; Ctrl-C during a fetch keeps
 * the complete pages and exits 130.
 */
export async function loadMarketFeed(spec: string, config: RunConfig, io: CliIo): Promise<{ series: BarSeries; provenance: MarketProvenance }> {
  const { loadMarketSeries, DEFAULT_SOURCE_TIMEFRAME } = await import('../../data/load-market.js');
  const { cacheDir } = await import('../../data/cache/cache-dir.js');
  const { isOffline, withSigint } = await import('./data.js');
  const showProgress = io.stderrIsTTY && config.output.quiet !== true && io.env.CI === undefined;
  let shown = false;
  const loaded = await withSigint((signal) =>
    loadMarketSeries(spec, {
      dir: cacheDir(io.env),
      timeframe: config.timeframe ?? DEFAULT_SOURCE_TIMEFRAME,
      from: config.from,
      to: config.to,
      offline: isOffline(config.offline, io.env),
      adjust: config.adjust,
      env: io.env,
      now: Date.now(),
      signal,
      onProgress: showProgress
        ? (bars, newest) => {
            shown = true;
            io.stderr.write(`\rfetching ${spec}: ${bars} bars, up to ${new Date(newest).toISOString().slice(0, 16).replace('T', ' ')}   `);
          }
        : undefined,
    }),
  ).finally(() => {
    if (shown) io.stderr.write('\n');
  });
  return loaded;
}

/** The data of a portfolio run. */
export interface RunFeeds {
  /** One series per symbol, in feed order, after `--symbol`, `--timeframe` and the date range. */
  readonly series: readonly BarSeries[];
  /** Paths as given, comma-separated (or the bundled file). */
  readonly label: string;
  readonly feeds: readonly FeedMeta[];
  /** `--benchmark`: a symbol name, or a loaded benchmark series (a file). */
  readonly benchmark: string | BarSeries | undefined;
}

/**
 * Loads the data of a portfolio run: every `--data` feed (files, `NAME=FILE`, directories,
 * long-format files), `--symbol A,B` to keep some symbols, `--tz`, `--timeframe`, the date
 * range (a symbol without bars in it is left out), and `--benchmark` (a symbol of the run,
 * else a data file).
 * @throws UsageError `BT_PORTFOLIO_ONE_SYMBOL` when fewer than two symbols remain; DataError
 *   from loading.
 */
export async function loadRunFeeds(config: RunConfig, io: CliIo): Promise<RunFeeds> {
  const specs = config.feeds.length > 0 ? config.feeds : [{ path: join(packageRoot(), BUNDLED_DATA), symbol: undefined }];
  const zone = timeZone(config.timeZone ?? 'UTC');
  const fromSource = new Set<BarSeries>();
  let series: BarSeries[] = [];
  for (const spec of specs) {
    if (isDataSpec(spec.path)) {
      const { series: loaded } = await loadMarketFeed(spec.path, config, io);
      const named = spec.symbol === undefined ? loaded : { ...loaded, symbol: spec.symbol };
      fromSource.add(named);
      series.push(named);
    } else series.push(...(await loadFeeds([spec], { sort: config.sort, stdin: io.stdin, timeZone: config.timeZone })));
  }
  if (config.feeds.length === 0) series = series.map((s) => ({ ...s, source: { ...s.source, file: BUNDLED_DATA } }));
  if (config.symbol !== undefined) {
    const wanted = config.symbol.split(',').map((w) => w.trim()).filter((w) => w !== '');
    const from = series;
    series = wanted.map((symbol) => selectSymbol(from, symbol, config.feeds.map((f) => f.path).join(', ')));
  }
  if (config.timeframe !== undefined) {
    const timeframe = parseTimeframe(config.timeframe);
    series = series.map((s) => (fromSource.has(s) ? s : resampleBars(s, timeframe, zone).bars));
  }
  if (config.from !== undefined || config.to !== undefined) {
    // A symbol without bars in the window (listed after it, delisted before it) takes no part.
    const from = config.from ?? -Infinity;
    const to = config.to ?? Infinity;
    const inWindow = series.filter((s) => s.time.some((t) => t >= from && t <= to));
    series = (inWindow.length > 0 ? inWindow : series).map((s) => restrictDates(s, config.from, config.to));
  }
  if (series.length < 2) {
    throw new UsageError('BT_PORTFOLIO_ONE_SYMBOL', `a portfolio strategy needs at least two symbols, the data has ${series.length === 1 ? `only "${series[0].symbol}"` : 'none'}`, {
      hint: 'give several feeds (--data AAPL=aapl.csv --data MSFT=msft.csv), a directory, or a long-format file with a symbol column; or run a single-asset strategy',
      location: { flag: '--data' },
    });
  }
  const given = config.benchmark;
  let benchmark: string | BarSeries | undefined = given;
  if (given !== undefined && !series.some((s) => s.symbol.toLowerCase() === given.toLowerCase()) && /[\\/.]/.test(given)) {
    let bench = selectSymbol(await loadBars(given, { sort: config.sort, timeZone: config.timeZone }), undefined, given);
    if (config.timeframe !== undefined) bench = resampleBars(bench, parseTimeframe(config.timeframe), zone).bars;
    benchmark = { ...bench, source: { ...bench.source, file: portablePath(given) } };
  }
  const feeds = series.map((s): FeedMeta => ({ symbol: s.symbol, file: portablePath(s.source.file), sha256: s.source.sha256, dialect: s.source.dialect }));
  const label = config.feeds.length === 0 ? BUNDLED_DATA : config.feeds.map((f) => portablePath(f.path)).join(', ');
  return { series, label, feeds, benchmark };
}

/**
 * Runs a configured portfolio backtest end to end (no output); `executeRun` calls it when the
 * strategy is a portfolio strategy.
 * @throws UsageError, DataError, StrategyError from the steps.
 */
export async function executePortfolioRun(
  config: RunConfig,
  io: CliIo,
  loaded: LoadedStrategy,
  params: ParamValues<ParamSchema>,
): Promise<CompletedRun> {
  const strategy = loaded.strategy as unknown as PortfolioStrategy;
  const data = await loadRunFeeds(config, io);
  const result = runPortfolio(data.series, strategy, params, { ...runOptionsFor(config), benchmark: data.benchmark });
  const metrics = computeMetrics({
    time: result.bars.time,
    close: result.bars.close,
    equity: result.equity,
    trades: result.trades,
    firstDecisionBar: result.firstDecisionBar,
    ...(config.compat.sqn === 'sample' ? {} : { sqn: config.compat.sqn }),
  });
  const digest = createHash('sha256');
  for (const feed of data.feeds) digest.update(`${feed.symbol}:${feed.sha256}\n`);
  const dialects = [...new Set(data.feeds.map((f) => f.dialect))];
  const meta: RunMeta = {
    btVersion: btVersion(),
    strategy: strategyMeta(loaded),
    data: { file: data.label, sha256: digest.digest('hex'), dialect: dialects.length === 1 ? dialects[0] : 'several (see portfolio.feeds)' },
    conventions: conventionsOf(config),
  };
  const contributions = symbolContributions(result);
  const document = {
    ...buildRunDocument(result, metrics, meta),
    portfolio: portfolioSection(result, contributions, {
      feeds: data.feeds,
      timeframe: config.timeframe ?? null,
      timeZone: config.timeZone ?? 'UTC',
      benchmarkSource: typeof data.benchmark === 'object' ? data.benchmark.source.file : (config.benchmark ?? null),
    }),
  };
  return { config, strategy: loaded, result, metrics, meta, document };
}

/** An `async init`/`next` error, located at the line of the user's file that declares it. */
function withSourceLine(error: unknown, file: string): unknown {
  if (!(error instanceof StrategyError) || error.code !== 'BT_STRATEGY_ASYNC') return error;
  const phase = error.message.includes(': init returned') ? 'init' : 'next';
  const line = sourceLineOf(file, new RegExp(`async\\s+${phase}\\b|\\b${phase}\\s*[:=]\\s*async\\b`));
  return new StrategyError(error.code, error.message, { hint: error.hint, location: { file, ...(line === undefined ? {} : { line }) }, cause: error });
}

/** The strategy part of a result's metadata: name, source as given (never absolute), kind, SHA-256. */
export function strategyMeta(loaded: LoadedStrategy): RunMeta['strategy'] {
  return {
    name: loaded.strategy.name,
    source: loaded.kind === 'file' ? portablePath(loaded.source) : loaded.source,
    kind: loaded.kind,
    sha256: loaded.sha256,
  };
}

/** The conventions in force, as echoed in every result. */
export function conventionsOf(config: RunConfig): Conventions {
  return {
    initialCash: config.cash,
    commissionRate: config.commissionRate,
    commissionFixed: config.commissionFixed,
    slippageRate: config.slippageRate,
    fill: config.fillAt,
    sizing: config.sizing,
    fractional: config.fractional,
    closeAtEnd: config.closeAtEnd,
    stopLoss: config.stopLoss,
    takeProfit: config.takeProfit,
    trailingStop: config.trailingStop,
    from: config.from,
    to: config.to,
    ...compatConvention(config),
  };
}

/** The `compat` convention entry: present only when a switch differs from bt's own conventions or a preset was named. */
export function compatConvention(config: RunConfig): { compat?: { preset: string | null; closeAtEndPrice: string; firstDecision: string; sqn: string; brackets: string } } {
  if (config.compatPreset === null && isDefaultCompat(config.compat)) return {};
  return { compat: { preset: config.compatPreset, ...config.compat } };
}

/**
 * Runs a configured backtest end to end (no output).
 * @throws UsageError, DataError, StrategyError from the steps.
 */
export async function executeRun(config: RunConfig, io: CliIo): Promise<CompletedRun> {
  const { loaded, params } = await loadRunStrategy(config);
  if (isPortfolioStrategy(loaded.strategy)) return executePortfolioRun(config, io, loaded, params);
  const strategy = loaded.strategy;
  const { bars, label, market } = await loadRunBars(config, io);
  // Progress goes to stderr on a TTY only, and only runs long enough to report any load it.
  const progress = bars.length > PROGRESS_INTERVAL_BARS ? await startProgress(io, { unit: 'bars', quiet: config.output.quiet }) : undefined;
  let result: RunResult;
  try {
    result = runBacktest(bars, strategy, params, { ...runOptionsFor(config), onProgress: progress?.update });
  } catch (error) {
    throw loaded.kind === 'file' ? withSourceLine(error, loaded.source) : error;
  } finally {
    progress?.stop();
  }
  const metrics = computeMetrics({
    time: bars.time,
    close: bars.close,
    equity: result.equity,
    trades: result.trades,
    firstDecisionBar: result.firstDecisionBar,
    ...(config.compat.sqn === 'sample' ? {} : { sqn: config.compat.sqn }),
  });
  const meta: RunMeta = {
    btVersion: btVersion(),
    strategy: strategyMeta(loaded),
    data: { file: portablePath(label), sha256: bars.source.sha256, dialect: bars.source.dialect, ...(market === undefined ? {} : { market }) },
    conventions: conventionsOf(config),
  };
  return { config, strategy: loaded, result, metrics, meta, document: buildRunDocument(result, metrics, meta) };
}

/**
 * Loads the configured strategy and resolves its parameters (defaults < YAML < --strat).
 * @throws UsageError `BT_STRATEGY_MISSING`, `BT_PARAM_*`; loader errors (exit 2 or 4).
 */
export async function loadRunStrategy(config: RunConfig): Promise<{ loaded: LoadedStrategy; params: ParamValues<ParamSchema> }> {
  if (config.strategy === undefined) {
    throw new UsageError('BT_STRATEGY_MISSING', 'no strategy given', {
      hint: 'add --strategy sma-cross (see "bt strategies") or "strategy:" in the --config file',
      location: { flag: '--strategy' },
    });
  }
  const loaded = await loadStrategy(config.strategy);
  const strategy = loaded.strategy;
  const params = resolveParams(strategy.params, ...config.params);
  const problem = strategy.validate?.(params);
  if (problem !== undefined) {
    throw new UsageError('BT_PARAM_INVALID', `strategy "${strategy.name}": ${problem}`, {
      hint: `set parameters with --strat, e.g. --strat ${Object.keys(strategy.params).slice(0, 2).map((k) => `${k}=…`).join(',')}`,
      location: { flag: '--strat' },
    });
  }
  return { loaded, params };
}

/** The engine settings a run config implies (broker, default sizing, end of data). */
export function runOptionsFor(config: RunConfig): RunOptions {
  return {
    broker: {
      initialCash: config.cash,
      commission: { rate: config.commissionRate, fixed: config.commissionFixed },
      slippageRate: config.slippageRate,
      fractional: config.fractional,
      fillAt: config.fillAt,
      defaultStopLoss: config.stopLoss,
      defaultTakeProfit: config.takeProfit,
      defaultTrailingStop: config.trailingStop,
      ...(config.compat.brackets === 'next-bar' ? {} : { bracketActivation: config.compat.brackets }),
    },
    defaultSizing: config.sizing,
    closeAtEnd: config.closeAtEnd,
    ...(config.compat.closeAtEndPrice === 'close' ? {} : { closeAtEndPrice: config.compat.closeAtEndPrice }),
    ...(config.compat.firstDecision === 'after-warmup' ? {} : { firstDecision: config.compat.firstDecision }),
    ...(config.compat.sqn === 'sample' ? {} : { sqn: config.compat.sqn }),
    ...(config.timeZone === undefined ? {} : { timeZone: config.timeZone }),
  };
}

/** A path as recorded in results: relative to the working directory when below it, never absolute. */
export function portablePath(path: string): string {
  if (path === '-') return '-';
  if (!isAbsolute(path)) return path.replace(/\\/g, '/');
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || isAbsolute(rel) ? path.replace(/^.*[\\/]/, '') : rel.replace(/\\/g, '/');
}

/**
 * The files a command given `config` (and the extra `flags`) reads: data feeds, benchmark,
 * config file, strategy file, `--baseline`.
 */
export function runInputPaths(config: RunConfig, flags: { readonly config?: string; readonly baseline?: string }): NamedPath[] {
  const inputs: NamedPath[] = config.feeds.map((feed) => ({ path: feed.path, flag: '--data' }));
  if (config.data !== undefined) inputs.push({ path: config.data, flag: '--data' });
  if (config.benchmark !== undefined && /[\\/.]/.test(config.benchmark)) inputs.push({ path: config.benchmark, flag: '--benchmark' });
  if (flags.config !== undefined) inputs.push({ path: flags.config, flag: '--config' });
  if (config.strategy !== undefined && isStrategyFile(config.strategy)) inputs.push({ path: config.strategy, flag: '--strategy' });
  if (flags.baseline !== undefined) inputs.push({ path: flags.baseline, flag: '--baseline' });
  return inputs;
}

/**
 * The files `bt run` would write: `--out DIR`'s files (each checked on its own), `--report`,
 * `--save-baseline`.
 */
export function runOutputPaths(config: RunConfig, flags: { readonly saveBaseline?: string }): NamedPath[] {
  const outputs: NamedPath[] = [];
  const out = config.output.out;
  if (out !== undefined) for (const name of ['summary.json', 'trades.csv', 'equity.csv', 'orders.csv', 'symbols.csv']) outputs.push({ path: join(out, name), flag: '--out' });
  if (config.output.report !== undefined) outputs.push({ path: config.output.report, flag: '--report' });
  if (flags.saveBaseline !== undefined) outputs.push({ path: flags.saveBaseline, flag: '--save-baseline' });
  return outputs;
}

/**
 * Renders a completed run to stdout (tables or JSON) and writes `--out` files. `documentText`
 * is `stringifyDocument(run.document)` when the caller has it (for the run store); without it
 * the JSON is written in pieces.
 */
export function emitRun(run: CompletedRun, io: CliIo, globals: GlobalFlags, documentText?: string): void {
  const { config, result, metrics, meta, document } = run;
  const json = (): Iterable<string> => (documentText === undefined ? stringifyDocumentChunks(document) : [documentText]);
  if (config.output.out !== undefined) {
    const dir = config.output.out;
    // Streamed: a run of millions of bars is written without one string per file.
    writeFilesAtomic([
      { path: join(dir, 'summary.json'), content: json() },
      { path: join(dir, 'trades.csv'), content: tradesCsv(result) },
      { path: join(dir, 'equity.csv'), content: equityCsvChunks(result) },
      { path: join(dir, 'orders.csv'), content: ordersCsv(result) },
      ...(isPortfolioResult(result) ? [{ path: join(dir, 'symbols.csv'), content: symbolsCsv(result, symbolContributions(result)) }] : []),
    ]);
  }
  if (config.output.report !== undefined) {
    writeFilesAtomic([{ path: config.output.report, content: renderHtmlReport({ run: result, metrics, meta, document }) }], '--report');
  }
  if (config.output.json) {
    for (const chunk of json()) io.stdout.write(chunk);
    return;
  }
  const chalk = makeChalk(useColour(io, globals.color));
  const parts: string[] = [];
  if (!config.output.quiet) parts.push(renderHeader(result, meta, chalk));
  parts.push(renderMetricsTable(metrics, chalk, result.bars.intraday));
  if (isPortfolioResult(result)) parts.push(renderSymbolTable(result, symbolContributions(result), chalk));
  parts.push(...renderTerminalExtras(result, metrics, chalk, { enabled: !config.output.quiet && io.stdoutIsTTY, columns: io.columns }));
  if (config.output.trades) parts.push(renderTradesTable(result, chalk));
  if (!config.output.quiet) {
    const notes: string[] = [];
    notes.push(...resultNotes(result.openTrades.length, result.rejectedOrders));
    if (config.output.out !== undefined) notes.push(`wrote summary.json, trades.csv, equity.csv, orders.csv${isPortfolioResult(result) ? ', symbols.csv' : ''} to ${config.output.out}`);
    if (config.output.report !== undefined) notes.push(`wrote the HTML report to ${config.output.report}`);
    for (const note of notes) parts.push(chalk.dim(`note: ${note}`));
  }
  io.stdout.write(`${parts.join('\n')}\n`);
}

/** The `bt run` action: returns the exit code (0, or 1 with `--strict` and rejected orders). */
export async function runCommand(flags: RunFlags & Record<string, unknown>, globals: GlobalFlags, io: CliIo): Promise<number> {
  const config = resolveRunConfig(flags);
  checkOutputPaths(runOutputPaths(config, flags as { saveBaseline?: string }), runInputPaths(config, flags as { config?: string; baseline?: string }));
  const run = await executeRun(config, io);
  const checks = await evaluateChecks(run, flags);
  // The store keeps the document's text: write that one string, rather than a second copy in pieces.
  const documentText = resolveStorePath(flags.store, io.env) === undefined ? undefined : stringifyDocument(run.document);
  emitRun(run, io, globals, documentText);
  let exitCode: number = await runChecks(run, flags, globals, io, checks);
  if (config.output.strict && run.result.rejectedOrders.length > 0) {
    io.stderr.write(`error[BT_REJECTED_ORDERS]: ${run.result.rejectedOrders.length} order(s) were rejected (--strict)\nhint: see orders.csv (--out) or rejectedOrders in --json\n`);
    exitCode = EXIT_CODES.checkFailed;
  }
  // Last, once everything is printed and written: a store failure (exit 5) loses no output.
  await recordRun(run, flags, io, documentText);
  return exitCode;
}
