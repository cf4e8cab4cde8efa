/**
 * `bt optimize`: search strategy parameters (grid, random or genetic) over the same data and
 * broker settings as `bt run`, in parallel on a piscina worker pool, and print the top runs
 * and a heatmap, or JSON, or files; `--shard K/N` runs one slice and writes JSON Lines for
 * `bt merge`. Ctrl-C stops the workers, writes what finished marked `"incomplete": true`, and
 * exits 130.
 *
 * The helpers exported here (search flags, search preparation, the evaluator, progress and
 * Ctrl-C) are shared with `bt walkforward` and `bt merge`.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunConfig, RunFlags } from '../../config/run-config.js';
import { parsePositive, parseRate, type ValueOrigin } from '../../config/values.js';
import type { BarSeries } from '../../data/bar-series.js';
import { runBacktest, type RunResult } from '../../engine/run-backtest.js';
import { InterruptedError, UsageError } from '../../errors.js';
import { computeMetrics, type Metrics } from '../../metrics/index.js';
import { parseConstraint, type Constraint } from '../../optimize/constraint.js';
import type { TrialRunOptions } from '../../optimize/evaluate.js';
import { blockCounts, type ReturnBlocksSpec } from '../../optimize/evaluate.js';
import { InProcessEvaluator, type TrialEvaluator } from '../../optimize/evaluator.js';
import { overfittingReport } from '../../optimize/overfitting.js';
import { MAX_PBO_SPLITS } from '../../optimize/pbo.js';
import { defaultElite } from '../../optimize/genetic.js';
import { buildHeatmap, coarsenHeatmap, heatmapAxes, type Heatmap } from '../../optimize/heatmap.js';
import { DEFAULT_OBJECTIVE_KEY, parseMetricKey, type Objective } from '../../optimize/objective.js';
import { TrialPool } from '../../optimize/pool.js';
import { MAX_SEED } from '../../optimize/prng.js';
import { buildOptimizeDocument, type DecisionStart, type OptimizeDocument, type OptimizeHeader } from '../../optimize/result.js';
import { isSequentialMethod, methodSeed, plannedTrials, probeSearchWarmup, runSearch, shardSequentialError, type MethodSettings, type SearchOutcome, type Shard } from '../../optimize/search.js';
import { buildSearchSpace, paramsAt, type ParamValue, type SearchSpace } from '../../optimize/search-space.js';
import { parseShard, shardJsonLines } from '../../optimize/shard.js';
import { validCombinations, type ValidCombinations } from '../../optimize/valid-combinations.js';
import type { SearchWarmup } from '../../optimize/warmup.js';
import { renderHtmlReport } from '../../report/html.js';
import { buildRunDocument, stringifyDocument, type RunMeta } from '../../report/json.js';
import { renderHeatmap, renderOptimizeHeader, renderOverfitting, renderTopTable, trialsCsv } from '../../report/optimize-table.js';
import { makeChalk } from '../../report/table.js';
import { checkOutputPaths, writeFilesAtomic } from '../../report/write-atomic.js';
import { isPortfolioStrategy } from '../../strategy/define-portfolio-strategy.js';
import { loadStrategy, type LoadedStrategy } from '../../strategy/loader.js';
import { btVersion } from '../../strategy/package-root.js';
import { parseStratArgs, resolveParams, type ParamValues } from '../../strategy/params.js';
import { useColour, type CliIo } from '../io.js';
import { startProgress } from '../progress.js';
import { STOP_SIGNALS } from '../process-guards.js';
import { compatConvention, conventionsOf, loadRunBars, portablePath, strategyMeta, resolveRunConfig, runInputPaths, runOptionsFor, type GlobalFlags } from './run.js';

/** Flags of the search itself, shared by `optimize` and `walkforward`. */
export interface SearchFlags {
  param?: string[];
  constraint?: string[];
  maximize?: string;
  minimize?: string;
  method?: string;
  trials?: string;
  population?: string;
  generations?: string;
  seed?: string;
  startupTrials?: string;
  batch?: string;
  crossoverRate?: string;
  mutationRate?: string;
  elite?: string;
  minTrades?: string;
  workers?: string;
  /** `bt optimize --common-start`. */
  commonStart?: boolean;
}

