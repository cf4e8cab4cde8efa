/**
 * Progress bars (issue 4, "Reports"): drawn on stderr only on a TTY outside CI, only once a run
 * is projected to take about a second, and cleared at the end; the engine reports progress
 * every 65,536 bars. Non-TTY and CI runs print nothing extra on stderr.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { isCi, isSlowRun, progressAllowed, startProgress } from '../../src/cli/progress.js';
import { PROGRESS_INTERVAL_BARS, runBacktest } from '../../src/engine/run-backtest.js';
import smaCross from '../../strategies/sma-cross.js';
import { resolveParams } from '../../src/strategy/params.js';
import { DEFAULT_RUN_OPTIONS, makeBars } from '../helpers/bundled-data.js';
import { runCli, spawnCli } from './run-cli.js';

function fakeIo(options: { tty: boolean; env?: Record<string, string> }): CliIo & { readonly err: () => string } {
  let err = '';
  return {
    stdout: { write: () => true },
    stderr: { write: (text: string) => (err += text) },
    stdin: Readable.from([]),
    env: options.env ?? {},
    stdoutIsTTY: options.tty,
    stderrIsTTY: options.tty,
    columns: 100,
    err: () => err,
  };
}

describe('the progress policy', () => {
  it('allows a bar only on a TTY stderr, outside CI and without --quiet', () => {
    expect(progressAllowed({ stderrIsTTY: true, env: {} })).toBe(true);
    expect(progressAllowed({ stderrIsTTY: false, env: {} }), 'pipe or file').toBe(false);
    expect(progressAllowed({ stderrIsTTY: true, env: { CI: 'true' } }), 'GitHub Actions sets CI=true').toBe(false);
    expect(progressAllowed({ stderrIsTTY: true, env: { CI: '1' } })).toBe(false);
    expect(progressAllowed({ stderrIsTTY: true, env: {} }, { quiet: true })).toBe(false);
  });

  it('treats CI as set unless empty, 0 or false', () => {
    expect([isCi({}), isCi({ CI: '' }), isCi({ CI: '0' }), isCi({ CI: 'false' }), isCi({ CI: 'FALSE' }), isCi({ CI: 'true' }), isCi({ CI: 'woodpecker' })]).toEqual([false, false, false, false, false, true, true]);
  });

  it('calls a run slow once it is projected to take a second', () => {
    expect(isSlowRun(100, 65_536, 1_000_000), '100 ms for 6.5 % → 1.5 s').toBe(true);
    expect(isSlowRun(100, 500_000, 1_000_000), '100 ms for half → 0.2 s').toBe(false);
    expect(isSlowRun(1000, 999_999, 1_000_000)).toBe(true);
    expect(isSlowRun(0, 0, 10)).toBe(false);
  });
});

describe('startProgress', () => {
  it('draws nothing while a run is fast, then a bar on stderr, cleared at the end', async () => {
    let now = 0;
    const io = fakeIo({ tty: true });
    const progress = (await startProgress(io, { unit: 'bars', now: () => now }))!;
    expect(progress).toBeDefined();
    now = 50;
    progress.update(500_000, 1_000_000);
    expect(io.err(), 'projected 0.1 s: no bar').toBe('');
    now = 500;
    progress.update(550_000, 1_000_000);
    expect(io.err(), 'projected 0.9 s: no bar').toBe('');
    now = 700;
    progress.update(600_000, 1_000_000);
    expect(io.err()).toMatch(/bt .*60% \| 600000\/1000000 bars/);
    progress.stop();
    expect(io.err().endsWith('\x1b[2K'), 'the line is cleared').toBe(true);
    const length = io.err().length;
    progress.update(700_000, 1_000_000);
    progress.stop();
    expect(io.err().length, 'nothing after stop').toBe(length);
  });

  it('returns no reporter for non-TTY stderr, CI or --quiet', async () => {
    expect(await startProgress(fakeIo({ tty: false }), { unit: 'bars' })).toBeUndefined();
    expect(await startProgress(fakeIo({ tty: true, env: { CI: 'true' } }), { unit: 'bars' })).toBeUndefined();
    expect(await startProgress(fakeIo({ tty: true }), { unit: 'bars', quiet: true })).toBeUndefined();
  });
});

/** `n` daily bars of a gentle zigzag. */
function zigzag(n: number) {
  const close = Float64Array.from({ length: n }, (_, i) => 100 + 10 * Math.sin(i / 40) + (i % 7));
  return makeBars({ time: Float64Array.from({ length: n }, (_, i) => Date.UTC(1900, 0, 1) + i * 60_000), open: close, high: close.map((c) => c + 1), low: close.map((c) => c - 1), close, volume: new Float64Array(n) }, 'zigzag.csv');
}

describe('engine progress', () => {
  it('onProgress is called every 65,536 bars and once at the end', () => {
    const bars = zigzag(2 * PROGRESS_INTERVAL_BARS + 10);
    const calls: [number, number][] = [];
    runBacktest(bars, smaCross, resolveParams(smaCross.params), { ...DEFAULT_RUN_OPTIONS, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([
      [PROGRESS_INTERVAL_BARS, bars.length],
      [2 * PROGRESS_INTERVAL_BARS, bars.length],
      [bars.length, bars.length],
    ]);
  });

  it('a progress callback changes nothing in the result', () => {
    const bars = zigzag(PROGRESS_INTERVAL_BARS + 100);
    const params = resolveParams(smaCross.params);
    const plain = runBacktest(bars, smaCross, params, DEFAULT_RUN_OPTIONS);
    const watched = runBacktest(bars, smaCross, params, { ...DEFAULT_RUN_OPTIONS, onProgress: () => undefined });
    expect(watched.trades).toEqual(plain.trades);
    expect(watched.equity).toEqual(plain.equity);
  });
});

describe('bt run writes no progress where it must not', () => {
  let dir: string;
  let big: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bt-progress-'));
    big = join(dir, 'big.csv');
    const bars = zigzag(PROGRESS_INTERVAL_BARS + 5000);
    const rows = ['time,open,high,low,close'];
    for (let i = 0; i < bars.length; i++) rows.push(`${new Date(bars.time[i]).toISOString().slice(0, 19)},${bars.open[i]},${bars.high[i]},${bars.low[i]},${bars.close[i]}`);
    writeFileSync(big, `${rows.join('\n')}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('non-TTY: stderr stays empty on a run long enough to report progress', async () => {
    const { code, stderr } = await runCli(['run', '--data', big, '--strategy', 'sma-cross', '--json'], { env: { BT_STORE: 'off' } });
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
  });

  it('TTY in CI: stderr stays empty too', async () => {
    const { code, stderr } = await runCli(['run', '--data', big, '--strategy', 'sma-cross', '--json'], { tty: true, env: { BT_STORE: 'off', CI: 'true' } });
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
  });

  it('the built CLI in a pipe: stderr empty, stdout one JSON document', () => {
    const { code, stdout, stderr } = spawnCli(['run', '--data', big, '--strategy', 'sma-cross', '--json', '--no-store']);
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
    expect(() => JSON.parse(stdout)).not.toThrow();
  });

  it('bt audit in a pipe: stderr empty', async () => {
    const { code, stderr } = await runCli(['audit', '--strategy', 'sma-cross', '--cuts', '3']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});
