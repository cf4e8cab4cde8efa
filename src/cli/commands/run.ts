/**
 * `bt run`: load bars, load the strategy, resolve parameters, run the engine, compute the
 * metrics, and print tables / JSON or write files.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { buildRunConfig, parseRunYaml, type RunConfig, type RunFlags, type YamlConfig } from '../../config/run-config.js';
import type { BarSeries } from '../../data/bar-series.js';
import { loadBars, restrictDates, selectSymbol } from '../../data/index.js';
import { runBacktest, type RunResult } from '../../engine/run-backtest.js';
import { ConfigError, EXIT_CODES, UsageError } from '../../errors.js';
import { computeMetrics, type Metrics } from '../../metrics/index.js';
import { equityCsv, ordersCsv, tradesCsv } from '../../report/csv.js';
import { buildRunDocument, stringifyDocument, type RunMeta } from '../../report/json.js';
import { makeChalk, renderHeader, renderMetricsTable, renderTradesTable } from '../../report/table.js';
import { renderHtmlReport } from '../../report/html.js';
import { renderTerminalExtras } from '../../report/terminal-extras.js';
import { writeFilesAtomic } from '../../report/write-atomic.js';
import { loadStrategy, type LoadedStrategy } from '../../strategy/loader.js';
import { btVersion, packageRoot } from '../../strategy/package-root.js';
import { resolveParams } from '../../strategy/params.js';
import { useColour, type CliIo } from '../io.js';
import { runChecks } from './run-checks.js';
import { recordRun } from './run-store.js';

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
 * Reads `--config` (if any) and merges it with the flags.
 * @throws ConfigError for an unreadable or invalid YAML file.
 */
export function resolveRunConfig(flags: RunFlags): RunConfig {
  let yaml: YamlConfig | undefined;
  let base = '.';
  if (flags.config !== undefined) {
    let text: string;
    try {
      text = readFileSync(flags.config, 'utf8');
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

/** Loads the configured data: bundled default, file or stdin; symbol pick; date range. */
export async function loadRunBars(config: RunConfig, io: CliIo): Promise<{ bars: BarSeries; label: string }> {
  const path = config.data ?? join(packageRoot(), BUNDLED_DATA);
  const label = config.data ?? BUNDLED_DATA;
  const all = await loadBars(path, { sort: config.sort, stdin: io.stdin, label, defaultSymbol: config.symbol });
  let bars = selectSymbol(all, config.symbol, label);
  if (config.from !== undefined || config.to !== undefined) bars = restrictDates(bars, config.from, config.to);
  return { bars, label };
}

/**
 * Runs a configured backtest end to end (no output).
 * @throws UsageError, DataError, StrategyError from the steps.
 */
export async function executeRun(config: RunConfig, io: CliIo): Promise<CompletedRun> {
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
  const { bars, label } = await loadRunBars(config, io);
  const result = runBacktest(bars, strategy, params, {
    broker: {
      initialCash: config.cash,
      commission: { rate: config.commissionRate, fixed: config.commissionFixed },
      slippageRate: config.slippageRate,
      fractional: config.fractional,
      fillAt: config.fillAt,
      defaultStopLoss: config.stopLoss,
      defaultTakeProfit: config.takeProfit,
      defaultTrailingStop: config.trailingStop,
    },
    defaultSizing: config.sizing,
    closeAtEnd: config.closeAtEnd,
  });
  const metrics = computeMetrics({
    time: bars.time,
    close: bars.close,
    equity: result.equity,
    trades: result.trades,
    firstDecisionBar: result.firstDecisionBar,
  });
  const meta: RunMeta = {
    btVersion: btVersion(),
    strategy: {
      name: strategy.name,
      source: loaded.kind === 'file' ? portablePath(loaded.source) : loaded.source,
      kind: loaded.kind,
      sha256: loaded.sha256,
    },
    data: { file: portablePath(label), sha256: bars.source.sha256, dialect: bars.source.dialect },
    conventions: {
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
    },
  };
  return { config, strategy: loaded, result, metrics, meta, document: buildRunDocument(result, metrics, meta) };
}

/** A path as recorded in results: relative to the working directory when below it, never absolute. */
export function portablePath(path: string): string {
  if (path === '-') return '-';
  if (!isAbsolute(path)) return path.replace(/\\/g, '/');
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || isAbsolute(rel) ? path.replace(/^.*[\\/]/, '') : rel.replace(/\\/g, '/');
}

/** Renders a completed run to stdout (tables or JSON) and writes `--out` files. */
export function emitRun(run: CompletedRun, io: CliIo, globals: GlobalFlags): void {
  const { config, result, metrics, meta, document } = run;
  const json = stringifyDocument(document);
  if (config.output.out !== undefined) {
    const dir = config.output.out;
    writeFilesAtomic([
      { path: join(dir, 'summary.json'), content: json },
      { path: join(dir, 'trades.csv'), content: tradesCsv(result) },
      { path: join(dir, 'equity.csv'), content: equityCsv(result) },
      { path: join(dir, 'orders.csv'), content: ordersCsv(result) },
    ]);
  }
  if (config.output.report !== undefined) {
    writeFilesAtomic([{ path: config.output.report, content: renderHtmlReport({ run: result, metrics, meta, document }) }], '--report');
  }
  if (config.output.json) {
    io.stdout.write(json);
    return;
  }
  const chalk = makeChalk(useColour(io, globals.color));
  const parts: string[] = [];
  if (!config.output.quiet) parts.push(renderHeader(result, meta, chalk));
  parts.push(renderMetricsTable(metrics, chalk, result.bars.intraday));
  parts.push(...renderTerminalExtras(result, metrics, chalk, { enabled: !config.output.quiet && io.stdoutIsTTY, columns: io.columns }));
  if (config.output.trades) parts.push(renderTradesTable(result, chalk));
  if (!config.output.quiet) {
    const notes: string[] = [];
    if (result.openTrades.length > 0) notes.push(`${result.openTrades.length} trade(s) still open at the end, marked at the last close (use --close-at-end to close them)`);
    if (result.rejectedOrders.length > 0) {
      const first = result.rejectedOrders[0];
      notes.push(`${result.rejectedOrders.length} order(s) rejected; first at bar ${first.bar}: ${first.reason}`);
    }
    if (config.output.out !== undefined) notes.push(`wrote summary.json, trades.csv, equity.csv, orders.csv to ${config.output.out}`);
    if (config.output.report !== undefined) notes.push(`wrote the HTML report to ${config.output.report}`);
    for (const note of notes) parts.push(chalk.dim(`note: ${note}`));
  }
  io.stdout.write(`${parts.join('\n')}\n`);
}

/** The `bt run` action: returns the exit code (0, or 1 with `--strict` and rejected orders). */
export async function runCommand(flags: RunFlags & Record<string, unknown>, globals: GlobalFlags, io: CliIo): Promise<number> {
  const config = resolveRunConfig(flags);
  const run = await executeRun(config, io);
  emitRun(run, io, globals);
  await recordRun(run, flags, io);
  let exitCode: number = await runChecks(run, flags, globals, io);
  if (config.output.strict && run.result.rejectedOrders.length > 0) {
    io.stderr.write(`error[BT_REJECTED_ORDERS]: ${run.result.rejectedOrders.length} order(s) were rejected (--strict)\nhint: see orders.csv (--out) or rejectedOrders in --json\n`);
    exitCode = EXIT_CODES.checkFailed;
  }
  return exitCode;
}
