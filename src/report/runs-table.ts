/**
 * The `bt runs` listing: one row per stored run, newest first, and its JSON form.
 */
import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { formatTime } from '../data/bar-series.js';
import type { Sizing } from '../engine/types.js';
import type { RunSummary } from '../store/run-store.js';
import { shortRunId } from '../store/run-id.js';
import { COMPACT_CHARS, describeSizing, formatCash, formatPercent } from './table.js';

/** `2024-05-01 09:30` from a UTC ISO 8601 time (the store keeps UTC; listings say so). */
export function formatRecordedTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** `sma-cross(fast=15, slow=30)`, as in the run header. */
export function describeStrategy(name: string, params: Readonly<Record<string, unknown>>): string {
  const text = Object.entries(params)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ');
  return text === '' ? name : `${name}(${text})`;
}

const HEAD = ['ID', 'Recorded (UTC)', 'Strategy', 'Data', 'Return', 'Sharpe', 'Max DD', 'Trades'];
/** Index of the Strategy and Data columns, the ones that wrap to fit a width. */
const STRATEGY = 2;
const DATA = 3;
/** Narrowest the wrapping columns get [characters, with padding]. */
const MIN_STRATEGY_WIDTH = 24;
const MIN_DATA_WIDTH = 16;

/**
 * Column widths [characters, with padding and without borders] that fit `maxWidth` by wrapping
 * the Strategy column, then the Data column, down to their minimum (and never below their
 * longest word, which cli-table3 would cut); undefined when the natural widths fit.
 */
function fitWidths(rows: readonly (readonly string[])[], maxWidth: number): number[] | undefined {
  const natural = HEAD.map((head, column) => Math.max(head.length, ...rows.map((row) => row[column].length)) + 2);
  const borders = HEAD.length + 1;
  let excess = natural.reduce((sum, width) => sum + width, borders) - maxWidth;
  if (excess <= 0) return undefined;
  const widths = [...natural];
  for (const [column, minimum] of [
    [STRATEGY, MIN_STRATEGY_WIDTH],
    [DATA, MIN_DATA_WIDTH],
  ] as const) {
    const longestWord = Math.max(0, ...rows.flatMap((row) => row[column].split(' ').map((word) => word.length))) + 2;
    const cut = Math.min(excess, Math.max(0, widths[column] - Math.max(minimum, longestWord)));
    widths[column] -= cut;
    excess -= cut;
  }
  return widths;
}

/** The conventions a run gets without flags (src/config DEFAULTS), to say only what differs. */
export interface DefaultConventions {
  readonly initialCash: number;
  readonly commissionRate: number;
  readonly commissionFixed: number;
  readonly slippageRate: number;
  readonly fill: string;
  readonly sizing: Sizing;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function describeExit(name: string, level: unknown): string {
  if (!isRecord(level)) return '';
  if (typeof level.fraction === 'number') return `${name} ${formatPercent(level.fraction)}`;
  const value = level.price ?? level.amount;
  return `${name} ${String(value)}`;
}

/**
 * The settings of a run that differ from `defaults`, in the run header's words
 * (`commission 0.05% · stop-loss 5.00% · from 2015-01-01`); '' when none do.
 */
export function describeSettings(conventions: Readonly<Record<string, unknown>>, defaults: DefaultConventions): string {
  const c = conventions;
  const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
  const cash = num(c.initialCash);
  const rate = num(c.commissionRate);
  const fixed = num(c.commissionFixed);
  const slippage = num(c.slippageRate);
  const from = num(c.from);
  const to = num(c.to);
  const sizing = isRecord(c.sizing) ? (c.sizing as unknown as Sizing) : undefined;
  return [
    cash !== undefined && cash !== defaults.initialCash ? `cash ${formatCash(cash)}` : '',
    rate !== undefined && rate !== defaults.commissionRate ? `commission ${formatPercent(rate)}` : '',
    fixed !== undefined && fixed !== defaults.commissionFixed ? `+ ${formatCash(fixed)}/fill` : '',
    slippage !== undefined && slippage !== defaults.slippageRate ? `slippage ${formatPercent(slippage)}` : '',
    typeof c.fill === 'string' && c.fill !== defaults.fill ? `fills ${c.fill}` : '',
    sizing !== undefined && JSON.stringify(sizing) !== JSON.stringify(defaults.sizing) ? `sizing ${describeSizing(sizing)}` : '',
    describeExit('stop-loss', c.stopLoss),
    describeExit('take-profit', c.takeProfit),
    describeExit('trailing stop', c.trailingStop),
    c.closeAtEnd === true ? 'close at end' : '',
    c.fractional === true ? 'fractional units' : '',
    from !== undefined ? `from ${formatTime(from, false)}` : '',
    to !== undefined ? `to ${formatTime(to, false)}` : '',
  ]
    .filter((part) => part !== '')
    .join(' · ');
}

/**
 * The listing table: short id, time recorded (UTC), strategy with parameters (and, given
 * `defaults`, the settings that differ from them), data file, total return, Sharpe, max
 * drawdown and closed trades; `--` for a metric that could not be computed.
 * With `maxWidth` [characters] (a terminal's width), the Strategy and Data columns wrap at word
 * boundaries to fit; without it every run is one line (for piping and grep).
 */
export function renderRunsTable(runs: readonly RunSummary[], chalk: ChalkInstance, options: { readonly maxWidth?: number; readonly defaults?: DefaultConventions } = {}): string {
  const rows = runs.map((run) => {
    const m = run.metrics;
    const settings = options.defaults === undefined ? '' : describeSettings(run.conventions, options.defaults);
    return [
      shortRunId(run.id),
      formatRecordedTime(run.updated),
      `${describeStrategy(run.strategy.name, run.strategy.params)}${settings === '' ? '' : ` · ${settings}`}`,
      run.data.file,
      m.totalReturn === null ? '--' : formatPercent(m.totalReturn),
      m.sharpe === null ? '--' : m.sharpe.toFixed(3),
      m.maxDrawdown === null ? '--' : formatPercent(m.maxDrawdown),
      m.tradeCount === null ? '--' : String(m.tradeCount),
    ];
  });
  const widths = options.maxWidth === undefined ? undefined : fitWidths(rows, options.maxWidth);
  const table = new Table({
    head: HEAD.map((h) => chalk.bold(h)),
    chars: COMPACT_CHARS,
    style: { head: [], border: [] },
    colAligns: ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right'],
    ...(widths === undefined ? {} : { colWidths: widths, wordWrap: true }),
  });
  runs.forEach((run, i) => {
    const row = rows[i];
    const totalReturn = run.metrics.totalReturn;
    row[0] = chalk.yellow(row[0]);
    if (totalReturn !== null) row[4] = totalReturn > 0 ? chalk.green(row[4]) : chalk.red(row[4]);
    table.push(row);
  });
  return table.toString();
}

/** `bt runs --json`: the summaries as one JSON array (full ids), 2-space indented, final newline. */
export function runsJson(runs: readonly RunSummary[]): string {
  return `${JSON.stringify(runs, null, 2)}\n`;
}
