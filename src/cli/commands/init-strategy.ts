/**
 * `bt init-strategy NAME [--dir DIR] [--force]`: writes a commented starter strategy file
 * NAME.ts that runs as is with `bt run --strategy ./NAME.ts`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { OutputError, UsageError } from '../../errors.js';
import { writeFilesAtomic } from '../../report/write-atomic.js';
import { starterStrategySource } from '../../strategy/starter-template.js';
import type { CliIo } from '../io.js';

/** Runs the command; returns the exit code. @throws UsageError for a bad name, OutputError when the file exists. */
export async function initStrategyCommand(name: string, options: { dir?: string; force?: boolean }, io: CliIo): Promise<number> {
  const base = name.replace(/\.ts$/, '');
  if (!/^[a-z][a-z0-9-]*$/.test(base)) {
    throw new UsageError('BT_BAD_VALUE', `strategy name "${name}" must be kebab-case (lower-case letters, digits and dashes)`, {
      hint: 'e.g. bt init-strategy my-strategy',
    });
  }
  const path = join(options.dir ?? '.', `${base}.ts`);
  if (existsSync(path) && !options.force) {
    throw new OutputError('BT_OUTPUT_EXISTS', `"${path}" already exists`, { hint: 'choose another name, or pass --force to overwrite it' });
  }
  writeFilesAtomic([{ path, content: starterStrategySource(base) }], '--dir');
  io.stdout.write(`wrote ${path}\nrun it with: bt run --strategy ./${path.replace(/^\.\//, '')}\n`);
  return 0;
}
