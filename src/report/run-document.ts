/**
 * Terminal output of a run rebuilt from its JSON result document (`bt runs show`): the same
 * header, metrics table, notes and check reports that `bt run` prints (src/cli/commands/run.ts
 * `emitRun`, then run-checks.ts), from the fields the document keeps. The TTY-only extras (equity chart, summary line) need the
 * equity curve, which the document does not hold, so they are not drawn.
 */
import type { ChalkInstance } from 'chalk';
import { DataError } from '../errors.js';
import type { Metrics } from '../metrics/index.js';
import type { AssertionResult } from '../checks/assertion.js';
import type { DiffReport } from '../checks/diff-results.js';
import type { PortfolioRunResult } from '../engine/run-portfolio.js';
import type { SymbolContribution } from '../metrics/portfolio-breakdown.js';
import { renderAssertionTable, renderDiffReport } from './checks-report.js';
import { renderSymbolTable } from './portfolio.js';
import { renderHeaderFacts, renderMetricsTable, type HeaderFacts } from './table.js';

/** A rejected order as far as the notes need it (a `RunResult` entry or a document entry). */
export interface RejectedOrderNote {
  readonly bar: number;
  readonly reason: string;
}

/**
 * The notes below the tables about the result itself (shown dimmed, each after `note: `):
 * trades still open at the end, and rejected orders with the first one's bar and reason.
 */
export function resultNotes(openTradeCount: number, rejectedOrders: readonly RejectedOrderNote[]): string[] {
  const notes: string[] = [];
  if (openTradeCount > 0) notes.push(`${openTradeCount} trade(s) still open at the end, marked at the last close (use --close-at-end to close them)`);
  if (rejectedOrders.length > 0) {
    const first = rejectedOrders[0];
    notes.push(`${rejectedOrders.length} order(s) rejected; first at bar ${first.bar}: ${first.reason}`);
  }
  return notes;
}