/** Flags of `bt optimize`. */
export interface OptimizeFlags extends RunFlags, SearchFlags {
  pbo?: boolean;
  pboSplits?: string;
  top?: string;
  heatmap?: string;
  shard?: string;
}

/** The parsed search settings. */
export interface SearchSettings {
  readonly objective: Objective;
  readonly method: MethodSettings;
  /** Worker threads requested with `--workers` (1 = in-process); undefined = automatic. */
  readonly workers: number | undefined;
  /** Where runs start deciding: each at its own first decision bar (default) or all at the common one (`--common-start`). */
  readonly start: DecisionStart;
}

/**
 * Below this many bar-steps (runs × bars) a search runs in-process unless `--workers` says
 * otherwise. Measured with `npm run bench` on a 2-core machine: each worker thread pays its own
 * start-up and JIT warm-up (about 0.2 s of CPU), so 1,000 sma-cross runs over 5,105 bars
 * (5.1 million bar-steps) finish sooner in-process, and 2,000 such runs (10 million) sooner on
 * two workers.
 */
export const SMALL_SEARCH_BAR_STEPS = 8_000_000;

function origin(flag: string): ValueOrigin {
  return { label: flag, flag };
}

function wholeNumber(raw: string | undefined, flag: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === undefined) return fallback;
  const value = parsePositive(raw, origin(flag), { integer: true, allowZero: true });
  if (value < min || value > max) {
    throw new UsageError('BT_BAD_VALUE', `${flag}: expected a whole number from ${min} to ${max.toLocaleString('en-US')}, got "${raw}"`, { location: { flag } });
  }
  return value;
}

/** Random trials before TPE uses its model (`--startup-trials`; Optuna's default). */
export const DEFAULT_STARTUP_TRIALS = 10;
/** TPE trials suggested at once (`--batch`): runs in parallel, the same for any --workers. */
export const DEFAULT_TPE_BATCH = 4;

/**
 * Parses the objective, method and worker flags.
 * @throws UsageError `BT_FLAG_CONFLICT` (--maximize with --minimize; a method's flag with
 *   another method), `BT_METRIC_UNKNOWN`, `BT_BAD_VALUE`.
 */
export function parseSearchSettings(flags: SearchFlags): SearchSettings {
  if (flags.maximize !== undefined && flags.minimize !== undefined) {
    throw new UsageError('BT_FLAG_CONFLICT', '--maximize and --minimize cannot be used together', {
      hint: 'give one objective, e.g. --maximize sharpe or --minimize maxDrawdown',
      location: { flag: '--minimize' },
    });
  }
  const objective: Objective = {
    key: flags.minimize !== undefined ? parseMetricKey(flags.minimize, '--minimize') : flags.maximize !== undefined ? parseMetricKey(flags.maximize, '--maximize') : DEFAULT_OBJECTIVE_KEY,
    direction: flags.minimize !== undefined ? 'minimize' : 'maximize',
    minTrades: flags.minTrades === undefined ? null : wholeNumber(flags.minTrades, '--min-trades', 0, 0),
  };
  const name = flags.method ?? 'grid';
  const seed = wholeNumber(flags.seed, '--seed', 1, 0, MAX_SEED);
  const misplaced = (flag: string, value: string | undefined, methods: string): void => {
    if (value !== undefined && !methods.split('|').includes(name)) {
      throw new UsageError('BT_FLAG_CONFLICT', `${flag} applies to --method ${methods}, not to --method ${name}`, {
        hint: `drop ${flag}, or use --method ${methods.split('|')[0]}`,
        location: { flag },
      });
    }
  };
  misplaced('--trials', flags.trials, 'random|tpe');
  misplaced('--startup-trials', flags.startupTrials, 'tpe');
  misplaced('--batch', flags.batch, 'tpe');
  misplaced('--population', flags.population, 'genetic');
  misplaced('--generations', flags.generations, 'genetic');
  misplaced('--crossover-rate', flags.crossoverRate, 'genetic');
  misplaced('--mutation-rate', flags.mutationRate, 'genetic');
  misplaced('--elite', flags.elite, 'genetic');
  misplaced('--seed', flags.seed, 'random|genetic|tpe');
  let method: MethodSettings;
  if (name === 'grid') method = { method: 'grid' };
  else if (name === 'random') method = { method: 'random', trials: wholeNumber(flags.trials, '--trials', 100, 1), seed };
  else if (name === 'genetic') {
    const population = wholeNumber(flags.population, '--population', 20, 2, 100_000);
    method = {
      method: 'genetic',
      population,
      generations: wholeNumber(flags.generations, '--generations', 10, 1, 100_000),
      seed,
      ...(flags.crossoverRate === undefined ? {} : { crossoverRate: parseRate(flags.crossoverRate, origin('--crossover-rate'), 1) }),
      ...(flags.mutationRate === undefined ? {} : { mutationRate: parseRate(flags.mutationRate, origin('--mutation-rate'), 1) }),
      ...(flags.elite === undefined ? {} : { elite: wholeNumber(flags.elite, '--elite', 1, 0, population - 1) }),
    };
  } else if (name === 'tpe') {
    method = {
      method: 'tpe',
      trials: wholeNumber(flags.trials, '--trials', 100, 1),
      startupTrials: wholeNumber(flags.startupTrials, '--startup-trials', DEFAULT_STARTUP_TRIALS, 1),
      batch: wholeNumber(flags.batch, '--batch', DEFAULT_TPE_BATCH, 1, 1024),
      seed,
    };
  } else {
    throw new UsageError('BT_BAD_VALUE', `--method: expected grid, random, genetic or tpe, got "${name}"`, { location: { flag: '--method' } });
  }
  const workers = flags.workers === undefined ? undefined : wholeNumber(flags.workers, '--workers', 1, 1, 1024);
  return { objective, method, workers, start: flags.commonStart === true ? 'common' : 'per-trial' };
}

