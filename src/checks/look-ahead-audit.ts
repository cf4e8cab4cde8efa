/**
 * The look-ahead audit (`bt audit`): a strategy that decides at bar t from bars ≤ t only must
 * behave the same whether or not the bars after t exist. The audit runs the strategy once on
 * the full data and again on truncated copies that end at a set of cut bars c, and compares,
 * for every bar t ≤ c:
 *
 * - every registered indicator value (bit for bit; NaN equals NaN);
 * - every order decision (side, type, sizing, limit/stop/trail prices, attached exits, expiry,
 *   tag) submitted at t, in submission order;
 * - every order status change (fill, cancel, expiry, rejection) that happened at t;
 * - every fill at t (side, quantity, price, reason).
 *
 * Any difference means something at bar t used data from after t. The strategy sees the full
 * data's `ctx.lastBar` on every copy (src/checks/audit-context.ts), and trades are never closed
 * at the end of a copy, so end-of-data conventions are not reported. Pure: no I/O.
 */
import { alignFeeds } from '../data/align.js';
import type { BarSeries } from '../data/bar-series.js';
import { sliceBars } from '../data/bar-series.js';
import { runBacktest, type RunOptions, type RunResult } from '../engine/run-backtest.js';
import { isPortfolioResult, runPortfolio, type PortfolioRunOptions } from '../engine/run-portfolio.js';
import type { Fill, Order, OrderRecord } from '../engine/types.js';
import { BtError, DataError } from '../errors.js';
import type { PortfolioStrategy } from '../strategy/define-portfolio-strategy.js';
import type { Strategy } from '../strategy/define-strategy.js';
import type { ParamSchema, ParamValues } from '../strategy/params.js';
import { withReportedLastBar } from './audit-context.js';

/** Default number of evenly spaced cuts between the first decision bar and the end. */
export const DEFAULT_AUDIT_CUTS = 20;

/** What differed between the full run and a truncated one. */
export type AuditFindingKind = 'indicator' | 'order' | 'order-status' | 'fill' | 'error';

/** The first difference found at one cut. */
export interface AuditFinding {
  /** Last bar kept in the truncated copy [bar index]. */
  readonly cut: number;
  /** First bar whose value or decision differs [bar index, ≤ cut]. */
  readonly bar: number;
  /** Time of `bar` [UTC epoch ms]. */
  readonly time: number;
  readonly kind: AuditFindingKind;
  /** Indicator name, `order #ID`, `fill of order #ID`, or the error code. */
  readonly subject: string;
  /** The value or decision with all the data. */
  readonly full: string;
  /** The value or decision when the data ends at `cut`. */
  readonly truncated: string;
}

/** Result of {@link auditLookAhead}; the key order is the JSON layout of `bt audit --json`. */
export interface AuditReport {
  readonly strategy: string;
  /** Bars in the full data. */
  readonly bars: number;
  readonly firstDecisionBar: number;
  /** The cut bars tried, ascending. */
  readonly cuts: readonly number[];
  /** Names of the registered indicators that were compared. */
  readonly indicators: readonly string[];
  /** Orders the full run submitted (all compared up to each cut). */
  readonly orders: number;
  /** True when no cut showed a difference. */
  readonly clean: boolean;
  /** The finding with the earliest bar (first by cut on ties; errors only when nothing else differs), or null. */
  readonly first: AuditFinding | null;
  /** The first difference of every cut that had one, by cut. */
  readonly findings: readonly AuditFinding[];
}

/**
 * What the audit runs: a strategy bound to its data, runnable on the data truncated after any
 * bar of its timeline. Build one with {@link singleAssetTarget} or {@link portfolioTarget}.
 */
export interface AuditTarget {
  readonly strategy: string;
  /** Bar times of the full run's timeline [UTC epoch ms]. */
  readonly time: Float64Array;
  /** Earliest meaningful cut besides the first decision bar (portfolios: every symbol listed). */
  readonly earliestCut: number;
  /** Source file of the data, for messages. */
  readonly file: string;
  /** True when bar times have a time of day (how times are printed). */
  readonly intraday: boolean;
  /** Runs on the bars up to and including timeline bar `end` (the last bar: the full run). */
  run(end: number): RunResult;
}

