/**
 * The run history end to end, in-process (issue 4, "Run history"): `bt run` records into the
 * store, `bt runs` lists, `show` prints what the run printed, `diff` is `bt diff`, `rm`
 * removes; ids, --store / --no-store / BT_STORE, and store errors with their exit codes.
 * Every test uses a store in a temporary folder (run-cli.ts turns the store off by default).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STORE } from '../../src/cli/commands/run-store.js';
import { DEFAULT_STORE_PATH } from '../../src/store/run-store.js';
import { projectRoot, runCli, spawnCli } from './run-cli.js';

let dir: string;
let counter = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bt-runs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh store path for one test. */
function freshStore(): string {
  counter += 1;
  return join(dir, `store-${counter}`, 'runs.db');
}

interface ListedRun {
  id: string;
  created: string;
  updated: string;
  strategy: { name: string; params: Record<string, unknown> };
  data: { file: string; symbol: string; bars: number; sha256: string };
  metrics: Record<string, number | null>;
  btVersion: string;
}

async function listRuns(store: string, extra: readonly string[] = []): Promise<ListedRun[]> {
  const { code, stdout, stderr } = await runCli(['runs', '--json', '--store', store, ...extra]);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as ListedRun[];
}

/** Runs `bt run ARGS --store STORE` and returns its outcome and the id it was recorded as. */
async function recordedRun(store: string, args: readonly string[]): Promise<{ stdout: string; stderr: string; id: string }> {
  const { code, stdout, stderr } = await runCli(['run', ...args, '--store', store]);
  expect(code, stderr).toBe(0);
  // The note names the short id (not with --quiet: then the run is the most recently updated).
  const short = /note: recorded as run ([0-9a-f]{12}) in /.exec(stderr)?.[1] ?? '';
  const id = (await listRuns(store)).find((run) => run.id.startsWith(short))?.id;
  expect(id, stderr).toBeDefined();
  return { stdout, stderr, id: id! };
}

const SMA = ['--strategy', 'sma-cross', '--from', '2015-01-01'];

