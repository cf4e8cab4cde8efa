/**
 * Terminal rendering of CI checks: the `--assert` table, a result diff (`bt diff`,
 * `--baseline`, `bt runs diff`) and the look-ahead audit (`bt audit`). Values are shown by their
 * unit (only here are fractions printed as percent); diffs show the exact JSON numbers.
 */
import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { AssertionResult } from '../checks/assertion.js';
import { findCheckKey } from '../checks/check-keys.js';
import type { DiffReport, FieldDifference, TradeDifference, TradeSummary } from '../checks/diff-results.js';
import type { AuditFinding, AuditReport } from '../checks/look-ahead-audit.js';
import { formatTime } from '../data/bar-series.js';
import { formatMetric } from './table.js';

/** cli-table3 borders without a rule between rows (as the metrics table). */
const COMPACT_CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

const compactTable = (head: readonly string[], chalk: ChalkInstance, colAligns?: ('left' | 'right')[]): Table.Table =>
  new Table({ head: head.map((h) => chalk.bold(h)), chars: COMPACT_CHARS, style: { head: [], border: [] }, ...(colAligns === undefined ? {} : { colAligns }) });

/**
 * The `--assert` table: each expression, the actual value formatted by its unit (`--` and the
 * reason for a null value), and pass/FAIL.
 */
export function renderAssertionTable(results: readonly AssertionResult[], chalk: ChalkInstance, intraday = false): string {
  const table = compactTable(['Check', 'Actual', 'Result'], chalk, ['left', 'right', 'left']);
  for (const result of results) {
    const unit = findCheckKey(result.key)?.unit ?? 'ratio';
    const actual = result.actual === null ? `null (${result.reason ?? 'no value'})` : formatMetric({ unit }, result.actual, intraday);
    table.push([result.expression, actual, result.passed ? chalk.green('pass') : chalk.red.bold('FAIL')]);
  }
  return table.toString();
}

/** One-line verdict of the assertions: `3 of 3 assertions passed` / `1 of 3 assertions failed: …`. */
export function describeAssertionFailures(results: readonly AssertionResult[], intraday = false): string {
  const failed = results.filter((result) => !result.passed);
  if (failed.length === 0) return `${results.length} of ${results.length} assertion${results.length === 1 ? '' : 's'} passed`;
  const actual = (result: AssertionResult) =>
    result.actual === null ? `no value: ${result.reason ?? 'null'}` : `actual ${formatMetric({ unit: findCheckKey(result.key)?.unit ?? 'ratio' }, result.actual, intraday)}`;
  const list = failed.map((result) => `"${result.expression}" (${actual(result)})`).join(', ');
  return `${failed.length} of ${results.length} assertion${results.length === 1 ? '' : 's'} failed: ${list}`;
}

