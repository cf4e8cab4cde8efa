/**
 * Comparing two run results (`bt diff`, `bt run --baseline`, and the run store's
 * `bt runs diff`): the metadata that makes them comparable, every metric and account value
 * within a relative tolerance, and the trades one by one. Pure: takes two parsed documents
 * (src/checks/result-document.ts) and returns a {@link DiffReport}; src/report/checks-report.ts
 * renders it.
 */
import type { MetricUnit } from '../metrics/registry.js';
import { findCheckKey, type CheckKeyGroup } from './check-keys.js';
import type { ResultDocument, ResultTrade } from './result-document.js';

/** Default relative tolerance of value comparisons: differences from float noise only. */
export const DEFAULT_TOLERANCE = 1e-9;

/** Options of {@link diffResults}. */
export interface DiffOptions {
  /**
   * Relative tolerance [fraction, ≥ 0]: numbers a and b are equal when
   * |a − b| ≤ tolerance × max(|a|, |b|). 0 asks for exact equality. Default {@link DEFAULT_TOLERANCE}.
   */
  readonly tolerance?: number;
  /** Compare metadata and values only, not the trades. Default false. */
  readonly metricsOnly?: boolean;
}

/** A metadata field that differs; `baseline`/`current` are absent when the field is missing there. */
export interface FieldDifference {
  /** Dotted path in the document, e.g. `strategy.params.fast`, `conventions.commissionRate`. */
  readonly path: string;
  readonly baseline?: unknown;
  readonly current?: unknown;
}

/** A metric or account value that differs beyond the tolerance. */
export interface ValueDifference {
  readonly key: string;
  readonly group: CheckKeyGroup;
  /** Unit from the metric registry (absent for a key this version of bt does not know). */
  readonly unit?: MetricUnit;
  readonly baseline: number | null;
  readonly current: number | null;
  /** |current − baseline| / max(|current|, |baseline|), or null when either is null. */
  readonly relativeDifference: number | null;
  /** Why a side is null: missing from the document, or the metric's null reason. */
  readonly note?: string;
}

/** The fields of a trade that {@link diffResults} compares and reports. */
export interface TradeSummary {
  readonly id: number | null;
  readonly side: string | null;
  readonly quantity: number | null;
  readonly entryBar: number | null;
  readonly entryPrice: number | null;
  /** Closed trades only. */
  readonly exitBar?: number | null;
  readonly exitPrice?: number | null;
  readonly exitReason?: string | null;
  readonly pnl?: number | null;
}

/** The first trade that differs (by position in its list), or that one side lacks. */
export interface TradeDifference {
  readonly list: 'trades' | 'openTrades';
  /** 0-based position in the list. */
  readonly index: number;
  /** Compared fields that differ (all of them when one side has no trade there). */
  readonly fields: readonly string[];
  readonly baseline: TradeSummary | null;
  readonly current: TradeSummary | null;
}

/** Trade counts and the first differing trade. */
export interface TradeComparison {
  readonly baselineCount: number;
  readonly currentCount: number;
  readonly baselineOpenCount: number;
  readonly currentOpenCount: number;
  /** The first difference in `trades`, else in `openTrades`; null when all match. */
  readonly firstDifference: TradeDifference | null;
}

