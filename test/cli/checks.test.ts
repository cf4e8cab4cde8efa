/**
 * CI checks end to end (issue 4, "CI regression checks"): `--assert` pass and fail, the checks
 * table and the `checks` field of `--json`, `--baseline` / `--save-baseline`, and `bt diff`,
 * each with its exit code (0 pass, 1 check failed, 2 usage, 3 unreadable result file).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_KEYS } from '../../src/checks/check-keys.js';
import { runCli as runCliRaw, spawnCli } from './run-cli.js';

/** In-process `bt`, with the run store off so stderr holds only what these checks print. */
const runCli = (args: readonly string[], options: { stdin?: string; env?: Record<string, string>; tty?: boolean } = {}) =>
  runCliRaw(args, { ...options, env: { BT_STORE: 'off', ...options.env } });

let dir: string;
const file = (name: string) => join(dir, name);
const SMA = ['run', '--strategy', 'sma-cross'];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bt-checks-'));
  const { code, stdout } = await runCli([...SMA, '--json']);
  expect(code).toBe(0);
  writeFileSync(file('baseline.json'), stdout);
  writeFileSync(file('fast12.json'), (await runCli([...SMA, '--strat', 'fast=12', '--json'])).stdout);
  writeFileSync(file('not-json.json'), '{ "metrics": ');
  writeFileSync(file('not-a-result.json'), '{ "hello": 1 }\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bt run --assert', () => {
  it('passing assertions: exit 0 and a table of each check below the metrics', async () => {
    const { code, stdout, stderr } = await runCli([...SMA, '--assert', 'tradeCount >= 30', '--assert', 'maxDrawdown <= 35%', '--assert', '0.1 <= sharpe']);
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
    const table = stdout.slice(stdout.indexOf('Check'));
    expect(stdout.indexOf('Kelly criterion'), 'the checks come after the metrics table').toBeLessThan(stdout.indexOf('│ Check'));
    expect(table).toMatch(/│ tradeCount >= 30\s+│\s+87 │ pass\s+│/);
    expect(table).toMatch(/│ maxDrawdown <= 35%\s+│\s+31\.21% │ pass\s+│/);
    expect(table).toMatch(/│ 0\.1 <= sharpe\s+│\s+0\.145 │ pass\s+│/);
  });

  it('a failing assertion: exit 1, FAIL in the table, and an error line naming it with its actual value', async () => {
    const { code, stdout, stderr } = await runCli([...SMA, '--assert', 'sharpe >= 0.5', '--assert', 'maxDrawdown <= 0.25', '--assert', 'tradeCount >= 30']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/│ sharpe >= 0\.5\s+│\s+0\.145 │ FAIL\s+│/);
    expect(stdout).toMatch(/│ maxDrawdown <= 0\.25\s+│\s+31\.21% │ FAIL\s+│/);
    expect(stdout).toMatch(/│ tradeCount >= 30\s+│\s+87 │ pass\s+│/);
    expect(stderr).toBe(
      'error[BT_ASSERT_FAILED]: 2 of 3 assertions failed: "sharpe >= 0.5" (actual 0.145), "maxDrawdown <= 0.25" (actual 31.21%)\n' +
        'hint: the run missed a threshold set with --assert (see the checks table); fractions are ratios, 25% = 0.25\n',
    );
  });

  it('--json gets a checks field after logs; the table goes to stderr, stdout stays one JSON document', async () => {
    const { code, stdout, stderr } = await runCli([...SMA, '--json', '--assert', 'sharpe >= 0.5', '--assert', 'tradeCount > 30']);
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc).at(-2)).toBe('logs');
    expect(Object.keys(doc).at(-1)).toBe('checks');
    expect(doc.checks).toEqual({
      assertions: [
        { expression: 'sharpe >= 0.5', key: 'sharpe', operator: '>=', expected: 0.5, actual: doc.metrics.sharpe, passed: false },
        { expression: 'tradeCount > 30', key: 'tradeCount', operator: '>', expected: 30, actual: 87, passed: true },
      ],
      passed: false,
    });
    expect(stderr).toMatch(/│ sharpe >= 0\.5\s+│\s+0\.145 │ FAIL/);
    expect(stderr).toMatch(/error\[BT_ASSERT_FAILED\]/);
  });

  it('--json with passing checks: checks.passed true, nothing on stderr', async () => {
    const { code, stdout, stderr } = await runCli([...SMA, '--json', '--assert', 'rejectedOrderCount == 0']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout).checks).toEqual({ assertions: [{ expression: 'rejectedOrderCount == 0', key: 'rejectedOrderCount', operator: '==', expected: 0, actual: 0, passed: true }], passed: true });
  });

  it('without checks the JSON document is unchanged (no checks field)', async () => {
    const doc = JSON.parse((await runCli([...SMA, '--json'])).stdout);
    expect(Object.keys(doc)).not.toContain('checks');
    expect(Object.keys(doc).at(-1)).toBe('logs');
  });

  it('a null metric fails its assertion with the reason', async () => {
    const { code, stdout, stderr } = await runCli([...SMA, '--from', '2020-01-01', '--assert', 'winRate >= 0', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).checks.assertions[0]).toEqual({ expression: 'winRate >= 0', key: 'winRate', operator: '>=', expected: 0, actual: null, passed: false, reason: 'there are no closed trades' });
    expect(stderr).toMatch(/│ winRate >= 0 │ null \(there are no closed trades\) │ FAIL/);
    expect(stderr).toMatch(/"winRate >= 0" \(no value: there are no closed trades\)/);
  });

  const usage: [string, string, RegExp, RegExp][] = [
    ['unknown key', 'sharp >= 0.5', /^error\[BT_ASSERT_UNKNOWN_KEY\]: --assert "sharp >= 0\.5": unknown key "sharp" \(did you mean "sharpe"\?\)$/, /bt run --help/],
    ['bad operator', 'sharpe => 0.5', /^error\[BT_ASSERT_SYNTAX\]: --assert "sharpe => 0\.5": unknown operator "=>" \(did you mean ">="\?\)/, /KEY OP NUMBER/],
    ['no number', 'sharpe >=', /^error\[BT_ASSERT_SYNTAX\]: --assert "sharpe >=": expected a number after ">="/, /KEY OP NUMBER/],
    ['percent on a count', 'tradeCount >= 30%', /^error\[BT_ASSERT_PERCENT\]/, /tradeCount >= 30/],
  ];
  for (const [name, expression, error, hint] of usage) {
    it(`${name} is a usage error before the run: exit 2, nothing on stdout`, async () => {
      const { code, stdout, stderr } = await runCli([...SMA, '--assert', expression]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      const lines = stderr.trimEnd().split('\n');
      expect(lines[0]).toMatch(error);
      expect(lines[1]).toMatch(/^hint: /);
      expect(lines[1]).toMatch(hint);
      expect(lines).toHaveLength(2);
    });
  }

  it('bt run --help lists every --assert key, generated from the registry', async () => {
    const { stdout } = await runCli(['run', '--help']);
    for (const flag of ['--assert', '--baseline', '--save-baseline', '--tolerance']) expect(stdout, flag).toContain(flag);
    const keys = stdout.slice(stdout.indexOf('--assert keys'));
    for (const { key } of CHECK_KEYS) expect(keys, key).toMatch(new RegExp(`[ ,]${key}(,|\\n|$)`));
  });

  it('the built CLI exits 1 on a failed assertion and 0 on a passing one', () => {
    const failed = spawnCli([...SMA, '--assert', 'sharpe >= 0.5', '--no-store']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^error\[BT_ASSERT_FAILED\]: 1 of 1 assertion failed: "sharpe >= 0\.5" \(actual 0\.145\)\nhint: /);
    expect(spawnCli([...SMA, '--assert', 'sharpe >= 0.1', '--no-store']).code).toBe(0);
  });
});

