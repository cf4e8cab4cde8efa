/**
 * The SQLite run store (issue 4, "Run history"): upsert by content id, listing, prefix
 * resolution, schema and error handling. Each test uses its own temporary folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BtError, EXIT_CODES } from '../errors.js';
import { computeRunId } from './run-id.js';
import { RunStore, STORE_SCHEMA_VERSION, storeExists, type StoreAccess } from './run-store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bt-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function documentText(fast: number, options: { strategy?: string; file?: string; totalReturn?: number | null } = {}): string {
  const document = {
    schemaVersion: 1,
    btVersion: '0.1.0',
    strategy: { name: options.strategy ?? 'sma-cross', source: 'sma-cross', kind: 'builtin', sha256: 'a'.repeat(64), params: { fast, slow: 30 } },
    data: { file: options.file ?? 'data/x.csv', sha256: 'b'.repeat(64), dialect: 'csv', symbol: 'X', bars: 100, start: 0, end: 99 },
    conventions: { initialCash: 100000, commissionRate: 0.001, warmupBars: 29, firstDecisionBar: 30, rules: { fill: 'next open' } },
    metrics: { totalReturn: options.totalReturn === undefined ? fast / 100 : options.totalReturn, cagr: 0.01, sharpe: 0.5, maxDrawdown: 0.2, tradeCount: fast },
    trades: [],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function withStore<T>(access: StoreAccess, body: (store: RunStore) => T, path = join(dir, 'runs.db')): T {
  const store = RunStore.open(path, { access });
  try {
    return body(store);
  } finally {
    store.close();
  }
}

function thrown(body: () => unknown): BtError {
  try {
    body();
  } catch (error) {
    expect(error).toBeInstanceOf(BtError);
    return error as BtError;
  }
  throw new Error('expected an error');
}

describe('RunStore', () => {
  it('creates the folder and file, in WAL mode with the current schema version', () => {
    const path = join(dir, 'nested', 'deeper', 'runs.db');
    withStore('record', (store) => store.record(documentText(10), { intraday: false }), path);
    expect(storeExists(path)).toBe(true);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(STORE_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('records a run under its content id and returns the exact document text and columns', () => {
    const text = documentText(10);
    const outcome = withStore('record', (store) => store.record(text, { intraday: true, now: Date.UTC(2024, 4, 1, 9, 30) }));
    expect(outcome).toEqual({ id: computeRunId(JSON.parse(text)), inserted: true });
    const stored = withStore('read', (store) => store.get(outcome.id))!;
    expect(stored.document, 'document byte for byte').toBe(text);
    expect(stored).toMatchObject({
      id: outcome.id,
      created: '2024-05-01T09:30:00.000Z',
      updated: '2024-05-01T09:30:00.000Z',
      strategy: { name: 'sma-cross', params: { fast: 10, slow: 30 } },
      data: { file: 'data/x.csv', symbol: 'X', bars: 100, sha256: 'b'.repeat(64) },
      conventions: { initialCash: 100000, commissionRate: 0.001, warmupBars: 29, firstDecisionBar: 30 },
      metrics: { totalReturn: 0.1, cagr: 0.01, sharpe: 0.5, maxDrawdown: 0.2, tradeCount: 10 },
      btVersion: '0.1.0',
      intraday: true,
    });
    expect(stored.conventions, 'the fixed rules text is not copied into the column').not.toHaveProperty('rules');
  });

  it('records the same id and columns from the document object as from its parsed text (issue 12)', () => {
    const text = documentText(12, { totalReturn: null });
    const document = JSON.parse(text) as Record<string, unknown>;
    // The object may hold what JSON cannot: a non-finite number becomes null in the text.
    (document.metrics as Record<string, unknown>).totalReturn = NaN;
    const fromText = withStore('record', (store) => {
      store.record(text, { intraday: false, now: 1 });
      return store.list({ limit: 10 });
    });
    const fromObject = withStore('record', (store) => {
      store.record(text, { intraday: false, now: 1, document });
      return store.list({ limit: 10 });
    }, join(dir, 'other.db'));
    expect(fromObject).toEqual(fromText);
    expect(fromObject[0].id).toBe(computeRunId(JSON.parse(text) as Record<string, unknown>));
  });

  it('upserts the same inputs: one row, first created time kept, updated time and document replaced', () => {
    const first = documentText(10);
    const again = documentText(10, { file: './data/x.csv' });
    withStore('record', (store) => store.record(first, { intraday: false, now: 1000 }));
    const outcome = withStore('record', (store) => store.record(again, { intraday: false, now: 2000 }));
    expect(outcome.inserted).toBe(false);
    withStore('read', (store) => {
      expect(store.count()).toBe(1);
      const stored = store.get(outcome.id)!;
      expect(stored.created).toBe(new Date(1000).toISOString());
      expect(stored.updated).toBe(new Date(2000).toISOString());
      expect(stored.document).toBe(again);
    });
  });

  it('lists newest first, with a limit and a strategy filter, and keeps null metrics', () => {
    withStore('record', (store) => {
      store.record(documentText(10), { intraday: false, now: 1000 });
      store.record(documentText(20, { strategy: 'rsi-reversion', totalReturn: null }), { intraday: false, now: 3000 });
      store.record(documentText(30), { intraday: false, now: 2000 });
    });
    withStore('read', (store) => {
      expect(store.list({ limit: 10 }).map((run) => run.strategy.params.fast)).toEqual([20, 30, 10]);
      expect(store.list({ limit: 2 }).map((run) => run.strategy.params.fast)).toEqual([20, 30]);
      expect(store.list({ limit: 10, strategy: 'sma-cross' }).map((run) => run.strategy.params.fast)).toEqual([30, 10]);
      expect(store.list({ limit: 10, strategy: 'nope' })).toEqual([]);
      expect(store.list({ limit: 1 })[0].metrics.totalReturn).toBeNull();
    });
  });

  it('resolves any unique prefix of 4+ characters, in any case', () => {
    const { id } = withStore('record', (store) => store.record(documentText(10), { intraday: false }));
    withStore('read', (store) => {
      expect(store.resolveId(id)).toBe(id);
      expect(store.resolveId(id.slice(0, 4))).toBe(id);
      expect(store.resolveId(id.slice(0, 12).toUpperCase())).toBe(id);
    });
  });

  it('refuses short, non-hex, unknown and ambiguous prefixes with usage errors (exit 2)', () => {
    // Find two documents whose ids share their first 4 characters (a birthday search).
    const byPrefix = new Map<string, number>();
    let pair: [number, number] | undefined;
    for (let fast = 1; pair === undefined; fast++) {
      const prefix = computeRunId(JSON.parse(documentText(fast))).slice(0, 4);
      const other = byPrefix.get(prefix);
      if (other !== undefined) pair = [other, fast];
      byPrefix.set(prefix, fast);
    }
    const [a, b] = withStore('record', (store) => pair!.map((fast) => store.record(documentText(fast), { intraday: false }).id));
    withStore('read', (store) => {
      const ambiguous = thrown(() => store.resolveId(a.slice(0, 4)));
      expect(ambiguous.code).toBe('BT_RUN_ID_AMBIGUOUS');
      expect(ambiguous.exitCode).toBe(EXIT_CODES.usage);
      expect(ambiguous.message).toBe(`run id "${a.slice(0, 4)}" matches 2 runs: ${[a, b].sort().map((id) => `"${id.slice(0, 12)}"`).join(', ')}`);
      expect(ambiguous.hint).toBe('give more characters of the id');
      expect(store.resolveId(a.slice(0, 12))).toBe(a);
      expect(thrown(() => store.resolveId('abc')).message).toBe('run id "abc" is too short: give at least 4 characters');
      expect(thrown(() => store.resolveId('xyz12')).code).toBe('BT_RUN_ID_INVALID');
      const unknown = thrown(() => store.resolveId(a.startsWith('ffff') ? '0000' : 'ffff'));
      expect(unknown.code).toBe('BT_RUN_NOT_FOUND');
      expect(unknown.exitCode).toBe(EXIT_CODES.usage);
    });
  });

  it('removes a run and reports whether it existed', () => {
    const { id } = withStore('record', (store) => store.record(documentText(10), { intraday: false }));
    expect(withStore('modify', (store) => store.remove(id))).toBe(true);
    expect(withStore('modify', (store) => store.remove(id))).toBe(false);
    expect(withStore('read', (store) => store.count())).toBe(0);
  });

  it('migrates a version 1 store (no conventions column) when opened, keeping its runs', () => {
    const path = join(dir, 'v1.db');
    const db = new Database(path);
    db.exec(`CREATE TABLE runs (id TEXT PRIMARY KEY NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL, strategy TEXT NOT NULL,
      params TEXT NOT NULL, data_file TEXT NOT NULL, data_sha256 TEXT NOT NULL, symbol TEXT NOT NULL, bars INTEGER NOT NULL,
      intraday INTEGER NOT NULL, total_return REAL, cagr REAL, sharpe REAL, max_drawdown REAL, trade_count INTEGER,
      bt_version TEXT NOT NULL, document TEXT NOT NULL)`);
    const text = documentText(10);
    const id = computeRunId(JSON.parse(text));
    db.prepare(`INSERT INTO runs VALUES (?, 'a', 'a', 'sma-cross', '{"fast":10,"slow":30}', 'data/x.csv', ?, 'X', 100, 0, 0.1, 0.01, 0.5, 0.2, 10, '0.1.0', ?)`).run(id, 'b'.repeat(64), text);
    db.pragma('user_version = 1');
    db.close();
    withStore('read', (store) => {
      expect(store.list({ limit: 5 })[0].conventions).toEqual({ initialCash: 100000, commissionRate: 0.001, warmupBars: 29, firstDecisionBar: 30 });
      expect(store.get(id)!.document).toBe(text);
    }, path);
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(STORE_SCHEMA_VERSION);
    after.close();
    expect(withStore('record', (store) => store.record(documentText(11), { intraday: false }).inserted, path)).toBe(true);
  });

  it('passes SQLite integrity_check', () => {
    withStore('record', (store) => {
      for (let fast = 2; fast < 50; fast++) store.record(documentText(fast), { intraday: false });
      expect(store.checkIntegrity()).toBe('ok');
    });
  });

  describe('errors', () => {
    it('a file that is not a database: BT_STORE_CORRUPT, exit 5 when recording and exit 3 when reading', () => {
      const path = join(dir, 'garbage.db');
      writeFileSync(path, 'this is not an SQLite database, just some text that is long enough\n'.repeat(10));
      const recording = thrown(() => withStore('record', () => undefined, path));
      expect(recording.code).toBe('BT_STORE_CORRUPT');
      expect(recording.exitCode).toBe(EXIT_CODES.output);
      expect(recording.message).toBe(`run store "${path}" is not a usable SQLite database: file is not a database`);
      expect(recording.hint).toBe('move the file away (bt run then starts a new store) or pass --store PATH; --no-store skips recording');
      const reading = thrown(() => withStore('read', () => undefined, path));
      expect(reading.code).toBe('BT_STORE_CORRUPT');
      expect(reading.exitCode).toBe(EXIT_CODES.data);
    });

    it('an SQLite database of another program: BT_STORE_CORRUPT, left untouched', () => {
      const path = join(dir, 'other.db');
      const db = new Database(path);
      db.exec('CREATE TABLE notes (text TEXT)');
      db.close();
      const error = thrown(() => withStore('record', () => undefined, path));
      expect(error.code).toBe('BT_STORE_CORRUPT');
      expect(error.message).toBe(`"${path}" is an SQLite database but not a bt run store`);
      const after = new Database(path, { readonly: true });
      expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['notes']);
      after.close();
    });

    it('a store written by a newer bt: BT_STORE_VERSION', () => {
      const path = join(dir, 'newer.db');
      withStore('record', () => undefined, path);
      const db = new Database(path);
      db.pragma(`user_version = ${STORE_SCHEMA_VERSION + 1}`);
      db.close();
      const error = thrown(() => withStore('read', () => undefined, path));
      expect(error.code).toBe('BT_STORE_VERSION');
      expect(error.message).toBe(`"${path}" has schema version ${STORE_SCHEMA_VERSION + 1}, newer than this bt knows (${STORE_SCHEMA_VERSION})`);
    });

    it('a folder as the store, or a file in the way of its folder: BT_STORE_OPEN (exit 5)', () => {
      mkdirSync(join(dir, 'folder'));
      const folder = thrown(() => withStore('record', () => undefined, join(dir, 'folder')));
      expect(folder.code).toBe('BT_STORE_OPEN');
      expect(folder.exitCode).toBe(EXIT_CODES.output);
      expect(folder.message).toBe(`run store "${join(dir, 'folder')}" is a folder, not a database file`);
      writeFileSync(join(dir, 'file'), 'x');
      const blocked = thrown(() => withStore('record', () => undefined, join(dir, 'file', 'runs.db')));
      expect(blocked.code).toBe('BT_STORE_OPEN');
      expect(blocked.message).toBe(`cannot create the folder of the run store "${join(dir, 'file', 'runs.db')}": a file is in the way of the folder`);
    });

    it('reading a store that does not exist: BT_STORE_OPEN (exit 3), and nothing is created', () => {
      const path = join(dir, 'missing.db');
      const error = thrown(() => withStore('read', () => undefined, path));
      expect(error.code).toBe('BT_STORE_OPEN');
      expect(error.exitCode).toBe(EXIT_CODES.data);
      expect(storeExists(path)).toBe(false);
    });
  });
});