/** The engine settings of every trial, from the run config (exactly as `bt run` sets them). */
export function trialRunOptions(config: RunConfig): TrialRunOptions {
  return runOptionsFor(config);
}

/** A search ready to run, before the data is loaded. */
export interface PreparedSearch {
  readonly config: RunConfig;
  readonly loaded: LoadedStrategy;
  readonly space: SearchSpace;
  readonly constraints: readonly Constraint[];
  readonly valid: ValidCombinations;
  readonly settings: SearchSettings;
  /** Trials the method plans (before sharding). */
  readonly plannedTrials: number;
}

/**
 * Loads the strategy and builds the search space, constraints and valid combinations.
 * @throws UsageError for a missing strategy, bad `--param`/`--constraint`, a parameter both
 *   fixed with `--strat` and searched, or an empty search space.
 */
export async function prepareSearch(config: RunConfig, flags: RunFlags & SearchFlags, settings: SearchSettings): Promise<PreparedSearch> {
  if (config.strategy === undefined) {
    throw new UsageError('BT_STRATEGY_MISSING', 'no strategy given', {
      hint: 'add --strategy sma-cross (see "bt strategies") or "strategy:" in the --config file',
      location: { flag: '--strategy' },
    });
  }
  const loaded = await loadStrategy(config.strategy);
  if (isPortfolioStrategy(loaded.strategy)) {
    throw new UsageError('BT_PORTFOLIO_UNSUPPORTED', `"${loaded.strategy.name}" is a portfolio strategy; optimize and walkforward search single-asset strategies`, {
      hint: 'run the portfolio strategy with bt run, or optimize a single-asset strategy',
      location: { flag: '--strategy' },
    });
  }
  const schema = loaded.strategy.params;
  const fixed = resolveParams(schema, ...config.params) as Record<string, ParamValue>;
  const space = buildSearchSpace(flags.param ?? [], schema, fixed);
  const stratNames = Object.keys(parseStratArgs(flags.strat ?? []));
  const both = space.axes.find((axis) => stratNames.includes(axis.name));
  if (both !== undefined) {
    throw new UsageError('BT_FLAG_CONFLICT', `parameter "${both.name}" is both fixed (--strat) and searched (--param)`, {
      hint: `drop ${both.name} from --strat, or search one value: --param ${both.name}=VALUE`,
      location: { flag: '--strat', param: both.name },
    });
  }
  const constraints = (flags.constraint ?? []).map((text) => parseConstraint(text, schema));
  const validate = loaded.strategy.validate as ((params: Readonly<Record<string, unknown>>) => string | undefined) | undefined;
  const valid = validCombinations(space, constraints, validate);
  return { config, loaded, space, constraints, valid, settings, plannedTrials: plannedTrials(settings.method, valid.indices.length) };
}