describe('bt run --baseline and --save-baseline', () => {
  it('--save-baseline writes the JSON result atomically; a rerun with --baseline is equal (exit 0)', async () => {
    const saved = file('saved.json');
    const first = await runCli([...SMA, '--save-baseline', saved, '--quiet']);
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(saved, 'utf8')).toBe(readFileSync(file('baseline.json'), 'utf8'));
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const again = await runCli([...SMA, '--baseline', saved]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('equal: 39 values and all 87 trades (+1 open) match the baseline');
  });

  it('the saved baseline has no checks field even when assertions ran', async () => {
    const saved = file('with-asserts.json');
    await runCli([...SMA, '--save-baseline', saved, '--assert', 'tradeCount > 1', '--quiet']);
    expect(readFileSync(saved, 'utf8')).toBe(readFileSync(file('baseline.json'), 'utf8'));
  });

  it('a different result: exit 1, the differing metrics and the first differing trade', async () => {
    const { code, stdout, stderr } = await runCli([...SMA, '--strat', 'fast=12', '--baseline', file('baseline.json')]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/different: 1 setting, \d+ of 39 values, trades differ from the baseline/);
    expect(stdout).toContain('strategy.params.fast: 10 → 12');
    expect(stdout).toMatch(/│ tradeCount \(Trades\)\s+│\s+87 │\s+83 │/);
    expect(stdout).toContain('trades: 87 → 83 closed, 1 → 1 open');
    expect(stdout).toContain('first differing trade: #1 (trades[0]); differs in exitBar, exitPrice, pnl');
    expect(stdout).toMatch(/baseline: long 68 units, entry bar 52 at 1458\.469971, exit bar 75 at 1441\.609985 \(signal\)/);
    expect(stderr).toMatch(/^error\[BT_BASELINE_DIFFERS\]: the result differs from the baseline ".*baseline\.json": settings \(strategy\.params\.fast\); \d+ values \(.*\); trades \(first at trades\[0\]\)\nhint: .*--save-baseline/);
  });

  it('--json: checks.baseline holds the diff, the report goes to stderr', async () => {
    const { code, stdout, stderr } = await runCli([...SMA, '--json', '--commission', '0.1001%', '--baseline', file('baseline.json')]);
    expect(code).toBe(1);
    const checks = JSON.parse(stdout).checks;
    expect(checks.passed).toBe(false);
    expect(checks.assertions).toEqual([]);
    expect(checks.baseline).toMatchObject({ equal: false, tolerance: 1e-9, metadata: [{ path: 'conventions.commissionRate', baseline: 0.001, current: 0.001001 }] });
    expect(checks.baseline.file).not.toMatch(/^\//);
    expect(stderr).toContain('conventions.commissionRate: 0.001 → 0.001001');
  });

  it('--tolerance loosens the value comparison (settings must still match)', async () => {
    const strict = JSON.parse((await runCli([...SMA, '--strat', 'fast=12', '--baseline', file('baseline.json'), '--json'])).stdout).checks.baseline;
    const loose = JSON.parse((await runCli([...SMA, '--strat', 'fast=12', '--baseline', file('baseline.json'), '--tolerance', '10%', '--json'])).stdout).checks.baseline;
    expect(loose.tolerance).toBe(0.1);
    const keys = (report: { values: { key: string; relativeDifference: number | null }[] }) => report.values.map((v) => v.key);
    expect(keys(strict)).toContain('tradeCount');
    expect(keys(loose), '87 → 83 trades is within 10 %').not.toContain('tradeCount');
    expect(loose.values.every((v: { relativeDifference: number }) => v.relativeDifference > 0.1)).toBe(true);
    expect(loose.metadata, 'settings still differ').toEqual([{ path: 'strategy.params.fast', baseline: 10, current: 12 }]);
  });

  it('assertions and the baseline combine: both must pass', async () => {
    const { code, stderr } = await runCli([...SMA, '--baseline', file('baseline.json'), '--assert', 'sharpe >= 1', '--quiet']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/error\[BT_ASSERT_FAILED\]/);
    expect(stderr).not.toMatch(/BT_BASELINE_DIFFERS/);
  });

  it('a missing baseline is exit 3 before the run; an invalid one too', async () => {
    const missing = await runCli([...SMA, '--baseline', file('nope.json')]);
    expect(missing.code).toBe(3);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^error\[BT_RESULT_NOT_FOUND\]: --baseline: result file ".*nope\.json" does not exist\nhint: .*--save-baseline/);
    const invalid = await runCli([...SMA, '--baseline', file('not-a-result.json')]);
    expect(invalid.code).toBe(3);
    expect(invalid.stderr).toMatch(/^error\[BT_RESULT_INVALID\]: .*not-a-result\.json: not a bt result document \(no "metrics" object\)/);
  });

  it('--tolerance without --baseline, or a bad tolerance, is exit 2', async () => {
    expect((await runCli([...SMA, '--tolerance', '1e-6'])).stderr).toMatch(/^error\[BT_USAGE\]: --tolerance applies to --baseline/);
    const bad = await runCli([...SMA, '--baseline', file('baseline.json'), '--tolerance', 'abc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error\[BT_BAD_VALUE\]: --tolerance: /);
  });

  it('an unwritable --save-baseline is exit 5 with nothing partial left', async () => {
    writeFileSync(file('in-the-way'), 'x');
    const { code, stderr } = await runCli([...SMA, '--quiet', '--save-baseline', join(file('in-the-way'), 'b.json')]);
    expect(code).toBe(5);
    expect(stderr).toMatch(/^error\[BT_OUTPUT_WRITE\]: cannot write ".*b\.json": a file is in the way of the folder\nhint: choose a writable folder for --save-baseline/);
    expect(existsSync(join(file('in-the-way'), 'b.json'))).toBe(false);
  });
});

describe('bt diff', () => {
  it('equal results: exit 0', async () => {
    const { code, stdout, stderr } = await runCli(['diff', file('baseline.json'), file('baseline.json')]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('equal: 39 values and all 87 trades (+1 open) match the baseline');
    expect(stderr).toBe('');
  });

  it('different results: exit 1, per-metric differences and the first differing trade', async () => {
    const { code, stdout, stderr } = await runCli(['diff', file('baseline.json'), file('fast12.json')]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/│ Value\s+│\s+Baseline │\s+Current │ Rel\. diff │/);
    expect(stdout).toMatch(/│ tradeCount \(Trades\)\s+│\s+87 │\s+83 │\s+4\.60e-2 │/);
    expect(stdout).toContain('first differing trade: #1 (trades[0]); differs in exitBar, exitPrice, pnl');
    expect(stderr).toMatch(/^error\[BT_RESULTS_DIFFER\]: ".*fast12\.json" differs from ".*baseline\.json": settings \(strategy\.params\.fast\); /);
  });

  it('--json prints the report as one document', async () => {
    const { code, stdout } = await runCli(['diff', file('baseline.json'), file('fast12.json'), '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['baseline', 'current', 'equal', 'tolerance', 'metricsOnly', 'metadata', 'notes', 'comparedValues', 'values', 'trades']);
    expect(report.trades.firstDifference).toMatchObject({ list: 'trades', index: 0, fields: ['exitBar', 'exitPrice', 'pnl'], baseline: { exitBar: 75 }, current: { exitBar: 76 } });
    expect(report.values.find((v: { key: string }) => v.key === 'tradeCount')).toEqual({ key: 'tradeCount', group: 'metrics', unit: 'count', baseline: 87, current: 83, relativeDifference: 4 / 87 });
  });

  it('--metrics-only skips the trades; --tolerance accepts float noise', async () => {
    const doc = JSON.parse(readFileSync(file('baseline.json'), 'utf8'));
    doc.metrics.sharpe *= 1 + 1e-12;
    doc.trades[0].exitBar += 1;
    writeFileSync(file('nudged.json'), JSON.stringify(doc));
    expect((await runCli(['diff', file('baseline.json'), file('nudged.json')])).code, 'a different trade').toBe(1);
    expect((await runCli(['diff', file('baseline.json'), file('nudged.json'), '--metrics-only'])).code, 'metrics within 1e-9').toBe(0);
    expect((await runCli(['diff', file('baseline.json'), file('nudged.json'), '--metrics-only', '--tolerance', '0'])).code, 'exact').toBe(1);
  });

  it('reads one side from stdin', async () => {
    const { code } = await runCli(['diff', file('baseline.json'), '-'], { stdin: readFileSync(file('baseline.json'), 'utf8') });
    expect(code).toBe(0);
  });

  const bad: [string, () => string[], number, RegExp][] = [
    ['a missing file', () => ['diff', file('baseline.json'), file('missing.json')], 3, /^error\[BT_RESULT_NOT_FOUND\]: CURRENT: result file ".*missing\.json" does not exist$/],
    ['invalid JSON', () => ['diff', file('not-json.json'), file('baseline.json')], 3, /^error\[BT_RESULT_INVALID\]: .*not-json\.json: not valid JSON: /],
    ['not a result', () => ['diff', file('baseline.json'), file('not-a-result.json')], 3, /^error\[BT_RESULT_INVALID\]: .*not-a-result\.json: not a bt result document/],
    ['a folder', () => ['diff', dir, file('baseline.json')], 3, /^error\[BT_RESULT_READ\]: BASELINE: cannot read result file ".*": it is a folder$/],
    ['a bad tolerance', () => ['diff', file('baseline.json'), file('baseline.json'), '--tolerance', '-1'], 2, /^error\[BT_BAD_VALUE\]: --tolerance: /],
    ['a missing argument', () => ['diff', file('baseline.json')], 2, /^error\[BT_USAGE\]: missing required argument 'current'/],
    ['stdin twice', () => ['diff', '-', '-'], 2, /^error\[BT_USAGE\]: only one of BASELINE and CURRENT can be "-"/],
  ];
  for (const [name, args, exit, message] of bad) {
    it(`${name} → exit ${exit}`, async () => {
      const { code, stdout, stderr } = await runCli(args());
      expect(code).toBe(exit);
      expect(stdout).toBe('');
      expect(stderr.split('\n')[0]).toMatch(message);
      expect(stderr.split('\n')[1]).toMatch(/^hint: /);
    });
  }

  it('the built CLI: exit 0 equal, 1 different', () => {
    expect(spawnCli(['diff', file('baseline.json'), file('baseline.json')]).code).toBe(0);
    const different = spawnCli(['diff', file('baseline.json'), file('fast12.json')]);
    expect(different.code).toBe(1);
    expect(different.stderr).toMatch(/^error\[BT_RESULTS_DIFFER\]/);
  });
});
