/**
 * The determinism contract (issue 4, "CI regression checks"): the same inputs give byte-
 * identical JSON and CSV outputs whatever the wall clock, time zone, locale or working folder;
 * no output holds an absolute path (project, temporary folder or home); and every result names
 * the data file's SHA-256, the strategy file's SHA-256, all conventions and the bt version.
 * (test/cli/run.test.ts covers two plain runs giving the same bytes.)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FIXED_RULES } from '../../src/report/json.js';
import { starterStrategySource } from '../../src/strategy/starter-template.js';
import { projectRoot, runCli, spawnCli } from './run-cli.js';

let dir: string;
let dataFile: string;
let strategyFile: string;
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bt-determinism-'));
  for (const sub of ['data', 'strategies', 'work-a', 'work-b']) mkdirSync(join(dir, sub));
  dataFile = join(dir, 'data', 'bars.csv');
  strategyFile = join(dir, 'strategies', 'starter.ts');
  const lines = readFileSync(join(projectRoot, 'data/sp500-2000.csv'), 'utf8').trim().split('\n');
  writeFileSync(dataFile, `${lines.slice(0, 1500).join('\n')}\n`);
  writeFileSync(strategyFile, starterStrategySource('starter'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every output of one run, by name: stdout JSON and the --out, --report and --save-baseline files. */
function spawnRun(name: string, cwd: string, env: Record<string, string>): Record<string, string> {
  const out = join(dir, 'out', name);
  const args = ['run', '--data', dataFile, '--strategy', strategyFile, '--strat', 'fast=12', '--stop-loss', '3%', '--json', '--out', out, '--save-baseline', join(out, 'baseline.json'), '--report', join(out, 'report.html'), '--assert', 'tradeCount >= 1', '--no-store'];
  const { code, stdout, stderr } = spawnCli(args, { cwd, env });
  expect(code, stderr).toBe(0);
  const outputs: Record<string, string> = { stdout };
  for (const file of readdirSync(out).sort()) outputs[file] = readFileSync(join(out, file), 'utf8');
  return outputs;
}

describe('determinism contract', () => {
  it('byte-identical JSON, CSV and HTML across time zones, locales and working folders', () => {
    const a = spawnRun('a', join(dir, 'work-a'), { TZ: 'UTC', LC_ALL: 'C', LANG: 'C' });
    const b = spawnRun('b', join(dir, 'work-b'), { TZ: 'Pacific/Chatham', LC_ALL: 'de_DE.UTF-8', LANG: 'de_DE.UTF-8' });
    expect(Object.keys(a)).toEqual(['stdout', 'baseline.json', 'equity.csv', 'orders.csv', 'report.html', 'summary.json', 'trades.csv']);
    for (const name of Object.keys(a)) expect(b[name], name).toBe(a[name]);
    expect(a['summary.json'], 'summary.json is the --json document').toBe(a.stdout);
    expect(JSON.parse(a['baseline.json']), 'the baseline is the document without its checks').toEqual({ ...JSON.parse(a.stdout), checks: undefined });
    expect(a['trades.csv']).toMatch(/\n1,BARS,long,\d+,\d+,\d{4}-\d\d-\d\d,[\d.]+,/);
  });

  it('no output holds an absolute path: not the project, the temporary folder or the home folder', () => {
    const outputs = spawnRun('paths', join(dir, 'work-a'), {});
    const forbidden = [dir, tmpdir(), projectRoot.replace(/\/$/, ''), homedir()].filter((p) => p !== '/' && p !== '');
    for (const [name, text] of Object.entries(outputs)) {
      for (const path of forbidden) expect(text.includes(path), `${name} contains ${path}`).toBe(false);
    }
    const doc = JSON.parse(outputs.stdout);
    expect(doc.data.file, 'a data file outside the working folder is named by its base name').toBe('bars.csv');
    expect(doc.strategy.source).toBe('starter.ts');
  });

  it('the result names the data and strategy SHA-256, every convention and the bt version', () => {
    const doc = JSON.parse(spawnRun('meta', join(dir, 'work-a'), {}).stdout);
    expect(doc.data.sha256).toBe(sha256(dataFile));
    expect(doc.strategy).toMatchObject({ name: 'starter', kind: 'file', sha256: sha256(strategyFile), params: { fast: 12 } });
    expect(doc.btVersion).toBe(JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.conventions).toMatchObject({
      initialCash: 100000,
      commissionRate: 0.001,
      commissionFixed: 0,
      slippageRate: 0,
      fill: 'next-open',
      fractional: false,
      closeAtEnd: false,
      stopLoss: { fraction: 0.03 },
      takeProfit: null,
      trailingStop: null,
      from: null,
      to: null,
      rules: FIXED_RULES,
    });
    for (const key of ['sizing', 'warmupBars', 'firstDecisionBar']) expect(doc.conventions, key).toHaveProperty(key);
  });

  it('a built-in strategy\'s SHA-256 is its source file\'s', async () => {
    const doc = JSON.parse((await runCli(['run', '--strategy', 'sma-cross', '--json'], { env: { BT_STORE: 'off' } })).stdout);
    expect(doc.strategy.sha256).toBe(sha256(join(projectRoot, 'strategies/sma-cross.ts')));
  });
});

describe('no wall-clock time in any output', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const at = async (iso: string, args: readonly string[]) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(iso));
    const outcome = await runCli(args, { env: { BT_STORE: 'off' } });
    vi.useRealTimers();
    expect(outcome.code, outcome.stderr).toBe(0);
    return outcome.stdout;
  };

  for (const [name, args] of [
    ['bt run --json', ['run', '--strategy', 'sma-cross', '--json', '--assert', 'tradeCount > 1']],
    ['bt audit --json', ['audit', '--strategy', 'sma-cross', '--cuts', '3', '--json']],
  ] as const) {
    it(`${name} is the same in 1990 and in 2040`, async () => {
      expect(await at('2040-06-30T23:59:59Z', args)).toBe(await at('1990-01-01T00:00:00Z', args));
    });
  }

  it('bt diff --json is the same in 1990 and in 2040', async () => {
    const baseline = join(dir, 'clock-baseline.json');
    writeFileSync(baseline, (await runCli(['run', '--strategy', 'sma-cross', '--json'], { env: { BT_STORE: 'off' } })).stdout);
    const args = ['diff', baseline, baseline, '--json'];
    expect(await at('2040-06-30T23:59:59Z', args)).toBe(await at('1990-01-01T00:00:00Z', args));
  });
});
