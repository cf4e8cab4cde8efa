/**
 * `bt run` end to end, in-process: defaults, JSON, files, determinism, data sources, YAML,
 * flags (issue 2, "What a user must be able to do").
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricRegistry } from '../../src/metrics/registry.js';
import { fixtureCases, hasShared, near, sharedData } from '../golden/golden-cases.js';
import { loadSp500, SP500_PATH } from '../helpers/bundled-data.js';
import { projectRoot, runCli } from './run-cli.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bt-run-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runJson(args: readonly string[], stdin?: string): Promise<Record<string, any>> {
  const { code, stdout, stderr } = await runCli([...args, '--json'], { stdin });
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as Record<string, any>;
}

describe('bt run', () => {
  it('prints a metrics table for the README command on the bundled data', async () => {
    const { code, stdout, stderr } = await runCli(['run', '--strategy', 'sma-cross', '--strat', 'fast=15']);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^sma-cross\(fast=15, slow=30, direction=long-only, signalMode=crossover\) on SP500-2000 · data\/sp500-2000\.csv · 5105 bars 2000-01-03 → 2020-04-17/);
    for (const definition of metricRegistry) expect(stdout, definition.label).toContain(definition.label);
    expect(stdout).toContain('first decision bar 30');
  });

  it('with all defaults reproduces the golden case s1 (SMA 10/30, all-in, 0.1 %, 100 000)', async () => {
    const s1 = fixtureCases().find((c) => c.spec.id === 's1_sma_cross_sp500_allin')!;
    const doc = await runJson(['run', '--strategy', 'sma-cross']);
    expect(near(doc.metrics.equityFinal, s1.golden.final_equity, 1e-9)).toBe(true);
    expect(doc.trades.length).toBe(s1.golden.trades.length);
    expect(doc.trades[0]).toMatchObject({ entryBar: 52, exitBar: 75, quantity: 68, side: 'long' });
    expect(doc.openTrades).toHaveLength(1);
  });

  it('--json prints one JSON document with schema version, conventions and hashes, and no NaN', async () => {
    const { stdout } = await runCli(['run', '--strategy', 'sma-cross', '--json']);
    expect(() => JSON.parse(stdout)).not.toThrow();
    expect(stdout).not.toMatch(/NaN|Infinity/);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'btVersion', 'strategy', 'data', 'conventions', 'metrics', 'nullReasons', 'account', 'trades', 'openTrades', 'rejectedOrders', 'logs']);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.btVersion).toBe(JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version);
    expect(doc.strategy).toMatchObject({ name: 'sma-cross', kind: 'builtin', params: { fast: 10, slow: 30, direction: 'long-only' } });
    expect(doc.strategy.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.data.sha256).toBe(createHash('sha256').update(readFileSync(SP500_PATH)).digest('hex'));
    expect(doc.data).toMatchObject({ file: 'data/sp500-2000.csv', bars: 5105, symbol: 'SP500-2000' });
    expect(doc.conventions).toMatchObject({ initialCash: 100000, commissionRate: 0.001, fill: 'next-open', firstDecisionBar: 30, warmupBars: 29 });
    expect(doc.conventions.sizing).toEqual({ kind: 'fraction', fraction: 1 - 2 ** -52 });
    expect(Object.keys(doc.metrics)).toEqual(metricRegistry.map((d) => d.key));
  });

  it('gives byte-identical JSON and files for the same inputs', async () => {
    const a = await runCli(['run', '--strategy', 'sma-cross', '--json', '--out', join(dir, 'a')]);
    const b = await runCli(['run', '--strategy', 'sma-cross', '--json', '--out', join(dir, 'b')]);
    expect(a.stdout).toBe(b.stdout);
    for (const name of ['summary.json', 'trades.csv', 'equity.csv', 'orders.csv']) {
      expect(readFileSync(join(dir, 'a', name), 'utf8'), name).toBe(readFileSync(join(dir, 'b', name), 'utf8'));
    }
    expect(readFileSync(join(dir, 'a', 'summary.json'), 'utf8')).toBe(a.stdout);
  });

  it('--out writes summary.json, trades.csv, equity.csv and orders.csv', async () => {
    const out = join(dir, 'out');
    const { code, stdout } = await runCli(['run', '--strategy', 'sma-cross', '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toContain(`wrote summary.json, trades.csv, equity.csv, orders.csv to ${out}`);
    const trades = readFileSync(join(out, 'trades.csv'), 'utf8').trim().split('\n');
    expect(trades[0]).toBe('id,symbol,side,quantity,entryBar,entryTime,entryPrice,exitBar,exitTime,exitPrice,grossPnl,commission,slippage,pnl,netReturn,barsHeld,exitReason,tag');
    expect(trades).toHaveLength(1 + 87 + 1);
    expect(trades[1]).toMatch(/^1,SP500-2000,long,68,52,2000-03-17,1458\.469971,75,2000-04-19,1441\.609985,/);
    const equity = readFileSync(join(out, 'equity.csv'), 'utf8').trim().split('\n');
    expect(equity[0]).toBe('bar,time,close,equity,drawdown');
    expect(equity).toHaveLength(1 + 5105);
    const orders = readFileSync(join(out, 'orders.csv'), 'utf8').trim().split('\n');
    expect(orders[0]).toMatch(/^id,symbol,side,type,size,/);
    expect(orders.length).toBeGreaterThan(1 + 87 * 2);
  });

  it('--trades adds the trades table', async () => {
    const { stdout } = await runCli(['run', '--strategy', 'sma-cross', '--trades']);
    expect(stdout).toMatch(/Entry price/);
    expect(stdout).toMatch(/2000-03-17 .* 1458\.4700/);
  });

  it('reads bars from stdin with --data -', async () => {
    const fromFile = await runJson(['run', '--strategy', 'sma-cross']);
    const fromStdin = await runJson(['run', '--strategy', 'sma-cross', '--data', '-'], readFileSync(SP500_PATH, 'utf8'));
    expect(fromStdin.metrics).toEqual(fromFile.metrics);
    expect(fromStdin.data.file).toBe('-');
  });

  it('reads a JSON array of bars', async () => {
    const bars = Array.from({ length: 60 }, (_, i) => {
      const close = 100 + 10 * Math.sin(i / 5);
      return { time: new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10), open: close, high: close + 1, low: close - 1, close, volume: 0 };
    });
    const file = join(dir, 'bars.json');
    writeFileSync(file, JSON.stringify(bars));
    const doc = await runJson(['run', '--data', file, '--strategy', 'sma-cross', '--strat', 'fast=3,slow=8']);
    expect(doc.data.bars).toBe(60);
    expect(doc.trades.length).toBeGreaterThan(0);
  });

  it('applies defaults < YAML < flags', async () => {
    const yaml = join(dir, 'run.yaml');
    writeFileSync(yaml, ['strategy: sma-cross', 'params:', '  fast: 20', '  slow: 50', 'commission: 0.2%', 'cash: 50000', 'sizing: {units: 5}', 'outputs:', '  trades: false'].join('\n'));
    const doc = await runJson(['run', '--config', yaml, '--strat', 'fast=15', '--cash', '60000']);
    expect(doc.strategy.params).toEqual({ fast: 15, slow: 50, direction: 'long-only', signalMode: 'crossover' });
    expect(doc.conventions).toMatchObject({ commissionRate: 0.002, initialCash: 60000, sizing: { kind: 'units', units: 5 } });
    expect(doc.trades.every((t: { quantity: number }) => t.quantity === 5)).toBe(true);
  });

  it('--from/--to restrict the bars (inclusive)', async () => {
    const doc = await runJson(['run', '--strategy', 'sma-cross', '--from', '2010-01-01', '--to', '2010-12-31']);
    expect(doc.data.bars).toBe(252);
    expect(new Date(doc.data.start).toISOString().slice(0, 10)).toBe('2010-01-04');
    expect(new Date(doc.data.end).toISOString().slice(0, 10)).toBe('2010-12-31');
  });

  it('--fill close fills at the signal bar close', async () => {
    const doc = await runJson(['run', '--strategy', 'sma-cross', '--fill', 'close', '--size', '1']);
    const { close: closes } = loadSp500();
    const first = doc.trades[0];
    expect(first.entryPrice).toBe(closes[first.entryBar]);
    expect(first.exitPrice).toBe(closes[first.exitBar]);
    expect(doc.conventions.fill).toBe('close');
  });

  it('--size, --size-fraction, --fractional and --close-at-end change sizing and the end of data', async () => {
    const units = await runJson(['run', '--strategy', 'sma-cross', '--size', '3']);
    expect(units.trades.every((t: { quantity: number }) => t.quantity === 3)).toBe(true);
    const half = await runJson(['run', '--strategy', 'sma-cross', '--size-fraction', '50%', '--fractional', '--close-at-end']);
    expect(half.trades[0].quantity * half.trades[0].entryPrice).toBeCloseTo(50_000 / 1.001, 6);
    expect(half.openTrades).toEqual([]);
    expect(half.trades.at(-1).exitReason).toBe('end-of-data');
  });

  it('--commission-fixed and --slippage are charged on every fill', async () => {
    const doc = await runJson(['run', '--strategy', 'sma-cross', '--size', '1', '--commission', '0', '--commission-fixed', '2', '--slippage', '0.1%']);
    const t = doc.trades[0];
    expect(t.commission).toBe(4);
    expect(t.slippage).toBeGreaterThan(0);
    expect(t.entryPrice).toBeCloseTo(1458.469971 * 1.001, 9);
  });

  it('--stop-loss and --take-profit attach exits to every entry', async () => {
    const doc = await runJson(['run', '--strategy', 'sma-cross', '--stop-loss', '1%', '--take-profit', '2%', '--size', '20']);
    const reasons = new Set(doc.trades.map((t: { exitReason: string }) => t.exitReason));
    expect(reasons).toContain('stop-loss');
    expect(reasons).toContain('take-profit');
  });
});

describe.skipIf(!hasShared)('bt run reads every file in ../shared/data without format flags', () => {
  const files: [string, string[], number][] = [
    ['GOOG.csv', [], 2148],
    ['EURUSD.csv', [], 5000],
    ['orcl-1995-2014.txt', [], 5036],
    ['2006-min-005.txt', [], 2142],
    ['sp500-2000.csv', [], 5105],
    ['stocks.csv', ['--symbol', 'MSFT'], 123],
  ];
  for (const [name, extra, bars] of files) {
    it(name, async () => {
      const doc = await runJson(['run', '--data', join(sharedData, name), ...extra, '--strategy', 'sma-cross', '--strat', 'fast=10,slow=30', '--cash', '100000', '--commission', '0.1%']);
      expect(doc.data.bars).toBe(bars);
    });
  }
  it('a multi-symbol file without --symbol is a usage error naming the symbols', async () => {
    const { code, stderr } = await runCli(['run', '--data', join(sharedData, 'stocks.csv'), '--strategy', 'sma-cross']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error\[BT_SYMBOL_REQUIRED\]: .*MSFT.*AMZN.*IBM.*GOOG.*AAPL/);
    expect(stderr).toMatch(/hint: .*--symbol/);
  });
});
if (!hasShared) console.warn('cli: ../shared/data not found; skipping the real-data dialect runs');

describe('help and listings', () => {
  it('bt --help lists the commands and the exit codes', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Commands:[\s\S]*run[\s\S]*strategies/);
    for (const exit of ['0 ', '1 ', '2 ', '3 ', '4 ', '5 ', '70 ', '130 ']) expect(stdout).toContain(`  ${exit}`);
  });

  it('bt run --help documents every flag', async () => {
    const { stdout } = await runCli(['run', '--help']);
    for (const flag of ['--data', '--symbol', '--sort', '--from', '--to', '--strategy', '--strat', '--config', '--cash', '--commission', '--commission-fixed', '--slippage', '--fill', '--size', '--size-fraction', '--fractional', '--close-at-end', '--stop-loss', '--take-profit', '--trailing-stop', '--json', '--out', '--trades', '--quiet', '--strict']) {
      expect(stdout, flag).toContain(flag);
    }
  });

  it('bt strategies lists the built-ins and shows one strategy\'s parameters', async () => {
    const list = await runCli(['strategies']);
    expect(list.stdout).toMatch(/trend \(\d+\)\s.*sma-cross/);
    expect(list.stdout).toMatch(/buy-and-hold/);
    const one = await runCli(['strategies', 'sma-cross']);
    expect(one.stdout).toMatch(/fast\s.*int\s.*10\s.*a whole number from 1 to 1000/);
    const json = JSON.parse((await runCli(['strategies', 'sma-cross', '--json'])).stdout);
    expect(json.params.map((p: { name: string }) => p.name)).toEqual(['fast', 'slow', 'direction', 'signalMode']);
  });

  it('bt init-strategy writes a starter file that refuses to overwrite', async () => {
    const first = await runCli(['init-strategy', 'my-strategy', '--dir', dir]);
    expect(first.code).toBe(0);
    expect(existsSync(join(dir, 'my-strategy.ts'))).toBe(true);
    const second = await runCli(['init-strategy', 'my-strategy', '--dir', dir]);
    expect(second.code).toBe(5);
    expect(second.stderr).toMatch(/already exists/);
  });
});
