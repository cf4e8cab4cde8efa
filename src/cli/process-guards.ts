/**
 * Guards of the real `bt` process, installed by {@link main} when it runs with the process's own
 * streams (never in-process tests with captured output):
 *
 * - a write error on stdout or stderr: EPIPE (`bt runs | head -1`) ends quietly with the exit
 *   code so far, as Unix tools do; any other (ENOSPC on `> /dev/full`, EIO) ends with exit 5 and
 *   one line on stderr while stderr still works;
 * - SIGINT and SIGTERM: a command that handles them itself (a search writes its partial
 *   results) gets the first one; otherwise, and on a second signal, writes in progress are
 *   undone and the process ends with exit 130;
 * - `process.exit` called by a strategy (or anything else but these guards) throws instead, so
 *   the run ends with exit 4, never with the success code a strategy chose;
 * - an exception or rejection nobody caught prints one line (exit 4 when it came from a
 *   strategy's `process.exit`, 70 otherwise) instead of a stack trace.
 */
import { writeSync } from 'node:fs';
import { EXIT_CODES, ProcessExitCall, safeString } from '../errors.js';
import { abandonPendingWrites } from '../report/write-atomic.js';

/** The signals bt treats as a request to stop. */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

let installed = false;
/** True while a command runs; an exit then is unexpected. */
let running = false;

/** Writes `text` to file descriptor 2, ignoring a broken stderr. */
function writeStderr(text: string): void {
  try {
    writeSync(2, text);
  } catch {
    // stderr is gone too: the exit code alone reports the failure
  }
}

/** Plain-language reason of a stream error code. */
function reason(code: string | undefined, fallback: string): string {
  if (code === 'ENOSPC') return 'no space left on device';
  if (code === 'EIO') return 'input/output error';
  if (code === 'EBADF') return 'the stream is closed';
  return fallback;
}

/**
 * Installs the guards once per process; returns a function to call when the command has
 * finished (it marks the end of the run for the exit check).
 */
export function installProcessGuards(): { readonly finished: () => void } {
  running = true;
  const finished = { finished: () => void (running = false) };
  if (installed) return finished;
  installed = true;
  const originalExit = process.exit.bind(process) as (code?: number) => never;
  const exit = (code: number): never => {
    running = false;
    return originalExit(code);
  };

  for (const [stream, name] of [
    [process.stdout, 'stdout'],
    [process.stderr, 'stderr'],
  ] as const) {
    stream.prependListener('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      abandonPendingWrites();
      if (name === 'stdout') writeStderr(`error[BT_OUTPUT_STDOUT]: cannot write to stdout: ${reason(error.code, error.message)}\nhint: redirect stdout to a writable file, or use --out DIR\n`);
      exit(EXIT_CODES.output);
    });
  }

  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      // A command that listens itself (a search) stops on the first signal and writes its partial result.
      if (process.listenerCount(signal) > 1) return;
      abandonPendingWrites();
      writeStderr(`error[BT_INTERRUPTED]: interrupted by ${signal}\nhint: rerun the same command to get the complete result\n`);
      exit(EXIT_CODES.interrupted);
    });
  }

  process.exit = ((code?: unknown): never => {
    throw new ProcessExitCall(code);
  }) as typeof process.exit;

  const fatal = (error: unknown): void => {
    abandonPendingWrites();
    if (error instanceof ProcessExitCall) {
      writeStderr(`error[BT_STRATEGY_EXIT]: ${error.message}\nhint: return from next (or throw an Error to stop the run with exit 4)\n`);
      exit(EXIT_CODES.strategy);
    }
    const message = (error instanceof Error ? error.message : safeString(error)).split('\n')[0];
    writeStderr(`error[BT_INTERNAL]: ${message}\nhint: this is a bug in bt, or a strategy left work running after the run; add --debug for the stack trace\n`);
    if (process.env.BT_DEBUG === '1' || process.argv.includes('--debug')) writeStderr(`${error instanceof Error ? (error.stack ?? '') : ''}\n`);
    exit(EXIT_CODES.internal);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  process.on('exit', () => {
    if (!running) return;
    // Ended while the command was still running, by a path none of the guards saw.
    writeStderr('error[BT_STRATEGY_EXIT]: the process was ended before the run finished\nhint: a strategy must not end the process; return from next instead\n');
    process.exitCode = EXIT_CODES.strategy;
  });
  return finished;
}
