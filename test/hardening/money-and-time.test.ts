/**
 * Money, sizes and unix timestamps (issue 13, items 10 and 11): out-of-range amounts are
 * refused with the accepted range, an overflow in the broker stops the run naming the bar, a
 * Monte Carlo overflow is an error rather than "Infinity%", and the date hint states the unix
 * time range that is read.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

let dir: string;
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bt-money-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('#13.10 money and size ranges', () => {
  it('#13.10 --cash 1e308 is out of range (exit 2), not a run with nulls', async () => {
    const { code, stdout, stderr } = await runCli(['run', '--strategy', 'buy-and-hold', '--cash', '1e308']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('error[BT_BAD_VALUE]: --cash: "1e308" is out of range\nhint: use 0.000001 … 1000000000000000\n');
  });

  it('#13.10 YAML cash: "1e308" is out of range too (exit 2)', async () => {
    const config = file('cash.yaml', 'strategy: buy-and-hold\ncash: "1e308"\n');
    const { code, stderr } = await runCli(['run', '--config', config]);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toMatch(/^error\[BT_BAD_VALUE\]: .*cash\.yaml:2: cash: "1e308" is out of range$/);
  });

  it('#13.10 --size 1e300 and --commission-fixed 1e20 are out of range (exit 2)', async () => {
    for (const [flag, value] of [
      ['--size', '1e300'],
      ['--commission-fixed', '1e20'],
    ]) {
      const { code, stderr } = await runCli(['run', '--strategy', 'buy-and-hold', flag, value]);
      expect(code, flag).toBe(2);
      expect(stderr.split('\n')[0]).toBe(`error[BT_BAD_VALUE]: ${flag}: "${value}" is out of range`);
    }
  });

  it('#13.10 --cash 1e15 (the top of the range) runs with finite metrics', async () => {
    const { code, stdout } = await runCli(['run', '--strategy', 'buy-and-hold', '--cash', '1e15', '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.metrics.maxDrawdown).toBeGreaterThan(0);
    expect(doc.metrics.maxDrawdown).toBeLessThan(1);
    for (const [key, value] of Object.entries(doc.metrics)) if (value === null) expect(doc.nullReasons[key], key).toEqual(expect.any(String));
  });

  it('#13.10 prices near 1e-310 overflow the order size: data error naming the bar (exit 3)', async () => {
    const rows = ['date,open,high,low,close'];
    for (let i = 0; i < 40; i++) {
      const p = 1e-310 * (1 + 0.01 * (i % 7));
      rows.push(`2020-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${p},${p * 1.1},${p * 0.9},${p}`);
    }
    const data = file('tiny.csv', `${rows.join('\n')}\n`);
    const { code, stdout, stderr } = await runCli(['run', '--strategy', 'buy-and-hold', '--data', data]);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error\[BT_NON_FINITE\]: the size of order 1 at bar 2 is not a finite number of units \(price [\d.e-]+\)\nhint: /);
  });

  it('#13.10 Monte Carlo over trades that overflow compounding: error, not "Infinity%"', async () => {
    const run = await runCli(['run', '--strategy', 'sma-cross', '--json']);
    const doc = JSON.parse(run.stdout);
    for (const trade of doc.trades) if (trade.pnl > 0) trade.pnl = 1e300;
    const result = file('huge.json', JSON.stringify(doc));
    const { code, stdout, stderr } = await runCli(['montecarlo', '--from-result', result, '--runs', '200']);
    expect(code).toBe(3);
    expect(stdout).not.toContain('Infinity');
    expect(stderr).toMatch(/^error\[BT_MC_OVERFLOW\]: the resampled equity overflows: result\.[\w.[\]]+ is "(-?Infinity|NaN)"\nhint: /);
  });
});

describe('#13.11 unix timestamps', () => {
  it('#13.11 unix seconds before 1973 (8 digits) are refused with the accepted range in the hint', async () => {
    const data = file('early.csv', 'time,open,high,low,close\n86400000,1,2,1,1.5\n86486400,1,2,1,1.5\n');
    const { code, stderr } = await runCli(['run', '--strategy', 'buy-and-hold', '--data', data]);
    expect(code).toBe(3);
    expect(stderr.split('\n')[1]).toBe(
      'hint: write times as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS (UTC, or with a Z/±HH:MM offset); YYYYMMDD, MM/DD/YYYY, "Jan 2 2020" and unix time also work: seconds with 9–10 digits or milliseconds with 12–13 digits (1973-03-03 09:46:40 to 2286-11-20 17:46:39 UTC)',
    );
  });

  it('#13.11 the bounds of that range are read as stated', async () => {
    const rows = ['time,open,high,low,close'];
    for (let i = 0; i < 30; i++) rows.push(`${100_000_000 + i * 86_400},1,2,1,1.5`);
    const data = file('range.csv', `${rows.join('\n')}\n`);
    const { code, stdout, stderr } = await runCli(['run', '--strategy', 'buy-and-hold', '--data', data, '--json']);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout).metrics.start).toBe(100_000_000_000);
    expect(readFileSync(data, 'utf8').split('\n')[1].startsWith('100000000,')).toBe(true);
  });
});
