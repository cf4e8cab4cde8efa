/**
 * `bt montecarlo` end to end, in-process (issue 5, "Robustness"): output, JSON document,
 * determinism, --from-result, --out, --report, and the exit code of every failure.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from './run-cli.js';

let dir: string;
let runJson: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bt-mc-'));
  const run = await runCli(['run', '--strategy', 'sma-cross', '--json']);
  expect(run.code, run.stderr).toBe(0);
  runJson = run.stdout;
  writeFileSync(join(dir, 'run.json'), runJson);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function mcJson(args: readonly string[], stdin?: string): Promise<{ text: string; doc: Record<string, any> }> {
  const { code, stdout, stderr } = await runCli(['montecarlo', ...args, '--json'], { stdin });
  expect(code, stderr).toBe(0);
  return { text: stdout, doc: JSON.parse(stdout) as Record<string, any> };
}

describe('bt montecarlo', () => {
  it('prints the statistics table, the probability of ruin and three histograms', async () => {
    const { code, stdout, stderr } = await runCli(['montecarlo', '--strategy', 'sma-cross', '--runs', '500']);
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Monte Carlo · bootstrap · 500 runs · seed 1 · 87 closed trades \(1 open trade not included\) of sma-cross\(fast=10, slow=30, direction=long-only, signalMode=crossover\) on SP500-2000/);
    for (const label of ['Final return', 'Max drawdown', 'Longest losing streak [trades]', 'Actual', 'Mean', '5%', 'Median', '95%']) expect(stdout).toContain(label);
    expect(stdout).toMatch(/Probability of ruin: \d+\.\d\d% \(\d+ of 500 paths fell below 50,000\.00/);
    expect(stdout).toContain('Final return · 20 bins · 500 paths');
    expect(stdout).toContain('Max drawdown · 20 bins · 500 paths');
    expect(stdout).toContain('◀ actual');
    expect(stdout, 'no colour off a TTY').not.toMatch(/\u001b\[/);
  });

  it('colours on a TTY, not with NO_COLOR or --no-color', async () => {
    const tty = await runCli(['montecarlo', '--strategy', 'sma-cross', '--runs', '50'], { tty: true });
    expect(tty.stdout).toMatch(/\u001b\[3[12]m/);
    const noColor = await runCli(['montecarlo', '--strategy', 'sma-cross', '--runs', '50'], { tty: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toMatch(/\u001b\[/);
    const flag = await runCli(['--no-color', 'montecarlo', '--strategy', 'sma-cross', '--runs', '50'], { tty: true });
    expect(flag.stdout).not.toMatch(/\u001b\[/);
  });

  it('--quiet prints only the table and the probability of ruin', async () => {
    const { stdout } = await runCli(['montecarlo', '--strategy', 'sma-cross', '--runs', '50', '--quiet']);
    expect(stdout).not.toContain('Monte Carlo ·');
    expect(stdout).not.toContain('bins');
    expect(stdout.trim().split('\n')).toHaveLength(7);
  });

  it('--json prints one document with the settings, percentiles, ruin and histograms, and no NaN', async () => {
    const { text, doc } = await mcJson(['--strategy', 'sma-cross', '--runs', '300', '--seed', '5', '--ruin', '20%', '--bins', '10']);
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(Object.keys(doc)).toEqual([
      'schemaVersion', 'kind', 'btVersion', 'inputs', 'method', 'model', 'runs', 'seed', 'ruinThreshold', 'ruinEquity', 'bins',
      'observed', 'statistics', 'probabilityOfRuin', 'histograms', 'definitions',
    ]);
    expect(doc).toMatchObject({ schemaVersion: 1, kind: 'montecarlo', method: 'bootstrap', model: 'compound', runs: 300, seed: 5, ruinThreshold: 0.2, ruinEquity: 80_000, bins: 10 });
    expect(doc.inputs).toMatchObject({
      resultFile: null,
      strategy: { name: 'sma-cross', params: { fast: 10, slow: 30, direction: 'long-only' } },
      data: { file: 'data/sp500-2000.csv', symbol: 'SP500-2000' },
      initialCash: 100_000,
      closedTradeCount: 87,
      openTradeCount: 1,
    });
    for (const statistic of ['finalReturn', 'maxDrawdown', 'longestLosingStreak']) {
      const d = doc.statistics[statistic];
      expect(Object.keys(d)).toEqual(['mean', 'min', 'p5', 'p50', 'p95', 'max']);
      expect(d.min <= d.p5 && d.p5 <= d.p50 && d.p50 <= d.p95 && d.p95 <= d.max, statistic).toBe(true);
      const bins = doc.histograms[statistic] as { lower: number; upper: number; count: number }[];
      expect(bins.reduce((sum, bin) => sum + bin.count, 0), `${statistic} histogram counts every path`).toBe(300);
    }
    expect(doc.histograms.finalReturn).toHaveLength(10);
    expect(doc.probabilityOfRuin).toBeGreaterThan(0);
    expect(doc.definitions.percentiles).toMatch(/numpy default/);
  });

  it('the actual path rebuilds the run\'s closed-trade equity, and shuffle keeps it on every path', async () => {
    const run = JSON.parse(runJson) as { trades: { pnl: number }[]; conventions: { initialCash: number } };
    const closed = run.trades.reduce((sum, trade) => sum + trade.pnl, 0) / run.conventions.initialCash;
    const { doc } = await mcJson(['--strategy', 'sma-cross', '--method', 'shuffle', '--runs', '200']);
    expect(doc.observed.finalReturn).toBeCloseTo(closed, 12);
    const f = doc.statistics.finalReturn;
    expect([f.min, f.p5, f.p50, f.p95, f.max], 'a degenerate distribution').toEqual([f.p5, f.p5, f.p5, f.p5, f.p5]);
    expect(f.p50).toBe(doc.observed.finalReturn);
    expect(doc.histograms.finalReturn).toEqual([{ lower: f.p50, upper: f.p50, count: 200 }]);
  });

  it('is deterministic: the same seed gives byte-identical JSON, another seed different numbers', async () => {
    const a = await mcJson(['--strategy', 'sma-cross', '--seed', '11', '--runs', '400']);
    const b = await mcJson(['--strategy', 'sma-cross', '--seed', '11', '--runs', '400']);
    const c = await mcJson(['--strategy', 'sma-cross', '--seed', '12', '--runs', '400']);
    expect(a.text === b.text).toBe(true);
    expect(c.doc.statistics).not.toEqual(a.doc.statistics);
    const defaults = await mcJson(['--strategy', 'sma-cross']);
    expect(defaults.doc).toMatchObject({ seed: 1, runs: 1000, method: 'bootstrap', ruinThreshold: 0.5, bins: 20 });
  });

  it('--from-result reads the trades of a saved bt run --json and gives the same numbers as running here', async () => {
    const here = await mcJson(['--strategy', 'sma-cross', '--seed', '3', '--runs', '250']);
    const saved = await mcJson(['--from-result', join(dir, 'run.json'), '--seed', '3', '--runs', '250']);
    expect(saved.doc.inputs.resultFile).toMatch(/run\.json$/);
    const strip = (doc: Record<string, any>) => ({ ...doc, inputs: { ...doc.inputs, resultFile: null } });
    expect(strip(saved.doc)).toEqual(here.doc);
    const piped = await mcJson(['--from-result', '-', '--seed', '3', '--runs', '250'], runJson);
    expect(piped.doc.inputs.resultFile).toBe('-');
    expect(piped.doc.statistics).toEqual(here.doc.statistics);
    const text = await runCli(['montecarlo', '--from-result', join(dir, 'run.json'), '--runs', '50']);
    expect(text.stdout).toMatch(/on SP500-2000 · from .*run\.json/);
  });

  it('--from-result reads the summary.json that bt run --out writes', async () => {
    const out = join(dir, 'run-out');
    expect((await runCli(['run', '--strategy', 'sma-cross', '--out', out])).code).toBe(0);
    const { doc } = await mcJson(['--from-result', join(out, 'summary.json'), '--runs', '20']);
    expect(doc.inputs.closedTradeCount).toBe(87);
  });

  it('--model auto compounds for all-in sizing and adds P&L for a fixed --size; --model overrides', async () => {
    const fixed = await mcJson(['--strategy', 'sma-cross', '--size', '10', '--runs', '50']);
    expect(fixed.doc.model).toBe('additive');
    expect(fixed.doc.inputs.modelReason).toMatch(/fixed size/);
    expect(fixed.doc.inputs.sizing).toEqual({ kind: 'units', units: 10 });
    const forced = await mcJson(['--strategy', 'sma-cross', '--model', 'additive', '--runs', '50']);
    expect(forced.doc.model).toBe('additive');
    expect(forced.doc.inputs.modelReason).toBe('chosen with --model additive');
  });

  it('--out writes summary.json (= the --json output) and distribution.csv with one row per path', async () => {
    const out = join(dir, 'mc-out');
    const args = ['montecarlo', '--strategy', 'sma-cross', '--runs', '120', '--seed', '8'];
    const written = await runCli([...args, '--out', out]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toContain(`note: wrote summary.json and distribution.csv to ${out}`);
    const json = await runCli([...args, '--json']);
    expect(readFileSync(join(out, 'summary.json'), 'utf8') === json.stdout).toBe(true);
    const rows = readFileSync(join(out, 'distribution.csv'), 'utf8').trimEnd().split('\n');
    expect(rows[0]).toBe('run,finalEquity,finalReturn,maxDrawdown,longestLosingStreak,ruined');
    expect(rows).toHaveLength(121);
    const doc = JSON.parse(json.stdout);
    const finals = rows.slice(1).map((row) => Number(row.split(',')[2])).sort((a, b) => a - b);
    expect(finals[0]).toBe(doc.statistics.finalReturn.min);
    expect(finals[119]).toBe(doc.statistics.finalReturn.max);
    const ruined = rows.slice(1).filter((row) => row.endsWith(',1')).length;
    expect(ruined / 120).toBe(doc.probabilityOfRuin);
  });

  it('--report writes a self-contained HTML page with the three histograms', async () => {
    const file = join(dir, 'mc.html');
    const { code, stdout } = await runCli(['montecarlo', '--strategy', 'sma-cross', '--runs', '200', '--report', file]);
    expect(code).toBe(0);
    expect(stdout).toContain(`note: wrote the HTML report to ${file}`);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    for (const id of ['chart-final-return', 'chart-max-drawdown', 'chart-losing-streak', 'statistics-table']) expect(html).toContain(`id="${id}"`);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).toContain('Probability of ruin');
    const data = JSON.parse(/<script type="application\/json" id="bt-data">([^<]*)<\/script>/.exec(html)?.[1] ?? 'null');
    expect(data.charts).toHaveLength(3);
    expect(data.charts[0].counts.reduce((a: number, b: number) => a + b, 0)).toBe(200);
    const again = join(dir, 'mc2.html');
    await runCli(['montecarlo', '--strategy', 'sma-cross', '--runs', '200', '--report', again]);
    expect(readFileSync(again, 'utf8') === html, 'the same inputs give the same bytes').toBe(true);
  });
});

describe('bt montecarlo errors and exit codes', () => {
  const fails = async (args: readonly string[], code: number, pattern: RegExp, stdin?: string) => {
    const outcome = await runCli(['montecarlo', ...args], { stdin });
    expect(outcome.code, outcome.stderr).toBe(code);
    expect(outcome.stderr).toMatch(pattern);
    expect(outcome.stdout).toBe('');
  };

  it('exits 3 when the run has no closed trades, with a hint about open trades', async () => {
    await fails(['--strategy', 'sma-cross', '--to', '2000-04-01'], 3, /^error\[BT_MC_NO_TRADES\]: no closed trades to resample: the run of "sma-cross" has none\nhint: 1 trade\(s\) were still open at the end; add --close-at-end/);
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, JSON.stringify({ ...JSON.parse(runJson), trades: [], openTrades: [] }));
    await fails(['--from-result', empty], 3, /^error\[BT_MC_NO_TRADES\]: no closed trades to resample: ".*empty\.json" of "sma-cross" has none\nhint: check the strategy parameters/);
  });

  it('exits 3 for a missing, malformed or foreign --from-result file', async () => {
    await fails(['--from-result', join(dir, 'nope.json')], 3, /^error\[BT_MC_RESULT_READ\]: --from-result: cannot read ".*nope\.json": no such file\nhint: check the --from-result path/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"trades": [');
    await fails(['--from-result', bad], 3, /^error\[BT_MC_RESULT_INVALID\]: [^:\n]*bad\.json: not valid JSON/);
    const foreign = join(dir, 'foreign.json');
    writeFileSync(foreign, '{"hello": 1}');
    await fails(['--from-result', foreign], 3, /^error\[BT_MC_RESULT_INVALID\]: [^:\n]*foreign\.json: not a bt run result: "trades" is missing\nhint: pass the output of "bt run --json"/);
    const mc = await runCli(['montecarlo', '--strategy', 'sma-cross', '--runs', '10', '--json']);
    await fails(['--from-result', '-'], 3, /it is a bt montecarlo result, which has no trades/, mc.stdout);
  });

  it('exits 2 for bad flag values, naming the flag', async () => {
    await fails(['--strategy', 'sma-cross', '--runs', '0'], 2, /^error\[BT_BAD_VALUE\]: --runs: "0" is out of range\nhint: use 1 … 1,000,000/);
    await fails(['--strategy', 'sma-cross', '--runs', '2.5'], 2, /^error\[BT_BAD_VALUE\]: --runs: expected a whole number, got "2\.5"/);
    await fails(['--strategy', 'sma-cross', '--seed', 'abc'], 2, /^error\[BT_BAD_VALUE\]: --seed: expected a whole number, got "abc"/);
    await fails(['--strategy', 'sma-cross', '--seed', '4294967296'], 2, /--seed: "4294967296" is out of range/);
    await fails(['--strategy', 'sma-cross', '--ruin', '0'], 2, /^error\[BT_BAD_VALUE\]: --ruin: must be above 0/);
    await fails(['--strategy', 'sma-cross', '--ruin', '150%'], 2, /^error\[BT_BAD_VALUE\]: --ruin: "150%" is too large/);
    await fails(['--strategy', 'sma-cross', '--bins', '0'], 2, /--bins: "0" is out of range/);
    await fails(['--strategy', 'sma-cross', '--method', 'jackknife'], 2, /^error\[BT_USAGE\]: option '--method <method>' argument 'jackknife' is invalid/);
  });

  it('exits 2 without a strategy or result, and for --from-result with run flags', async () => {
    await fails([], 2, /^error\[BT_STRATEGY_MISSING\]: no strategy given\nhint: add --strategy sma-cross \(and any bt run flags\), or --from-result run\.json/);
    await fails(['--from-result', 'x.json', '--strategy', 'sma-cross'], 2, /^error\[BT_FLAG_CONFLICT\]: --from-result cannot be combined with --strategy/);
    await fails(['--from-result', 'x.json', '--cash', '5000'], 2, /cannot be combined with --cash/);
    await fails(['--from-result', 'x.json', '--close-at-end'], 2, /cannot be combined with --close-at-end\nhint: either run a backtest here/);
    await fails(['--strategy', 'no-such-strategy'], 2, /^error\[/);
  });

  it('exits 5 when --out cannot be written', async () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'a file in the way');
    await fails(['--strategy', 'sma-cross', '--runs', '10', '--out', join(blocker, 'mc')], 5, /^error\[BT_OUTPUT_WRITE\]: cannot write ".*blocker.mc.summary\.json": a file is in the way of the folder\nhint: choose a writable folder for --out/);
  });

  it('exits 3 for a data error of the run (missing --data file)', async () => {
    await fails(['--strategy', 'sma-cross', '--data', join(dir, 'missing.csv')], 3, /^error\[BT_DATA/);
  });
});

describe('bt montecarlo via bin/bt.js', () => {
  it('runs the built CLI: exit 0 and the JSON document on stdout', () => {
    const { code, stdout, stderr } = spawnCli(['montecarlo', '--strategy', 'sma-cross', '--runs', '100', '--json']);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ kind: 'montecarlo', runs: 100 });
  });
});
