/**
 * `bt optimize` and `bt merge` end to end, in-process (issue 5): tables and heatmap, JSON,
 * determinism across workers and repeated runs, files, HTML report, shards, and every usage
 * error with its exit code and message. `--workers 2` uses the compiled worker (npm run build).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_SEARCH_BAR_STEPS, workerThreads } from '../../src/cli/commands/optimize.js';
import { metricKeys } from '../../src/metrics/registry.js';
import { starterStrategySource } from '../../src/strategy/starter-template.js';
import { runCli, spawnCli } from './run-cli.js';

const GRID = ['--strategy', 'sma-cross', '--param', 'fast=5:50:5', '--param', 'slow=20:200:20', '--constraint', 'fast < slow'];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bt-optimize-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ok(args: readonly string[], env?: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  const outcome = await runCli(['optimize', ...args], { env });
  expect(outcome.code, outcome.stderr).toBe(0);
  return outcome;
}

async function usage(args: readonly string[]): Promise<string> {
  const { code, stdout, stderr } = await runCli(['optimize', ...args]);
  expect(code, stderr).toBe(2);
  expect(stdout).toBe('');
  return stderr;
}

describe('bt optimize', () => {
  let gridJson: string;

  beforeAll(async () => {
    gridJson = (await ok([...GRID, '--json', '--workers', '1'])).stdout;
  });

  it('prints the search, where runs start deciding, the top runs and a heatmap', async () => {
    const { stdout, stderr } = await ok([...GRID, '--maximize', 'sharpe', '--workers', '1']);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('sma-cross on SP500-2000 · data/sp500-2000.csv · 5105 bars 2000-01-03 → 2020-04-17');
    expect(lines[1]).toBe('cash 100,000.00 · commission 0.10% · fills next-open · sizing all-in');
    expect(lines[2]).toBe('grid search over fast ∈ {5, 10, … 50 (10 values)} × slow ∈ {20, 40, … 200 (10 values)} · fixed direction=long-only, signalMode=crossover');
    expect(lines[3]).toBe('100 combinations, 90 valid (10 ruled out by --constraint) · 90 runs · objective: maximize sharpe');
    expect(lines[4]).toBe('each run decides from its own first decision bar (1 + its warm-up; the largest is 199 bars), so a row equals bt run with its parameters');
    expect(stdout).toContain('Top 10 of 90 runs by sharpe ratio');
    expect(stdout).toMatch(/│\s+1 │\s+\d+ │\s+\d+ │\s+-?\d\.\d{3} │/);
    expect(stdout).toContain('Heatmap of sharpe ratio: rows fast, columns slow');
    expect(stdout).toMatch(/fast \\ slow\s+20\s+40\s+60/);
    expect(stdout, 'no colour: shaded cells').toMatch(/[░▒▓█]-?\d\.\d\d/);
    expect(stdout).not.toMatch(/\u001b\[/);
    expect(stderr).toBe('bt optimize: 90 runs of sma-cross on 1 worker; each run decides from its own first decision bar, as bt run does\n');
  });

  it('--common-start makes every run decide from 1 + the largest warm-up (issue 16)', async () => {
    const { stdout, stderr } = await ok([...GRID, '--common-start', '--workers', '1', '--top', '1']);
    expect(stdout.split('\n')[4]).toBe('all runs decide from bar 200: 1 + the largest warm-up in the search space (199 bars), so every run covers the same window (--common-start)');
    expect(stderr).toBe('bt optimize: 90 runs of sma-cross on 1 worker; all runs decide from bar 200\n');
    const common = JSON.parse((await ok([...GRID, '--common-start', '--json', '--workers', '1'])).stdout);
    expect(common).toMatchObject({ start: 'common', warmupBars: 199, firstDecisionBar: 200 });
    const found = common.runs.find((r: { params: { fast: number; slow: number } }) => r.params.fast === 10 && r.params.slow === 40);
    const single = JSON.parse((await runCli(['run', '--strategy', 'sma-cross', '--strat', 'fast=10,slow=40', '--json'])).stdout);
    expect(single.conventions.firstDecisionBar, 'bt run decides from its own first decision bar').toBe(40);
    expect(found.metrics.tradeCount, 'the common window leaves out the trades before bar 200').toBeLessThan(single.metrics.tradeCount);
  });

  it('every row of a grid equals bt run with its parameters, to the last digit (issue 16)', async () => {
    const doc = JSON.parse(gridJson);
    expect(doc.runs).toHaveLength(90);
    for (const row of doc.runs as { params: { fast: number; slow: number }; metrics: Record<string, number | null> }[]) {
      const single = await runCli(['run', '--strategy', 'sma-cross', '--strat', `fast=${row.params.fast},slow=${row.params.slow}`, '--json']);
      expect(single.code, single.stderr).toBe(0);
      expect(row.metrics, `fast=${row.params.fast},slow=${row.params.slow}`).toEqual(JSON.parse(single.stdout).metrics);
    }
  });

  it('puts the longer parameter on the heatmap rows when the grid would be wider than the terminal', async () => {
    const { stdout } = await ok(['--strategy', 'sma-cross', '--param', 'fast=5:50:5', '--param', 'slow=20:200:10', '--workers', '1', '--top', '1']);
    expect(stdout).toContain('Heatmap of sharpe ratio: rows slow, columns fast');
    const explicit = await ok(['--strategy', 'sma-cross', '--param', 'fast=5:50:5', '--param', 'slow=20:200:10', '--workers', '1', '--top', '1', '--heatmap', 'fast,slow']);
    expect(explicit.stdout).toContain('Heatmap of sharpe ratio: rows fast, columns slow');
  });

  it('merges a grid too large for the terminal into blocks, each cell the best of its block', async () => {
    const args = ['--strategy', 'sma-cross', '--param', 'fast=2:70:1', '--param', 'slow=30:150:1', '--from', '2016-01-01', '--workers', '1', '--top', '1'];
    const { code, stdout } = await runCli(['optimize', ...args], { columns: 80, tty: true, env: { NO_COLOR: '1' } });
    expect(code).toBe(0);
    const heatmap = stdout.slice(stdout.indexOf('Heatmap of'));
    const lines = heatmap.trimEnd().split('\n');
    // 121 slow values on the rows (merged in blocks of 4 to stay within 40 rows); 69 fast values
    // in blocks wide enough for 80 columns.
    expect(lines[0]).toMatch(/^Heatmap of sharpe ratio: rows slow in blocks of 4, columns fast in blocks of \d+, each cell the best of its block$/);
    expect(lines[1]).toMatch(/^slow \\ fast\s+2–\d+ /);
    expect(lines[2]).toMatch(/^\s*30–33 /);
    expect(lines.length - 3).toBe(Math.ceil(121 / 4));
    for (const line of lines.slice(1, -1)) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(heatmap.match(/\d\*/g), 'one best block').toHaveLength(1);
    // The best block holds the best run's value.
    const best = /│\s+1 │\s+\d+ │\s+\d+ │\s+(-?\d+\.\d+) │/.exec(stdout)![1];
    expect(heatmap).toContain(`${Number(best).toFixed(2)}*`);
    // In a wide terminal every value keeps its own column (the 69 rows still merge in pairs).
    const wide = await runCli(['optimize', ...args], { columns: 2000, tty: true, env: { NO_COLOR: '1' } });
    expect(wide.stdout).toContain('Heatmap of sharpe ratio: rows fast in blocks of 2, columns slow, each cell the best of its block\n');
    expect(wide.stdout).toMatch(/fast \\ slow\s+30\s+31\s+32/);
    // Not a terminal (a file, a CI log): up to 120 columns.
    const piped = await runCli(['optimize', ...args], { columns: 80 });
    const pipedLines = piped.stdout.slice(piped.stdout.indexOf('Heatmap of')).trimEnd().split('\n');
    const widest = Math.max(...pipedLines.slice(1, -1).map((line) => line.length));
    expect(widest).toBeGreaterThan(80);
    expect(widest).toBeLessThanOrEqual(120);
  });

  it('colours the heatmap cells when colour is on', async () => {
    const { stdout } = await ok([...GRID, '--workers', '1', '--top', '3'], { FORCE_COLOR: '1', TERM: 'xterm-256color' });
    expect(stdout).toMatch(/\u001b\[48;5;\d+m/);
    expect(stdout).toContain('red = worst … green = best by rank (higher is better)');
  });

  it('--json prints the OptimizeResult document: stable keys, ranked runs, best first, no NaN', () => {
    const doc = JSON.parse(gridJson);
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'kind', 'btVersion', 'strategy', 'data', 'conventions', 'search', 'start', 'warmupBars', 'firstDecisionBar', 'objective', 'seed', 'incomplete', 'counts', 'overfitting', 'best', 'runs']);
    expect(doc.objective).toEqual({ key: 'sharpe', direction: 'maximize', minTrades: null });
    expect(doc.seed).toBeNull();
    expect(doc.incomplete).toBe(false);
    expect(doc.start).toBe('per-trial');
    expect(doc.warmupBars).toBe(199);
    expect(doc.firstDecisionBar, 'no common first decision bar').toBeNull();
    expect(doc.search).toMatchObject({ method: 'grid', combinations: 100, valid: 90, ruledOutByConstraint: 10, constraints: ['fast < slow'] });
    expect(doc.runs).toHaveLength(90);
    expect(doc.best).toEqual(doc.runs[0]);
    expect(Object.keys(doc.runs[0])).toEqual(['params', 'metrics']);
    expect(Object.keys(doc.runs[0].params)).toEqual(['fast', 'slow', 'direction', 'signalMode']);
    expect(Object.keys(doc.runs[0].metrics)).toEqual(metricKeys);
    const sharpes = doc.runs.map((r: { metrics: { sharpe: number } }) => r.metrics.sharpe);
    expect([...sharpes].sort((a, b) => b - a)).toEqual(sharpes);
    expect(gridJson).not.toMatch(/NaN|Infinity/);
  });

  it('a run whose own warm-up is the largest has exactly the metrics bt run gives it', async () => {
    const doc = JSON.parse(gridJson);
    const found = doc.runs.find((r: { params: { fast: number; slow: number } }) => r.params.fast === 10 && r.params.slow === 200);
    const single = JSON.parse((await runCli(['run', '--strategy', 'sma-cross', '--strat', 'fast=10,slow=200', '--json'])).stdout);
    expect(single.conventions.firstDecisionBar).toBe(200);
    expect(found.metrics).toEqual(single.metrics);
  });

  it('gives byte-identical JSON with --workers 1 and --workers 2', async () => {
    expect((await ok([...GRID, '--json', '--workers', '2'])).stdout).toBe(gridJson);
  });

  it('random search: same seed, byte-identical output; another seed, other trials; same on 2 workers', async () => {
    const args = ['--strategy', 'sma-cross', '--param', 'fast=2:60:2', '--param', 'slow=20:300:10', '--constraint', 'fast < slow', '--method', 'random', '--trials', '30', '--json'];
    const a = (await ok([...args, '--seed', '42', '--workers', '1'])).stdout;
    const b = (await ok([...args, '--seed', '42', '--workers', '2'])).stdout;
    const c = (await ok([...args, '--seed', '43', '--workers', '1'])).stdout;
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    const doc = JSON.parse(a);
    expect(doc.seed).toBe(42);
    expect(doc.runs).toHaveLength(30);
    expect(doc.search.plannedTrials).toBe(30);
  });

  it('genetic search: byte-identical for the same seed on 1 and 2 workers', async () => {
    const args = ['--strategy', 'sma-cross', '--param', 'fast=2:60:2', '--param', 'slow=20:300:10', '--constraint', 'fast < slow', '--method', 'genetic', '--population', '12', '--generations', '4', '--seed', '9', '--json'];
    const first = await ok([...args, '--workers', '1']);
    const a = first.stdout;
    expect(first.stderr, 'repeated combinations are not run again').toBe('bt optimize: up to 48 runs of sma-cross on 1 worker; each run decides from its own first decision bar, as bt run does\n');
    expect((await ok([...args, '--workers', '2'])).stdout).toBe(a);
    const doc = JSON.parse(a);
    expect(doc.search).toMatchObject({ method: 'genetic', population: 12, generations: 4, plannedTrials: 48 });
    expect(doc.runs.length).toBeLessThanOrEqual(48);
  });

  it('--minimize ranks lowest first and --min-trades leaves runs with few trades without a value (last)', async () => {
    const doc = JSON.parse((await ok([...GRID, '--minimize', 'maxDrawdown', '--min-trades', '20', '--json', '--workers', '1'])).stdout);
    expect(doc.objective).toEqual({ key: 'maxDrawdown', direction: 'minimize', minTrades: 20 });
    const ranked = doc.runs.filter((r: { metrics: { tradeCount: number } }) => r.metrics.tradeCount >= 20);
    expect(doc.counts.withoutObjective).toBe(90 - ranked.length);
    expect(doc.runs.slice(0, ranked.length)).toEqual(ranked);
    const drawdowns = ranked.map((r: { metrics: { maxDrawdown: number } }) => r.metrics.maxDrawdown);
    expect([...drawdowns].sort((a, b) => a - b)).toEqual(drawdowns);
  });

  it('--out writes trials.json (the --json document), trials.csv (every run, ranked) and best.json', async () => {
    const out = join(dir, 'out');
    const { stdout } = await ok([...GRID, '--out', out, '--workers', '1']);
    expect(stdout).toContain(`note: wrote trials.json, trials.csv, best.json to ${out}`);
    expect(readdirSync(out).sort()).toEqual(['best.json', 'trials.csv', 'trials.json']);
    expect(readFileSync(join(out, 'trials.json'), 'utf8')).toBe(gridJson);
    const csv = readFileSync(join(out, 'trials.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe(['rank', 'fast', 'slow', 'direction', 'signalMode', 'objective', ...metricKeys].join(','));
    expect(csv).toHaveLength(91);
    const best = JSON.parse(readFileSync(join(out, 'best.json'), 'utf8'));
    expect(best.params).toEqual(JSON.parse(gridJson).best.params);
    expect(best.start).toBe('per-trial');
    expect(best.firstDecisionBar).toBeNull();
  });

  it('--report writes the HTML report of the best run with the heatmap, the same bytes every time', async () => {
    const a = join(dir, 'a.html');
    const b = join(dir, 'b.html');
    await ok([...GRID, '--report', a, '--workers', '1', '--quiet']);
    await ok([...GRID, '--report', b, '--workers', '2', '--quiet']);
    const html = readFileSync(a, 'utf8');
    expect(readFileSync(b, 'utf8')).toBe(html);
    expect(html).toContain('<table class="heatmap" id="heatmap-table">');
    const table = html.slice(html.indexOf('<table class="heatmap"'), html.indexOf('</table>', html.indexOf('<table class="heatmap"')));
    expect(table.match(/<td[^>]*data-v=/g), 'one coloured cell per valid combination').toHaveLength(90);
    expect(html).toContain('class="best"');
    expect(html).toContain('id="chart-equity"');
  });

  it('--quiet prints only the top table', async () => {
    const { stdout, stderr } = await ok([...GRID, '--quiet', '--top', '2', '--workers', '1']);
    expect(stdout.startsWith('Top 2 of 90 runs')).toBe(true);
    expect(stdout).not.toContain('Heatmap');
    expect(stderr).toBe('');
  });

  it('names a parameter alone to search its schema values (enum), and holds --strat values fixed', async () => {
    const doc = JSON.parse((await ok(['--strategy', 'sma-cross', '--param', 'direction', '--strat', 'fast=10,slow=30', '--json', '--workers', '1'])).stdout);
    expect(doc.search.params).toEqual({ direction: ['long-only', 'long-short'] });
    expect(doc.search.fixed).toEqual({ fast: 10, slow: 30, signalMode: 'crossover' });
    expect(doc.runs).toHaveLength(2);
  });
});

