/**
 * Progress bars on stderr for long runs (STYLE.md: "progress is drawn only on a TTY that isn't
 * `CI`"). Never on stdout, so `--json` output stays clean; never in CI logs or pipes; not with
 * `--quiet`. A bar appears only once a run is projected to take about a second, so short runs
 * print nothing. cli-progress is imported only when a bar may be drawn.
 */
import type { CliIo } from './io.js';

/** A run shorter than this (projected from the progress so far) never shows a bar [ms]. */
export const PROGRESS_MIN_DURATION_MS = 1000;

/** True when `env.CI` says this is a CI job (`CI` set, and not `''`, `0` or `false`). */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.CI;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * The policy: a progress bar may be drawn only when stderr is a TTY, `CI` is not set
 * ({@link isCi}) and the user did not ask for `--quiet`.
 */
export function progressAllowed(io: Pick<CliIo, 'stderrIsTTY' | 'env'>, options: { readonly quiet?: boolean } = {}): boolean {
  return io.stderrIsTTY && !isCi(io.env) && options.quiet !== true;
}

/**
 * True when a run that has done `done` of `total` units in `elapsedMs` is projected to take at
 * least {@link PROGRESS_MIN_DURATION_MS} in all: elapsed × total / done, or elapsed alone.
 */
export function isSlowRun(elapsedMs: number, done: number, total: number): boolean {
  if (elapsedMs >= PROGRESS_MIN_DURATION_MS) return true;
  return done > 0 && (elapsedMs * total) / done >= PROGRESS_MIN_DURATION_MS;
}

/** A started progress display: feed it (done, total); always `stop()` it. */
export interface ProgressReporter {
  /** Records progress; draws (or starts drawing) once the run is slow. */
  readonly update: (done: number, total: number) => void;
  /** Clears the bar, if one was drawn. Safe to call more than once. */
  readonly stop: () => void;
}

/** Options of {@link startProgress}. */
export interface ProgressOptions {
  /** Word for the units counted: `bars`, `cuts`. */
  readonly unit: string;
  readonly quiet?: boolean;
  /** Milliseconds clock (tests pass a fake). Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Starts a progress reporter for `io`, or returns undefined when the policy
 * ({@link progressAllowed}) forbids one. The bar itself is drawn on stderr only once
 * {@link isSlowRun} says so, and is cleared by `stop()`.
 */
export async function startProgress(io: CliIo, options: ProgressOptions): Promise<ProgressReporter | undefined> {
  if (io.env.BT_PROGRESS === 'lines' && options.quiet !== true) return lineProgress(io, options.unit);
  if (!progressAllowed(io, options)) return undefined;
  const { SingleBar } = (await import('cli-progress')).default;
  const now = options.now ?? Date.now;
  const started = now();
  // cli-progress draws on a TTY stream with readline's escape sequences (written through
  // `write`); this adapter is that stream.
  const stream = { isTTY: true, columns: io.columns, write: (text: string) => io.stderr.write(text) };
  let bar: InstanceType<typeof SingleBar> | undefined;
  let stopped = false;
  return {
    update(done: number, total: number): void {
      if (stopped) return;
      if (bar === undefined) {
        if (done >= total || !isSlowRun(now() - started, done, total)) return;
        bar = new SingleBar({
          stream: stream as unknown as NodeJS.WritableStream,
          format: `bt {bar} {percentage}% | {value}/{total} ${options.unit} | ETA {eta_formatted}`,
          barsize: Math.max(10, Math.min(40, io.columns - 50)),
          clearOnComplete: true,
          hideCursor: false,
          gracefulExit: false,
          fps: 10,
        });
        bar.start(total, done);
        return;
      }
      bar.update(done);
    },
    stop(): void {
      if (stopped) return;
      stopped = true;
      bar?.stop();
    },
  };
}

/**
 * Progress as plain lines on stderr (`BT_PROGRESS=lines`), for logs and scripts that wait for
 * a search to be under way: `progress: DONE/TOTAL UNIT` after the first completed unit, then at
 * each further whole percent.
 */
export function lineProgress(io: CliIo, unit: string): ProgressReporter {
  let shownPercent = -1;
  let stopped = false;
  return {
    update(done: number, total: number): void {
      if (stopped || done <= 0) return;
      const percent = Math.floor((100 * done) / Math.max(1, total));
      if (percent === shownPercent && shownPercent >= 0) return;
      shownPercent = percent;
      io.stderr.write(`progress: ${done}/${total} ${unit}\n`);
    },
    stop(): void {
      stopped = true;
    },
  };
}
