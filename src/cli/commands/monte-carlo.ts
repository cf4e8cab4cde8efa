/**
 * `bt montecarlo`: resample a run's closed trades (bootstrap or shuffle) into many equity
 * paths and report the distribution of final return, max drawdown and longest losing streak,
 * and the probability of ruin. The trades come from a backtest run here (the `bt run` data,
 * strategy and broker flags) or from a saved result document (`--from-result FILE.json`).
 *
 * Defaults: 1000 runs, seed 1, bootstrap, ruin at a 50 % loss, 20 histogram bins, model by the
 * run's sizing (`--model auto`). Zero closed trades is a data error (exit 3).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunFlags } from '../../config/run-config.js';
import { parseRate } from '../../config/values.js';
import { DataError, UsageError } from '../../errors.js';
import { defaultEquityModel, DEFAULT_BINS, monteCarlo, tradeSteps, type EquityModel, type MonteCarloMethod, type TradeOutcome } from '../../optimize/monte-carlo.js';
import { MAX_SEED } from '../../optimize/prng.js';
import { stringifyDocument } from '../../report/json.js';
import { buildMonteCarloDocument, distributionCsv, type MonteCarloSource } from '../../report/monte-carlo-json.js';
import { renderMonteCarloReport } from '../../report/monte-carlo-html.js';
import { renderHistogram, renderMonteCarloHeader, renderMonteCarloTable, renderRuinLine } from '../../report/monte-carlo-table.js';
import { makeChalk } from '../../report/table.js';
import { checkOutputPaths, writeFilesAtomic } from '../../report/write-atomic.js';
import { btVersion } from '../../strategy/package-root.js';
import { useColour, type CliIo } from '../io.js';
import { executeRun, portablePath, resolveRunConfig, type GlobalFlags } from './run.js';

/** Flags of `bt montecarlo` as commander gives them (undefined = not given). */
export interface MonteCarloFlags extends RunFlags {
  fromResult?: string;
  runs?: string;
  seed?: string;
  method?: string;
  ruin?: string;
  model?: string;
  bins?: string;
}

/** Defaults of the Monte Carlo flags (also in `bt montecarlo --help` and the README). */
export const MONTE_CARLO_DEFAULTS = { runs: 1000, seed: 1, method: 'bootstrap' as MonteCarloMethod, ruin: 0.5, bins: DEFAULT_BINS, model: 'auto' as const };

/** Upper bound of `--runs` (the per-path CSV stays below ~100 MB). */
export const MAX_RUNS = 1_000_000;

/** Parsed Monte Carlo settings. */
interface Settings {
  readonly runs: number;
  readonly seed: number;
  readonly method: MonteCarloMethod;
  readonly ruin: number;
  readonly bins: number;
  readonly model: EquityModel | 'auto';
}

function badValue(flag: string, message: string, hint: string): never {
  throw new UsageError('BT_BAD_VALUE', `${flag}: ${message}`, { hint, location: { flag } });
}

function wholeNumber(raw: string | undefined, flag: string, fallback: number, min: number, max: number, example: string): number {
  if (raw === undefined) return fallback;
  const text = raw.trim().replace(/_/g, '');
  if (!/^\d+$/.test(text)) badValue(flag, `expected a whole number, got "${raw}"`, `e.g. ${flag} ${example}`);
  const value = Number(text);
  if (value < min || value > max) badValue(flag, `"${raw}" is out of range`, `use ${min.toLocaleString('en-US')} … ${max.toLocaleString('en-US')}`);
  return value;
}

/**
 * Parses and checks the Monte Carlo flags (before any backtest runs).
 * @throws UsageError `BT_BAD_VALUE` naming the flag.
 */
export function parseMonteCarloFlags(flags: MonteCarloFlags): Settings {
  const runs = wholeNumber(flags.runs, '--runs', MONTE_CARLO_DEFAULTS.runs, 1, MAX_RUNS, '1000');
  const seed = wholeNumber(flags.seed, '--seed', MONTE_CARLO_DEFAULTS.seed, 0, MAX_SEED, '42');
  const bins = wholeNumber(flags.bins, '--bins', MONTE_CARLO_DEFAULTS.bins, 1, 200, '20');
  const method = (flags.method ?? MONTE_CARLO_DEFAULTS.method) as MonteCarloMethod;
  const model = (flags.model ?? MONTE_CARLO_DEFAULTS.model) as Settings['model'];
  let ruin: number = MONTE_CARLO_DEFAULTS.ruin;
  if (flags.ruin !== undefined) {
    ruin = parseRate(flags.ruin, { label: '--ruin', flag: '--ruin' });
    if (ruin === 0) badValue('--ruin', 'must be above 0', 'give the loss that counts as ruin, e.g. --ruin 50% (or 0.5)');
  }
  return { runs, seed, method, ruin, bins, model };
}

