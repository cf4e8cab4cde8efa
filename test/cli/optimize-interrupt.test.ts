/**
 * Ctrl-C during `bt optimize` (issue 5): the spawned CLI gets SIGINT mid-search, tears down
 * its workers, writes the runs that finished atomically marked `"incomplete": true`, and exits
 * 130. Runs the built CLI (npm run build).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, projectRoot, runCli } from './run-cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bt-interrupt-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Spawns bt, sends SIGINT `delayMs` after its status line, and resolves its exit code and output. */
function interrupt(args: readonly string[], delayMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], { cwd: projectRoot, env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sent && /decides? from (bar|its own)/.test(stderr)) {
        sent = true;
        setTimeout(() => child.kill('SIGINT'), delayMs);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const BIG = ['optimize', '--strategy', 'sma-cross', '--param', 'fast=1:40:1', '--param', 'slow=30:520:5', '--constraint', 'fast < slow'];

describe('Ctrl-C during bt optimize', () => {
  for (const workers of ['2', '1']) {
    it(`with --workers ${workers}: exit 130, partial results written atomically and marked incomplete`, async () => {
      const out = join(dir, `w${workers}`);
      const { code, stderr } = await interrupt([...BIG, '--workers', workers, '--out', out], 400);
      expect(code, stderr).toBe(130);
      expect(stderr).toMatch(new RegExp(`error\\[BT_INTERRUPTED\\]: interrupted after \\d+ of 3942 runs; partial results written to ${out.replace(/[/\\]/g, '.')}, marked "incomplete": true\\n`));
      expect(readdirSync(out).sort(), 'no temporary files left').toEqual(['best.json', 'trials.csv', 'trials.json']);
      const doc = JSON.parse(readFileSync(join(out, 'trials.json'), 'utf8'));
      expect(doc.incomplete).toBe(true);
      expect(doc.runs.length).toBeGreaterThan(0);
      expect(doc.runs.length).toBeLessThan(3942);
      expect(doc.counts.evaluated).toBe(doc.runs.length);
      expect(JSON.parse(readFileSync(join(out, 'best.json'), 'utf8')).incomplete).toBe(true);
    });
  }

  it('a shard interrupted writes its JSON Lines marked incomplete, which bt merge refuses', async () => {
    const file = join(dir, 'shard.jsonl');
    const { code } = await interrupt([...BIG, '--workers', '2', '--shard', '1/2', '--out', file], 300);
    expect(code).toBe(130);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[lines.length - 1])).toMatchObject({ end: true, incomplete: true });
    const merged = await runCli(['merge', file]);
    expect(merged.code).toBe(3);
    expect(merged.stderr).toMatch(/^error\[BT_SHARD_INCOMPLETE\]: .*shard\.jsonl: shard 1\/2 was interrupted before it finished\nhint: rerun the interrupted shard/);
  });
});
