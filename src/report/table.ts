/**
 * Terminal tables (cli-table3, coloured with chalk when colour is on): the run header, the
 * metrics table and the trades table. Only here are fractions shown as percent.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { formatTime } from '../data/bar-series.js';
import type { RunResult } from '../engine/run-backtest.js';
import { groupDigits } from './group-digits.js';
import { symbolNames } from './symbol-names.js';
import type { Sizing } from '../engine/types.js';
import { metricRegistry, type MetricDefinition, type Metrics } from '../metrics/index.js';
import type { RunMeta } from './json.js';

/** Creates the chalk instance for a colour decision (level 0 = no colour). */
export function makeChalk(colour: boolean): ChalkInstance {
  return new Chalk({ level: colour ? 1 : 0 });
}

const DAY = 86_400_000;

/** cli-table3 borders without a rule between rows (compact tables). */
export const COMPACT_CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** Formats a duration [ms] as `121 days` or `2 days 07:57:00`. */
export function formatDuration(ms: number): string {
  const days = Math.floor(ms / DAY);
  const rest = ms - days * DAY;
  const dayText = `${days} day${days === 1 ? '' : 's'}`;
  if (rest === 0) return dayText;
  const h = Math.floor(rest / 3_600_000);
  const m = Math.floor((rest % 3_600_000) / 60_000);
  const s = Math.round((rest % 60_000) / 1000);
  const hms = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return days === 0 ? hms : `${dayText} ${hms}`;
}

/** Formats money with thousands separators and 2 decimals. */
export function formatCash(value: number): string {
  return groupDigits(value, 2);
}

/** Formats a fraction as a percentage with 2 decimals (0.0512 → `5.12%`). */
export function formatPercent(value: number): string {
  return `${(value * 100).toFixed(2)}%`;
}

/** Formats one metric value by its unit; `--` for null. */
export function formatMetric(definition: Pick<MetricDefinition, 'unit'>, value: number | null, intraday = false): string {
  if (value === null) return '--';
  switch (definition.unit) {
    case 'time':
      return formatTime(value, intraday);
    case 'ms':
      return formatDuration(value);
    case 'fraction':
      return formatPercent(value);
    case 'cash':
      return formatCash(value);
    case 'ratio':
      return value.toFixed(3);
    case 'count':
    case 'bars':
      return String(value);
  }
}

/** Describes a sizing rule in words: `all-in`, `10 units`, `50% of equity`. */
export function describeSizing(sizing: Sizing): string {
  switch (sizing.kind) {
    case 'units':
      return `${sizing.units} units`;
    case 'capped-units':
      return `up to ${sizing.units} units`;
    case 'fraction':
      return sizing.fraction > 0.999999 ? 'all-in' : `${formatPercent(sizing.fraction)} of equity`;
    case 'cash':
      return `${formatCash(sizing.cash)} cash`;
    case 'risk':
      return `risk ${formatPercent(sizing.riskFraction)} of equity`;
    case 'close':
      return 'close position';
  }
}

/**
 * What the run header shows. Built from a finished run ({@link renderHeader}) or from a stored
 * result document (src/report/run-document.ts), so both print the same text.
 */
export interface HeaderFacts {
  readonly strategy: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly symbol: string;
  /** The data file as recorded in the result. */
  readonly file: string;
  readonly bars: number;
  /** First and last bar times [UTC epoch ms]. */
  readonly start: number;
  readonly end: number;
  /** Whether times are shown with hours. */
  readonly intraday: boolean;
  readonly firstDecisionBar: number;
  /** The conventions; exits may be `null` (as in the JSON document) or absent. */
  readonly conventions: Pick<RunMeta['conventions'], 'initialCash' | 'commissionRate' | 'commissionFixed' | 'slippageRate' | 'fill' | 'sizing' | 'fractional' | 'closeAtEnd'> & {
    readonly stopLoss?: RunMeta['conventions']['stopLoss'] | null;
    readonly takeProfit?: RunMeta['conventions']['takeProfit'] | null;
    readonly trailingStop?: RunMeta['conventions']['trailingStop'] | null;
    readonly compat?: RunMeta['conventions']['compat'];
  };
}

/** Two header lines: what ran on what, and the conventions in force. */
export function renderHeader(run: RunResult, meta: RunMeta, chalk: ChalkInstance): string {
  const bars = run.bars;
  return renderHeaderFacts(
    {
      strategy: run.strategy,
      params: run.params,
      symbol: bars.symbol,
      file: meta.data.file,
      bars: bars.length,
      start: bars.time[0],
      end: bars.time[bars.length - 1],
      intraday: bars.intraday,
      firstDecisionBar: run.firstDecisionBar,
      conventions: meta.conventions,
    },
    chalk,
  );
}