/** Options of {@link auditLookAhead}. */
export interface AuditOptions {
  /** Evenly spaced cuts besides the two edges (default {@link DEFAULT_AUDIT_CUTS}, ≥ 1). */
  readonly cuts?: number;
  /** Called after each cut is checked: cuts done and total. */
  readonly onCut?: (done: number, total: number) => void;
}

/** Engine options for audit runs: never close trades at the end of a copy, no progress. */
function auditRunOptions<O extends RunOptions>(options: O): O {
  return { ...options, closeAtEnd: false, onProgress: undefined };
}

/** A single-asset strategy on one series (`bt run` without portfolio). */
export function singleAssetTarget<S extends ParamSchema, State>(bars: BarSeries, strategy: Strategy<S, State>, params: ParamValues<S>, options: RunOptions): AuditTarget {
  const audited = withReportedLastBar(strategy, bars.length - 1);
  const runOptions = auditRunOptions(options);
  return {
    strategy: strategy.name,
    time: bars.time,
    earliestCut: 0,
    file: bars.source.file,
    intraday: bars.intraday,
    run: (end) => runBacktest(end >= bars.length - 1 ? bars : sliceBars(bars, 0, end + 1), audited, params, runOptions),
  };
}

/** Bars of `series` with time ≤ `until` [ms], as a view. */
function barsUntil(series: BarSeries, until: number): BarSeries {
  let end = series.length;
  while (end > 0 && series.time[end - 1] > until) end--;
  return end === series.length ? series : sliceBars(series, 0, end);
}

/**
 * A portfolio strategy on several series. A truncated copy keeps each series' bars up to the
 * cut's time (its timeline is a prefix of the full one); cuts start once every symbol has a
 * bar, so every copy trades the same symbols.
 */
export function portfolioTarget<S extends ParamSchema, State>(
  series: readonly BarSeries[],
  strategy: PortfolioStrategy<S, State>,
  params: ParamValues<S>,
  options: PortfolioRunOptions,
): AuditTarget {
  const runOptions = auditRunOptions(options);
  const time = alignFeeds(series).time;
  const audited = withReportedLastBar(strategy, time.length - 1);
  const listed = Math.max(...series.map((s) => time.indexOf(s.time[0])));
  const benchmark = options.benchmark;
  return {
    strategy: strategy.name,
    time,
    earliestCut: listed,
    file: series.map((s) => s.source.file).join(', '),
    intraday: series.some((s) => s.intraday),
    run(end) {
      if (end >= time.length - 1) return runPortfolio(series, audited, params, runOptions);
      const until = time[end];
      const cutBenchmark = benchmark === undefined || typeof benchmark === 'string' ? benchmark : barsUntil(benchmark, until);
      return runPortfolio(series.map((s) => barsUntil(s, until)), audited, params, { ...runOptions, benchmark: cutBenchmark });
    },
  };
}

/**
 * The cut bars for a series of `bars` bars: the first decision bar, the second-to-last bar
 * (n − 2; the last is the full run) and `count` bars evenly spaced between them, ascending
 * and without repeats. Empty when the first decision bar is beyond n − 2.
 */
export function auditCuts(bars: number, firstDecisionBar: number, count: number): number[] {
  const low = firstDecisionBar;
  const high = bars - 2;
  if (low > high) return [];
  const cuts = new Set<number>([low, high]);
  for (let k = 1; k <= count; k++) cuts.add(low + Math.round(((high - low) * k) / (count + 1)));
  return [...cuts].sort((a, b) => a - b);
}

const sameNumber = (a: number, b: number): boolean => a === b || (a !== a && b !== b);

