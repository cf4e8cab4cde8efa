/**
 * CI checks after a run (`--assert`, `--baseline`, `--save-baseline`): flags and evaluation.
 * Returns the exit code contribution: 0 when every check passed.
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import type { CompletedRun, GlobalFlags } from './run.js';

/** Adds the check flags to `bt run`. */
export function addCheckOptions(command: Command): Command {
  return command;
}

/** Evaluates the checks of a completed run; returns 0 (passed) or 1 (a check failed). */
export async function runChecks(_run: CompletedRun, _flags: Record<string, unknown>, _globals: GlobalFlags, _io: CliIo): Promise<number> {
  return 0;
}
