/**
 * Reads a data file (or stdin) and parses it. With `src/strategy/loader` and
 * `src/report/write-atomic`, one of the few modules allowed to touch the filesystem.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DataError } from '../errors.js';
import type { BarSeries } from './bar-series.js';
import { parseBars, symbolFromFile } from './parse-bars.js';
import { columnarFormat } from './columnar-format.js';

/** Options of {@link loadBars}. */
export interface LoadOptions {
  /** Stably sort each symbol's bars by time instead of failing on out-of-order rows. */
  readonly sort?: boolean;
  /** The stream read when the path is `-` (the CLI passes `process.stdin`). */
  readonly stdin?: NodeJS.ReadableStream;
  /** Symbol of a file without a symbol column (the CLI passes `--symbol`); defaults to the file name. */
  readonly defaultSymbol?: string;
  /** Name used for the file in messages and in `source.file` (default: `path`). */
  readonly label?: string;
  /** IANA zone of naive timestamps (`--tz`); default UTC. */
  readonly timeZone?: string;
}

const STDIN_HINT = 'pipe the bars into bt (e.g. `cat bars.csv | bt run -`), or give a file path instead of "-"';

/** Decodes UTF-8, or UTF-16 when the bytes start with a UTF-16 byte-order mark. */
function decode(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes).swap16().toString('utf16le');
  return bytes.toString('utf8');
}

async function readDataFile(path: string, label: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const location = { file: label };
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new DataError('BT_DATA_NOT_FOUND', `data file "${label}" does not exist`, {
        hint: 'check the path (it is relative to the current directory); the bundled sample is data/sp500-2000.csv',
        location,
        cause: error,
      });
    }
    if (code === 'EISDIR') {
      throw new DataError('BT_DATA_UNREADABLE', `"${label}" is a directory, not a data file`, {
        hint: 'give the path of a CSV or JSON file inside it',
        location,
        cause: error,
      });
    }
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
    throw new DataError('BT_DATA_UNREADABLE', `cannot read data file "${label}": ${reason}`, {
      hint: 'check that the file exists and that you may read it',
      location,
      cause: error,
    });
  }
}

async function readStdin(stdin: NodeJS.ReadableStream | undefined): Promise<Buffer> {
  const location = { file: '-' };
  if (stdin === undefined || (stdin as { isTTY?: boolean }).isTTY === true) {
    const message = stdin === undefined ? 'no standard input to read bars from' : 'standard input is a terminal, not data';
    throw new DataError('BT_DATA_UNREADABLE', message, { hint: STDIN_HINT, location });
  }
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  } catch (error) {
    throw new DataError('BT_DATA_UNREADABLE', `cannot read standard input: ${(error as Error).message}`, {
      hint: STDIN_HINT,
      location,
      cause: error,
    });
  }
  return Buffer.concat(chunks);
}

/**
 * Loads bars from `path` (CSV or JSON, any dialect `parseBars` accepts; Parquet, Arrow or
 * Feather by extension, see `parseColumnarBars`), or from all of
 * `options.stdin` when `path` is `-`. `source.sha256` is the SHA-256 of the raw bytes.
 * UTF-8 is assumed; a UTF-16 byte-order mark switches to UTF-16.
 *
 * @returns one series per symbol (see `parseBars`).
 * @throws {DataError} `BT_DATA_NOT_FOUND` (no such file), `BT_DATA_UNREADABLE` (a directory,
 *   no permission, no or terminal stdin), and every `parseBars` error.
 */
export async function loadBars(path: string, options: LoadOptions = {}): Promise<BarSeries[]> {
  const label = options.label ?? path;
  const bytes = path === '-' ? await readStdin(options.stdin) : await readDataFile(path, label);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const format = path === '-' ? undefined : columnarFormat(path);
  if (format !== undefined) {
    const { parseColumnarBars } = await import('./read-columnar-bars.js');
    return parseColumnarBars(bytes, format, { file: label, sha256, sort: options.sort, symbol: options.defaultSymbol ?? symbolFromFile(label) });
  }
  return parseBars(decode(bytes), { file: label, sha256, sort: options.sort, defaultSymbol: options.defaultSymbol, timeZone: options.timeZone });
}