describe('bt run records into the run store', () => {
  it('records the run and notes its short id on stderr; bt runs lists it with its metrics', async () => {
    const store = freshStore();
    const { stderr, id } = await recordedRun(store, SMA);
    expect(stderr).toBe(`note: recorded as run ${id.slice(0, 12)} in ${store} (see "bt runs")\n`);
    const [run] = await listRuns(store);
    const document = JSON.parse((await runCli(['runs', 'show', id, '--json', '--store', store])).stdout);
    expect(run).toEqual({
      id,
      created: run.created,
      updated: run.created,
      strategy: { name: 'sma-cross', params: { fast: 10, slow: 30, direction: 'long-only', signalMode: 'crossover' } },
      data: { file: 'data/sp500-2000.csv', symbol: 'SP500-2000', bars: document.data.bars, sha256: document.data.sha256 },
      conventions: { ...document.conventions, rules: undefined },
      metrics: {
        totalReturn: document.metrics.totalReturn,
        cagr: document.metrics.cagr,
        sharpe: document.metrics.sharpe,
        maxDrawdown: document.metrics.maxDrawdown,
        tradeCount: document.metrics.tradeCount,
      },
      btVersion: document.btVersion,
    });
    expect(run.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(JSON.stringify(document), 'no wall-clock time in the result').not.toContain(run.created.slice(0, 16));
  });

  it('--quiet records without the note', async () => {
    const store = freshStore();
    const { code, stderr } = await runCli(['run', ...SMA, '--quiet', '--store', store]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(await listRuns(store)).toHaveLength(1);
  });

  it('gives the same inputs the same id (one entry, created kept) and changed inputs new ids', async () => {
    const store = freshStore();
    const first = await recordedRun(store, SMA);
    const again = await recordedRun(store, [...SMA, '--json']);
    expect(again.id, 'output flags do not change the id').toBe(first.id);
    const [entry] = await listRuns(store);
    expect(entry.updated >= entry.created).toBe(true);

    const csv = readFileSync(join(projectRoot, 'data/sp500-2000.csv'), 'utf8');
    const changedData = join(dir, 'sp500-changed.csv');
    writeFileSync(changedData, csv.replace(/\n$/, '').split('\n').slice(0, -1).join('\n') + '\n');
    // The symbol comes from the file name, so the copy keeps the name in another folder.
    mkdirSync(join(dir, 'copy'), { recursive: true });
    const sameBytes = join(dir, 'copy', 'sp500-2000.csv');
    writeFileSync(sameBytes, csv);
    const variants = [
      await recordedRun(store, [...SMA, '--strat', 'fast=15']),
      await recordedRun(store, [...SMA, '--commission', '0.2%']),
      await recordedRun(store, [...SMA, '--cash', '50000']),
      await recordedRun(store, ['--strategy', 'sma-cross', '--from', '2015-01-02']),
      await recordedRun(store, [...SMA, '--data', changedData]),
    ];
    const ids = [first.id, ...variants.map((v) => v.id)];
    expect(new Set(ids).size, 'params, commission, cash, dates and data each give a new id').toBe(ids.length);
    expect((await recordedRun(store, [...SMA, '--data', sameBytes])).id, 'the same bytes under another name').toBe(first.id);
    expect(await listRuns(store)).toHaveLength(ids.length);
  });

  it('--no-store records nothing and creates no file', async () => {
    const store = freshStore();
    const { code, stderr } = await runCli(['run', ...SMA, '--store', store, '--no-store']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(existsSync(store)).toBe(false);
  });

  it('BT_STORE names the store; BT_STORE=off turns recording off; --store wins over BT_STORE', async () => {
    const fromEnv = freshStore();
    expect((await runCli(['run', ...SMA], { env: { BT_STORE: fromEnv } })).code).toBe(0);
    expect(await listRuns(fromEnv)).toHaveLength(1);
    const listed = await runCli(['runs', '--json'], { env: { BT_STORE: fromEnv } });
    expect(JSON.parse(listed.stdout), 'bt runs reads $BT_STORE too').toHaveLength(1);

    const flag = freshStore();
    expect((await runCli(['run', ...SMA, '--store', flag], { env: { BT_STORE: 'off' } })).code).toBe(0);
    expect(await listRuns(flag)).toHaveLength(1);

    const off = await runCli(['runs'], { env: { BT_STORE: 'off' } });
    expect(off.code).toBe(2);
    expect(off.stderr).toBe('error[BT_STORE_OFF]: the run store is turned off (BT_STORE=off)\nhint: unset BT_STORE, or pass --store PATH\n');
  });

  it(`records into ${DEFAULT_STORE} in the working folder by default (spawned)`, () => {
    expect(DEFAULT_STORE).toBe(DEFAULT_STORE_PATH);
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    const run = spawnCli(['run', ...SMA, '--quiet'], { cwd, env: { BT_STORE: '' } });
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(cwd, '.bt', 'runs.db'))).toBe(true);
    const listed = spawnCli(['runs', '--json'], { cwd, env: { BT_STORE: '' } });
    expect(JSON.parse(listed.stdout)).toHaveLength(1);
  });

  it('a store that cannot be used: the output is printed in full, then error exit 5 with a --no-store hint', async () => {
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'not a database\n'.repeat(100));
    const plain = await runCli(['run', ...SMA, '--no-store']);
    const failed = await runCli(['run', ...SMA, '--store', garbage]);
    expect(failed.code).toBe(5);
    expect(failed.stdout, 'the run output is not lost').toBe(plain.stdout);
    expect(failed.stderr).toBe(
      `error[BT_STORE_CORRUPT]: run store "${garbage}" is not a usable SQLite database: file is not a database\n` +
        'hint: move the file away (bt run then starts a new store) or pass --store PATH; --no-store skips recording\n',
    );
    const json = await runCli(['run', ...SMA, '--json', '--store', garbage]);
    expect(json.code).toBe(5);
    expect(() => JSON.parse(json.stdout), '--json output complete').not.toThrow();

    const blocked = join(garbage, 'runs.db');
    const unwritable = await runCli(['run', ...SMA, '--store', blocked]);
    expect(unwritable.code).toBe(5);
    expect(unwritable.stderr).toBe(
      `error[BT_STORE_OPEN]: cannot create the folder of the run store "${blocked}": a file is in the way of the folder\n` +
        'hint: pass --store PATH to record runs elsewhere, or --no-store (BT_STORE=off) to skip recording\n',
    );

    const reading = await runCli(['runs', '--store', garbage]);
    expect(reading.code, 'reading a corrupt store is a data error').toBe(3);
    expect(reading.stderr).toMatch(/^error\[BT_STORE_CORRUPT\]: run store ".*garbage\.db" is not a usable SQLite database/);
  });

  it('a store failure comes last: checks are reported and --save-baseline is written first', async () => {
    const garbage = join(dir, 'garbage-checks.db');
    writeFileSync(garbage, 'not a database\n'.repeat(100));
    const baseline = join(dir, 'saved-baseline.json');
    const failed = await runCli(['run', ...SMA, '--quiet', '--assert', 'sharpe >= 5', '--save-baseline', baseline, '--store', garbage]);
    expect(failed.code).toBe(5);
    expect(failed.stdout).toMatch(/│ sharpe >= 5 │ .* │ FAIL +│/);
    expect(existsSync(baseline)).toBe(true);
    expect(failed.stderr).toMatch(/^error\[BT_ASSERT_FAILED\]: .*\nhint: .*\nerror\[BT_STORE_CORRUPT\]: .*\nhint: .*\n$/);
  });

  it('a run whose --assert fails is still recorded (exit 1), with its checks in the stored JSON', async () => {
    const store = freshStore();
    const { code, stdout } = await runCli(['run', ...SMA, '--json', '--assert', 'sharpe >= 5', '--store', store]);
    expect(code).toBe(1);
    const [run] = await listRuns(store);
    const show = await runCli(['runs', 'show', run.id, '--json', '--store', store]);
    expect(show.stdout).toBe(stdout);
    expect(JSON.parse(show.stdout).checks.passed).toBe(false);
  });
});

