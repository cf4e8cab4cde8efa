/**
 * The single place that maps errors to stderr text and exit codes (STYLE.md "Errors and exit
 * codes"): `error[CODE]: location: message`, then `hint: …`. Stack traces only with `--debug`
 * or `BT_DEBUG=1`.
 */
import { CommanderError } from 'commander';
import { BtError, EXIT_CODES, MESSAGE_MAX_CHARS, escapeControl, formatLocation, safeString } from '../errors.js';
import type { CliIo } from './io.js';

/** Commander error codes that are successful exits (help, version). */
const SUCCESS_CODES = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version', 'commander.executeSubCommandAsync']);

/** Error codes whose message is followed by a display of the input with a caret (further lines). */
const MULTILINE_CODES: ReadonlySet<string> = new Set(['BT_CONSTRAINT_SYNTAX']);

/**
 * One printable line: control characters escaped (data cannot drive the terminal or split the
 * line) and at most {@link MESSAGE_MAX_CHARS} characters.
 */
export function oneLine(text: string): string {
  const cut = text.length > MESSAGE_MAX_CHARS ? `${text.slice(0, MESSAGE_MAX_CHARS)}…` : text;
  return escapeControl(cut);
}

/** Writes the message for `error` to stderr and returns the exit code. */
export function handleError(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CommanderError) {
    if (SUCCESS_CODES.has(error.code) || error.exitCode === 0) return EXIT_CODES.ok;
    const message = oneLine(error.message.replace(/^error:\s*/, '').replace(/\n/g, ' '));
    io.stderr.write(`error[BT_USAGE]: ${message}\nhint: run "bt --help" or "bt <command> --help" for usage\n`);
    return EXIT_CODES.usage;
  }
  if (error instanceof BtError) {
    // Messages name their flag or parameter themselves; a file location is prefixed unless
    // the message already starts with it.
    const where = error.location?.file !== undefined ? formatLocation(error.location) : '';
    const prefix = where !== '' && !error.message.startsWith(error.location?.file ?? '') ? `${where}: ` : '';
    // A constraint's syntax error shows the expression and a caret below it (escaped at the source).
    const text = `${prefix}${error.message}`;
    const shown = MULTILINE_CODES.has(error.code) ? text.split('\n').map(oneLine).join('\n') : oneLine(text);
    io.stderr.write(`error[${error.code}]: ${shown}\n`);
    if (error.hint !== undefined) io.stderr.write(`hint: ${oneLine(error.hint)}\n`);
    if (debug) {
      io.stderr.write(`${error.stack ?? ''}\n`);
      if (error.cause instanceof Error) io.stderr.write(`caused by: ${error.cause.stack ?? error.cause.message}\n`);
    }
    return error.exitCode;
  }
  const message = oneLine(error instanceof Error ? safeString(error.message) : safeString(error));
  io.stderr.write(`error[BT_INTERNAL]: ${message}\nhint: this is a bug in bt; please report it with the command you ran (add --debug for the stack trace)\n`);
  if (debug && error instanceof Error) io.stderr.write(`${error.stack ?? ''}\n`);
  return EXIT_CODES.internal;
}