describe('bt optimize --method tpe, genetic rates, overfitting statistics (issue 16)', () => {
  const TPE = ['--strategy', 'sma-cross', '--param', 'fast=2:60:2', '--param', 'slow=20:300:10', '--constraint', 'fast < slow', '--method', 'tpe', '--trials', '40', '--seed', '3', '--json'];

  it('tpe: byte-identical on 1 and 2 workers, distinct valid trials, settings in the header', async () => {
    const first = await ok([...TPE, '--workers', '1']);
    expect((await ok([...TPE, '--workers', '2'])).stdout).toBe(first.stdout);
    const doc = JSON.parse(first.stdout);
    expect(doc.search).toMatchObject({ method: 'tpe', plannedTrials: 40, startupTrials: 10, batch: 4, population: null, crossoverRate: null });
    expect(doc.seed).toBe(3);
    expect(doc.runs).toHaveLength(40);
    const keys = doc.runs.map((r: { params: { fast: number; slow: number } }) => `${r.params.fast}/${r.params.slow}`);
    expect(new Set(keys).size).toBe(40);
    for (const r of doc.runs as { params: { fast: number; slow: number } }[]) expect(r.params.fast).toBeLessThan(r.params.slow);
    expect((await ok([...TPE, '--seed', '4', '--workers', '1'])).stdout).not.toBe(first.stdout);
    expect((await ok([...TPE, '--batch', '1', '--startup-trials', '5', '--workers', '1'])).stdout).not.toBe(first.stdout);
    const text = await ok([...TPE.slice(0, -1), '--workers', '1', '--top', '1']);
    expect(text.stdout).toContain('TPE search, 40 trials (10 random first, batches of 4), seed 3 over fast');
  });

  it('genetic: --crossover-rate, --mutation-rate and --elite change the search and are in the header', async () => {
    const args = ['--strategy', 'sma-cross', '--param', 'fast=2:60:2', '--param', 'slow=20:300:10', '--constraint', 'fast < slow', '--method', 'genetic', '--population', '12', '--generations', '4', '--seed', '9', '--json', '--workers', '1'];
    const plain = JSON.parse((await ok(args)).stdout);
    expect(plain.search).toMatchObject({ crossoverRate: 1, mutationRate: 0.5, elite: 1, startupTrials: null });
    const tuned = JSON.parse((await ok([...args, '--crossover-rate', '60%', '--mutation-rate', '0.2', '--elite', '3'])).stdout);
    expect(tuned.search).toMatchObject({ crossoverRate: 0.6, mutationRate: 0.2, elite: 3 });
    expect(tuned.runs).not.toEqual(plain.runs);
  });

  it('--pbo adds PBO, the logit distribution and the degradation slope; the DSR is always there; same on 2 workers', async () => {
    const args = [...GRID, '--pbo', '--pbo-splits', '8', '--json'];
    const a = (await ok([...args, '--workers', '1'])).stdout;
    expect((await ok([...args, '--workers', '2'])).stdout).toBe(a);
    const doc = JSON.parse(a);
    const { overfitting } = doc;
    expect(Object.keys(overfitting)).toEqual(['returns', 'deflatedSharpe', 'deflatedSharpeNullReason', 'pbo', 'pboNullReason']);
    expect(overfitting.returns).toMatchObject({ fromBar: 200, bars: 5105 - 200 });
    expect(overfitting.pbo).toMatchObject({ splits: 8, combinations: 70, trials: 90, bars: 4905 });
    expect(overfitting.pbo.pbo).toBeGreaterThanOrEqual(0);
    expect(overfitting.pbo.pbo).toBeLessThanOrEqual(1);
    expect(overfitting.pbo.logits.histogram.counts.reduce((x: number, y: number) => x + y, 0)).toBe(70);
    expect(typeof overfitting.pbo.degradation.slope).toBe('number');
    const dsr = overfitting.deflatedSharpe;
    expect(dsr).toMatchObject({ trials: 90, observations: 4905, nullReason: null });
    expect(dsr.value).toBeGreaterThan(0);
    expect(dsr.value).toBeLessThan(1);
    expect(dsr.expectedMaxSharpe).toBeGreaterThan(0);
    const plain = JSON.parse((await ok([...GRID, '--json', '--workers', '1'])).stdout);
    expect(plain.overfitting).toMatchObject({ pbo: null, pboNullReason: 'not requested (--pbo)' });
    expect(plain.overfitting.deflatedSharpe, 'the DSR does not depend on --pbo').toEqual(dsr);
    const text = (await ok([...GRID, '--pbo', '--workers', '1', '--top', '1'])).stdout;
    expect(text).toMatch(/best run: Sharpe ratio 0\.447 · deflated Sharpe ratio 0\.\d{3} \(Sharpe per bar 0\.\d{4} vs 0\.\d{4} expected of the best of 90 trials with no skill/);
    expect(text).toMatch(/probability of backtest overfitting \d+\.\d\d% \(CSCV, 16 splits, 12,870 combinations of 90 runs\)/);
    expect(text).toContain('performance degradation: OOS Sharpe ≈');
  });

  it('--report with --pbo draws the overfitting panel', async () => {
    const file = join(dir, 'pbo.html');
    await ok([...GRID, '--pbo', '--pbo-splits', '6', '--report', file, '--workers', '1', '--quiet']);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<section class="panel" id="overfitting"');
    expect(html).toContain('Probability of backtest overfitting (CSCV, 6 splits, 20 combinations)');
    expect(html).toContain('Deflated Sharpe ratio');
    expect(html.match(/<div (class="neg" )?style="height:/g)).toHaveLength(20);
  });

  it('refuses bad rates, elite, splits and misplaced flags (exit 2)', async () => {
    const genetic = [...GRID, '--method', 'genetic', '--population', '10'];
    expect(await usage([...genetic, '--elite', '10'])).toMatch(/^error\[BT_BAD_VALUE\]: --elite: expected a whole number from 0 to 9, got "10"/);
    expect(await usage([...genetic, '--mutation-rate', '1.5'])).toMatch(/^error\[BT_BAD_VALUE\]: --mutation-rate: "1\.5" would be 150 %/);
    expect(await usage([...genetic, '--crossover-rate', '120%'])).toMatch(/^error\[BT_BAD_VALUE\]: --crossover-rate: "120%" is too large/);
    expect(await usage([...GRID, '--elite', '2'])).toMatch(/^error\[BT_FLAG_CONFLICT\]: --elite applies to --method genetic, not to --method grid/);
    expect(await usage([...GRID, '--startup-trials', '5'])).toMatch(/^error\[BT_FLAG_CONFLICT\]: --startup-trials applies to --method tpe, not to --method grid/);
    expect(await usage([...GRID, '--method', 'tpe', '--batch', '0'])).toMatch(/^error\[BT_BAD_VALUE\]: --batch: expected a whole number from 1 to 1,024, got "0"/);
    expect(await usage([...GRID, '--method', 'tpe', '--shard', '1/2'])).toMatch(/^error\[BT_SHARD_GENETIC\]: --shard cannot split a TPE search: each suggestion depends on the results before it/);
    expect(await usage([...GRID, '--pbo-splits', '8'])).toMatch(/^error\[BT_FLAG_CONFLICT\]: --pbo-splits applies only with --pbo/);
    expect(await usage([...GRID, '--pbo', '--pbo-splits', '7'])).toMatch(/^error\[BT_BAD_VALUE\]: --pbo-splits: expected an even number from 2 to 20, got "7"/);
    expect(await usage([...GRID, '--pbo', '--pbo-splits', '22'])).toMatch(/^error\[BT_BAD_VALUE\]: --pbo-splits: expected a whole number from 2 to 20, got "22"/);
    expect(await usage([...GRID, '--pbo', '--shard', '1/2'])).toMatch(/^error\[BT_FLAG_CONFLICT\]: --pbo cannot be used with --shard/);
  });
});

describe('bt optimize with a user strategy file', () => {
  it('loads the .ts file in every worker (tsx) and gives the same JSON on 1 and 2 workers (spawned CLI)', () => {
    writeFileSync(join(dir, 'user-strategy.ts'), starterStrategySource('user-strategy'));
    const args = ['optimize', '--strategy', './user-strategy.ts', '--param', 'fast=5:20:5', '--param', 'stopAtr=1,2', '--json'];
    const one = spawnCli([...args, '--workers', '1'], { cwd: dir });
    expect(one.code, one.stderr).toBe(0);
    const two = spawnCli([...args, '--workers', '2'], { cwd: dir });
    expect(two.code, two.stderr).toBe(0);
    const a = one.stdout;
    expect(two.stdout).toBe(a);
    const doc = JSON.parse(a);
    expect(doc.strategy).toMatchObject({ name: 'user-strategy', kind: 'file' });
    expect(doc.runs).toHaveLength(8);
  });
});

describe('bt optimize --shard and bt merge', () => {
  it('3 shards merged give exactly the unsharded result (grid and random)', async () => {
    const random = ['--strategy', 'sma-cross', '--param', 'fast=5:50:5', '--param', 'slow=20:300:10', '--constraint', 'fast < slow', '--method', 'random', '--trials', '40', '--seed', '5'];
    for (const [name, args] of [['grid', GRID], ['random', random]] as const) {
      const whole = (await ok([...args, '--json', '--workers', '1'])).stdout;
      const files: string[] = [];
      for (const k of [1, 2, 3]) {
        const file = join(dir, `shard-${name}-${k}.jsonl`);
        const { stdout } = await ok([...args, '--shard', `${k}/3`, '--out', file, '--workers', k === 2 ? '2' : '1']);
        expect(stdout).toBe('');
        files.push(file);
      }
      const merged = await runCli(['merge', files[2], files[0], files[1], '--json']);
      expect(merged.code, merged.stderr).toBe(0);
      // The overfitting statistics need the bars, which bt merge does not load: the rest is identical.
      const unsharded = JSON.parse(whole);
      expect(unsharded.overfitting.deflatedSharpe.value).toBeGreaterThan(0);
      unsharded.overfitting = null;
      expect(merged.stdout, name).toBe(`${JSON.stringify(unsharded, null, 2)}\n`);
    }
  });

  it('writes JSON Lines to stdout without --out, and shard-K-of-N.jsonl into a folder', async () => {
    const { stdout } = await ok([...GRID, '--shard', '2/4', '--workers', '1']);
    const lines = stdout.trimEnd().split('\n');
    expect(JSON.parse(lines[0])).toMatchObject({ format: 'bt-optimize-shard', version: 1, shard: { index: 2, count: 4 } });
    expect(JSON.parse(lines[1]).trial).toBe(1);
    expect(JSON.parse(lines[lines.length - 1])).toEqual({ end: true, runs: lines.length - 2, incomplete: false });
    const folder = join(dir, 'shards/');
    await ok([...GRID, '--shard', '1/4', '--out', folder, '--workers', '1']);
    expect(readdirSync(folder)).toEqual(['shard-1-of-4.jsonl']);
    // A path not ending in .jsonl is a folder (made when missing), so shards never overwrite each other.
    const plain = join(dir, 'more-shards');
    for (const k of [1, 2]) await ok([...GRID, '--shard', `${k}/2`, '--out', plain, '--workers', '1']);
    expect(readdirSync(plain)).toEqual(['shard-1-of-2.jsonl', 'shard-2-of-2.jsonl']);
  });

  it('bt merge refuses a missing shard and shards of another search (exit 2), and a cut file (exit 3)', async () => {
    const a = join(dir, 'm1.jsonl');
    const b = join(dir, 'm2.jsonl');
    await ok([...GRID, '--shard', '1/2', '--out', a, '--workers', '1']);
    await ok([...GRID, '--maximize', 'cagr', '--shard', '2/2', '--out', b, '--workers', '1']);
    const missing = await runCli(['merge', a]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('error[BT_MERGE_SHARDS]: shard 2/2 missing: 1 of 2 given\nhint: pass all N shard files of the search (bt merge shard-*.jsonl)\n');
    const foreign = await runCli(['merge', a, b]);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/^error\[BT_MERGE_MISMATCH\]: ".*m2\.jsonl" is a shard of a different search/);
    const cut = join(dir, 'cut.jsonl');
    const text = readFileSync(a, 'utf8').trimEnd().split('\n');
    writeFileSync(cut, `${text.slice(0, -1).join('\n')}\n`);
    const broken = await runCli(['merge', cut]);
    expect(broken.code).toBe(3);
    expect(broken.stderr).toMatch(/error\[BT_SHARD_INVALID\]: .*cut\.jsonl:\d+: the file has no end line/);
  });
});

describe('bt optimize usage errors (exit 2)', () => {
  it('bad --param syntax', async () => {
    expect(await usage([...GRID.slice(0, 2), '--param', 'fast=5:50:0'])).toBe(
      'error[BT_PARAM_SYNTAX]: --param "fast=5:50:0": the step must be above 0, got "0"\nhint: write --param NAME=START:STOP:STEP (inclusive), NAME=A,B,C, NAME=VALUE, or NAME alone for its schema range\n',
    );
    expect(await usage([...GRID.slice(0, 2), '--param', 'fast=5;50'])).toMatch(/^error\[BT_PARAM_INVALID\]: --param fast: value "5;50" is not allowed/);
  });

  it('unknown parameter, with did-you-mean', async () => {
    expect(await usage(['--strategy', 'sma-cross', '--param', 'fsat=5:50:5'])).toBe(
      'error[BT_PARAM_UNKNOWN]: --param: unknown strategy parameter "fsat" (did you mean "fast"?)\nhint: valid parameters: fast, slow, direction, signalMode\n',
    );
  });

  it('empty search space', async () => {
    expect(await usage(['--strategy', 'sma-cross', '--param', 'fast=50:60:5', '--param', 'slow=20:40:10'])).toBe(
      'error[BT_SEARCH_EMPTY]: the search space is empty: all 9 combination(s) are ruled out (9 by the strategy\'s own check (first: fast (50) must be below slow (20)))\nhint: widen the --param ranges or relax the --constraint\n',
    );
    expect(await usage(['--strategy', 'sma-cross'])).toMatch(/^error\[BT_SEARCH_EMPTY\]: nothing to optimize: no --param given\n/);
    // A bad --heatmap pair fails before any run: nothing on stderr but the error.
    expect(await usage([...GRID, '--heatmap', 'fast', '--workers', '1'])).toBe(
      'error[BT_HEATMAP_PARAMS]: --heatmap: expected two different searched parameters ROW,COLUMN, got "fast"\nhint: searched parameters: fast, slow\n',
    );
  });

  it('unknown objective key', async () => {
    expect(await usage([...GRID, '--maximize', 'sharp'])).toMatch(/^error\[BT_METRIC_UNKNOWN\]: --maximize: unknown metric "sharp" \(did you mean "sharpe"\?\)\nhint: metric keys: /);
  });

  it('conflicting or misplaced flags', async () => {
    expect(await usage([...GRID, '--maximize', 'sharpe', '--minimize', 'maxDrawdown'])).toMatch(/^error\[BT_FLAG_CONFLICT\]: --maximize and --minimize cannot be used together/);
    expect(await usage([...GRID, '--trials', '5'])).toMatch(/^error\[BT_FLAG_CONFLICT\]: --trials applies to --method random\|tpe, not to --method grid/);
    expect(await usage([...GRID, '--method', 'genetic', '--shard', '1/2'])).toMatch(/^error\[BT_SHARD_GENETIC\]: --shard cannot split a genetic search/);
    expect(await usage([...GRID, '--shard', '3/2'])).toMatch(/^error\[BT_SHARD_SYNTAX\]: --shard: expected K\/N with 1 ≤ K ≤ N, got "3\/2"/);
    expect(await usage([...GRID, '--strat', 'fast=10'])).toMatch(/^error\[BT_FLAG_CONFLICT\]: parameter "fast" is both fixed \(--strat\) and searched \(--param\)/);
    expect(await usage([...GRID, '--workers', '0'])).toMatch(/^error\[BT_BAD_VALUE\]: --workers: expected a whole number from 1/);
    expect(await usage([...GRID, '--method', 'bayes'])).toMatch(/^error\[BT_USAGE\]: option '--method <method>' argument 'bayes' is invalid/);
  });

  it('bad --constraint', async () => {
    expect(await usage([...GRID.slice(0, 6), '--constraint', 'fast < slwo'])).toMatch(/^error\[BT_CONSTRAINT_UNKNOWN\]: --constraint "fast < slwo": unknown parameter "slwo" \(did you mean "slow"\?\)/);
    expect(await usage([...GRID.slice(0, 6), '--constraint', 'fast <'])).toMatch(/^error\[BT_CONSTRAINT_SYNTAX\]: --constraint "fast <": the expression ends too early at column 7/);
  });

  it('--help lists the commands and flags', async () => {
    const { stdout } = await runCli(['optimize', '--help']);
    for (const flag of ['--param', '--constraint', '--maximize', '--minimize', '--method', '--trials', '--startup-trials', '--batch', '--population', '--generations', '--crossover-rate', '--mutation-rate', '--elite', '--seed', '--min-trades', '--workers', '--common-start', '--pbo', '--pbo-splits', '--top', '--heatmap', '--shard', '--json', '--out', '--report']) expect(stdout, flag).toContain(flag);
    const root = await runCli(['--help']);
    for (const command of ['optimize', 'walkforward', 'merge']) expect(root.stdout).toContain(command);
  });
});

describe('worker threads', () => {
  it('runs a small search in-process by default and a large one on every core', () => {
    expect(SMALL_SEARCH_BAR_STEPS).toBe(8_000_000);
    // 1,000 runs over 5,105 bars: 5.1 million bar-steps, in-process.
    expect(workerThreads(undefined, 1000, 5105, 2)).toBe(1);
    // 2,000 runs over 5,105 bars: 10.2 million bar-steps, one thread per core.
    expect(workerThreads(undefined, 2000, 5105, 2)).toBe(2);
    expect(workerThreads(undefined, 2000, 5105, 8)).toBe(8);
  });

  it('takes --workers as given, but never more threads than runs', () => {
    expect(workerThreads(2, 1000, 5105, 2)).toBe(2);
    expect(workerThreads(4, 3, 5105, 2)).toBe(3);
    expect(workerThreads(1, 1_000_000, 5105, 2)).toBe(1);
    expect(workerThreads(undefined, 0, 5105, 2)).toBe(1);
  });
});