/** Options of {@link renderRunDocument}. */
export interface RunDocumentRenderOptions {
  readonly chalk: ChalkInstance;
  /** Whether the run's bars had times of day (kept beside the document by the run store). */
  readonly intraday: boolean;
  /** As `bt run --quiet`: the metrics table only. */
  readonly quiet?: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function invalid(what: string): never {
  throw new DataError('BT_RESULT_INVALID', `stored result document has no valid ${what}`, {
    hint: 'the run store was edited or written by another program; remove the run with "bt runs rm ID" and run it again',
  });
}

function group(document: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = document[key];
  return isRecord(value) ? value : invalid(`"${key}" object`);
}

function num(value: unknown, what: string): number {
  return typeof value === 'number' ? value : invalid(`number "${what}"`);
}

function str(value: unknown, what: string): string {
  return typeof value === 'string' ? value : invalid(`text "${what}"`);
}

/** The header facts of a result document (`strategy`, `data`, `conventions`). */
export function headerFactsOf(document: Record<string, unknown>, intraday: boolean): HeaderFacts {
  const strategy = group(document, 'strategy');
  const data = group(document, 'data');
  const conventions = group(document, 'conventions');
  return {
    strategy: str(strategy.name, 'strategy.name'),
    params: isRecord(strategy.params) ? strategy.params : invalid('"strategy.params" object'),
    symbol: str(data.symbol, 'data.symbol'),
    file: str(data.file, 'data.file'),
    bars: num(data.bars, 'data.bars'),
    // A run always has bars; null would only come from an empty series (shown as NaN, as bt run would).
    start: typeof data.start === 'number' ? data.start : Number.NaN,
    end: typeof data.end === 'number' ? data.end : Number.NaN,
    intraday,
    firstDecisionBar: num(conventions.firstDecisionBar, 'conventions.firstDecisionBar'),
    conventions: conventions as unknown as HeaderFacts['conventions'],
  };
}

const numberOrNaN = (value: unknown): number => (typeof value === 'number' ? value : Number.NaN);

/**
 * The per-symbol table of a portfolio run from the document's `portfolio` section
 * (src/report/portfolio.ts `renderSymbolTable` reads only the benchmark, the intraday flag and
 * the per-symbol figures; `null` figures were NaN in the run and print as such).
 */
function symbolTableOf(portfolio: Record<string, unknown>, intraday: boolean, chalk: ChalkInstance): string {
  const bySymbol = Array.isArray(portfolio.bySymbol) ? portfolio.bySymbol.filter(isRecord) : invalid('"portfolio.bySymbol" list');
  const contributions: SymbolContribution[] = bySymbol.map((c) => ({
    symbol: str(c.symbol, 'portfolio.bySymbol[].symbol'),
    bars: numberOrNaN(c.bars),
    start: numberOrNaN(c.start),
    end: numberOrNaN(c.end),
    exposure: numberOrNaN(c.exposure),
    averageWeight: numberOrNaN(c.averageWeight),
    tradeCount: numberOrNaN(c.tradeCount),
    realizedPnl: numberOrNaN(c.realizedPnl),
    openPnl: numberOrNaN(c.openPnl),
    contribution: numberOrNaN(c.contribution),
    commission: numberOrNaN(c.commission),
  }));
  const view = { benchmark: str(portfolio.benchmark, 'portfolio.benchmark'), feeds: { intraday } } as unknown as PortfolioRunResult;
  return renderSymbolTable(view, contributions, chalk);
}

/**
 * The default terminal output of `bt run` (non-TTY, no `--trades`, no `--out`/`--report`
 * notes) for a stored result document, with its final newline: the header (unless `quiet`),
 * the metrics table, a portfolio's per-symbol table, the open-trade and rejected-order notes
 * (unless `quiet`), then the `--assert` table and `--baseline` diff when the run had checks.
 * @throws DataError `BT_RESULT_INVALID` when the document lacks a field the output needs.
 */
export function renderRunDocument(document: Record<string, unknown>, options: RunDocumentRenderOptions): string {
  const { chalk, intraday } = options;
  const metricValues = group(document, 'metrics');
  const metrics = { values: metricValues, nullReasons: isRecord(document.nullReasons) ? document.nullReasons : {} } as unknown as Metrics;
  const parts: string[] = [];
  if (options.quiet !== true) parts.push(renderHeaderFacts(headerFactsOf(document, intraday), chalk));
  parts.push(renderMetricsTable(metrics, chalk, intraday));
  if (isRecord(document.portfolio)) parts.push(symbolTableOf(document.portfolio, intraday, chalk));
  if (options.quiet !== true) {
    const account = isRecord(document.account) ? document.account : {};
    const openTradeCount = typeof account.openTradeCount === 'number' ? account.openTradeCount : Array.isArray(document.openTrades) ? document.openTrades.length : 0;
    const rejected = Array.isArray(document.rejectedOrders) ? (document.rejectedOrders as RejectedOrderNote[]) : [];
    for (const note of resultNotes(openTradeCount, rejected)) parts.push(chalk.dim(`note: ${note}`));
  }
  const checks = isRecord(document.checks) ? renderStoredChecks(document.checks, chalk, intraday) : '';
  return `${parts.join('\n')}\n${checks}`;
}

/**
 * What `bt run` printed after its tables for `--assert` and `--baseline` (src/cli/commands/
 * run-checks.ts), from the document's `checks`: the assertion table and the baseline diff
 * (labelled with the baseline path as recorded), each with a final newline; '' without checks.
 */
function renderStoredChecks(checks: Record<string, unknown>, chalk: ChalkInstance, intraday: boolean): string {
  const sections: string[] = [];
  const assertions = Array.isArray(checks.assertions) ? (checks.assertions as AssertionResult[]) : [];
  if (assertions.length > 0) sections.push(renderAssertionTable(assertions, chalk, intraday));
  if (isRecord(checks.baseline)) {
    const { file, ...report } = checks.baseline;
    sections.push(renderDiffReport(report as unknown as DiffReport, chalk, { baseline: String(file), current: 'this run' }));
  }
  return sections.length === 0 ? '' : `${sections.join('\n')}\n`;
}
