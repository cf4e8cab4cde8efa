/**
 * Reading a JSON result document back (baselines, `bt diff` inputs, stored runs): the shape
 * written by src/report/json.ts `buildRunDocument`, checked just enough to compare two of them.
 */
import { DataError } from '../errors.js';

/** A closed or open trade as it appears in the JSON result (fields this module reads). */
export interface ResultTrade {
  readonly id?: number;
  readonly side?: string;
  readonly quantity?: number;
  readonly entryBar?: number;
  readonly entryPrice?: number;
  readonly exitBar?: number;
  readonly exitPrice?: number;
  readonly exitReason?: string;
  readonly pnl?: number;
  readonly [field: string]: unknown;
}

/**
 * A parsed result document. Only `metrics` is required; the rest is compared when present.
 * Ratios are fractions, times UTC epoch ms, money in the data's quote currency.
 */
export interface ResultDocument {
  readonly schemaVersion?: number;
  readonly btVersion?: string;
  readonly strategy?: { readonly name?: string; readonly sha256?: string; readonly params?: Readonly<Record<string, unknown>>; readonly [field: string]: unknown };
  readonly data?: { readonly file?: string; readonly sha256?: string; readonly [field: string]: unknown };
  readonly conventions?: Readonly<Record<string, unknown>>;
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly nullReasons?: Readonly<Record<string, string>>;
  readonly account?: Readonly<Record<string, number | null>>;
  readonly trades?: readonly ResultTrade[];
  readonly openTrades?: readonly ResultTrade[];
  readonly [field: string]: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parses and checks the text of a result document; `label` names it in messages (a path).
 * @throws DataError `BT_RESULT_INVALID` (exit 3) when the text is not JSON, or not a bt result
 *   (no `metrics` object, a metric that is neither a number nor null, `trades` not an array).
 */
export function parseResultDocument(text: string, label: string): ResultDocument {
  const hint = 'give a file written by "bt run --json", "bt run --out DIR" (summary.json) or "bt run --save-baseline FILE"';
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError('BT_RESULT_INVALID', `${label}: not valid JSON: ${reason}`, { hint, location: { file: label }, cause: error });
  }
  if (!isRecord(value)) throw new DataError('BT_RESULT_INVALID', `${label}: not a bt result document (expected a JSON object)`, { hint, location: { file: label } });
  if (!isRecord(value.metrics)) throw new DataError('BT_RESULT_INVALID', `${label}: not a bt result document (no "metrics" object)`, { hint, location: { file: label } });
  for (const [key, metric] of Object.entries(value.metrics)) {
    if (metric !== null && typeof metric !== 'number') {
      throw new DataError('BT_RESULT_INVALID', `${label}: metric "${key}" is ${JSON.stringify(metric)}, not a number or null`, { hint, location: { file: label } });
    }
  }
  for (const list of ['trades', 'openTrades'] as const) {
    if (value[list] !== undefined && !Array.isArray(value[list])) {
      throw new DataError('BT_RESULT_INVALID', `${label}: "${list}" is not an array`, { hint, location: { file: label } });
    }
  }
  return value as ResultDocument;
}
