/**
 * Runs the CLI in-process with captured stdout/stderr (STYLE.md "CLI tests"), and spawns the
 * built `bin/bt.js` for end-to-end checks.
 */
import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const binPath = fileURLToPath(new URL('../../bin/bt.js', import.meta.url));

/** Output and exit code of one CLI invocation. */
export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bt ARGS…` in-process. `stdin` feeds `--data -`; `columns` is the terminal width (100). */
export async function runCli(args: readonly string[], options: { stdin?: string; env?: Record<string, string>; tty?: boolean; columns?: number } = {}): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    // Tests never record into the project's .bt/runs.db: the run store is off unless a test sets BT_STORE or --store.
    env: { BT_STORE: 'off', ...options.env },
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    columns: options.columns ?? 100,
  };
  const code = await main(['node', 'bt', ...args], io);
  return { code, stdout, stderr };
}

/** Spawns the built CLI (`node bin/bt.js ARGS…`). */
export function spawnCli(args: readonly string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}): CliOutcome {
  const result = spawnSync(process.execPath, [binPath, ...args], {
    cwd: options.cwd ?? projectRoot,
    input: options.input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', BT_STORE: 'off', ...options.env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
