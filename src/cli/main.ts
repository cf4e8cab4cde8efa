/**
 * Entry point of the CLI: parses argv with commander and turns every outcome into an exit
 * code (STYLE.md exit-code table). Never calls `process.exit`; the bin shim sets
 * `process.exitCode` from the returned value.
 */
import { handleError } from './handle-error.js';
import { processIo, type CliIo } from './io.js';
import { buildProgram } from './program.js';
import { btVersion } from '../strategy/package-root.js';

/**
 * Runs `bt` with `argv` (as `process.argv`: node, script, args…) and returns the exit code.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const debug = argv.includes('--debug') || io.env.BT_DEBUG === '1';
  try {
    const program = buildProgram(io, btVersion(), (code) => {
      exitCode = code;
    });
    if (argv.length <= 2) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    return handleError(error, io, debug);
  }
}
