/**
 * Peer-compatible conventions (issue 16): `--compat backtesting.py|backtrader` and the switches
 * each preset sets reproduce the peers' published numbers, and bt's defaults stay as they were.
 *
 * backtesting.py numbers: `backtesting/test/_test.py`, `TestBacktest.test_compute_stats`, which
 * runs its `SmaCross` (SMA 10 / SMA 30 of the close; on a cross up: close, then buy all-in; on
 * a cross down: close, then sell all-in) on GOOG with cash 10,000, no commission and
 * `finalize_trades=True`. The current file expects 66 trades and a final equity of 51,422.99,
 * the last trade closed at the last bar's open; an earlier release, which closed it at the
 * last close, expected 51,959.95.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasShared, sharedData } from '../golden/golden-cases.js';
import { runCli, spawnCli } from './run-cli.js';

async function runJson(args: readonly string[]): Promise<{ metrics: Record<string, number | null>; conventions: Record<string, unknown>; trades: { exitPrice: number; exitReason: string }[] }> {
  const { code, stdout, stderr } = await runCli(['run', ...args, '--json']);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout);
}

describe.skipIf(!hasShared)('--compat backtesting.py reproduces backtesting.py test_compute_stats on GOOG (../shared/data)', () => {
  const smaCross = ['--data', join(sharedData, 'GOOG.csv'), '--strategy', 'sma-cross', '--strat', 'fast=10,slow=30,direction=long-short', '--cash', '10000', '--commission', '0', '--close-at-end'];

  it('closes the last trade at the last open: 66 trades, final equity 51,422.99, SQN 1.0766…', async () => {
    const doc = await runJson([...smaCross, '--compat', 'backtesting.py']);
    const m = doc.metrics;
    // Expected values of the current test_compute_stats (rtol 1e-8 there).
    expect(m.tradeCount).toBe(66);
    expect(m.equityFinal).toBeCloseTo(51422.98999999996, 6);
    expect(m.equityPeak).toBeCloseTo(75787.44, 6);
    expect(m.totalReturn! * 100).toBeCloseTo(414.2298999999996, 8);
    expect(m.sqn).toBeCloseTo(1.0766187356697705, 12);
    expect(m.avgTrade! * 100).toBeCloseTo(2.531715975158555, 12);
    expect(m.profitFactor).toBeCloseTo(2.167945974262033, 12);
    expect(m.expectancy! * 100).toBeCloseTo(3.2748078066748834, 12);
    expect(m.winRate! * 100).toBeCloseTo(46.96969696969697, 12);
    expect(m.bestTrade! * 100).toBeCloseTo(53.59595229490424, 12);
    expect(m.worstTrade! * 100).toBeCloseTo(-18.39887353835481, 12);
    expect(m.exposure! * 100).toBeCloseTo(96.74115456238361, 12);
    expect(m.maxDrawdown! * 100).toBeCloseTo(47.98012705007589, 12);
    expect(m.avgDrawdown! * 100).toBeCloseTo(5.925851581948801, 12);
    expect(m.alpha! * 100).toBeCloseTo(394.37391142027462, 8);
    expect(m.beta).toBeCloseTo(0.03803390709192, 12);
    expect(doc.trades[65]).toMatchObject({ exitReason: 'end-of-data' });
    expect(doc.conventions.compat).toEqual({ preset: 'backtesting.py', closeAtEndPrice: 'open', firstDecision: 'after-warmup', sqn: 'sample', brackets: 'entry-bar' });
  });

  it('the switch alone does the same, and the default closes at the last close (the earlier release\'s 51,959.95)', async () => {
    const preset = await runJson([...smaCross, '--compat', 'backtesting.py']);
    const alone = await runJson([...smaCross, '--close-at-end-price', 'open']);
    expect(alone.metrics).toEqual(preset.metrics);
    expect(alone.conventions.compat).toEqual({ preset: null, closeAtEndPrice: 'open', firstDecision: 'after-warmup', sqn: 'sample', brackets: 'next-bar' });
    const plain = await runJson(smaCross);
    expect(plain.conventions.compat, 'default documents have no compat entry').toBeUndefined();
    // Expected values of test_compute_stats in the earlier release (last trade closed at the last close).
    expect(plain.metrics.tradeCount).toBe(66);
    expect(plain.metrics.equityFinal).toBeCloseTo(51959.94999999997, 6);
    expect(plain.metrics.annualReturn! * 100).toBeCloseTo(21.338952529139753, 10);
    expect(plain.metrics.calmar).toBeCloseTo(0.4447456445221315, 12);
    expect(plain.metrics.avgTrade! * 100).toBeCloseTo(2.5479693282886906, 12);
    expect(plain.metrics.profitFactor).toBeCloseTo(2.174469316409448, 12);
    expect(plain.metrics.expectancy! * 100).toBeCloseTo(3.2930986285628268, 12);
    expect(plain.trades[65].exitPrice, 'the last close of GOOG.csv').toBe(806.19);
  });
});

describe.skipIf(!hasShared)('--compat backtesting.py: stop-loss of a market entry within the entry bar (backtesting.py test_trade_enter_hit_sl_on_same_day)', () => {
  // backtesting.py `backtesting/test/_test.py` `TestBacktest.test_trade_enter_hit_sl_on_same_day`:
  // on GOOG, `buy(sl=720)` at the close of 2012-10-17 enters at the next open and its first
  // trade's exit price is 720: the stop-loss fills within the entry bar.
  it('exits at 720 on the entry bar; bt\'s default activates the stop-loss from the next bar', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bt-compat-sl-'));
    try {
      const file = join(dir, 'enter-on-day.ts');
      writeFileSync(
        file,
        [
          "import { defineStrategy } from 'bt';",
          'export default defineStrategy({',
          "  name: 'enter-on-day',",
          "  description: 'buys once at the close of 2012-10-17 with a stop-loss at 720',",
          '  params: {},',
          '  init: () => undefined,',
          '  next(ctx) {',
          "    if (ctx.time === Date.UTC(2012, 9, 17)) ctx.buy({ quantity: 1, stopLossPrice: 720 });",
          '  },',
          '});',
          '',
        ].join('\n'),
      );
      // A user file imports 'bt', which the built CLI resolves (spawned, as in user-strategy.test.ts).
      const runJson = async (extra: readonly string[]) => {
        const { code, stdout, stderr } = spawnCli(['run', ...extra, '--json'], { cwd: dir });
        expect(code, stderr).toBe(0);
        return JSON.parse(stdout) as { trades: { exitPrice: number; exitReason: string }[] };
      };
      const args = ['--data', join(sharedData, 'GOOG.csv'), '--strategy', './enter-on-day.ts', '--commission', '0'];
      const compat = await runJson([...args, '--compat', 'backtesting.py']);
      expect(compat.trades[0]).toMatchObject({ exitPrice: 720, exitReason: 'stop-loss' });
      const trade = compat.trades[0] as unknown as { entryBar: number; exitBar: number; entryTime: number };
      expect(trade.entryTime).toBe(Date.UTC(2012, 9, 18));
      expect(trade.exitBar).toBe(trade.entryBar);
      const alone = await runJson([...args, '--brackets', 'entry-bar']);
      expect(alone.trades).toEqual(compat.trades);
      const plain = await runJson(args);
      const next = plain.trades[0] as unknown as { entryBar: number; exitBar: number; exitPrice: number };
      expect(next.exitBar, 'bt: the legs are active from the bar after the entry').toBe(trade.entryBar + 1);
      expect(next.exitPrice).not.toBe(720);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('--compat backtrader', () => {
  it('decides from the warm-up bar (backtrader\'s first next: bar 14 for RSI(14), bt\'s bar 15) and uses the population SQN', async () => {
    const plain = await runJson(['--strategy', 'rsi-reversion']);
    const bt = await runJson(['--strategy', 'rsi-reversion', '--compat', 'backtrader']);
    expect(plain.conventions.firstDecisionBar).toBe(15);
    expect(bt.conventions.firstDecisionBar).toBe(14);
    expect(bt.conventions.compat).toEqual({ preset: 'backtrader', closeAtEndPrice: 'close', firstDecision: 'at-warmup', sqn: 'population', brackets: 'next-bar' });
    // Same trades here, so backtrader's SQN = bt's × sqrt(n / (n − 1)) (divisor n instead of n − 1).
    const n = plain.metrics.tradeCount!;
    expect(bt.metrics.tradeCount).toBe(n);
    expect(bt.metrics.sqn!).toBeCloseTo(plain.metrics.sqn! * Math.sqrt(n / (n - 1)), 12);
  });

  it('gives SQN 0 below two trades with the population switch (backtrader\'s analyzer), null by default', async () => {
    const args = ['--strategy', 'sma-cross', '--strat', 'fast=10,slow=30', '--from', '2000-01-01', '--to', '2000-04-30'];
    const plain = await runJson(args);
    expect(plain.metrics.tradeCount).toBeLessThan(2);
    expect(plain.metrics.sqn).toBeNull();
    expect((await runJson([...args, '--sqn', 'population'])).metrics.sqn).toBe(0);
  });

  it('a switch given beside a preset wins, and bad values fail with exit 2', async () => {
    const doc = await runJson(['--strategy', 'rsi-reversion', '--compat', 'backtrader', '--first-decision', 'after-warmup']);
    expect(doc.conventions.firstDecisionBar).toBe(15);
    expect(doc.conventions.compat).toMatchObject({ preset: 'backtrader', firstDecision: 'after-warmup', sqn: 'population' });
    const bad = await runCli(['run', '--compat', 'zipline']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error\[BT_USAGE\]: option '--compat <preset>' argument 'zipline' is invalid/);
  });

  it('takes the preset and the switches from YAML keys; a flag beats YAML', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bt-compat-'));
    try {
      const file = join(dir, 'run.yaml');
      writeFileSync(file, 'strategy: rsi-reversion\ncompat: backtrader\nsqn: sample\n');
      const doc = await runJson(['--config', file]);
      expect(doc.conventions.compat).toEqual({ preset: 'backtrader', closeAtEndPrice: 'close', firstDecision: 'at-warmup', sqn: 'sample', brackets: 'next-bar' });
      expect((await runJson(['--config', file, '--sqn', 'population'])).conventions.compat).toMatchObject({ sqn: 'population' });
      writeFileSync(file, 'strategy: rsi-reversion\nfirstDecision: early\n');
      const bad = await runCli(['run', '--config', file]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^error\[BT_CONFIG_VALUE\]: .*firstDecision.*: expected "after-warmup" or "at-warmup", got "early"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
