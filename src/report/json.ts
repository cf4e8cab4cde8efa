/**
 * The JSON result document of `bt run` (`--json`, `summary.json`, baselines and the run
 * store). Keys keep a fixed order, numbers are written as JavaScript's shortest round-trip
 * decimals, and NaN/±Infinity never appear: they become `null` (metrics say why in
 * `nullReasons`). No wall-clock time and no absolute path is included, so the same inputs
 * give byte-identical output. The schema is documented in README.md ("JSON result").
 */
import type { RunResult } from '../engine/run-backtest.js';
import type { MarketProvenance } from '../data/load-market.js';
import type { ExitLevel, Sizing, TrailDistance } from '../engine/types.js';
import type { Metrics } from '../metrics/index.js';
import { symbolNames } from './symbol-names.js';

/** Version of the document layout; bumped on any incompatible change. */
export const SCHEMA_VERSION = 1;

/** Facts about a run that the engine does not know (where things came from, the settings). */
export interface RunMeta {
  readonly btVersion: string;
  readonly strategy: { readonly name: string; readonly source: string; readonly kind: 'builtin' | 'file'; readonly sha256: string };
  /**
   * The bars used: path as given (or data spec), SHA-256, layout; `market` only for a
   * `SOURCE:SYMBOL` spec: source, symbol, timeframe, fetch time and SHA-256 of the bars used.
   */
  readonly data: { readonly file: string; readonly sha256: string; readonly dialect: string; readonly market?: MarketProvenance };
  readonly conventions: Conventions;
}

/** Every convention in force, echoed in the result. */
export interface Conventions {
  readonly initialCash: number;
  readonly commissionRate: number;
  readonly commissionFixed: number;
  readonly slippageRate: number;
  readonly fill: 'next-open' | 'close';
  readonly sizing: Sizing;
  readonly fractional: boolean;
  readonly closeAtEnd: boolean;
  readonly stopLoss: ExitLevel | undefined;
  readonly takeProfit: ExitLevel | undefined;
  readonly trailingStop: TrailDistance | undefined;
  readonly from: number | undefined;
  readonly to: number | undefined;
  /** Peer conventions (`--compat` and its switches); undefined with bt's own, so default documents keep their bytes. */
  readonly compat?: { readonly preset: string | null; readonly closeAtEndPrice: string; readonly firstDecision: string; readonly sqn: string; readonly brackets: string };
}

/** Plain-words statement of the fixed rules, included in every result. */
export const FIXED_RULES = {
  decision: 'strategy decides at the close of bar t from data up to t; first decision bar = 1 + longest indicator warm-up',
  marketFill: 'market orders fill at the next bar open (fill=next-open) or at the signal bar close (fill=close)',
  stopFill: 'stops fill at the stop, or at the open when the bar gaps through it',
  limitFill: 'limits fill at the limit, or at the better open on a gap',
  sameBar: 'stops are matched before limits: with stop-loss and take-profit both in range the stop-loss fills',
  brackets: 'attached exits are active from the bar after the entry fill',
  commission: 'commission = |units| × price × rate + fixed, on every fill',
  slippage: 'slippage moves the fill price against the order by the slippage rate',
  allInSizing: 'fraction sizing: units = floor(available × f / (p + f·p·rate / f)) at the fill price p (backtesting.py 0.6.6)',
  crossover: 'strict: a[t−1] < b[t−1] and a[t] > b[t]',
  prices: 'open/high/low/close as in the file; adjusted close never used',
  endOfData: 'open trades stay open, marked at the last close, unless closeAtEnd',
} as const;

