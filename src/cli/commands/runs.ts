/**
 * `bt runs`: the run history recorded by `bt run` (src/store): `list` (the default), `show ID`,
 * `diff ID1 ID2` and `rm ID`. IDs are any unique prefix (at least 4 hex characters) of a run's
 * content-addressed id.
 */
import { diffResults } from '../../checks/diff-results.js';
import { parseResultDocument } from '../../checks/result-document.js';
import { DEFAULTS } from '../../config/run-config.js';
import { EXIT_CODES, UsageError } from '../../errors.js';
import { renderRunDocument } from '../../report/run-document.js';
import { renderRunsTable, runsJson } from '../../report/runs-table.js';
import { makeChalk } from '../../report/table.js';
import { shortRunId } from '../../store/run-id.js';
import { RunStore, storeExists, type StoreAccess } from '../../store/run-store.js';
import { useColour, type CliIo } from '../io.js';
import { emitDiff } from './diff.js';
import type { GlobalFlags } from './run.js';
import { parseTolerance } from './run-checks.js';
import { resolveStorePath } from './run-store.js';

/** Default `--limit` of `bt runs`. */
export const DEFAULT_RUNS_LIMIT = 20;

/** The `--store` flag every `bt runs` subcommand takes. */
export interface StoreFlags {
  readonly store?: string;
}

/** Flags of `bt runs list`. */
export interface RunsListFlags extends StoreFlags {
  readonly limit?: string;
  readonly strategy?: string;
  readonly json?: boolean;
}

/** Flags of `bt runs show`. */
export interface RunsShowFlags extends StoreFlags {
  readonly json?: boolean;
  readonly quiet?: boolean;
}

/** Flags of `bt runs diff`. */
export interface RunsDiffFlags extends StoreFlags {
  readonly tolerance?: string;
  readonly metricsOnly?: boolean;
  readonly json?: boolean;
}

/**
 * The store `bt runs` reads: `--store`, else `BT_STORE`, else `.bt/runs.db`.
 * @throws UsageError `BT_STORE_OFF` when `BT_STORE=off` and no `--store` is given.
 */
function storePath(flags: StoreFlags, io: CliIo): string {
  const path = resolveStorePath(flags.store, io.env);
  if (path === undefined) {
    throw new UsageError('BT_STORE_OFF', 'the run store is turned off (BT_STORE=off)', { hint: 'unset BT_STORE, or pass --store PATH', location: { flag: '--store' } });
  }
  return path;
}

/** Runs `body` on the open store and closes it. */
function withStore<T>(path: string, access: StoreAccess, body: (store: RunStore) => T): T {
  const store = RunStore.open(path, { access });
  try {
    return body(store);
  } finally {
    store.close();
  }
}

/**
 * Checks that the store at `path` exists before looking up `prefix` in it.
 * @throws UsageError `BT_RUN_NOT_FOUND` when it does not exist yet (nothing was recorded).
 */
function requireStore(path: string, prefix: string): void {
  if (!storeExists(path)) {
    throw new UsageError('BT_RUN_NOT_FOUND', `no run "${prefix}": the run store "${path}" does not exist yet`, {
      hint: 'runs are recorded by "bt run" (unless --no-store); pass --store PATH for another store',
    });
  }
}

/**
 * Parses `--limit`: a whole number ≥ 1, default {@link DEFAULT_RUNS_LIMIT}.
 * @throws UsageError `BT_BAD_VALUE`.
 */
function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_RUNS_LIMIT;
  const text = raw.trim().replace(/_/g, '');
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new UsageError('BT_BAD_VALUE', `--limit: expected a whole number ≥ 1, got "${raw}"`, { hint: 'e.g. --limit 50', location: { flag: '--limit' } });
  }
  return Number(text);
}

