/**
 * `bt audit` (issue 4, look-ahead audit): deliberately leaky user strategy files, run through
 * the built CLI as a user would, exit 1 with the first offending bar; built-in strategies and
 * the starter template exit 0; bad flags exit 2.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { starterStrategySource } from '../../src/strategy/starter-template.js';
import { projectRoot, runCli, spawnCli } from './run-cli.js';

let dir: string;
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

/** A centred 5-bar mean: the value at bar t averages bars t−2 … t+2, so it reads two bars ahead. */
const LEAKY_INDICATOR = `import { defineStrategy } from 'bt';

function centredMean(values: Float64Array, half: number): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  for (let t = half; t + half < values.length; t++) {
    let sum = 0;
    for (let k = -half; k <= half; k++) sum += values[t + k];
    out[t] = sum / (2 * half + 1);
  }
  return out;
}

export default defineStrategy({
  name: 'leaky-indicator',
  description: 'trades on a centred mean (looks ahead on purpose)',
  params: {},
  init: (ctx) => ({ mean: ctx.indicator('centred', centredMean(ctx.close, 2)) }),
  next(ctx, { mean }) {
    if (ctx.close.current > mean.current && ctx.position.isFlat) ctx.buy();
    else if (ctx.close.current < mean.current && ctx.position.isLong) ctx.closePosition();
  },
});
`;