/** {@link renderHeader} from its facts. */
export function renderHeaderFacts(facts: HeaderFacts, chalk: ChalkInstance): string {
  const params = Object.entries(facts.params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
  const span = `${formatTime(facts.start, facts.intraday)} → ${formatTime(facts.end, facts.intraday)}`;
  const c = facts.conventions;
  const extras = [
    c.slippageRate > 0 ? `slippage ${formatPercent(c.slippageRate)}` : '',
    c.commissionFixed > 0 ? `+ ${formatCash(c.commissionFixed)}/fill` : '',
    c.stopLoss ? `stop-loss ${'fraction' in c.stopLoss ? formatPercent(c.stopLoss.fraction) : c.stopLoss.price}` : '',
    c.takeProfit ? `take-profit ${'fraction' in c.takeProfit ? formatPercent(c.takeProfit.fraction) : c.takeProfit.price}` : '',
    c.trailingStop ? `trailing stop ${'fraction' in c.trailingStop ? formatPercent(c.trailingStop.fraction) : c.trailingStop.amount}` : '',
    c.closeAtEnd ? 'close at end' : '',
    c.fractional ? 'fractional units' : '',
    c.compat === undefined ? '' : `compat ${c.compat.preset ?? 'custom'} (close at end at ${c.compat.closeAtEndPrice}, decide ${c.compat.firstDecision}, SQN ${c.compat.sqn}, brackets from the ${c.compat.brackets})`,
  ].filter((x) => x !== '');
  return [
    `${chalk.bold(facts.strategy)}${params === '' ? '' : `(${params})`} on ${chalk.bold(facts.symbol)} · ${facts.file} · ${facts.bars} bars ${span}`,
    chalk.dim(
      [
        `cash ${formatCash(c.initialCash)}`,
        `commission ${formatPercent(c.commissionRate)}`,
        `fills ${c.fill}`,
        `sizing ${describeSizing(c.sizing)}`,
        ...extras,
        `first decision bar ${facts.firstDecisionBar}`,
      ].join(' · '),
    ),
  ].join('\n');
}

/** The metrics table: one row per registry metric, `--` for unavailable values. */
export function renderMetricsTable(metrics: Metrics, chalk: ChalkInstance, intraday = false): string {
  const table = new Table({
    head: [chalk.bold('Metric'), chalk.bold('Value')],
    chars: COMPACT_CHARS,
    style: { head: [], border: [] },
    colAligns: ['left', 'right'],
  });
  for (const definition of metricRegistry) {
    const value = (metrics.values as Record<string, number | null>)[definition.key];
    let text = formatMetric(definition, value, intraday);
    if (value !== null && definition.higherIsBetter !== undefined && (definition.unit === 'fraction' || definition.unit === 'ratio')) {
      const good = definition.higherIsBetter ? value > 0 : value <= 0;
      if (definition.key === 'totalReturn' || definition.key === 'annualReturn' || definition.key === 'cagr' || definition.key === 'sharpe') {
        text = good ? chalk.green(text) : chalk.red(text);
      }
    }
    table.push([definition.label, text]);
  }
  return table.toString();
}

/** The trades table (`--trades`): closed trades, then open ones. */
export function renderTradesTable(run: RunResult, chalk: ChalkInstance): string {
  const bars = run.bars;
  const names = symbolNames(run);
  // Portfolio runs name the symbol next to the side: "long AAPL".
  const side = (sideText: string, symbol: number): string => (names.length > 1 ? `${sideText} ${names[symbol]}` : sideText);
  const t = (ms: number) => formatTime(ms, bars.intraday);
  const table = new Table({
    head: ['#', 'Side', 'Qty', 'Entry', 'Entry price', 'Exit', 'Exit price', 'P&L', 'Return', 'Bars', 'Exit reason'].map((h) => chalk.bold(h)),
    chars: COMPACT_CHARS,
    style: { head: [], border: [] },
    colAligns: ['right', 'left', 'right', 'left', 'right', 'left', 'right', 'right', 'right', 'right', 'left'],
  });
  for (const trade of run.trades) {
    const pnl = formatCash(trade.pnl);
    table.push([
      trade.id,
      side(trade.side, trade.symbol),
      trade.quantity,
      t(trade.entryTime),
      trade.entryPrice.toFixed(4),
      t(trade.exitTime),
      trade.exitPrice.toFixed(4),
      trade.pnl >= 0 ? chalk.green(pnl) : chalk.red(pnl),
      formatPercent(trade.netReturn),
      trade.barsHeld,
      trade.exitReason,
    ]);
  }
  for (const open of run.openTrades) {
    table.push([open.id, side(open.side, open.symbol), open.quantity, t(open.entryTime), open.entryPrice.toFixed(4), chalk.dim('open'), open.markPrice.toFixed(4), formatCash(open.unrealizedPnl), '', bars.length - 1 - open.entryBar, 'open']);
  }
  return table.toString();
}
