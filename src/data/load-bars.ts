/**
 * Reads a data file (or stdin) and parses it. With `read-data-file.ts`, `src/strategy/loader`
 * and `src/report/write-atomic`, one of the few modules allowed to touch the filesystem.
 */
import { createHash } from 'node:crypto';
import { DataError } from '../errors.js';
import type { BarSeries } from './bar-series.js';
import { readFile } from 'node:fs/promises';
import { parseBars, symbolFromFile } from './parse-bars.js';
import { columnarFormat } from './columnar-format.js';
import { decodeText, fileError, readDataFile } from './read-data-file.js';

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
 * A file is read in chunks (see `readDataFile`), so a plain CSV of any size loads without one
 * string holding all of it; stdin is read whole.
 *
 * @throws {DataError} `BT_DATA_NOT_FOUND` (no such file), `BT_DATA_UNREADABLE` (a directory,
 *   no permission, no or terminal stdin), `BT_DATA_LINE_TOO_LONG` (a line over 1 MiB, e.g.
 *   `/dev/zero`), `BT_DATA_TOO_LARGE`, and every `parseBars` error.
 */
export async function loadBars(path: string, options: LoadOptions = {}): Promise<BarSeries[]> {
  const label = options.label ?? path;
  const parseOptions = { file: label, sort: options.sort, defaultSymbol: options.defaultSymbol, timeZone: options.timeZone };
  const format = path === '-' ? undefined : columnarFormat(path);
  if (format !== undefined) {
    // Parquet, Arrow and Feather files are read whole: their footer indexes the columns.
    const bytes = await readFile(path).catch((error: unknown) => {
      throw fileError(error, label);
    });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { parseColumnarBars } = await import('./read-columnar-bars.js');
    return parseColumnarBars(bytes, format, { file: label, sha256, sort: options.sort, symbol: options.defaultSymbol ?? symbolFromFile(label) });
  }
  if (path !== '-') return readDataFile(path, parseOptions);
  const bytes = await readStdin(options.stdin);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return parseBars(decodeText(bytes), { ...parseOptions, sha256 });
}