/** An order decision in words, with every field that the audit compares. */
export function describeOrder(order: Order): string {
  const parts = [`${order.side} ${order.type}`, `sizing ${JSON.stringify(order.sizing)}`];
  if (order.limitPrice !== undefined) parts.push(`limit ${order.limitPrice}`);
  if (order.stopPrice !== undefined) parts.push(`stop ${order.stopPrice}`);
  if (order.trail !== undefined) parts.push(`trail ${JSON.stringify(order.trail)}`);
  if (order.stopLoss !== undefined) parts.push(`stop-loss ${JSON.stringify(order.stopLoss)}`);
  if (order.takeProfit !== undefined) parts.push(`take-profit ${JSON.stringify(order.takeProfit)}`);
  if (order.trailingStop !== undefined) parts.push(`trailing stop ${JSON.stringify(order.trailingStop)}`);
  if (order.expiresAfterBars !== undefined) parts.push(`expires after ${order.expiresAfterBars} bars`);
  if (order.reduceOnly) parts.push('reduce-only');
  if (order.role !== undefined) parts.push(`${order.role} of trade ${order.parentTradeId}`);
  if (order.tag !== undefined) parts.push(`tag "${order.tag}"`);
  return `${parts.join(', ')} (submitted at bar ${order.submittedBar})`;
}

/** Every field of an order but its id, as canonical text: what the strategy decided. */
function decisionKey(order: Order): string {
  const { id: _id, ...decision } = order;
  return JSON.stringify(decision);
}

function describeStatus(record: OrderRecord, cut: number): string {
  return record.closedBar !== undefined && record.closedBar <= cut ? `${record.status} at bar ${record.closedBar}` : 'pending';
}

function describeFill(fill: Fill): string {
  return `${fill.side} ${fill.quantity} at ${fill.price} (${fill.reason}) at bar ${fill.bar}`;
}

interface Candidate {
  readonly bar: number;
  readonly kind: AuditFindingKind;
  readonly subject: string;
  readonly full: string;
  readonly truncated: string;
}

/** Registered indicators with their names (`SYMBOL:name` in portfolios), timeline values. */
function indicatorsOf(run: RunResult): { readonly name: string; readonly values: Float64Array }[] {
  if (!isPortfolioResult(run)) return run.indicators.map((indicator) => ({ name: indicator.name, values: indicator.values }));
  return run.symbolIndicators.map((indicator) => ({ name: `${run.symbols[indicator.symbol]}:${indicator.name}`, values: indicator.values }));
}

function compareIndicators(full: RunResult, truncated: RunResult, cut: number): Candidate | undefined {
  const fullIndicators = indicatorsOf(full);
  const truncatedIndicators = indicatorsOf(truncated);
  const names = (list: { name: string }[]) => list.map((indicator) => indicator.name).join(', ');
  if (names(fullIndicators) !== names(truncatedIndicators)) {
    return { bar: 0, kind: 'indicator', subject: 'registered indicators', full: names(fullIndicators) || '(none)', truncated: names(truncatedIndicators) || '(none)' };
  }
  let best: Candidate | undefined;
  fullIndicators.forEach((indicator, i) => {
    const a = indicator.values;
    const b = truncatedIndicators[i].values;
    const end = best === undefined ? cut : best.bar - 1;
    for (let t = 0; t <= end; t++) {
      if (!sameNumber(a[t], b[t])) {
        best = { bar: t, kind: 'indicator', subject: indicator.name, full: String(a[t]), truncated: String(b[t]) };
        return;
      }
    }
  });
  return best;
}

function compareOrders(full: RunResult, truncated: RunResult, cut: number): Candidate | undefined {
  const a = full.orders.filter((record) => record.order.submittedBar <= cut);
  const b = truncated.orders;
  const length = Math.max(a.length, b.length);
  let status: Candidate | undefined;
  for (let i = 0; i < length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined || decisionKey(x.order) !== decisionKey(y.order)) {
      let xText = x === undefined ? 'no order' : describeOrder(x.order);
      let yText = y === undefined ? 'no order' : describeOrder(y.order);
      if (xText === yText && x !== undefined && y !== undefined) {
        xText = decisionKey(x.order);
        yText = decisionKey(y.order);
      }
      const bar = Math.min(x?.order.submittedBar ?? Infinity, y?.order.submittedBar ?? Infinity);
      const id = (x ?? y)!.order.id;
      const decision: Candidate = { bar, kind: 'order', subject: `order #${id}`, full: xText, truncated: yText };
      return status !== undefined && status.bar < bar ? status : decision;
    }
    const xStatus = describeStatus(x, cut);
    const yStatus = describeStatus(y, cut);
    if (xStatus !== yStatus) {
      const bar = Math.min(x.closedBar !== undefined && x.closedBar <= cut ? x.closedBar : Infinity, y.closedBar ?? Infinity);
      if (status === undefined || bar < status.bar) status = { bar, kind: 'order-status', subject: `order #${x.order.id}`, full: xStatus, truncated: yStatus };
    }
  }
  return status;
}