/** A causal indicator, but next() reads the following close from the array kept in init. */
const LEAKY_NEXT = `import { defineStrategy, sma } from 'bt';

export default defineStrategy({
  name: 'leaky-next',
  description: 'buys when the next bar closes higher (looks ahead on purpose)',
  params: {},
  init: (ctx) => ({ closes: ctx.close, trend: ctx.indicator('sma20', sma(ctx.close, 20)) }),
  next(ctx, { closes }) {
    const tomorrow = closes[ctx.bar + 1];
    if (tomorrow > ctx.close.current && ctx.position.isFlat) ctx.buy();
    else if (tomorrow < ctx.close.current && ctx.position.isLong) ctx.closePosition();
  },
});
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bt-audit-'));
  write('leaky-indicator.ts', LEAKY_INDICATOR);
  write('leaky-next.ts', LEAKY_NEXT);
  write('clean.ts', starterStrategySource('clean'));
  // Two symbols for the portfolio built-ins: the bundled file, and a copy listed 300 bars later.
  const lines = readFileSync(join(projectRoot, 'data/sp500-2000.csv'), 'utf8').trim().split('\n');
  write('first.csv', `${lines.join('\n')}\n`);
  write('later.csv', `${[lines[0], ...lines.slice(301)].join('\n')}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bt audit', () => {
  it('a centred indicator: exit 1, the indicator and the first offending bar', () => {
    const { code, stdout, stderr } = spawnCli(['audit', '--strategy', './leaky-indicator.ts'], { cwd: dir });
    expect(code, stderr).toBe(1);
    expect(stdout).toMatch(/^look-ahead found: 22 of 22 cuts differ \(leaky-indicator: 1 indicator and \d+ orders compared\)\n/);
    expect(stdout).toContain('first: indicator "centred" at bar 245 (2000-12-20) changes when the bars after 246 are removed');
    expect(stdout).toMatch(/with all the data: +1294\.77797840/);
    expect(stdout).toMatch(/data ending at bar 246: NaN/);
    expect(stderr).toMatch(/^error\[BT_LOOKAHEAD_FOUND\]: strategy "leaky-indicator" looks ahead: indicator "centred" at bar 245 \(2000-12-20\) is 1294\.7779784\d* with all the data but NaN when the data ends at bar 246\nhint: values at bar t must come from bars ≤ t/);
  });

  it('next() peeking through an array kept from init: exit 1, the order decision that changes', () => {
    const { code, stdout, stderr } = spawnCli(['audit', '--strategy', './leaky-next.ts', '--json'], { cwd: dir });
    expect(code, stderr).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ strategy: 'leaky-next', bars: 5105, firstDecisionBar: 20, clean: false, indicators: ['sma20'] });
    expect(report.first).toMatchObject({ kind: 'order', truncated: 'no order' });
    expect(report.first.bar, 'the decision at the last bar of the copy read the bar after it').toBe(report.first.cut);
    expect(report.first.full).toMatch(/^(buy|sell) market/);
    expect(stderr).toMatch(/^error\[BT_LOOKAHEAD_FOUND\]: strategy "leaky-next" looks ahead: order #\d+ at bar \d+/);
  });

  it('the starter template, a causal user file: exit 0', () => {
    const { code, stdout, stderr } = spawnCli(['audit', '--strategy', './clean.ts', '--cuts', '10'], { cwd: dir });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^no look-ahead found in 12 cuts \(clean: \d+ indicators and \d+ orders compared on data ending at bars \d+…5103 of 5105\)\n$/);
    expect(stderr).toBe('');
  });

  it('built-in strategies pass, with the run flags (stops, fill at close, sizing)', async () => {
    for (const args of [['--strategy', 'sma-cross'], ['--strategy', 'buy-and-hold'], ['--strategy', 'rsi-reversion', '--stop-loss', '2%', '--fill', 'close', '--size', '3'], ['--strategy', 'donchian-breakout', '--from', '2010-01-01']]) {
      const { code, stdout, stderr } = await runCli(['audit', ...args, '--cuts', '6']);
      expect(code, `${args.join(' ')}: ${stderr}`).toBe(0);
      expect(stdout).toMatch(/^no look-ahead found in 8 cuts/);
    }
  });

  it('a portfolio built-in passes on two symbols (cuts start once both trade)', async () => {
    const { code, stdout, stderr } = await runCli(['audit', '--strategy', 'equal-weight', '--data', `A=${join(dir, 'first.csv')}`, '--data', `B=${join(dir, 'later.csv')}`, '--fractional', '--cuts', '5', '--json']);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.clean).toBe(true);
    expect(report.cuts[0]).toBe(300);
    expect(report.orders).toBeGreaterThan(10);
  });

  it('--json prints the report; keys in a fixed order', async () => {
    const { code, stdout } = await runCli(['audit', '--strategy', 'sma-cross', '--cuts', '2', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['strategy', 'bars', 'firstDecisionBar', 'cuts', 'indicators', 'orders', 'clean', 'first', 'findings']);
    expect(report).toMatchObject({ strategy: 'sma-cross', cuts: [30, 1721, 3412, 5103], indicators: ['sma10', 'sma30'], clean: true, first: null, findings: [] });
  });

  const bad: [string, string[], number, RegExp][] = [
    ['--cuts 0', ['--strategy', 'sma-cross', '--cuts', '0'], 2, /^error\[BT_BAD_VALUE\]: --cuts: expected a whole number from 1 to 10000, got "0"$/],
    ['--cuts 2.5', ['--strategy', 'sma-cross', '--cuts', '2.5'], 2, /^error\[BT_BAD_VALUE\]: --cuts: /],
    ['no strategy', [], 2, /^error\[BT_STRATEGY_MISSING\]: no strategy given$/],
    ['an unknown strategy', ['--strategy', 'sma-crss'], 2, /^error\[BT_STRATEGY_UNKNOWN\]: unknown strategy "sma-crss" \(did you mean "sma-cross"\?\)$/],
    ['an output flag of bt run', ['--strategy', 'sma-cross', '--out', 'x'], 2, /^error\[BT_USAGE\]: unknown option '--out'/],
    ['too few bars to cut', ['--strategy', 'sma-cross', '--from', '2020-04-01'], 3, /^error\[BT_(AUDIT|DATA)_TOO_SHORT\]: /],
  ];
  for (const [name, args, exit, message] of bad) {
    it(`${name} → exit ${exit}`, async () => {
      const { code, stdout, stderr } = await runCli(['audit', ...args]);
      expect(code).toBe(exit);
      expect(stdout).toBe('');
      expect(stderr.split('\n')[0]).toMatch(message);
      expect(stderr.split('\n')[1]).toMatch(/^hint: /);
    });
  }

  it('bt audit --help documents the flags and the exit codes', async () => {
    const { stdout } = await runCli(['audit', '--help']);
    for (const flag of ['--strategy', '--data', '--strat', '--commission', '--cuts', '--json']) expect(stdout, flag).toContain(flag);
    expect(stdout).toContain('ctx.lastBar');
    expect(stdout).toMatch(/1 +check failed/);
  });
});
