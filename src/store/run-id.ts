/**
 * Content-addressed run ids for the run store: the SHA-256 of a canonical JSON of what
 * determines a run's result, so the same inputs always get the same id and any change to
 * them gets a new one. Pure (no I/O).
 */
import { createHash } from 'node:crypto';
import { InternalError } from '../errors.js';

/** Version of the id recipe; part of the hashed text, bumped if the recipe ever changes. */
export const RUN_ID_SCHEME = 1;

/** Length [hex characters] of the short id shown in listings. */
export const SHORT_ID_LENGTH = 12;

/** Fewest hex characters accepted as an id prefix (`bt runs show abcd`). */
export const MIN_ID_PREFIX_LENGTH = 4;

/**
 * `conventions` keys of the result document that are derived from the inputs rather than
 * inputs themselves (the warm-up, and the fixed rules text that only a new bt version changes);
 * they are left out of the id.
 */
const DERIVED_CONVENTIONS = new Set(['warmupBars', 'firstDecisionBar', 'rules']);

/**
 * What a run id hashes: the data (file SHA-256 and the symbol picked from it), the strategy
 * (name, source SHA-256, resolved parameters), every convention in force (cash, costs, fill,
 * sizing, exits, date range) and the bt version.
 */
export interface RunIdInputs {
  readonly scheme: number;
  readonly btVersion: string;
  readonly data: { readonly sha256: string; readonly symbol: string };
  readonly strategy: { readonly name: string; readonly sha256: string; readonly params: Readonly<Record<string, unknown>> };
  readonly conventions: Readonly<Record<string, unknown>>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function text(document: Record<string, unknown>, group: string, key: string): string {
  const parent = document[group];
  const value = isRecord(parent) ? parent[key] : undefined;
  if (typeof value !== 'string') throw new InternalError('BT_RUN_ID_INPUT', `result document has no string "${group}.${key}"`);
  return value;
}

function record(document: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
  let value: unknown = document;
  for (const part of path) value = isRecord(value) ? value[part] : undefined;
  if (!isRecord(value)) throw new InternalError('BT_RUN_ID_INPUT', `result document has no object "${path.join('.')}"`);
  return value;
}

/**
 * Picks the id inputs out of a result document (src/report/json.ts `buildRunDocument`).
 * Output-only settings (`--json`, `--out`, `--quiet`…) are not in the document, so they do not
 * change the id; neither do `data.file` and `strategy.source` (where the same bytes came from).
 * @throws InternalError `BT_RUN_ID_INPUT` when the document lacks a field (a bug in the caller).
 */
export function runIdInputs(document: Record<string, unknown>): RunIdInputs {
  const btVersion = document.btVersion;
  if (typeof btVersion !== 'string') throw new InternalError('BT_RUN_ID_INPUT', 'result document has no string "btVersion"');
  const conventions = Object.fromEntries(Object.entries(record(document, ['conventions'])).filter(([key]) => !DERIVED_CONVENTIONS.has(key)));
  return {
    scheme: RUN_ID_SCHEME,
    btVersion,
    data: { sha256: text(document, 'data', 'sha256'), symbol: text(document, 'data', 'symbol') },
    strategy: { name: text(document, 'strategy', 'name'), sha256: text(document, 'strategy', 'sha256'), params: record(document, ['strategy', 'params']) },
    conventions,
  };
}

/**
 * Canonical JSON: object keys sorted by code unit at every level, arrays in order, no
 * whitespace, numbers in JavaScript's shortest round-trip form, non-finite numbers as `null`,
 * `undefined` object members left out (as `JSON.stringify` does). Equal values give equal text
 * whatever order their keys were built in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  throw new InternalError('BT_RUN_ID_INPUT', `cannot hash a value of type ${typeof value}`);
}

/**
 * The run id of a result document: SHA-256 (lower-case hex, 64 characters) of
 * `canonicalJson(runIdInputs(document))`.
 * @throws InternalError `BT_RUN_ID_INPUT` when the document lacks an id input.
 */
export function computeRunId(document: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(runIdInputs(document))).digest('hex');
}

/** The id as shown in listings: its first {@link SHORT_ID_LENGTH} characters. */
export function shortRunId(id: string): string {
  return id.slice(0, SHORT_ID_LENGTH);
}
