/**
 * The real process's streams and signals (issue 13, items 2 and 3): a write error on stdout is
 * exit 5 with one line on stderr, and a closed pipe ends quietly. (SIGTERM during a search:
 * test/cli/optimize-interrupt.test.ts.) These spawn the built CLI (npm run build).
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binPath, projectRoot } from '../cli/run-cli.js';

const env = { PATH: process.env.PATH ?? '', BT_STORE: 'off' };

describe.skipIf(!existsSync('/dev/full'))('#13.2 stdout write errors', () => {
  it('#13.2 bt run --json > /dev/full: exit 5, one line and a hint on stderr, no stack trace', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const result = spawnSync(process.execPath, [binPath, 'run', '--strategy', 'sma-cross', '--json'], { cwd: projectRoot, env, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(5);
      expect(result.stderr).toBe('error[BT_OUTPUT_STDOUT]: cannot write to stdout: no space left on device\nhint: redirect stdout to a writable file, or use --out DIR\n');
    } finally {
      closeSync(full);
    }
  });
});

describe('#13.2 closed pipes', () => {
  it('#13.2 a reader that closes the pipe at once (bt … | head -0): exit 0, nothing on stderr', async () => {
    const child = spawn(process.execPath, [binPath, 'run', '--strategy', 'sma-cross', '--json'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