describe('bt runs (list)', () => {
  it('lists newest first as a table with short ids, strategy and params, data and key metrics', async () => {
    const store = freshStore();
    const ids: string[] = [];
    for (const fast of ['10', '15', '20']) ids.push((await recordedRun(store, [...SMA, '--strat', `fast=${fast}`])).id);
    const { code, stdout, stderr } = await runCli(['runs', '--store', store]);
    expect(code, stderr).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[1]).toMatch(/│ ID\s+│ Recorded \(UTC\)\s+│ Strategy\s+│ Data\s+│ Return │ Sharpe │ Max DD │ Trades │/);
    const rows = lines.slice(2, -1);
    expect(rows.map((row) => row.slice(2, 14)), 'newest first').toEqual([...ids].reverse().map((id) => id.slice(0, 12)));
    const runs = await listRuns(store);
    const newest = runs[0];
    const pct = (value: number | null) => `${((value ?? 0) * 100).toFixed(2)}%`;
    expect(rows[0]).toMatch(/^│ [0-9a-f]{12} │ \d{4}-\d\d-\d\d \d\d:\d\d │ sma-cross\(fast=20, slow=30, direction=long-only, signalMode=crossover\) · from 2015-01-01 │ data\/sp500-2000\.csv │/);
    expect(rows[0]).toContain(`│ ${pct(newest.metrics.totalReturn)} │`);
    expect(rows[0]).toMatch(new RegExp(`│ +${newest.metrics.sharpe!.toFixed(3).replace('.', '\\.')} │`));
    expect(rows[0]).toContain(`│ ${pct(newest.metrics.maxDrawdown)} │`);
    expect(rows[0]).toMatch(new RegExp(`│ +${newest.metrics.tradeCount} │$`));
  });

  it('names the settings that differ from the defaults, so runs of one strategy tell apart', async () => {
    const store = freshStore();
    await recordedRun(store, ['--strategy', 'sma-cross', '--to', '2005-12-31']);
    await recordedRun(store, ['--strategy', 'sma-cross', '--to', '2005-12-31', '--commission', '0.05%', '--cash', '50000', '--slippage', '0.1%', '--fill', 'close', '--size', '10', '--stop-loss', '5%', '--close-at-end']);
    const { stdout } = await runCli(['runs', '--store', store]);
    const [changed, plain] = stdout.trimEnd().split('\n').slice(2, -1);
    expect(plain).toContain('│ sma-cross(fast=10, slow=30, direction=long-only, signalMode=crossover) · to 2005-12-31 ');
    expect(changed).toContain(
      '│ sma-cross(fast=10, slow=30, direction=long-only, signalMode=crossover) · cash 50,000.00 · commission 0.05% · slippage 0.10% · fills close · sizing 10 units · stop-loss 5.00% · close at end · to 2005-12-31 │',
    );
  });

  it('on a terminal, wraps the strategy column at word boundaries; piped, one line per run', async () => {
    const store = freshStore();
    await recordedRun(store, ['--strategy', 'rsi-reversion', '--from', '2015-01-01', '--commission', '0.05%']);
    const piped = await runCli(['runs', '--store', store, '--no-color']);
    const tty = await runCli(['runs', '--store', store, '--no-color'], { tty: true });
    expect(piped.stdout.trimEnd().split('\n')).toHaveLength(4);
    const lines = tty.stdout.trimEnd().split('\n');
    expect(lines.length, 'the run takes several lines').toBeGreaterThan(4);
    const strategyCells = lines.slice(2, -1).map((line) => line.split('│')[3].trim());
    const pipedCell = piped.stdout.split('\n')[2].split('│')[3].trim();
    expect(strategyCells.join(' '), 'no word is cut').toBe(pipedCell);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(Math.max(...piped.stdout.split('\n').map((line) => line.length)));
  });

  it('--limit, --strategy and the list subcommand name', async () => {
    const store = freshStore();
    await recordedRun(store, [...SMA, '--strat', 'fast=12']);
    await recordedRun(store, ['--strategy', 'buy-and-hold', '--from', '2015-01-01']);
    expect(await listRuns(store, ['--limit', '1'])).toHaveLength(1);
    expect((await listRuns(store, ['--strategy', 'sma-cross'])).map((run) => run.strategy.name)).toEqual(['sma-cross']);
    const explicit = await runCli(['runs', 'list', '--json', '--limit', '5', '--store', store]);
    expect(JSON.parse(explicit.stdout)).toHaveLength(2);
    const bad = await runCli(['runs', '--limit', '0', '--store', store]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error[BT_BAD_VALUE]: --limit: expected a whole number ≥ 1, got "0"\nhint: e.g. --limit 50\n');
  });

  it('an empty or missing store lists nothing (exit 0) and creates no file', async () => {
    const store = freshStore();
    const table = await runCli(['runs', '--store', store]);
    expect(table).toEqual({ code: 0, stdout: '', stderr: `note: no runs recorded in ${store}; "bt run" records every run (unless --no-store)\n` });
    const json = await runCli(['runs', '--json', '--store', store]);
    expect(json).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    expect(existsSync(store)).toBe(false);
  });
});

