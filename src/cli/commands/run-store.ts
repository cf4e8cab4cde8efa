/**
 * The run history: every `bt run` is recorded in a local SQLite store (`--store`, `--no-store`,
 * `BT_STORE`). Imported statically by program.ts for its flags, so it loads the store module
 * (and better-sqlite3) only inside {@link recordRun}, keeping `bt --help` fast.
 */
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
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
 * `documentText` is `stringifyDocument(run.document)` when the caller has it already.
 * @throws OutputError `BT_STORE_*` (exit 5) when the store cannot be opened or written.
 */
export async function recordRun(run: CompletedRun, flags: Record<string, unknown>, io: CliIo, documentText?: string): Promise<void> {
  const path = resolveStorePath(flags.store, io.env);
  if (path === undefined) return;
  const [{ RunStore }, { shortRunId }, { stringifyDocument }] = await Promise.all([import('../../store/run-store.js'), import('../../store/run-id.js'), import('../../report/json.js')]);
  const store = RunStore.open(path, { access: 'record' });
  try {
    const text = documentText ?? stringifyDocument(run.document);
    const { id } = store.record(text, { intraday: run.result.bars.intraday, document: run.document });
    if (run.config.output.quiet !== true) io.stderr.write(`note: recorded as run ${shortRunId(id)} in ${path} (see "bt runs")\n`);
  } finally {
    store.close();
  }
}
