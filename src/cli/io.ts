/**
 * The process boundary of the CLI: streams, environment and terminal facts, passed in so that
 * tests can run commands in-process with captured output.
 */

/** Where a command reads and writes, and what it knows about the terminal. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly stdin: NodeJS.ReadableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** Terminal width [columns]; 80 when unknown. */
  readonly columns: number;
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stdout.columns > 0 ? process.stdout.columns : 80,
  };
}

/**
 * Colour policy: on only for a TTY, and off with `NO_COLOR`, `--no-color` or `FORCE_COLOR=0`;
 * `FORCE_COLOR=1` turns it on for non-TTY output.
 */
export function useColour(io: CliIo, flag: boolean | undefined, stream: 'stdout' | 'stderr' = 'stdout'): boolean {
  if (flag === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR === '0') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '') return true;
  return stream === 'stdout' ? io.stdoutIsTTY : io.stderrIsTTY;
}
