/**
 * The run store as a side effect (issue 13, "Also"): a reader without write access can list
 * runs, and a default store that cannot be used is a warning that leaves the run's exit code.
 * These spawn the built CLI (npm run build).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, projectRoot, spawnCli } from '../cli/run-cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bt-store-ro-'));
  chmodSync(dir, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const isRoot = process.getuid?.() === 0;
const hasRunuser = isRoot && spawnSync('runuser', ['--help']).status === 0;

describe.skipIf(!hasRunuser)('#13 read-only run store', () => {
  it('#13 bt runs as a user without write access to the store lists its runs (exit 0), leaving the folder unchanged', () => {
    const storeDir = join(dir, 'shared');
    const store = join(storeDir, 'runs.db');
    const recorded = spawnCli(['run', '--strategy', 'sma-cross', '--quiet', '--store', store]);
    expect(recorded.code, recorded.stderr).toBe(0);
    chmodSync(storeDir, 0o755);
    chmodSync(store, 0o644);
    const listed = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, binPath, 'runs', '--json', '--store', store], { cwd: projectRoot, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(listed.stderr).toBe('');
    expect(listed.status).toBe(0);
    const runs = JSON.parse(listed.stdout);
    expect(runs).toHaveLength(1);
    expect(runs[0].strategy.name).toBe('sma-cross');
    expect(readdirSync(storeDir)).toEqual(['runs.db']);
  });
});

describe('#13 a default store that cannot be used', () => {
  it('#13 .bt is a file: bt run prints its result, warns on stderr and exits 0', () => {
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    writeFileSync(join(cwd, '.bt'), 'a file where the store folder should be');
    const plain = spawnCli(['run', '--strategy', 'sma-cross', '--quiet'], { cwd, env: { BT_STORE: 'off' } });
    const run = spawnCli(['run', '--strategy', 'sma-cross', '--quiet'], { cwd, env: { BT_STORE: '' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(plain.stdout);
    expect(run.stderr).toBe('warning: the run was not recorded in .bt/runs.db: cannot create the folder of the run store ".bt/runs.db": a file is in the way of the folder (--no-store or BT_STORE=off skips recording)\n');
  });

  it('#13 the same store given with --store stays an error (exit 5)', () => {
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    writeFileSync(join(cwd, '.bt'), 'x');
    const run = spawnCli(['run', '--strategy', 'sma-cross', '--quiet', '--store', '.bt/runs.db'], { cwd });
    expect(run.code).toBe(5);
    expect(run.stderr.split('\n')[0]).toBe('error[BT_STORE_OPEN]: cannot create the folder of the run store ".bt/runs.db": a file is in the way of the folder');
  });
});