/**
 * Worker threads for `runs` runs over `bars` bars: `requested` (`--workers`), or by default
 * `cores`, or 1 (in-process) for a search under {@link SMALL_SEARCH_BAR_STEPS}; never more
 * threads than runs, never fewer than 1.
 */
export function workerThreads(requested: number | undefined, runs: number, bars: number, cores: number): number {
  const wanted = requested ?? (runs * bars < SMALL_SEARCH_BAR_STEPS ? 1 : cores);
  return Math.max(1, Math.min(wanted, runs));
}

/**
 * Starts the worker pool for `runs` runs over `bars` bars: `--workers N` threads, or by default
 * one per core (`os.availableParallelism()`), or none (undefined: run in-process) for 1 worker
 * and for small searches ({@link SMALL_SEARCH_BAR_STEPS}). Never more threads than runs.
 */
export async function startPool(search: PreparedSearch, runs: number, bars: number): Promise<TrialPool | undefined> {
  const threads = workerThreads(search.settings.workers, runs, bars, availableParallelism());
  if (threads <= 1) return undefined;
  const source = search.loaded.kind === 'file' ? resolve(search.loaded.source) : search.loaded.source;
  return TrialPool.start(threads, { strategy: source, options: trialRunOptions(search.config) });
}

/** The evaluator for `bars`: the started pool (given the bars), or in-process. */
export function evaluatorFor(pool: TrialPool | undefined, bars: BarSeries, search: PreparedSearch): TrialEvaluator {
  if (pool === undefined) return new InProcessEvaluator(bars, search.loaded.strategy, trialRunOptions(search.config));
  pool.setBars(bars);
  return pool;
}

/** The combinations of the space in search order, as full parameter values (lazily). */
export function* validParams(search: PreparedSearch): Generator<Record<string, ParamValue>> {
  for (const index of search.valid.indices) yield paramsAt(search.space, index);
}

/** Strategy and data facts for documents, as in the `bt run` document. */
export function describeInputs(search: PreparedSearch, bars: BarSeries, label: string): Pick<OptimizeHeader, 'btVersion' | 'strategy' | 'data' | 'conventions'> {
  const { loaded, config } = search;
  return {
    btVersion: btVersion(),
    strategy: strategyMeta(loaded),
    data: {
      file: portablePath(label),
      sha256: bars.source.sha256,
      dialect: bars.source.dialect,
      symbol: bars.symbol,
      bars: bars.length,
      start: bars.length > 0 ? bars.time[0] : null,
      end: bars.length > 0 ? bars.time[bars.length - 1] : null,
    },
    conventions: {
      initialCash: config.cash,
      commissionRate: config.commissionRate,
      commissionFixed: config.commissionFixed,
      slippageRate: config.slippageRate,
      fill: config.fillAt,
      sizing: { ...config.sizing },
      fractional: config.fractional,
      closeAtEnd: config.closeAtEnd,
      stopLoss: config.stopLoss ?? null,
      takeProfit: config.takeProfit ?? null,
      trailingStop: config.trailingStop ?? null,
      from: config.from ?? null,
      to: config.to ?? null,
      ...compatConvention(config),
    },
  };
}

/** The document header of a search whose runs start as `search.settings.start` says. */
export function buildHeader(search: PreparedSearch, bars: BarSeries, label: string, warmup: SearchWarmup): OptimizeHeader {
  const start = search.settings.start;
  const { space, valid, settings } = search;
  const method = settings.method;
  const params: Record<string, readonly ParamValue[]> = {};
  for (const axis of space.axes) params[axis.name] = axis.values;
  return {
    ...describeInputs(search, bars, label),
    search: {
      method: method.method,
      params,
      fixed: space.fixed,
      constraints: search.constraints.map((constraint) => constraint.text),
      combinations: space.size,
      valid: valid.indices.length,
      ruledOutByConstraint: valid.ruledOutByConstraint,
      ruledOutByStrategy: valid.ruledOutByStrategy,
      plannedTrials: search.plannedTrials,
      population: method.method === 'genetic' ? method.population : null,
      generations: method.method === 'genetic' ? method.generations : null,
      crossoverRate: method.method === 'genetic' ? (method.crossoverRate ?? 1) : null,
      mutationRate: method.method === 'genetic' ? (method.mutationRate ?? 1 / space.axes.length) : null,
      elite: method.method === 'genetic' ? (method.elite ?? defaultElite(method.population)) : null,
      startupTrials: method.method === 'tpe' ? method.startupTrials : null,
      batch: method.method === 'tpe' ? method.batch : null,
    },
    start,
    warmupBars: warmup.warmupBars,
    firstDecisionBar: start === 'common' ? warmup.firstDecisionBar : null,
    objective: { key: settings.objective.key, direction: settings.objective.direction, minTrades: settings.objective.minTrades },
    seed: methodSeed(method),
  };
}