/** The flags of `bt montecarlo` itself; every other flag it takes is a `bt run` input flag. */
const OWN_FLAGS: ReadonlySet<string> = new Set(['fromResult', 'runs', 'seed', 'method', 'ruin', 'model', 'bins', 'json', 'out', 'report', 'quiet']);

/** `closeAtEnd` → `--close-at-end`. */
function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`)}`;
}

/** The trades and context that are resampled, from a run here or a saved result. */
interface TradeSource {
  readonly source: MonteCarloSource;
  readonly trades: readonly TradeOutcome[];
  readonly initialCash: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the trades, initial cash and context from a `bt run` result document.
 * @throws DataError `BT_MC_RESULT_INVALID` naming the first missing or malformed field.
 */
export function tradesFromDocument(document: unknown, label: string, resultFile: string | null): TradeSource {
  const invalid = (what: string): never => {
    throw new DataError('BT_MC_RESULT_INVALID', `${label}: not a bt run result: ${what}`, {
      hint: 'pass the output of "bt run --json" or the summary.json that "bt run --out DIR" writes',
      location: resultFile === null ? undefined : { file: label },
    });
  };
  if (!isRecord(document)) return invalid('expected a JSON object');
  if (document.kind === 'montecarlo') return invalid('it is a bt montecarlo result, which has no trades');
  if (!Array.isArray(document.trades)) return invalid('"trades" is missing');
  const conventions = isRecord(document.conventions) ? document.conventions : invalid('"conventions" is missing');
  const initialCash = conventions.initialCash;
  if (typeof initialCash !== 'number' || !(initialCash > 0)) return invalid('"conventions.initialCash" is not a positive number');
  const trades = document.trades.map((trade: unknown, k): TradeOutcome => {
    const ok = isRecord(trade) && typeof trade.pnl === 'number' && Number.isInteger(trade.entryBar) && Number.isInteger(trade.exitBar);
    if (!ok) return invalid(`trades[${k}] lacks a numeric "pnl", "entryBar" or "exitBar"`);
    return { pnl: trade.pnl as number, entryBar: trade.entryBar as number, exitBar: trade.exitBar as number };
  });
  const strategy = isRecord(document.strategy) ? document.strategy : {};
  const data = isRecord(document.data) ? document.data : {};
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  return {
    trades,
    initialCash,
    source: {
      resultFile,
      strategy: { name: text(strategy.name) ?? 'unknown strategy', params: isRecord(strategy.params) ? strategy.params : {} },
      data: { file: text(data.file), symbol: text(data.symbol), sha256: text(data.sha256) },
      sizing: isRecord(conventions.sizing) ? conventions.sizing : null,
      openTradeCount: Array.isArray(document.openTrades) ? document.openTrades.length : 0,
    },
  };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads a saved result (`-` = stdin).
 * @throws DataError `BT_MC_RESULT_READ` (missing or unreadable) or `BT_MC_RESULT_INVALID`.
 */
async function readResult(file: string, io: CliIo): Promise<TradeSource> {
  const label = file === '-' ? 'stdin' : file;
  let text: string;
  try {
    text = file === '-' ? await readAll(io.stdin) : readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new DataError('BT_MC_RESULT_READ', `--from-result: cannot read "${file}": ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String(code ?? error)}`, {
      hint: 'check the --from-result path (write one with "bt run --json > run.json")',
      location: { flag: '--from-result' },
      cause: error,
    });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new DataError('BT_MC_RESULT_INVALID', `${label}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'pass the output of "bt run --json" or the summary.json that "bt run --out DIR" writes',
      location: { flag: '--from-result' },
      cause: error,
    });
  }
  return tradesFromDocument(document, label, portablePath(file));
}

async function tradeSource(flags: MonteCarloFlags, io: CliIo): Promise<TradeSource> {
  if (flags.fromResult !== undefined) {
    const given = Object.entries(flags).filter(([key, value]) => !OWN_FLAGS.has(key) && value !== undefined);
    if (given.length > 0) {
      const flag = flagName(given[0][0]);
      throw new UsageError('BT_FLAG_CONFLICT', `--from-result cannot be combined with ${flag}`, {
        hint: 'either run a backtest here (--strategy and the bt run flags) or resample a saved result (--from-result FILE.json)',
        location: { flag },
      });
    }
    return readResult(flags.fromResult, io);
  }
  if (flags.strategy === undefined && flags.config === undefined) {
    throw new UsageError('BT_STRATEGY_MISSING', 'no strategy given', {
      hint: 'add --strategy sma-cross (and any bt run flags), or --from-result run.json to resample a saved result',
      location: { flag: '--strategy' },
    });
  }
  // Only the run's inputs matter here; its output flags are montecarlo's own.
  const { json: _json, out: _out, report: _report, quiet: _quiet, ...runFlags } = flags;
  const run = await executeRun(resolveRunConfig(runFlags), io);
  return tradesFromDocument(run.document, 'the run', null);
}

/** The `bt montecarlo` action: returns the exit code (0). */
export async function monteCarloCommand(flags: MonteCarloFlags & { json?: boolean; out?: string; report?: string; quiet?: boolean }, globals: GlobalFlags, io: CliIo): Promise<number> {
  const settings = parseMonteCarloFlags(flags);
  const out = flags.out;
  checkOutputPaths(
    [...(out === undefined ? [] : ['summary.json', 'distribution.csv'].map((name) => ({ path: join(out, name), flag: '--out' }))), ...(flags.report === undefined ? [] : [{ path: flags.report, flag: '--report' }])],
    [...(flags.fromResult === undefined ? [] : [{ path: flags.fromResult, flag: '--from-result' }])],
  );
  const { source, trades, initialCash } = await tradeSource(flags, io);
  if (trades.length === 0) {
    const open = source.openTradeCount;
    throw new DataError('BT_MC_NO_TRADES', `no closed trades to resample: ${source.resultFile === null ? 'the run' : `"${source.resultFile}"`} of "${source.strategy.name}" has none`, {
      hint:
        open > 0
          ? `${open} trade(s) were still open at the end; add --close-at-end to close them at the last close`
          : 'check the strategy parameters and the date range (bt run --trades shows the trades)',
    });
  }
  const chosen =
    settings.model === 'auto'
      ? source.sizing !== null && typeof source.sizing.kind === 'string'
        ? defaultEquityModel({ kind: source.sizing.kind })
        : { model: 'compound' as const, reason: 'the result records no sizing, so each trade multiplies equity by 1 + pnl / equity at entry' }
      : { model: settings.model, reason: `chosen with --model ${settings.model}` };
  const steps = tradeSteps(trades, initialCash, chosen.model);
  const result = monteCarlo(steps, {
    runs: settings.runs,
    seed: settings.seed,
    method: settings.method,
    model: chosen.model,
    initialCash,
    ruinThreshold: settings.ruin,
    bins: settings.bins,
  });
  const document = buildMonteCarloDocument(result, { btVersion: btVersion(), source, modelReason: chosen.reason, bins: settings.bins });
  const overflow = firstNonFinite(document, 'result');
  if (overflow !== undefined) {
    throw new DataError('BT_MC_OVERFLOW', `the resampled equity overflows: ${overflow.path} is "${overflow.value}"`, {
      hint: 'the trades are too large against the initial cash for compounding; use --model additive',
    });
  }
  const json = stringifyDocument(document);

  if (flags.out !== undefined) {
    writeFilesAtomic([
      { path: join(flags.out, 'summary.json'), content: json },
      { path: join(flags.out, 'distribution.csv'), content: distributionCsv(result) },
    ]);
  }
  if (flags.report !== undefined) writeFilesAtomic([{ path: flags.report, content: renderMonteCarloReport(document) }], '--report');
  if (flags.json === true) {
    io.stdout.write(json);
    return 0;
  }
  const chalk = makeChalk(useColour(io, globals.color));
  const parts = flags.quiet === true ? [] : [renderMonteCarloHeader(document, chalk)];
  parts.push(renderMonteCarloTable(document, chalk), renderRuinLine(document, chalk));
  if (flags.quiet !== true) {
    for (const statistic of ['finalReturn', 'maxDrawdown', 'longestLosingStreak'] as const) parts.push('', renderHistogram(document, statistic, chalk, io.columns));
    const notes: string[] = [];
    if (flags.out !== undefined) notes.push(`wrote summary.json and distribution.csv to ${flags.out}`);
    if (flags.report !== undefined) notes.push(`wrote the HTML report to ${flags.report}`);
    if (notes.length > 0) parts.push('', ...notes.map((note) => chalk.dim(`note: ${note}`)));
  }
  io.stdout.write(`${parts.join('\n')}\n`);
  return 0;
}

/** The first number in `value` (searched depth first) that is NaN or ±Infinity, with its path. */
export function firstNonFinite(value: unknown, path: string): { path: string; value: number } | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { path, value };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const values = value as unknown as ArrayLike<number>;
    for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return { path: `${path}[${i}]`, value: values[i] };
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstNonFinite(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      const found = firstNonFinite(inner, `${path}.${key}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
