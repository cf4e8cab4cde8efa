/**
 * The run history: every `bt run` is recorded in a local SQLite store (`--store`, `--no-store`,
 * `BT_STORE`). Imported statically by program.ts for its flags, so it loads the store module
 * (and better-sqlite3) only inside {@link recordRun}, keeping `bt --help` fast.
 */
import type { Command } from 'commander';
import { UsageError, echoInput, safeString } from '../../errors.js';
import type { CliIo } from '../io.js';
import type { CompletedRun } from './run.js';

/** Default store path, relative to the working directory (same as src/store DEFAULT_STORE_PATH). */
export const DEFAULT_STORE = '.bt/runs.db';

/** Adds the store flags to `bt run`. */
export function addStoreOptions(command: Command): Command {
  return command
    .option('--store <path>', `record the run in this SQLite run store (default: ${DEFAULT_STORE} in the working folder, or $BT_STORE); list runs with "bt runs"`)
    .option('--no-store', 'do not record the run in the run store (also BT_STORE=off)');
}

/**
 * The store path to use, or undefined when recording is off. Order: `--no-store` (off), then
 * `--store PATH`, then `BT_STORE` (`off` turns recording off, any other non-empty value is a
 * path), then {@link DEFAULT_STORE}.
 */
export function resolveStorePath(flag: unknown, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (flag === false) return undefined;
  if (typeof flag === 'string') {
    if (flag.trim() === '') throw new UsageError('BT_BAD_VALUE', '--store: expected a file path, got ""', { hint: 'e.g. --store .bt/runs.db, or --no-store', location: { flag: '--store' } });
    return flag;
  }
  const fromEnv = env.BT_STORE;
  if (fromEnv === undefined || fromEnv.trim() === '') return DEFAULT_STORE;
  return fromEnv.trim().toLowerCase() === 'off' ? undefined : fromEnv;
}

/**
 * Records a completed run in the store (unless turned off) and notes its id on stderr (not
 * with `--quiet`). Runs after the output is printed, so a store failure never loses it.
 * When the store was not asked for with `--store` (the default path or `BT_STORE`), a store
 * that cannot be loaded, opened or written (the SQLite module missing after an install with
 * `--ignore-scripts`, a read-only folder) is a warning on stderr and the run's exit code stands.
 * `documentText` is `stringifyDocument(run.document)` when the caller has it already.
 * @throws OutputError `BT_STORE_*` (exit 5) when the `--store` store cannot be opened or written.
 */
export async function recordRun(run: CompletedRun, flags: Record<string, unknown>, io: CliIo, documentText?: string): Promise<void> {
  const path = resolveStorePath(flags.store, io.env);
  if (path === undefined) return;
  try {
    const [{ RunStore }, { shortRunId }, { stringifyDocument }] = await Promise.all([import('../../store/run-store.js'), import('../../store/run-id.js'), import('../../report/json.js')]);
    const store = RunStore.open(path, { access: 'record' });
    try {
      const { id } = store.record(documentText ?? stringifyDocument(run.document), { intraday: run.result.bars.intraday, document: run.document });
      if (run.config.output.quiet !== true) io.stderr.write(`note: recorded as run ${shortRunId(id)} in ${path} (see "bt runs")\n`);
    } finally {
      store.close();
    }
  } catch (error) {
    // Recording is a side effect: only a store asked for with --store makes its failure the run's.
    if (typeof flags.store === 'string') throw error;
    const reason = error instanceof Error ? error.message.split('\n')[0] : safeString(error);
    io.stderr.write(`warning: the run was not recorded in ${path}: ${echoInput(reason, 200)} (--no-store or BT_STORE=off skips recording)\n`);
  }
}