function sizingJson(sizing: Sizing): Record<string, unknown> {
  return { ...sizing };
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/**
 * Builds the result document (a plain object with a fixed key order).
 * Times are UTC epoch ms; ratios are fractions; money in the data's quote currency.
 */
export function buildRunDocument(run: RunResult, metrics: Metrics, meta: RunMeta): Record<string, unknown> {
  const bars = run.bars;
  const symbol = bars.symbol;
  const names = symbolNames(run);
  const c = meta.conventions;
  return {
    schemaVersion: SCHEMA_VERSION,
    btVersion: meta.btVersion,
    strategy: { ...meta.strategy, params: run.params },
    data: {
      file: meta.data.file,
      sha256: meta.data.sha256,
      dialect: meta.data.dialect,
      ...(meta.data.market === undefined ? {} : { market: meta.data.market }),
      symbol,
      bars: bars.length,
      start: bars.length > 0 ? bars.time[0] : null,
      end: bars.length > 0 ? bars.time[bars.length - 1] : null,
    },
    conventions: {
      initialCash: c.initialCash,
      commissionRate: c.commissionRate,
      commissionFixed: c.commissionFixed,
      slippageRate: c.slippageRate,
      fill: c.fill,
      sizing: sizingJson(c.sizing),
      fractional: c.fractional,
      closeAtEnd: c.closeAtEnd,
      stopLoss: c.stopLoss ?? null,
      takeProfit: c.takeProfit ?? null,
      trailingStop: c.trailingStop ?? null,
      from: c.from ?? null,
      to: c.to ?? null,
      ...(c.compat === undefined ? {} : { compat: c.compat }),
      warmupBars: run.warmupBars,
      firstDecisionBar: run.firstDecisionBar,
      rules: FIXED_RULES,
    },
    metrics: metrics.values,
    nullReasons: metrics.nullReasons,
    account: {
      finalCash: finite(run.finalCash),
      finalEquity: finite(run.equity[run.equity.length - 1]),
      commissionPaid: finite(run.commissionPaid),
      slippagePaid: finite(run.slippagePaid),
      openTradeCount: run.openTrades.length,
      rejectedOrderCount: run.rejectedOrders.length,
    },
    trades: run.trades.map((t) => ({
      id: t.id,
      symbol: names[t.symbol] ?? symbol,
      side: t.side,
      quantity: t.quantity,
      entryBar: t.entryBar,
      entryTime: t.entryTime,
      entryPrice: t.entryPrice,
      exitBar: t.exitBar,
      exitTime: t.exitTime,
      exitPrice: t.exitPrice,
      grossPnl: t.grossPnl,
      commission: t.commission,
      slippage: t.slippage,
      pnl: t.pnl,
      netReturn: t.netReturn,
      barsHeld: t.barsHeld,
      exitReason: t.exitReason,
      tag: t.tag ?? null,
    })),
    openTrades: run.openTrades.map((t) => ({
      id: t.id,
      symbol: names[t.symbol] ?? symbol,
      side: t.side,
      quantity: t.quantity,
      entryBar: t.entryBar,
      entryTime: t.entryTime,
      entryPrice: t.entryPrice,
      entryCommission: t.entryCommission,
      markPrice: t.markPrice,
      unrealizedPnl: t.unrealizedPnl,
      tag: t.tag ?? null,
    })),
    rejectedOrders: run.rejectedOrders.map((r) => ({
      orderId: r.order.id,
      bar: r.bar,
      time: r.time,
      side: r.order.side,
      type: r.order.type,
      reason: r.reason,
    })),
    logs: run.logs.map((l) => ({ bar: l.bar, time: l.time, message: l.message })),
  };
}

/**
 * Serializes a document: 2-space indentation, a final newline, and any non-finite number as
 * `null` (defence in depth; builders already avoid them).
 */
export function stringifyDocument(document: unknown): string {
  return `${JSON.stringify(document, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`;
}

/** Maps a non-finite number to null, as {@link stringifyDocument} does. */
const finiteOrNull = (_key: string, value: unknown): unknown => (typeof value === 'number' && !Number.isFinite(value) ? null : value);

/** Arrays longer than this are written element by element by {@link stringifyDocumentChunks}. */
const LARGE_ARRAY = 256;

/** Characters collected before a chunk is handed out. */
const CHUNK_CHARS = 1 << 16;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** True when `value` is, or holds through plain objects, an array longer than {@link LARGE_ARRAY}. */
function holdsLargeArray(value: unknown, depth: number): boolean {
  if (Array.isArray(value)) return value.length > LARGE_ARRAY;
  if (!isPlainObject(value) || depth > 8) return false;
  for (const key of Object.keys(value)) if (holdsLargeArray(value[key], depth + 1)) return true;
  return false;
}

/** `JSON.stringify(value, finiteOrNull, 2)` as if written at `indent`; undefined for values JSON omits. */
function stringifyAt(value: unknown, indent: string): string | undefined {
  const text = JSON.stringify(value, finiteOrNull, 2) as string | undefined;
  // JSON escapes line breaks inside strings, so every "\n" here is one of the indentation's.
  return text === undefined || indent === '' ? text : text.replace(/\n/g, `\n${indent}`);
}

function* chunksAt(value: unknown, indent: string): Generator<string> {
  const inner = `${indent}  `;
  if (Array.isArray(value) && value.length > LARGE_ARRAY) {
    let buffer = '[';
    for (let i = 0; i < value.length; i++) {
      buffer += `${i === 0 ? '' : ','}\n${inner}${stringifyAt(finiteOrNull(String(i), value[i]), inner) ?? 'null'}`;
      if (buffer.length >= CHUNK_CHARS) {
        yield buffer;
        buffer = '';
      }
    }
    yield `${buffer}\n${indent}]`;
    return;
  }
  if (isPlainObject(value) && holdsLargeArray(value, 0)) {
    let separator = '{';
    for (const key of Object.keys(value)) {
      const item = finiteOrNull(key, value[key]);
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      yield `${separator}\n${inner}${JSON.stringify(key)}: `;
      yield* chunksAt(item, inner);
      separator = ',';
    }
    yield `\n${indent}}`;
    return;
  }
  yield stringifyAt(value, indent) ?? 'null';
}

/**
 * {@link stringifyDocument} in pieces of about 64 K characters, so a document with long arrays
 * (a run of millions of bars with many trades or rejected orders) is written without one
 * string holding all of it. Joined, the pieces are exactly `stringifyDocument(document)`.
 */
export function* stringifyDocumentChunks(document: unknown): Generator<string> {
  yield* chunksAt(document, '');
  yield '\n';
}