const show = (value: unknown): string => (value === undefined ? '(missing)' : typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

function renderFieldDifferences(differences: readonly FieldDifference[]): string[] {
  return differences.map((d) => `  ${d.path}: ${show(d.baseline)} → ${show(d.current)}`);
}

function describeTrade(trade: TradeSummary | null): string {
  if (trade === null) return '(none)';
  const entry = `${trade.side ?? '?'} ${trade.quantity ?? '?'} units, entry bar ${trade.entryBar ?? '?'} at ${trade.entryPrice ?? '?'}`;
  if (trade.exitBar === undefined) return `${entry}, still open`;
  return `${entry}, exit bar ${trade.exitBar ?? '?'} at ${trade.exitPrice ?? '?'} (${trade.exitReason ?? '?'}), P&L ${trade.pnl ?? '?'}`;
}

function renderTradeDifference(difference: TradeDifference, chalk: ChalkInstance): string[] {
  const which = difference.list === 'trades' ? 'trade' : 'open trade';
  const id = difference.baseline?.id ?? difference.current?.id;
  return [
    `first differing ${which}: #${id ?? '?'} (${difference.list}[${difference.index}]); differs in ${difference.fields.join(', ')}`,
    `  baseline: ${describeTrade(difference.baseline)}`,
    `  current:  ${chalk.bold(describeTrade(difference.current))}`,
  ];
}

const formatRelative = (value: number | null): string => (value === null ? '--' : value === 0 ? '0' : value.toExponential(2));

/**
 * A diff report as text: a verdict line, metadata differences, a table of differing values
 * (exact JSON numbers and the relative difference) and the first differing trade.
 * `labels` name the two sides (file paths or run ids).
 */
export function renderDiffReport(report: DiffReport, chalk: ChalkInstance, labels: { readonly baseline: string; readonly current: string }): string {
  const lines: string[] = [chalk.dim(`comparing ${labels.current} with the baseline ${labels.baseline} (relative tolerance ${report.tolerance})`)];
  const trades = report.trades;
  if (report.equal) {
    const tradeText = trades === null ? ' (trades not compared: --metrics-only)' : ` and all ${trades.currentCount} trades${trades.currentOpenCount > 0 ? ` (+${trades.currentOpenCount} open)` : ''}`;
    lines.push(chalk.green(`equal: ${report.comparedValues} values${tradeText} match the baseline`));
  } else {
    const parts: string[] = [];
    if (report.metadata.length > 0) parts.push(`${report.metadata.length} setting${report.metadata.length === 1 ? '' : 's'}`);
    if (report.values.length > 0) parts.push(`${report.values.length} of ${report.comparedValues} values`);
    if (trades !== null && trades.firstDifference !== null) parts.push('trades');
    lines.push(chalk.red.bold(`different: ${parts.join(', ')} differ from the baseline`));
  }
  if (report.metadata.length > 0) lines.push('settings that must match differ (the runs are not like for like):', ...renderFieldDifferences(report.metadata));
  if (report.notes.length > 0) lines.push(chalk.dim('notes (not counted as differences):'), ...renderFieldDifferences(report.notes).map((line) => chalk.dim(line)));
  if (report.values.length > 0) {
    const table = compactTable(['Value', 'Baseline', 'Current', 'Rel. diff'], chalk, ['left', 'right', 'right', 'right']);
    for (const d of report.values) {
      const label = findCheckKey(d.key)?.label;
      const name = `${d.key}${label === undefined ? '' : chalk.dim(` (${label})`)}`;
      table.push([d.note === undefined ? name : `${name}\n${chalk.dim(d.note)}`, String(d.baseline), String(d.current), formatRelative(d.relativeDifference)]);
    }
    lines.push(table.toString());
  }
  if (trades !== null && !report.equal) {
    const counts = `trades: ${trades.baselineCount} → ${trades.currentCount} closed, ${trades.baselineOpenCount} → ${trades.currentOpenCount} open`;
    lines.push(trades.firstDifference === null ? `${counts}; every trade matches` : counts);
    if (trades.firstDifference !== null) lines.push(...renderTradeDifference(trades.firstDifference, chalk));
  }
  return lines.join('\n');
}

/** One-line summary of a diff for the error line: what differs. */
export function describeDiff(report: DiffReport): string {
  const parts: string[] = [];
  if (report.metadata.length > 0) parts.push(`settings (${report.metadata.map((d) => d.path).slice(0, 3).join(', ')}${report.metadata.length > 3 ? ', …' : ''})`);
  if (report.values.length > 0) parts.push(`${report.values.length} value${report.values.length === 1 ? '' : 's'} (${report.values.map((d) => d.key).slice(0, 4).join(', ')}${report.values.length > 4 ? ', …' : ''})`);
  const first = report.trades?.firstDifference;
  if (first !== null && first !== undefined) parts.push(`trades (first at ${first.list}[${first.index}])`);
  return parts.length === 0 ? 'no differences' : parts.join('; ');
}

function describeFinding(finding: AuditFinding, intraday: boolean): string {
  const what = finding.kind === 'indicator' ? `indicator "${finding.subject}"` : finding.kind === 'error' ? `the run failed (${finding.subject})` : finding.subject;
  return `${what} at bar ${finding.bar} (${formatTime(finding.time, intraday)}) changes when the bars after ${finding.cut} are removed`;
}

/** Most findings listed in the audit table. */
const MAX_LISTED_FINDINGS = 10;

/**
 * The audit report as text: a verdict, and for look-ahead the first offending bar with both
 * values, then one row per differing cut.
 */
export function renderAuditReport(report: AuditReport, chalk: ChalkInstance, intraday = false): string {
  const compared = `${report.indicators.length} indicator${report.indicators.length === 1 ? '' : 's'} and ${report.orders} order${report.orders === 1 ? '' : 's'}`;
  if (report.clean || report.first === null) {
    return chalk.green(`no look-ahead found in ${report.cuts.length} cuts`) + chalk.dim(` (${report.strategy}: ${compared} compared on data ending at bars ${report.cuts[0]}…${report.cuts[report.cuts.length - 1]} of ${report.bars})`);
  }
  const first = report.first;
  const lines = [
    chalk.red.bold(`look-ahead found: ${report.findings.length} of ${report.cuts.length} cuts differ`) + chalk.dim(` (${report.strategy}: ${compared} compared)`),
    `first: ${describeFinding(first, intraday)}`,
    `  with all the data:      ${first.full}`,
    `  data ending at bar ${first.cut}: ${chalk.bold(first.truncated)}`,
  ];
  const table = compactTable(['Cut', 'Bar', 'Time', 'What', 'All data', 'Data ending at cut'], chalk, ['right', 'right', 'left', 'left', 'left', 'left']);
  const width = 36;
  const clip = (text: string) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
  for (const finding of report.findings.slice(0, MAX_LISTED_FINDINGS)) {
    const what = finding.kind === 'indicator' ? `indicator "${finding.subject}"` : finding.kind === 'error' ? `error ${finding.subject}` : finding.subject;
    table.push([finding.cut, finding.bar, formatTime(finding.time, intraday), what, clip(finding.full), clip(finding.truncated)]);
  }
  lines.push(table.toString());
  if (report.findings.length > MAX_LISTED_FINDINGS) lines.push(chalk.dim(`… and ${report.findings.length - MAX_LISTED_FINDINGS} more cuts (--json lists all)`));
  return lines.join('\n');
}