/** Progress of a search: a bar on stderr (src/cli/progress.ts policy), or nothing. */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** Starts the progress bar of a search (drawn only on a TTY, not under CI, not with --quiet, and only for slow searches). */
export async function startSearchProgress(io: CliIo, quiet: boolean): Promise<Progress> {
  const reporter = await startProgress(io, { unit: 'runs', quiet });
  return reporter ?? { update: () => undefined, stop: () => undefined };
}

/**
 * Runs `body` with an AbortController that Ctrl-C (SIGINT) or SIGTERM aborts, so the search
 * stops and writes its partial result; a second signal ends the process (exit 130). The
 * handlers are removed afterwards.
 */
export async function withInterrupt<T>(body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (): void => {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    controller.abort();
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  try {
    return await body(controller.signal);
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
}

/**
 * Reruns one combination in full (for the HTML report), deciding from `firstDecisionBar` (the
 * common one) or, when null, from its own first decision bar as `bt run` does.
 */
export function rerun(search: PreparedSearch, bars: BarSeries, params: Readonly<Record<string, unknown>>, firstDecisionBar: number | null): { run: RunResult; metrics: Metrics } {
  const strategy = search.loaded.strategy;
  const run = runBacktest(bars, strategy, params as ParamValues<typeof strategy.params>, { ...trialRunOptions(search.config), minFirstDecisionBar: firstDecisionBar ?? 0 });
  const metrics = computeMetrics({ time: bars.time, close: bars.close, equity: run.equity, trades: run.trades, firstDecisionBar: run.firstDecisionBar, ...(search.config.compat.sqn === 'sample' ? {} : { sqn: search.config.compat.sqn }) });
  return { run, metrics };
}

/** The heatmap of a document, if it has a natural (or requested) pair of parameters. */
export function documentHeatmap(doc: OptimizeDocument, requested: string | undefined): Heatmap | undefined {
  const axes = heatmapAxes(doc.search.params, requested);
  return axes === undefined ? undefined : buildHeatmap(doc.objective, doc.search.params, doc.runs, axes);
}

/** Output choices of `optimize` and `merge`. */
export interface ResultOutput {
  readonly json: boolean;
  readonly out: string | undefined;
  readonly quiet: boolean;
  readonly top: number;
  readonly heatmap: string | undefined;
}

/** Parses `--top`. */
export function parseTop(raw: string | undefined): number {
  return wholeNumber(raw, '--top', 10, 1);
}

/** Names of the files `--out DIR` holds. */
export const RESULT_FILE_NAMES: readonly string[] = ['trials.json', 'trials.csv', 'best.json'];

/** The files of `--out DIR`: trials.json (the document), trials.csv, best.json. */
export function resultFiles(doc: OptimizeDocument, dir: string): { path: string; content: string }[] {
  const best = {
    objective: doc.objective,
    start: doc.start,
    firstDecisionBar: doc.firstDecisionBar,
    incomplete: doc.incomplete,
    params: doc.best?.params ?? null,
    metrics: doc.best?.metrics ?? null,
  };
  return [
    { path: join(dir, 'trials.json'), content: stringifyDocument(doc) },
    { path: join(dir, 'trials.csv'), content: trialsCsv(doc) },
    { path: join(dir, 'best.json'), content: stringifyDocument(best) },
  ];
}

/**
 * Writes `--out` files and prints the document (JSON) or the header, top table and heatmap.
 * `notes` are extra lines after the tables.
 */
export function emitResult(doc: OptimizeDocument, output: ResultOutput, io: CliIo, globals: GlobalFlags, notes: readonly string[] = []): void {
  if (output.out !== undefined) writeFilesAtomic(resultFiles(doc, output.out));
  if (output.json) {
    io.stdout.write(stringifyDocument(doc));
    return;
  }
  const colour = useColour(io, globals.color);
  const chalk = makeChalk(colour);
  const parts: string[] = [];
  if (!output.quiet) parts.push(renderOptimizeHeader(doc, chalk));
  parts.push(renderTopTable(doc, output.top, chalk));
  const overfitting = renderOverfitting(doc, chalk);
  if (overfitting !== '') parts.push(overfitting);
  const heatmap = documentHeatmap(doc, output.heatmap);
  if (!output.quiet && heatmap !== undefined && heatmap.best !== null) {
    const heatChalk = colour ? heatmapChalk(io) : chalk;
    // A terminal's own width; written to a file or a CI log, up to HEATMAP_LOG_COLUMNS.
    const width = io.stdoutIsTTY ? io.columns : Math.max(io.columns, HEATMAP_LOG_COLUMNS);
    parts.push(fitHeatmap(heatmap, doc, output.heatmap === undefined, width, (map) => renderHeatmap(map, heatChalk, colour)));
  }
  if (!output.quiet) {
    const lines = [...notes];
    if (doc.best === null) lines.unshift(`no run has a value for ${doc.objective.key}${doc.objective.minTrades === null ? '' : ` with at least ${doc.objective.minTrades} trades`}`);
    if (doc.incomplete) lines.unshift(`incomplete: interrupted after ${doc.counts.evaluated} of ${doc.search.plannedTrials} runs`);
    if (output.out !== undefined) lines.push(`wrote trials.json, trials.csv, best.json to ${output.out}`);
    for (const line of lines) parts.push(chalk.dim(`note: ${line}`));
  }
  io.stdout.write(`${parts.join('\n\n')}\n`);
}

/** At most this many heatmap rows in the terminal; more are merged in blocks. */
export const HEATMAP_MAX_ROWS = 40;

/** Width [columns] the heatmap may take when stdout is not a terminal (a file, a CI log). */
export const HEATMAP_LOG_COLUMNS = 120;

/**
 * The heatmap text that fits `columns` terminal columns: as it is; else, when `mayTranspose`
 * (no --heatmap), with the longer axis on the rows; else with consecutive values merged in
 * blocks (the smallest blocks that fit, rows too beyond {@link HEATMAP_MAX_ROWS}), each cell the
 * best of its block. `--report` always draws every cell.
 */
export function fitHeatmap(heatmap: Heatmap, doc: OptimizeDocument, mayTranspose: boolean, columns: number, render: (map: Heatmap) => string): string {
  // The grid's width: the lines between the title and the legend.
  const gridWidth = (rendered: string): number => textWidth(rendered.split('\n').slice(1, -1).join('\n'));
  let map = heatmap;
  let text = render(map);
  if (mayTranspose && gridWidth(text) > columns && map.columns.values.length > map.rows.values.length) {
    map = buildHeatmap(doc.objective, doc.search.params, doc.runs, [map.columns.name, map.rows.name]);
    text = render(map);
  }
  const rowBlock = Math.ceil(map.rows.values.length / HEATMAP_MAX_ROWS);
  if (gridWidth(text) <= columns && rowBlock === 1) return text;
  for (let columnBlock = 1; columnBlock <= map.columns.values.length; columnBlock++) {
    text = render(coarsenHeatmap(map, rowBlock, columnBlock));
    if (gridWidth(text) <= columns) break;
  }
  return text;
}

/** Widest line of `text` in terminal columns (escape sequences not counted). */
function textWidth(text: string): number {
  // eslint-disable-next-line no-control-regex
  return Math.max(...text.split('\n').map((line) => [...line.replace(/\u001b\[[0-9;]*m/g, '')].length));
}

/** A chalk for the heatmap: 256 colours where the terminal says it has them (chalk maps them down to 16 otherwise). */
function heatmapChalk(io: CliIo): ChalkInstance {
  const rich = (io.env.COLORTERM ?? '') !== '' || /256|truecolor|direct/.test(io.env.TERM ?? '');
  return rich ? new Chalk({ level: 2 }) : makeChalk(true);
}

/**
 * Where a shard's JSON Lines go for `--out OUT`: OUT itself when it names a `.jsonl` file,
 * else the folder OUT (created when missing) as `shard-K-of-N.jsonl`, so that shards given the
 * same `--out shards` never overwrite one another.
 */
export function shardPath(out: string, shard: Shard): string {
  return out.toLowerCase().endsWith('.jsonl') ? out : join(out, `shard-${shard.index}-of-${shard.count}.jsonl`);
}

/** The `bt optimize` action; returns the exit code (0), or throws (130 on Ctrl-C). */
export async function optimizeCommand(flags: OptimizeFlags, globals: GlobalFlags, io: CliIo): Promise<number> {
  const config = resolveRunConfig(flags);
  const settings = parseSearchSettings(flags);
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  const outDir = config.output.out;
  checkOutputPaths(
    [
      ...(outDir === undefined ? [] : shard !== undefined ? [{ path: shardPath(outDir, shard), flag: '--out' }] : RESULT_FILE_NAMES.map((name) => ({ path: join(outDir, name), flag: '--out' }))),
      ...(config.output.report === undefined ? [] : [{ path: config.output.report, flag: '--report' }]),
    ],
    runInputPaths(config, flags),
  );
  const pboSplits = parsePboSplits(flags);
  if (shard !== undefined && pboSplits !== undefined) {
    throw new UsageError('BT_FLAG_CONFLICT', '--pbo cannot be used with --shard: CSCV needs the returns of every run', {
      hint: 'run the search unsharded with --pbo',
      location: { flag: '--pbo' },
    });
  }
  const output: ResultOutput = { json: config.output.json, out: config.output.out, quiet: config.output.quiet, top: parseTop(flags.top), heatmap: flags.heatmap };
  if (shard !== undefined) {
    if (isSequentialMethod(settings.method)) throw shardSequentialError(settings.method.method);
    const conflict = config.output.json ? '--json' : config.output.report !== undefined ? '--report' : undefined;
    if (conflict !== undefined) {
      throw new UsageError('BT_FLAG_CONFLICT', `${conflict} cannot be used with --shard: a shard writes JSON Lines for "bt merge"`, {
        hint: 'run "bt merge shard-*.jsonl --json" (or --out DIR) on the shard files',
        location: { flag: conflict },
      });
    }
  }
  const search = await prepareSearch(config, flags, settings);
  // A bad --heatmap pair fails now, not after the search.
  if (flags.heatmap !== undefined) heatmapAxes(Object.fromEntries(search.space.axes.map((axis) => [axis.name, axis.values])), flags.heatmap);
  const total = shard === undefined ? search.plannedTrials : shardTrials(search, shard);
  // Threads boot while this thread loads the data and probes the warm-ups: at once for an
  // explicit --workers, else once the data says whether the search is big enough for them.
  let pool = settings.workers === undefined ? undefined : await startPool(search, total, Infinity);
  let outcome: SearchOutcome;
  let header: OptimizeHeader | undefined;
  let bars: BarSeries;
  let returns: ReturnBlocksSpec | undefined;
  try {
    const loaded = await loadRunBars(config, io);
    bars = loaded.bars;
    const label = loaded.label;
    if (settings.workers === undefined) pool = await startPool(search, total, bars.length);
    const evaluator = evaluatorFor(pool, bars, search);
    const window = { start: 0, end: bars.length };
    const searched = await withInterrupt(async (signal) => {
      const warmup = await probeSearchWarmup(evaluator, bars, window, [...validParams(search)], signal);
      if (warmup === undefined) return undefined;
      header = buildHeader(search, bars, label, warmup);
      if (!output.quiet) {
        io.stderr.write(
          `bt optimize: ${settings.method.method === 'genetic' ? 'up to ' : ''}${total} run${total === 1 ? '' : 's'} of ${search.loaded.strategy.name}${shard === undefined ? '' : ` (shard ${shard.index}/${shard.count})`} on ${evaluator.parallelism} worker${evaluator.parallelism === 1 ? '' : 's'}; ${settings.start === 'common' ? `all runs decide from bar ${warmup.firstDecisionBar}` : 'each run decides from its own first decision bar, as bt run does'}\n`,
        );
      }
      const progress = await startSearchProgress(io, output.quiet);
      try {
        returns = shard === undefined ? { from: warmup.firstDecisionBar, splits: pboSplits ?? 1 } : undefined;
        return await runSearch(
          { space: search.space, valid: search.valid, method: settings.method, objective: settings.objective, window, firstDecisionBar: settings.start === 'common' ? warmup.firstDecisionBar : 0, shard, returns },
          { evaluator, signal, onProgress: (done, all) => progress.update(done, all) },
        );
      } finally {
        progress.stop();
      }
    });
    if (searched === undefined || header === undefined) throw interrupted(0, total, undefined);
    outcome = searched;
  } finally {
    await pool?.close();
  }

  if (shard !== undefined) {
    const text = shardJsonLines(header, shard, outcome.runs, outcome.incomplete);
    if (config.output.out !== undefined) writeFilesAtomic([{ path: shardPath(config.output.out, shard), content: text }]);
    else io.stdout.write(text);
    if (outcome.incomplete) throw interrupted(outcome.runs.length, shardTrials(search, shard), config.output.out);
    return 0;
  }

  const ranked = buildOptimizeDocument(header, outcome.runs, outcome.incomplete);
  const bestRun = ranked.best === null ? undefined : rerun(search, bars, ranked.best.params, ranked.firstDecisionBar);
  const overfitting = overfittingReport(outcome.runs, returns!, blockCounts(returns!, bars.length), bars.time, bestRun?.run.equity ?? null, pboSplits !== undefined);
  const doc = buildOptimizeDocument(header, outcome.runs, outcome.incomplete, overfitting);
  const notes: string[] = [];
  const heatmap = documentHeatmap(doc, output.heatmap);
  if (config.output.report !== undefined) {
    if (doc.best === null || bestRun === undefined) notes.push('no HTML report: no run has an objective value');
    else {
      const { run, metrics } = bestRun;
      const meta: RunMeta = {
        btVersion: doc.btVersion,
        strategy: doc.strategy,
        data: { file: doc.data.file, sha256: doc.data.sha256, dialect: doc.data.dialect },
        conventions: conventionsOf(search.config),
      };
      const html = renderHtmlReport({ run, metrics, meta, document: buildRunDocument(run, metrics, meta), heatmap, overfitting });
      writeFilesAtomic([{ path: config.output.report, content: html }], '--report');
      notes.push(`wrote the HTML report of the best run${heatmap === undefined ? '' : ' with the heatmap'} to ${config.output.report}`);
    }
  }
  emitResult(doc, output, io, globals, notes);
  if (outcome.incomplete) throw interrupted(outcome.runs.length, search.plannedTrials, config.output.out);
  return 0;
}

/** Splits of the PBO's CSCV when `--pbo` is given: `--pbo-splits` (even, 2 … 20) or 16; undefined without --pbo. */
export const DEFAULT_PBO_SPLITS = 16;

/**
 * Parses `--pbo` and `--pbo-splits`.
 * @throws UsageError `BT_FLAG_CONFLICT` (--pbo-splits without --pbo), `BT_BAD_VALUE` (odd or out of range).
 */
export function parsePboSplits(flags: OptimizeFlags): number | undefined {
  if (flags.pboSplits !== undefined && flags.pbo !== true) {
    throw new UsageError('BT_FLAG_CONFLICT', '--pbo-splits applies only with --pbo', { hint: 'add --pbo, or drop --pbo-splits', location: { flag: '--pbo-splits' } });
  }
  if (flags.pbo !== true) return undefined;
  const splits = wholeNumber(flags.pboSplits, '--pbo-splits', DEFAULT_PBO_SPLITS, 2, MAX_PBO_SPLITS);
  if (splits % 2 !== 0) {
    throw new UsageError('BT_BAD_VALUE', `--pbo-splits: expected an even number from 2 to ${MAX_PBO_SPLITS}, got "${flags.pboSplits}"`, {
      hint: 'CSCV splits the bars into S blocks and uses half of them in sample: use 8, 10, 16 …',
      location: { flag: '--pbo-splits' },
    });
  }
  return splits;
}

/** Trials of shard K/N: the trial numbers ≡ K − 1 (mod N). */
function shardTrials(search: PreparedSearch, shard: Shard): number {
  return Math.max(0, Math.ceil((search.plannedTrials - (shard.index - 1)) / shard.count));
}

/** The error of an interrupted search (exit 130), saying what was kept. */
export function interrupted(done: number, planned: number, out: string | undefined, unit = 'runs'): InterruptedError {
  return new InterruptedError(`interrupted after ${done} of ${planned} ${unit}${out === undefined ? '' : `; partial results written to ${out}, marked "incomplete": true`}`, {
    hint: 'rerun the same command to get the complete result (same seed, same result)',
  });
}
