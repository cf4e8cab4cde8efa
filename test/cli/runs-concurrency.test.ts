/**
 * Concurrent writers (issue 4, "Run history": "a concurrent second bt run writing to the same
 * store must not corrupt it"): several built CLI processes started at once record into one new
 * store file (racing to create it), some with identical inputs (racing to upsert one id), while
 * others list it. Every process succeeds, SQLite's integrity check passes and every run is listed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, projectRoot, type CliOutcome } from './run-cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bt-runs-concurrent-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts `node bin/bt.js ARGS…` without waiting (unlike spawnCli). */
function start(args: readonly string[]): Promise<CliOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], { cwd: projectRoot, env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const run = (store: string, fast: number) => start(['run', '--strategy', 'sma-cross', '--from', '2012-01-01', '--strat', `fast=${fast}`, '--json', '--store', store]);

function inspect(store: string): { integrity: string; count: number; journal: string } {
  const db = new Database(store, { readonly: true });
  try {
    return {
      integrity: (db.pragma('integrity_check', { simple: true }) as string) ?? '',
      count: db.prepare('SELECT count(*) FROM runs').pluck().get() as number,
      journal: db.pragma('journal_mode', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}

describe('concurrent bt run processes on one store', () => {
  it('all record, without corruption, into a store none of them found', async () => {
    const store = join(dir, 'shared', 'runs.db');
    const fasts = [5, 6, 7, 8, 9, 10, 5, 6];
    const outcomes = await Promise.all(fasts.map((fast) => run(store, fast)));
    for (const outcome of outcomes) expect(outcome.code, outcome.stderr).toBe(0);
    // Identical inputs print identical JSON, whichever process won the upsert.
    expect(outcomes[6].stdout).toBe(outcomes[0].stdout);

    expect(inspect(store)).toEqual({ integrity: 'ok', count: 6, journal: 'wal' });
    const listed = await start(['runs', '--json', '--store', store]);
    expect(listed.code, listed.stderr).toBe(0);
    const runs = JSON.parse(listed.stdout) as { strategy: { params: { fast: number } } }[];
    expect(runs.map((r) => r.strategy.params.fast).sort((a, b) => a - b)).toEqual([5, 6, 7, 8, 9, 10]);
  });

  it('writers and readers at once: every process succeeds and every run is listed', async () => {
    const store = join(dir, 'mixed.db');
    expect((await run(store, 4)).code).toBe(0);
    const outcomes = await Promise.all([
      run(store, 11),
      start(['runs', '--json', '--store', store]),
      run(store, 12),
      start(['runs', '--store', store]),
      run(store, 13),
      run(store, 4),
      start(['runs', '--json', '--store', store]),
    ]);
    for (const outcome of outcomes) expect(outcome.code, outcome.stderr).toBe(0);
    for (const reader of [outcomes[1], outcomes[6]]) expect(() => JSON.parse(reader.stdout), 'a reader sees a consistent list').not.toThrow();
    expect(inspect(store)).toEqual({ integrity: 'ok', count: 4, journal: 'wal' });
    const listed = await start(['runs', '--json', '--limit', '100', '--store', store]);
    expect((JSON.parse(listed.stdout) as unknown[]).length).toBe(4);
  });
});