function compareFills(full: RunResult, truncated: RunResult, cut: number): Candidate | undefined {
  const a = full.fills.filter((fill) => fill.bar <= cut);
  const b = truncated.fills;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i];
    const y = b[i];
    const xText = x === undefined ? 'no fill' : `${describeFill(x)} for order #${x.orderId}`;
    const yText = y === undefined ? 'no fill' : `${describeFill(y)} for order #${y.orderId}`;
    if (xText !== yText) {
      const bar = Math.min(x?.bar ?? Infinity, y?.bar ?? Infinity);
      return { bar, kind: 'fill', subject: `fill of order #${(x ?? y)!.orderId}`, full: xText, truncated: yText };
    }
  }
  return undefined;
}

/** The earliest difference between the full run and the run truncated at `cut`, if any. */
function compareAtCut(full: RunResult, truncated: RunResult, cut: number): Candidate | undefined {
  let best: Candidate | undefined;
  for (const candidate of [compareIndicators(full, truncated, cut), compareOrders(full, truncated, cut), compareFills(full, truncated, cut)]) {
    if (candidate !== undefined && (best === undefined || candidate.bar < best.bar)) best = candidate;
  }
  return best;
}

/**
 * Runs the look-ahead audit of `target`: the full run, then one run per cut (see
 * {@link auditCuts}; cuts start no earlier than `target.earliestCut`), each compared with the
 * full run at every bar up to its cut.
 * @throws DataError `BT_AUDIT_TOO_SHORT` when no bar lies between the first decision bar and
 *   the second-to-last bar; the full run's own errors (StrategyError, DataError) unchanged.
 *   Errors of a truncated run are findings, not exceptions: code that fails only when later
 *   bars are missing reads them.
 */
export function auditLookAhead(target: AuditTarget, options: AuditOptions = {}): AuditReport {
  const n = target.time.length;
  const full = target.run(n - 1);
  const cuts = auditCuts(n, Math.max(full.firstDecisionBar, target.earliestCut), Math.max(1, Math.floor(options.cuts ?? DEFAULT_AUDIT_CUTS)));
  if (cuts.length === 0) {
    throw new DataError('BT_AUDIT_TOO_SHORT', `${target.file}: ${n} bars leave no bar to cut between the first decision bar (${full.firstDecisionBar}) and the second-to-last bar`, {
      hint: 'audit on more bars (widen --from/--to, or a longer file)',
      location: { file: target.file },
    });
  }
  const findings: AuditFinding[] = [];
  cuts.forEach((cut, index) => {
    let candidate: Candidate | undefined;
    try {
      candidate = compareAtCut(full, target.run(cut), cut);
    } catch (error) {
      if (!(error instanceof BtError)) throw error;
      candidate = { bar: cut, kind: 'error', subject: error.code, full: 'ran without error', truncated: error.message };
    }
    if (candidate !== undefined) findings.push({ cut, ...candidate, time: target.time[candidate.bar] });
    options.onCut?.(index + 1, cuts.length);
  });
  // An error's bar is only its cut (where it happened is in its message), so a finding that
  // pins a bar comes first.
  let first: AuditFinding | null = null;
  const rank = (finding: AuditFinding) => (finding.kind === 'error' ? 1 : 0);
  for (const finding of findings) {
    if (first === null || rank(finding) < rank(first) || (rank(finding) === rank(first) && finding.bar < first.bar)) first = finding;
  }
  return {
    strategy: target.strategy,
    bars: n,
    firstDecisionBar: full.firstDecisionBar,
    cuts,
    indicators: indicatorsOf(full).map((indicator) => indicator.name),
    orders: full.orders.length,
    clean: findings.length === 0,
    first,
    findings,
  };
}
