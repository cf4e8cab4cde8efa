/**
 * Errors that `bt` reports to users. Core code throws only these; `src/cli/handle-error.ts`
 * is the one place that turns them into a message on stderr and a process exit code.
 *
 * Exit codes (the CI contract, also in README.md and the `bt --help` footer):
 *   0 success · 1 check failed · 2 usage or config · 3 data · 4 strategy · 5 output ·
 *   70 internal · 130 interrupted.
 */

/** Where an error was found: a file and 1-based line, a CLI flag, or a strategy parameter. */
export interface ErrorLocation {
  readonly file?: string;
  /** 1-based line number in `file`. */
  readonly line?: number;
  /** The CLI flag, e.g. `--commission`. */
  readonly flag?: string;
  /** The strategy parameter name, e.g. `fast`. */
  readonly param?: string;
}

/** Options shared by every {@link BtError}. */
export interface BtErrorOptions {
  /** One sentence telling the user how to fix it. */
  readonly hint?: string;
  readonly location?: ErrorLocation;
  readonly cause?: unknown;
}

/**
 * Base class of all expected errors. `code` is a stable identifier such as `BT_DATA_INVALID_BAR`
 * (printed as `error[CODE]`), `exitCode` the process exit code the CLI uses.
 */
export class BtError extends Error {
  readonly code: string;
  readonly exitCode: number;
  readonly hint: string | undefined;
  readonly location: ErrorLocation | undefined;

  constructor(code: string, exitCode: number, message: string, options: BtErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.hint = options.hint;
    this.location = options.location;
  }
}

/** Exit code table; the only numbers `src/cli` uses for `process.exitCode`. */
export const EXIT_CODES = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  data: 3,
  strategy: 4,
  output: 5,
  internal: 70,
  interrupted: 130,
} as const;

/** Bad command line, unknown strategy or parameter, invalid flag value (exit 2). */
export class UsageError extends BtError {
  constructor(code: string, message: string, options?: BtErrorOptions) {
    super(code, EXIT_CODES.usage, message, options);
  }
}

/** Malformed or invalid YAML config (exit 2). */
export class ConfigError extends BtError {
  constructor(code: string, message: string, options?: BtErrorOptions) {
    super(code, EXIT_CODES.usage, message, options);
  }
}

/** Missing, unreadable or invalid market data (exit 3). */
export class DataError extends BtError {
  constructor(code: string, message: string, options?: BtErrorOptions) {
    super(code, EXIT_CODES.data, message, options);
  }
}

/** A strategy failed to load, compile or run (exit 4). */
export class StrategyError extends BtError {
  constructor(code: string, message: string, options?: BtErrorOptions) {
    super(code, EXIT_CODES.strategy, message, options);
  }
}

/** An output file could not be written (exit 5). Nothing partial is left behind. */
export class OutputError extends BtError {
  constructor(code: string, message: string, options?: BtErrorOptions) {
    super(code, EXIT_CODES.output, message, options);
  }
}

/** An `--assert`, baseline or audit check failed (exit 1). */
export class CheckFailedError extends BtError {
  constructor(code: string, message: string, options?: BtErrorOptions) {
    super(code, EXIT_CODES.checkFailed, message, options);
  }
}

/** An invariant was violated: a bug in `bt` (exit 70). */
export class InternalError extends BtError {
  constructor(code: string, message: string, options?: BtErrorOptions) {
    super(code, EXIT_CODES.internal, message, options);
  }
}

/** The user pressed Ctrl-C (exit 130). */
export class InterruptedError extends BtError {
  constructor(message = 'interrupted', options?: BtErrorOptions) {
    super('BT_INTERRUPTED', EXIT_CODES.interrupted, message, options);
  }
}

/** Formats a location as `file:line`, `flag --x` or `parameter "p"` for messages. */
export function formatLocation(location: ErrorLocation | undefined): string {
  if (!location) return '';
  if (location.file !== undefined) {
    return location.line !== undefined ? `${location.file}:${location.line}` : location.file;
  }
  if (location.flag !== undefined) return location.flag;
  if (location.param !== undefined) return `parameter "${location.param}"`;
  return '';
}

/**
 * Thrown by `process.exit` while the CLI runs (src/cli/process-guards.ts): a strategy cannot end
 * the process. The engine reports it as StrategyError `BT_STRATEGY_EXIT` naming the bar (exit 4).
 */
export class ProcessExitCall extends Error {
  /** The code the caller asked for. */
  readonly requestedCode: unknown;

  constructor(requestedCode: unknown) {
    super(`process.exit(${requestedCode === undefined ? '' : safeString(requestedCode)}) was called; a strategy cannot end the process`);
    this.name = 'ProcessExitCall';
    this.requestedCode = requestedCode;
  }
}

/** `String(value)`, or a placeholder when even that throws (an object whose `toString` throws). */
export function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return `(an unprintable ${typeof value})`;
  }
}

/** Longest piece of user input echoed in a message [characters]. */
export const ECHO_MAX_CHARS = 80;

/** Longest message line `handleError` prints [characters]; anything longer is cut. */
export const MESSAGE_MAX_CHARS = 1000;

/**
 * Makes `text` safe to print on one terminal line: control characters (C0, DEL, C1, including
 * ESC, CR and LF) become `\xNN` / `\uNNNN` escapes, so data cannot move the cursor, set the
 * window title or split the one-line error format.
 */
export function escapeControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * A piece of user input (a CSV field, a header, an expression) as echoed in an error message:
 * control characters escaped ({@link escapeControl}) and cut to `max` characters with "…".
 */
export function echoInput(text: string, max = ECHO_MAX_CHARS): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return escapeControl(cut);
}