/** What {@link diffResults} found. Key order is the JSON layout of `bt diff --json`. */
export interface DiffReport {
  /** True when nothing in `metadata`, `values` or `trades` differs. */
  readonly equal: boolean;
  readonly tolerance: number;
  readonly metricsOnly: boolean;
  /**
   * Differences in what must match for two results to be comparable: `schemaVersion`,
   * `strategy.name`, `strategy.params`, `data.sha256`, `data.symbol` and `conventions`.
   */
  readonly metadata: readonly FieldDifference[];
  /**
   * Differences that are reported but do not make results unequal: `btVersion`,
   * `strategy.sha256` (the strategy source changed) and `data.file`.
   */
  readonly notes: readonly FieldDifference[];
  /** How many metric and account values were compared. */
  readonly comparedValues: number;
  /** Values that differ beyond the tolerance, in document order. */
  readonly values: readonly ValueDifference[];
  /** Null with `metricsOnly`. */
  readonly trades: TradeComparison | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Numbers equal within a relative tolerance: a === b, or |a − b| ≤ tolerance × max(|a|, |b|).
 * Null equals only null.
 */
export function numbersEqual(a: number | null, b: number | null, tolerance: number): boolean {
  if (a === null || b === null) return a === b;
  if (a === b) return true;
  return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
}

/** Appends the leaf-level differences of `a` and `b` under `path` (deep, exact). */
function collectFieldDifferences(path: string, a: unknown, b: unknown, out: FieldDifference[]): void {
  if (isRecord(a) && isRecord(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((key) => !(key in a))];
    for (const key of keys) {
      const child = `${path}.${key}`;
      if (!(key in a)) out.push({ path: child, current: b[key] });
      else if (!(key in b)) out.push({ path: child, baseline: a[key] });
      else collectFieldDifferences(child, a[key], b[key], out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((item, i) => collectFieldDifferences(`${path}[${i}]`, item, b[i], out));
    return;
  }
  if (Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b)) return;
  const entry: { path: string; baseline?: unknown; current?: unknown } = { path };
  if (a !== undefined) entry.baseline = a;
  if (b !== undefined) entry.current = b;
  out.push(entry);
}

function field(document: ResultDocument, path: readonly string[]): unknown {
  let value: unknown = document;
  for (const part of path) value = isRecord(value) ? value[part] : undefined;
  return value;
}

const MUST_MATCH: readonly (readonly string[])[] = [['schemaVersion'], ['strategy', 'name'], ['strategy', 'params'], ['data', 'sha256'], ['data', 'symbol'], ['conventions']];
const INFORMATIONAL: readonly (readonly string[])[] = [['btVersion'], ['strategy', 'sha256'], ['data', 'file']];

function compareFields(baseline: ResultDocument, current: ResultDocument, paths: readonly (readonly string[])[]): FieldDifference[] {
  const out: FieldDifference[] = [];
  for (const path of paths) collectFieldDifferences(path.join('.'), field(baseline, path), field(current, path), out);
  return out;
}

function compareValues(
  group: CheckKeyGroup,
  baseline: Readonly<Record<string, number | null>> | undefined,
  current: Readonly<Record<string, number | null>> | undefined,
  baselineReasons: Readonly<Record<string, string>> | undefined,
  currentReasons: Readonly<Record<string, string>> | undefined,
  tolerance: number,
  out: ValueDifference[],
): number {
  const a = baseline ?? {};
  const b = current ?? {};
  const keys = [...Object.keys(b), ...Object.keys(a).filter((key) => !(key in b))];
  for (const key of keys) {
    const x = typeof a[key] === 'number' ? a[key] : null;
    const y = typeof b[key] === 'number' ? b[key] : null;
    const missing = !(key in a) ? 'missing in the baseline' : !(key in b) ? 'missing in the current result' : undefined;
    if (missing === undefined && numbersEqual(x, y, tolerance)) continue;
    const relativeDifference = x === null || y === null ? null : Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
    const nullNote = x === null && y !== null ? baselineReasons?.[key] : y === null && x !== null ? currentReasons?.[key] : undefined;
    const note = missing ?? (nullNote === undefined ? undefined : `null: ${nullNote}`);
    const unit = findCheckKey(key)?.unit;
    out.push({ key, group, ...(unit === undefined ? {} : { unit }), baseline: x, current: y, relativeDifference, ...(note === undefined ? {} : { note }) });
  }
  return keys.length;
}

const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The compared fields of a trade as it appears in the JSON result. */
export function summarizeTrade(trade: ResultTrade, list: 'trades' | 'openTrades'): TradeSummary {
  const base = { id: num(trade.id), side: str(trade.side), quantity: num(trade.quantity), entryBar: num(trade.entryBar), entryPrice: num(trade.entryPrice) };
  if (list === 'openTrades') return base;
  return { ...base, exitBar: num(trade.exitBar), exitPrice: num(trade.exitPrice), exitReason: str(trade.exitReason), pnl: num(trade.pnl) };
}

/** Bars and labels compare exactly; prices, quantities and P&L within the tolerance. */
const EXACT_FIELDS = new Set(['id', 'side', 'entryBar', 'exitBar', 'exitReason']);

function differingTradeFields(a: TradeSummary, b: TradeSummary, tolerance: number): string[] {
  const fields: string[] = [];
  for (const key of Object.keys(a) as (keyof TradeSummary)[]) {
    if (key === 'id') continue;
    const x = a[key] ?? null;
    const y = b[key] ?? null;
    const same = EXACT_FIELDS.has(key) || typeof x !== 'number' || typeof y !== 'number' ? x === y : numbersEqual(x, y, tolerance);
    if (!same) fields.push(key);
  }
  return fields;
}

function firstTradeDifference(list: 'trades' | 'openTrades', a: readonly ResultTrade[], b: readonly ResultTrade[], tolerance: number): TradeDifference | null {
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const x = index < a.length ? summarizeTrade(a[index], list) : null;
    const y = index < b.length ? summarizeTrade(b[index], list) : null;
    if (x === null || y === null) {
      const fields = Object.keys((x ?? y)!).filter((key) => key !== 'id');
      return { list, index, fields, baseline: x, current: y };
    }
    const fields = differingTradeFields(x, y, tolerance);
    if (fields.length > 0) return { list, index, fields, baseline: x, current: y };
  }
  return null;
}

/**
 * Compares `current` with `baseline`.
 *
 * - Metadata: `schemaVersion`, `strategy.name`, `strategy.params`, `data.sha256`,
 *   `data.symbol` and every `conventions` field must be identical (deep, exact); `btVersion`,
 *   `strategy.sha256` and `data.file` differences are only noted.
 * - Values: every `metrics` and `account` key of either document, within the relative
 *   tolerance ({@link numbersEqual}); null equals only null; a key missing on one side differs.
 * - Trades (unless `metricsOnly`): counts of `trades` and `openTrades`, and the first trade
 *   whose side, quantity, entry/exit bar, price, exit reason or P&L differs. Bars compare
 *   exactly, numbers within the tolerance.
 *
 * @throws RangeError when `tolerance` is negative or not finite (callers validate flags first).
 */
export function diffResults(baseline: ResultDocument, current: ResultDocument, options: DiffOptions = {}): DiffReport {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new RangeError(`tolerance must be a finite number ≥ 0, got ${tolerance}`);
  const metricsOnly = options.metricsOnly ?? false;
  const metadata = compareFields(baseline, current, MUST_MATCH);
  const notes = compareFields(baseline, current, INFORMATIONAL);
  const values: ValueDifference[] = [];
  const comparedValues =
    compareValues('metrics', baseline.metrics, current.metrics, baseline.nullReasons, current.nullReasons, tolerance, values) +
    compareValues('account', baseline.account, current.account, undefined, undefined, tolerance, values);
  let trades: TradeComparison | null = null;
  if (!metricsOnly) {
    const a = baseline.trades ?? [];
    const b = current.trades ?? [];
    const openA = baseline.openTrades ?? [];
    const openB = current.openTrades ?? [];
    trades = {
      baselineCount: a.length,
      currentCount: b.length,
      baselineOpenCount: openA.length,
      currentOpenCount: openB.length,
      firstDifference: firstTradeDifference('trades', a, b, tolerance) ?? firstTradeDifference('openTrades', openA, openB, tolerance),
    };
  }
  const equal = metadata.length === 0 && values.length === 0 && (trades === null || trades.firstDifference === null);
  return { equal, tolerance, metricsOnly, metadata, notes, comparedValues, values, trades };
}
