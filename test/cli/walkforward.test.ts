/**
 * `bt walkforward` end to end, in-process (issue 5): windows, per-window best parameters,
 * in/out-of-sample metrics, stitched out-of-sample metrics, efficiency; JSON, files, errors.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const SEARCH = ['--strategy', 'sma-cross', '--param', 'fast=5:50:5', '--param', 'slow=20:200:20', '--constraint', 'fast < slow'];
let dir: string;
let calendarJson: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bt-wf-'));
  const outcome = await runCli(['walkforward', ...SEARCH, '--train', '2y', '--test', '6m', '--json', '--workers', '1']);
  expect(outcome.code, outcome.stderr).toBe(0);
  calendarJson = outcome.stdout;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bt walkforward', () => {
  it('--json: windows with best parameters and in/out-of-sample metrics, combined metrics and efficiency', () => {
    const doc = JSON.parse(calendarJson);
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'kind', 'btVersion', 'strategy', 'data', 'conventions', 'search', 'objective', 'seed', 'windowing', 'incomplete', 'windows', 'combined', 'efficiency']);
    expect(doc.windowing).toMatchObject({ train: '2y', test: '6m', step: '6m', anchored: false });
    expect(doc.windows).toHaveLength(36);
    const first = doc.windows[0];
    expect(first.inSample).toMatchObject({ start: Date.UTC(2000, 0, 3), warmupBars: 199, firstDecisionBar: 200 });
    expect(first.outOfSample.start).toBe(Date.UTC(2002, 0, 3));
    expect(first.evaluated).toBe(90);
    expect(Object.keys(first.best.params)).toEqual(['fast', 'slow', 'direction', 'signalMode']);
    for (let i = 1; i < doc.windows.length; i++) {
      expect(doc.windows[i].outOfSample.start, 'out-of-sample windows follow each other').toBeGreaterThan(doc.windows[i - 1].outOfSample.end);
    }
    const chained = doc.windows.reduce((acc: number, w: { outOfSampleMetrics: { totalReturn: number } }) => acc * (1 + w.outOfSampleMetrics.totalReturn), 1) - 1;
    expect(doc.combined.metrics.totalReturn).toBeCloseTo(chained, 10);
    expect(doc.combined.bars).toBe(doc.windows.reduce((n: number, w: { outOfSample: { bars: number } }) => n + w.outOfSample.bars, 0));
    const isMean = doc.windows.reduce((s: number, w: { inSampleMetrics: { cagr: number } }) => s + w.inSampleMetrics.cagr, 0) / doc.windows.length;
    expect(doc.efficiency.inSampleAnnualizedReturn).toBeCloseTo(isMean, 12);
    expect(doc.efficiency.value).toBeCloseTo(doc.combined.metrics.cagr / isMean, 12);
    expect(calendarJson).not.toMatch(/NaN|Infinity/);
  });

  it('is the same on 2 workers', async () => {
    const outcome = await runCli(['walkforward', ...SEARCH, '--train', '2y', '--test', '6m', '--json', '--workers', '2']);
    expect(outcome.stdout).toBe(calendarJson);
  });

  it('prints the windows table, the combined out-of-sample metrics and the efficiency', async () => {
    const { code, stdout, stderr } = await runCli(['walkforward', ...SEARCH, '--train', '1000', '--test', '500', '--workers', '1']);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/walk-forward, rolling: train 1000, test 500, step 500 · grid search over fast × slow \(90 valid combinations\) · maximize sharpe/);
    expect(stdout).toMatch(/│\s+1 │ 2000-01-03 → \d{4}-\d\d-\d\d │ \d{4}-\d\d-\d\d → \d{4}-\d\d-\d\d │ fast=\d+, slow=\d+/);
    expect(stdout).toMatch(/Combined out-of-sample \(8 windows, .* 4000 bars\)/);
    expect(stdout).toMatch(/Walk-forward efficiency: (-?\d+\.\d\d = out-of-sample annualized return -?[\d.]+% \/ mean in-sample annualized return -?[\d.]+%|-- \(.*\))/);
    expect(stderr).toBe('bt walkforward: 8 windows × 90 runs of sma-cross on 1 worker\n');
  });

  it('--anchored grows the in-sample window from the first bar; --out writes walkforward.json, windows.csv, equity.csv', async () => {
    const out = join(dir, 'anchored');
    const { code, stderr } = await runCli(['walkforward', ...SEARCH, '--train', '1000', '--test', '1000', '--anchored', '--out', out, '--workers', '1', '--quiet']);
    expect(code, stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['equity.csv', 'walkforward.json', 'windows.csv']);
    const doc = JSON.parse(readFileSync(join(out, 'walkforward.json'), 'utf8'));
    expect(doc.windows.map((w: { inSample: { start: number; bars: number } }) => [w.inSample.start, w.inSample.bars])).toEqual([
      [Date.UTC(2000, 0, 3), 1000],
      [Date.UTC(2000, 0, 3), 2000],
      [Date.UTC(2000, 0, 3), 3000],
      [Date.UTC(2000, 0, 3), 4000],
    ]);
    const equity = readFileSync(join(out, 'equity.csv'), 'utf8').trimEnd().split('\n');
    expect(equity[0]).toBe('time,equity');
    expect(equity).toHaveLength(1 + 1 + 4000);
    expect(equity[1]).toMatch(/^\d{4}-\d\d-\d\d,100000$/);
    expect(readFileSync(join(out, 'windows.csv'), 'utf8').split('\n')[0]).toMatch(/^window,isStart,isEnd,oosStart,oosEnd,fast,slow,objective,is_start,/);
  });

  it('usage errors exit 2', async () => {
    const missing = await runCli(['walkforward', ...SEARCH, '--test', '6m']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error\[BT_WALKFORWARD_WINDOWS\]: walkforward needs --train\n/);
    const bad = await runCli(['walkforward', ...SEARCH, '--train', '2q', '--test', '6m']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error\[BT_BAD_VALUE\]: --train: expected a number of bars \(500\) or a length like 2y, 6m, 3w, 10d, got "2q"/);
    const overlap = await runCli(['walkforward', ...SEARCH, '--train', '2y', '--test', '6m', '--step', '3m']);
    expect(overlap.code).toBe(2);
    expect(overlap.stderr).toMatch(/^error\[BT_WALKFORWARD_OVERLAP\]: --step "3m" is shorter than --test "6m"/);
    const mixed = await runCli(['walkforward', ...SEARCH, '--train', '2y', '--test', '100']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/^error\[BT_FLAG_CONFLICT\]/);
  });

  it('data too short for a window, or for the warm-up in a window, exits 3', async () => {
    const short = await runCli(['walkforward', ...SEARCH, '--train', '20y', '--test', '2y']);
    expect(short.code).toBe(3);
    expect(short.stderr).toMatch(/^error\[BT_WALKFORWARD_NO_WINDOW\]: 5105 bars are too few for one walk-forward window/);
    const warm = await runCli(['walkforward', ...SEARCH, '--train', '150', '--test', '100']);
    expect(warm.code).toBe(3);
    expect(warm.stderr).toMatch(/error\[BT_DATA_TOO_SHORT\]: walk-forward window 1: .*150 bars are too few for this search: the largest warm-up is 150 bars or more \(fast=5, slow=160/);
  });
});
