/**
 * The run store: a local SQLite database (better-sqlite3) holding every recorded `bt run`,
 * keyed by its content-addressed id (./run-id.ts). This is one of the few modules that touch
 * the filesystem (with src/data, src/strategy/loader and src/report/write-atomic): it creates
 * the store's folder and reads and writes the database file.
 *
 * Layout (schema version 2, kept in `PRAGMA user_version`; older stores are migrated when
 * opened): one table `runs` with the full result document (the exact `bt run --json` text) and
 * columns for listing. The database is in
 * WAL mode with a busy timeout, so concurrent `bt run`s writing the same store wait for each
 * other instead of failing or corrupting it; every write is one transaction.
 *
 * Re-recording an id (same inputs) keeps its first `created` time, sets `updated` to now and
 * replaces the document and columns (they differ at most in `data.file` / `strategy.source`,
 * the paths the same bytes came from). Times are wall-clock UTC ISO 8601 strings kept only here,
 * never in a result document.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { DataError, OutputError, UsageError, type BtError } from '../errors.js';
import { computeRunId, MIN_ID_PREFIX_LENGTH, shortRunId } from './run-id.js';

/**
 * better-sqlite3's constructor, required on first use: a native module that only commands
 * touching the store should pay for (a static import would load it with the bundled CLI).
 */
function sqlite(): typeof Database {
  return createRequire(import.meta.url)('better-sqlite3') as typeof Database;
}

/**
 * The fields of a result document that the id and the listing columns read, as parsing its
 * JSON text would give them (a JSON round trip of just these small parts).
 */
function listedFields(document: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { btVersion, data, strategy, conventions, metrics } = document;
  return JSON.parse(JSON.stringify({ btVersion, data, strategy, conventions, metrics })) as Record<string, unknown>;
}

/** The store's schema version (`PRAGMA user_version`). */
export const STORE_SCHEMA_VERSION = 2;

/** Default store path, relative to the working directory. */
export const DEFAULT_STORE_PATH = '.bt/runs.db';

/** How long a writer waits for another process's lock before giving up [ms]. */
export const STORE_BUSY_TIMEOUT_MS = 5000;

/**
 * What a store is opened for. `record` (by `bt run`) creates the file and its folder when
 * missing, and its failures are output errors (exit 5); `read` (`bt runs`, `show`, `diff`) needs
 * an existing store and its failures are data errors (exit 3); `modify` (`bt runs rm`) needs an
 * existing store and its failures are output errors (exit 5).
 */
export type StoreAccess = 'record' | 'read' | 'modify';

/** The key metrics kept as columns (fractions and ratios as in the document; null = not computable). */
export interface StoredMetrics {
  readonly totalReturn: number | null;
  readonly cagr: number | null;
  readonly sharpe: number | null;
  readonly maxDrawdown: number | null;
  readonly tradeCount: number | null;
}

/** One row of a listing. Key order is the layout of `bt runs --json`. */
export interface RunSummary {
  /** Full id: 64 lower-case hex characters. */
  readonly id: string;
  /** When this id was first recorded (UTC ISO 8601, ms). */
  readonly created: string;
  /** When this id was last recorded (UTC ISO 8601, ms); listings sort by it, newest first. */
  readonly updated: string;
  readonly strategy: { readonly name: string; readonly params: Readonly<Record<string, unknown>> };
  readonly data: { readonly file: string; readonly symbol: string; readonly bars: number; readonly sha256: string };
  /** The document's `conventions` without the fixed `rules` text (cash, costs, fill, sizing, exits, dates…). */
  readonly conventions: Readonly<Record<string, unknown>>;
  readonly metrics: StoredMetrics;
  readonly btVersion: string;
}

/** A stored run: its summary, the exact result document text, and what rendering needs beyond it. */
export interface StoredRun extends RunSummary {
  /** The result document exactly as `bt run --json` printed it (with its final newline). */
  readonly document: string;
  /** Whether the bars had times of day (times are then shown with hours), from the run's series. */
  readonly intraday: boolean;
}

/** What {@link RunStore.record} did. */
export interface RecordOutcome {
  readonly id: string;
  /** False when the id was already stored (same inputs) and was updated. */
  readonly inserted: boolean;
}