describe('bt runs show', () => {
  /** The original run's stdout, and `bt runs show` of it (non-TTY, no colour). */
  async function original(args: readonly string[], showFlags: readonly string[] = []): Promise<{ run: string; show: string }> {
    const store = freshStore();
    const { stdout, id } = await recordedRun(store, [...args, '--no-color', ...showFlags]);
    const show = await runCli(['runs', 'show', id.slice(0, 8), '--store', store, '--no-color', ...showFlags]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stderr).toBe('');
    return { run: stdout, show: show.stdout };
  }

  it('prints exactly what bt run printed (header, metrics table, open-trade note)', async () => {
    const { run, show } = await original(['--strategy', 'sma-cross']);
    expect(run).toMatch(/note: 1 trade\(s\) still open at the end/);
    expect(show).toBe(run);
  });

  it('prints exactly what bt run printed with every header convention, and with --quiet', async () => {
    const args = ['--strategy', 'sma-cross', '--from', '2010-01-01', '--slippage', '0.1%', '--commission-fixed', '1', '--stop-loss', '5%', '--take-profit', '10%', '--trailing-stop', '3%', '--close-at-end', '--fractional', '--size-fraction', '50%'];
    const full = await original(args);
    expect(full.run).toContain('stop-loss 5.00% · take-profit 10.00% · trailing stop 3.00% · close at end · fractional units');
    expect(full.show).toBe(full.run);
    const quiet = await original(args, ['--quiet']);
    expect(quiet.show).toBe(quiet.run);
  });

  it('prints exactly what bt run printed for rejected orders and for intraday bars', async () => {
    const rejected = await original(['--strategy', 'sma-cross', '--from', '2015-01-01', '--size', '1000']);
    expect(rejected.run).toMatch(/note: \d+ order\(s\) rejected; first at bar \d+: insufficient cash/);
    expect(rejected.show).toBe(rejected.run);

    const rows = ['time,open,high,low,close,volume'];
    for (let i = 0; i < 300; i++) {
      const close = (100 + 5 * Math.sin(i / 7)).toFixed(4);
      rows.push(`2024-01-02 ${String(9 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00,${close},${close},${close},${close},100`);
    }
    const file = join(dir, 'intraday.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const intraday = await original(['--data', file, '--strategy', 'sma-cross', '--strat', 'fast=3,slow=8']);
    expect(intraday.run).toContain('2024-01-02 09:00:00 → 2024-01-02 13:59:00');
    expect(intraday.show).toBe(intraday.run);
  });

  it('prints exactly what bt run printed for a portfolio (with its per-symbol table)', async () => {
    const portfolio = ['--data', 'test/fixtures/portfolio/AAA.csv', '--data', 'test/fixtures/portfolio/BBB.csv', '--strategy', 'equal-weight'];
    const full = await original(portfolio);
    expect(full.run).toMatch(/│ Symbol +│ Bars │/);
    expect(full.show).toBe(full.run);
    const quiet = await original(portfolio, ['--quiet']);
    expect(quiet.show).toBe(quiet.run);
  });

  it('prints exactly what bt run printed with --assert and --baseline checks (passed and failed; spawned)', () => {
    // In a working folder of its own, so the baseline path is relative as the result records it.
    const cwd = mkdtempSync(join(dir, 'checks-'));
    const cli = (args: readonly string[]) => spawnCli([...args, '--store', 'runs.db', '--no-color'], { cwd });
    writeFileSync(join(cwd, 'baseline.json'), cli(['run', ...SMA, '--strat', 'fast=12', '--json']).stdout);
    const failing = cli(['run', ...SMA, '--assert', 'sharpe >= 5', '--assert', 'tradeCount > 1', '--baseline', 'baseline.json']);
    expect(failing.code, failing.stderr).toBe(1);
    expect(failing.stdout).toMatch(/│ sharpe >= 5 +│ .* │ FAIL +│/);
    expect(failing.stdout).toContain('comparing this run with the baseline baseline.json');
    const passing = cli(['run', ...SMA, '--strat', 'fast=12', '--quiet', '--assert', 'tradeCount > 1', '--baseline', 'baseline.json']);
    expect(passing.code, passing.stderr).toBe(0);
    expect(passing.stdout).toMatch(/equal: /);
    const runs = JSON.parse(cli(['runs', '--json']).stdout) as ListedRun[];
    const idOf = (fast: number) => runs.find((run) => run.strategy.params.fast === fast)!.id;
    expect(cli(['runs', 'show', idOf(10)]).stdout).toBe(failing.stdout);
    expect(cli(['runs', 'show', idOf(12), '--quiet']).stdout).toBe(passing.stdout);
  });

  it('--json prints the stored document byte for byte as bt run --json did', async () => {
    const store = freshStore();
    const { stdout, id } = await recordedRun(store, [...SMA, '--json']);
    const show = await runCli(['runs', 'show', id, '--json', '--store', store]);
    expect(show.code).toBe(0);
    expect(show.stdout).toBe(stdout);
  });

  it('unknown, short, non-hex and missing-store ids are usage errors (exit 2)', async () => {
    const store = freshStore();
    const { id } = await recordedRun(store, SMA);
    const other = id.startsWith('ffff') ? '0000' : 'ffff';
    expect(await runCli(['runs', 'show', other, '--store', store])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error[BT_RUN_NOT_FOUND]: no run "${other}" in the run store "${store}"\nhint: run "bt runs" to list the recorded runs (and --store PATH for another store)\n`,
    });
    expect(await runCli(['runs', 'show', id.slice(0, 3), '--store', store])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error[BT_RUN_ID_INVALID]: run id "${id.slice(0, 3)}" is too short: give at least 4 characters\nhint: copy an id from "bt runs"\n`,
    });
    expect((await runCli(['runs', 'show', 'not-an-id', '--store', store])).stderr).toBe('error[BT_RUN_ID_INVALID]: run id "not-an-id" is not a hex id\nhint: copy an id from "bt runs"\n');
    const missing = freshStore();
    expect(await runCli(['runs', 'show', 'abcd', '--store', missing])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error[BT_RUN_NOT_FOUND]: no run "abcd": the run store "${missing}" does not exist yet\nhint: runs are recorded by "bt run" (unless --no-store); pass --store PATH for another store\n`,
    });
    expect(existsSync(missing)).toBe(false);
  });
});

describe('bt runs diff', () => {
  it('is bt diff of the two stored results: exit 1 when they differ, same report as bt diff', async () => {
    const store = freshStore();
    const a = await recordedRun(store, [...SMA, '--json']);
    const b = await recordedRun(store, [...SMA, '--json', '--strat', 'fast=15']);
    writeFileSync(join(dir, 'a.json'), a.stdout);
    writeFileSync(join(dir, 'b.json'), b.stdout);
    const viaFiles = await runCli(['diff', join(dir, 'a.json'), join(dir, 'b.json'), '--json']);
    const viaStore = await runCli(['runs', 'diff', a.id.slice(0, 6), b.id.slice(0, 6), '--json', '--store', store]);
    expect(viaStore.code).toBe(1);
    expect(viaFiles.code).toBe(1);
    const { baseline, current, ...report } = JSON.parse(viaStore.stdout);
    expect({ baseline, current }).toEqual({ baseline: `run ${a.id.slice(0, 12)}`, current: `run ${b.id.slice(0, 12)}` });
    const { baseline: _b, current: _c, ...fileReport } = JSON.parse(viaFiles.stdout);
    expect(report).toEqual(fileReport);
    expect(report.metadata).toEqual([{ path: 'strategy.params.fast', baseline: 10, current: 15 }]);
    expect(viaStore.stderr).toMatch(/^error\[BT_RESULTS_DIFFER\]: "run [0-9a-f]{12}" differs from "run [0-9a-f]{12}": settings \(strategy\.params\.fast\)/);

    const text = await runCli(['runs', 'diff', a.id.slice(0, 6), b.id.slice(0, 6), '--metrics-only', '--no-color', '--store', store]);
    expect(text.code).toBe(1);
    expect(text.stdout.split('\n')[0]).toBe(`comparing run ${b.id.slice(0, 12)} with the baseline run ${a.id.slice(0, 12)} (relative tolerance 1e-9)`);
  });

  it('exit 0 for the same run; exit 2 for an unknown id or a bad tolerance', async () => {
    const store = freshStore();
    const { id } = await recordedRun(store, SMA);
    const same = await runCli(['runs', 'diff', id.slice(0, 4), id, '--store', store, '--no-color']);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/^comparing run [0-9a-f]{12} with the baseline run [0-9a-f]{12} .*\nequal: /);
    const other = id.startsWith('ffff') ? '0000' : 'ffff';
    const unknown = await runCli(['runs', 'diff', id, other, '--store', store]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error\[BT_RUN_NOT_FOUND\]: no run "(ffff|0000)"/);
    expect((await runCli(['runs', 'diff', id, id, '--tolerance', '-1', '--store', store])).code).toBe(2);
  });
});

describe('bt runs rm', () => {
  it('removes a run (exit 0); it is gone from the list and show; an unknown id is exit 2', async () => {
    const store = freshStore();
    const keep = await recordedRun(store, SMA);
    const drop = await recordedRun(store, [...SMA, '--strat', 'fast=15']);
    const removed = await runCli(['runs', 'rm', drop.id.slice(0, 10), '--store', store]);
    expect(removed).toEqual({ code: 0, stdout: '', stderr: `note: removed run ${drop.id.slice(0, 12)} from ${store}\n` });
    expect((await listRuns(store)).map((run) => run.id)).toEqual([keep.id]);
    expect((await runCli(['runs', 'show', drop.id, '--store', store])).code).toBe(2);
    const again = await runCli(['runs', 'rm', drop.id, '--store', store]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^error\[BT_RUN_NOT_FOUND\]/);
  });
});

describe('bt --help stays fast', () => {
  it('the bundled CLI loads better-sqlite3 only when a run is recorded (issue 12)', () => {
    const script = [
      "import { createRequire } from 'node:module';",
      "import { mkdtempSync, rmSync } from 'node:fs';",
      "import { tmpdir } from 'node:os';",
      "import { join } from 'node:path';",
      "const { main } = await import('./dist/cli.js');",
      "const io = { stdout: { write() {} }, stderr: { write() {} }, stdin: process.stdin, env: {}, stdoutIsTTY: false, stderrIsTTY: false, columns: 80 };",
      "const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((p) => p.includes('better-sqlite3')).length;",
      "await main(['node', 'bt', '--help'], io);",
      'const afterHelp = loaded();',
      "await main(['node', 'bt', 'run', '--strategy', 'sma-cross', '--no-store', '-q'], io);",
      'const afterRun = loaded();',
      "const folder = mkdtempSync(join(tmpdir(), 'bt-lazy-'));",
      "await main(['node', 'bt', 'run', '--strategy', 'sma-cross', '-q', '--store', join(folder, 'runs.db')], io);",
      'const afterRecord = loaded();',
      'rmSync(folder, { recursive: true, force: true });',
      'console.log(JSON.stringify({ afterHelp, afterRun, afterRecord }));',
    ].join('\n');
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: projectRoot, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const { afterHelp, afterRun, afterRecord } = JSON.parse(result.stdout) as { afterHelp: number; afterRun: number; afterRecord: number };
    expect(afterHelp, 'better-sqlite3 modules loaded by bt --help').toBe(0);
    expect(afterRun, 'better-sqlite3 modules loaded by bt run --no-store').toBe(0);
    expect(afterRecord, 'the check sees better-sqlite3 once a run is recorded').toBeGreaterThan(0);
  });
});
