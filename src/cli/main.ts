/**
 * Entry point of the CLI: parses argv with commander and turns every outcome into an exit
 * code (STYLE.md exit-code table). Never calls `process.exit`; the bin shim sets
 * `process.exitCode` from the returned value.
 */
import { handleError } from './handle-error.js';
import { processIo, type CliIo } from './io.js';
import { installProcessGuards } from './process-guards.js';
import { buildProgram } from './program.js';
import { btVersion } from '../strategy/package-root.js';

/**
 * Runs `bt` with `argv` (as `process.argv`: node, script, args…) and returns the exit code.
 * Without `givenIo` it runs on the process's own streams and installs the process guards
 * (stdout/stderr write errors exit 5, SIGINT/SIGTERM exit 130, `process.exit` from a strategy
 * exit 4; see process-guards.ts).
 */
export async function main(argv: readonly string[], givenIo?: CliIo): Promise<number> {
  // With the process's own streams: guard stream errors, signals and process.exit (process-guards.ts).
  const guards = givenIo === undefined ? installProcessGuards() : undefined;
  const io = givenIo ?? processIo();
  try {
    return await runMain(argv, io);
  } finally {
    guards?.finished();
  }
}

async function runMain(argv: readonly string[], io: CliIo): Promise<number> {
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