interface RunRow {
  id: string;
  created: string;
  updated: string;
  strategy: string;
  params: string;
  data_file: string;
  data_sha256: string;
  symbol: string;
  bars: number;
  intraday: number;
  conventions: string;
  total_return: number | null;
  cagr: number | null;
  sharpe: number | null;
  max_drawdown: number | null;
  trade_count: number | null;
  bt_version: string;
  document?: string;
}

const SCHEMA = `
CREATE TABLE runs (
  id TEXT PRIMARY KEY NOT NULL,
  created TEXT NOT NULL,
  updated TEXT NOT NULL,
  strategy TEXT NOT NULL,
  params TEXT NOT NULL,
  data_file TEXT NOT NULL,
  data_sha256 TEXT NOT NULL,
  symbol TEXT NOT NULL,
  bars INTEGER NOT NULL,
  intraday INTEGER NOT NULL,
  conventions TEXT NOT NULL,
  total_return REAL,
  cagr REAL,
  sharpe REAL,
  max_drawdown REAL,
  trade_count INTEGER,
  bt_version TEXT NOT NULL,
  document TEXT NOT NULL
);
CREATE INDEX runs_by_updated ON runs (updated);
CREATE INDEX runs_by_strategy ON runs (strategy, updated);
`;

/**
 * Upgrades from version N to N + 1, run in the same transaction as the version bump.
 * 1 → 2: a `conventions` column for listings, filled from the stored documents.
 */
const MIGRATIONS: Readonly<Record<number, string>> = {
  1: `ALTER TABLE runs ADD COLUMN conventions TEXT NOT NULL DEFAULT '{}';
      UPDATE runs SET conventions = coalesce(json_remove(json_extract(document, '$.conventions'), '$.rules'), '{}');`,
};

const SUMMARY_COLUMNS = 'id, created, updated, strategy, params, data_file, data_sha256, symbol, bars, intraday, conventions, total_return, cagr, sharpe, max_drawdown, trade_count, bt_version';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function summaryOf(row: RunRow): RunSummary {
  return {
    id: row.id,
    created: row.created,
    updated: row.updated,
    strategy: { name: row.strategy, params: JSON.parse(row.params) as Record<string, unknown> },
    data: { file: row.data_file, symbol: row.symbol, bars: row.bars, sha256: row.data_sha256 },
    conventions: JSON.parse(row.conventions) as Record<string, unknown>,
    metrics: { totalReturn: row.total_return, cagr: row.cagr, sharpe: row.sharpe, maxDrawdown: row.max_drawdown, tradeCount: row.trade_count },
    btVersion: row.bt_version,
  };
}

/** True when a store file exists at `path` (so `bt runs` can say "nothing recorded" without creating one). */
export function storeExists(path: string): boolean {
  return existsSync(path);
}

/**
 * An open run store. Open with {@link RunStore.open}, close with {@link RunStore.close}.
 * All methods are synchronous (better-sqlite3); concurrent writers wait up to
 * {@link STORE_BUSY_TIMEOUT_MS} for each other.
 */
export class RunStore {
  /** The database file, as given. */
  readonly path: string;
  readonly #access: StoreAccess;
  readonly #db: Database.Database;

  /** Folder of the snapshot copy a read-only reader opened, removed on close. */
  #snapshotFolder: string | undefined;

  private constructor(path: string, access: StoreAccess, db: Database.Database) {
    this.path = path;
    this.#access = access;
    this.#db = db;
  }