/** `bt runs [list]`: the most recent runs, newest first. Returns 0. */
export async function runsListCommand(flags: RunsListFlags, globals: GlobalFlags, io: CliIo): Promise<number> {
  const path = storePath(flags, io);
  const limit = parseLimit(flags.limit);
  const runs = storeExists(path) ? withStore(path, 'read', (store) => store.list({ limit, strategy: flags.strategy })) : [];
  if (flags.json === true) {
    io.stdout.write(runsJson(runs));
    return EXIT_CODES.ok;
  }
  if (runs.length === 0) {
    const what = flags.strategy === undefined ? 'no runs' : `no runs of strategy "${flags.strategy}"`;
    io.stderr.write(`note: ${what} recorded in ${path}; "bt run" records every run (unless --no-store)\n`);
    return EXIT_CODES.ok;
  }
  // On a terminal the table wraps to its width; piped, every run stays on one line.
  const maxWidth = io.stdoutIsTTY ? io.columns : undefined;
  const defaults = { initialCash: DEFAULTS.cash, commissionRate: DEFAULTS.commissionRate, commissionFixed: DEFAULTS.commissionFixed, slippageRate: DEFAULTS.slippageRate, fill: DEFAULTS.fillAt, sizing: DEFAULTS.sizing };
  io.stdout.write(`${renderRunsTable(runs, makeChalk(useColour(io, globals.color)), { maxWidth, defaults })}\n`);
  return EXIT_CODES.ok;
}

/**
 * `bt runs show ID`: the stored result as `bt run` printed it (the default terminal output, or
 * with `--json` the exact JSON text). Returns 0.
 * @throws UsageError for an unknown, ambiguous or invalid ID (exit 2).
 */
export async function runsShowCommand(prefix: string, flags: RunsShowFlags, globals: GlobalFlags, io: CliIo): Promise<number> {
  const path = storePath(flags, io);
  requireStore(path, prefix);
  const run = withStore(path, 'read', (store) => store.get(store.resolveId(prefix)));
  if (run === undefined) throw new UsageError('BT_RUN_NOT_FOUND', `no run "${prefix}" in the run store "${path}"`, { hint: 'run "bt runs" to list the recorded runs' });
  if (flags.json === true) {
    io.stdout.write(run.document);
    return EXIT_CODES.ok;
  }
  const document = parseResultDocument(run.document, `run ${shortRunId(run.id)}`) as Record<string, unknown>;
  io.stdout.write(renderRunDocument(document, { chalk: makeChalk(useColour(io, globals.color)), intraday: run.intraday, quiet: flags.quiet === true }));
  return EXIT_CODES.ok;
}

/**
 * `bt runs diff ID1 ID2`: `bt diff` of two stored results (ID1 is the baseline). Returns 0
 * (equal) or 1 (different).
 * @throws UsageError for an unknown, ambiguous or invalid ID, or a bad `--tolerance` (exit 2).
 */
export async function runsDiffCommand(baselinePrefix: string, currentPrefix: string, flags: RunsDiffFlags, globals: GlobalFlags, io: CliIo): Promise<number> {
  const path = storePath(flags, io);
  const tolerance = flags.tolerance === undefined ? undefined : parseTolerance(flags.tolerance);
  requireStore(path, baselinePrefix);
  const [baseline, current] = withStore(path, 'read', (store) => [baselinePrefix, currentPrefix].map((prefix) => store.get(store.resolveId(prefix))));
  if (baseline === undefined || current === undefined) throw new UsageError('BT_RUN_NOT_FOUND', `a run was removed from "${path}" while reading it`, { hint: 'run "bt runs" to list the recorded runs' });
  const labels = { baseline: `run ${shortRunId(baseline.id)}`, current: `run ${shortRunId(current.id)}` };
  const report = diffResults(parseResultDocument(baseline.document, labels.baseline), parseResultDocument(current.document, labels.current), {
    tolerance,
    metricsOnly: flags.metricsOnly === true,
  });
  return emitDiff(report, labels, { json: flags.json, color: globals.color }, io);
}

/**
 * `bt runs rm ID`: deletes a stored run and says which on stderr. Returns 0.
 * @throws UsageError for an unknown, ambiguous or invalid ID (exit 2); OutputError when the
 *   store cannot be written (exit 5).
 */
export async function runsRemoveCommand(prefix: string, flags: StoreFlags, _globals: GlobalFlags, io: CliIo): Promise<number> {
  const path = storePath(flags, io);
  requireStore(path, prefix);
  const id = withStore(path, 'modify', (store) => {
    const full = store.resolveId(prefix);
    store.remove(full);
    return full;
  });
  io.stderr.write(`note: removed run ${shortRunId(id)} from ${path}\n`);
  return EXIT_CODES.ok;
}