  /**
   * Opens (for `record`: creating when missing, with its folder) the store at `path`, switches
   * it to WAL mode and creates or checks the schema.
   * @throws OutputError (`record`, `modify`) or DataError (`read`): `BT_STORE_OPEN` when the
   *   folder or file cannot be created or opened, `BT_STORE_CORRUPT` when the file is not an
   *   SQLite database or not a bt run store, `BT_STORE_VERSION` when a newer bt wrote it,
   *   `BT_STORE_BUSY` when another process kept it locked past the timeout.
   */
  static open(path: string, options: { readonly access: StoreAccess }): RunStore {
    const access = options.access;
    if (access === 'record') {
      try {
        mkdirSync(dirname(path), { recursive: true });
      } catch (error) {
        throw storeError(access, 'BT_STORE_OPEN', `cannot create the folder of the run store "${path}": ${describeFsError(error)}`, error);
      }
    } else if (!existsSync(path)) {
      throw storeError(access, 'BT_STORE_OPEN', `run store "${path}" does not exist`);
    }
    if (existsSync(path) && statSync(path).isDirectory()) {
      throw storeError(access, 'BT_STORE_OPEN', `run store "${path}" is a folder, not a database file`, undefined, `give a file path, e.g. --store ${join(path, 'runs.db')}`);
    }
    try {
      return RunStore.#openAt(path, path, access);
    } catch (error) {
      // A reader without write access to the store (or its folder) cannot open a WAL database
      // in place: it reads a private snapshot copy instead (removed on close).
      if (access !== 'read' || !isReadOnlyFailure(error)) throw translate(access, path, 'open', error);
    }
    const folder = mkdtempSync(join(tmpdir(), 'bt-store-'));
    try {
      copyFileSync(path, join(folder, 'runs.db'));
      if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, join(folder, 'runs.db-wal'));
      const store = RunStore.#openAt(path, join(folder, 'runs.db'), access);
      store.#snapshotFolder = folder;
      return store;
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      throw translate(access, path, 'open', error);
    }
  }

  /** Opens the database file `file` as the store named `path`; throws the raw error. */
  static #openAt(path: string, file: string, access: StoreAccess): RunStore {
    const db = new (sqlite())(file, { fileMustExist: access !== 'record', timeout: STORE_BUSY_TIMEOUT_MS });
    const store = new RunStore(path, access, db);
    try {
      store.#prepare();
    } catch (error) {
      db.close();
      throw error;
    }
    return store;
  }

  #prepare(): void {
    const db = this.#db;
    db.pragma(`busy_timeout = ${STORE_BUSY_TIMEOUT_MS}`);
    // WAL is persistent in the file: set it when recording (a writer); readers use what is there.
    if (this.#access === 'record' && db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    if (this.#schemaVersion() === STORE_SCHEMA_VERSION) return;
    db.transaction(() => {
      // Re-read inside the write lock: another process may have created the schema meanwhile.
      const version = this.#schemaVersion();
      if (version === STORE_SCHEMA_VERSION) return;
      if (version === 0) {
        const objects = db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number };
        if (objects.n > 0) throw new StoreShapeError('BT_STORE_CORRUPT', 'is an SQLite database but not a bt run store');
        db.exec(SCHEMA);
        db.pragma(`user_version = ${STORE_SCHEMA_VERSION}`);
        return;
      }
      if (version < STORE_SCHEMA_VERSION) {
        for (let from = version; from < STORE_SCHEMA_VERSION; from++) db.exec(MIGRATIONS[from]);
        db.pragma(`user_version = ${STORE_SCHEMA_VERSION}`);
        return;
      }
      throw new StoreShapeError('BT_STORE_VERSION', `has schema version ${version}, newer than this bt knows (${STORE_SCHEMA_VERSION})`);
    }).immediate();
  }

  #schemaVersion(): number {
    return this.#db.pragma('user_version', { simple: true }) as number;
  }

  #guard<T>(action: string, body: () => T): T {
    try {
      return body();
    } catch (error) {
      throw translate(this.#access, this.path, action, error);
    }
  }

  /**
   * Records a run: upserts the row of `computeRunId(document)` in one transaction.
   * `documentText` is the exact `bt run --json` output; `intraday` comes from the run's bars;
   * `now` [epoch ms] defaults to the clock; `document`, the object `documentText` was written
   * from, spares parsing a large text again.
   * @throws OutputError `BT_STORE_WRITE` / `BT_STORE_BUSY` when the write fails.
   */
  record(documentText: string, options: { readonly intraday: boolean; readonly now?: number; readonly document?: Readonly<Record<string, unknown>> }): RecordOutcome {
    const document = options.document === undefined ? (JSON.parse(documentText) as Record<string, unknown>) : listedFields(options.document);
    const id = computeRunId(document);
    const strategy = isRecord(document.strategy) ? document.strategy : {};
    const data = isRecord(document.data) ? document.data : {};
    const metrics = isRecord(document.metrics) ? document.metrics : {};
    const { rules: _rules, ...conventions } = isRecord(document.conventions) ? document.conventions : {};
    const now = new Date(options.now ?? Date.now()).toISOString();
    const row: RunRow = {
      id,
      created: now,
      updated: now,
      strategy: String(strategy.name),
      params: JSON.stringify(strategy.params ?? {}),
      data_file: String(data.file),
      data_sha256: String(data.sha256),
      symbol: String(data.symbol),
      bars: numberOrNull(data.bars) ?? 0,
      intraday: options.intraday ? 1 : 0,
      conventions: JSON.stringify(conventions),
      total_return: numberOrNull(metrics.totalReturn),
      cagr: numberOrNull(metrics.cagr),
      sharpe: numberOrNull(metrics.sharpe),
      max_drawdown: numberOrNull(metrics.maxDrawdown),
      trade_count: numberOrNull(metrics.tradeCount),
      bt_version: String(document.btVersion),
      document: documentText,
    };
    return this.#guard('write to', () => {
      const exists = this.#db.prepare('SELECT 1 FROM runs WHERE id = ?').pluck();
      const upsert = this.#db.prepare(
        `INSERT INTO runs (${SUMMARY_COLUMNS}, document)
         VALUES (@id, @created, @updated, @strategy, @params, @data_file, @data_sha256, @symbol, @bars, @intraday, @conventions,
                 @total_return, @cagr, @sharpe, @max_drawdown, @trade_count, @bt_version, @document)
         ON CONFLICT (id) DO UPDATE SET
           updated = excluded.updated, strategy = excluded.strategy, params = excluded.params,
           data_file = excluded.data_file, data_sha256 = excluded.data_sha256, symbol = excluded.symbol,
           bars = excluded.bars, intraday = excluded.intraday, conventions = excluded.conventions, total_return = excluded.total_return,
           cagr = excluded.cagr, sharpe = excluded.sharpe, max_drawdown = excluded.max_drawdown,
           trade_count = excluded.trade_count, bt_version = excluded.bt_version, document = excluded.document`,
      );
      const inserted = this.#db.transaction(() => {
        const existed = exists.get(id) !== undefined;
        upsert.run(row);
        return !existed;
      }).immediate();
      return { id, inserted };
    });
  }

  /**
   * The most recently recorded runs, newest first, at most `limit`; only those of strategy
   * `strategy` (exact name) when given.
   */
  list(options: { readonly limit: number; readonly strategy?: string }): RunSummary[] {
    return this.#guard('read', () => {
      const where = options.strategy === undefined ? '' : 'WHERE strategy = @strategy';
      const rows = this.#db
        .prepare(`SELECT ${SUMMARY_COLUMNS} FROM runs ${where} ORDER BY updated DESC, rowid DESC LIMIT @limit`)
        .all({ limit: options.limit, ...(options.strategy === undefined ? {} : { strategy: options.strategy }) }) as RunRow[];
      return rows.map(summaryOf);
    });
  }

  /** How many runs the store holds. */
  count(): number {
    return this.#guard('read', () => this.#db.prepare('SELECT count(*) FROM runs').pluck().get() as number);
  }

  /**
   * The full id of the one stored run whose id starts with `prefix` (≥ 4 hex characters,
   * any case).
   * @throws UsageError `BT_RUN_ID_INVALID` (not hex, or too short), `BT_RUN_NOT_FOUND`,
   *   `BT_RUN_ID_AMBIGUOUS` (naming the candidates).
   */
  resolveId(prefix: string): string {
    const wanted = prefix.trim().toLowerCase();
    if (!/^[0-9a-f]+$/.test(wanted) || wanted.length > 64) {
      throw new UsageError('BT_RUN_ID_INVALID', `run id "${prefix}" is not a hex id`, { hint: 'copy an id from "bt runs"' });
    }
    if (wanted.length < MIN_ID_PREFIX_LENGTH) {
      throw new UsageError('BT_RUN_ID_INVALID', `run id "${prefix}" is too short: give at least ${MIN_ID_PREFIX_LENGTH} characters`, { hint: 'copy an id from "bt runs"' });
    }
    const ids = this.#guard('read', () => this.#db.prepare('SELECT id FROM runs WHERE id >= ? AND id < ? ORDER BY id LIMIT 6').pluck().all(wanted, `${wanted}g`) as string[]);
    if (ids.length === 0) {
      throw new UsageError('BT_RUN_NOT_FOUND', `no run "${prefix}" in the run store "${this.path}"`, { hint: 'run "bt runs" to list the recorded runs (and --store PATH for another store)' });
    }
    if (ids.length > 1) {
      const shown = ids.slice(0, 5).map((id) => `"${shortRunId(id)}"`).join(', ');
      throw new UsageError('BT_RUN_ID_AMBIGUOUS', `run id "${prefix}" matches ${ids.length > 5 ? 'more than 5' : ids.length} runs: ${shown}${ids.length > 5 ? ', …' : ''}`, {
        hint: 'give more characters of the id',
      });
    }
    return ids[0];
  }

  /** The stored run with full id `id`, or undefined. */
  get(id: string): StoredRun | undefined {
    const row = this.#guard('read', () => this.#db.prepare(`SELECT ${SUMMARY_COLUMNS}, document FROM runs WHERE id = ?`).get(id) as RunRow | undefined);
    if (row === undefined) return undefined;
    return { ...summaryOf(row), document: row.document ?? '', intraday: row.intraday === 1 };
  }

  /**
   * Deletes the run with full id `id`; returns whether it existed.
   * @throws OutputError `BT_STORE_WRITE` when the delete fails.
   */
  remove(id: string): boolean {
    return this.#guard('write to', () => this.#db.transaction(() => this.#db.prepare('DELETE FROM runs WHERE id = ?').run(id).changes > 0).immediate());
  }

  /** SQLite's `PRAGMA integrity_check` verdict: `ok`, or the problems found, one per line. */
  checkIntegrity(): string {
    return this.#guard('read', () => (this.#db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check).join('\n'));
  }

  /** Closes the database (checkpointing the WAL when this is the last connection). */
  close(): void {
    if (this.#db.open) this.#db.close();
    if (this.#snapshotFolder !== undefined) rmSync(this.#snapshotFolder, { recursive: true, force: true });
    this.#snapshotFolder = undefined;
  }
}

/** True for SQLite's refusals to open or read without write access. */
function isReadOnlyFailure(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY_RECOVERY' || code === 'SQLITE_READONLY_CANTINIT' || code === 'SQLITE_READONLY_DIRECTORY';
}

/** A store that opened but has the wrong shape (not ours, or newer). */
class StoreShapeError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** A filesystem error in words: `a file is in the way`, `permission denied`, or its code. */
function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'EEXIST' || code === 'ENOTDIR') return 'a file is in the way of the folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'read-only file system';
  return code ?? (error instanceof Error ? error.message : String(error));
}

/** The tail of a hint for `bt run`: how to skip recording. */
function skipHint(access: StoreAccess): string {
  return access === 'record' ? '; --no-store skips recording' : '';
}

function hintFor(access: StoreAccess): string {
  return access === 'record'
    ? 'pass --store PATH to record runs elsewhere, or --no-store (BT_STORE=off) to skip recording'
    : 'check the --store path (default .bt/runs.db in the working folder, or $BT_STORE)';
}

function storeError(access: StoreAccess, code: string, message: string, cause?: unknown, hint = hintFor(access)): BtError {
  const options = { hint, cause };
  return access === 'read' ? new DataError(code, message, options) : new OutputError(code, message, options);
}

/** Maps a better-sqlite3 (or shape) error to a BtError that names the store and the fix. */
function translate(access: StoreAccess, path: string, action: string, error: unknown): BtError {
  if (error instanceof UsageError || error instanceof DataError || error instanceof OutputError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof StoreShapeError) {
    const hint = error.code === 'BT_STORE_VERSION' ? `upgrade bt, or pass --store PATH for another store${skipHint(access)}` : `move the file away or pass --store PATH for another store${skipHint(access)}`;
    return storeError(access, error.code, `"${path}" ${error.message}`, error, hint);
  }
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return storeError(access, 'BT_STORE_CORRUPT', `run store "${path}" is not a usable SQLite database: ${reason}`, error, `move the file away (bt run then starts a new store) or pass --store PATH${skipHint(access)}`);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return storeError(access, 'BT_STORE_BUSY', `run store "${path}" stayed locked by another process for ${STORE_BUSY_TIMEOUT_MS} ms`, error, 'retry when the other bt process has finished');
  }
  if (action === 'open') return storeError(access, 'BT_STORE_OPEN', `cannot open the run store "${path}": ${reason}`, error);
  return storeError(access, action === 'read' ? 'BT_STORE_READ' : 'BT_STORE_WRITE', `cannot ${action} the run store "${path}": ${reason}`, error);
}
