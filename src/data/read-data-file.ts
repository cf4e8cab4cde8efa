/**
 * Reads a data file from disk in chunks of bytes. A plain CSV (no double quotes) is parsed
 * chunk by chunk into typed-array columns, so no string ever holds the whole file (V8 strings
 * stop at 2^29 − 24 characters, about 512 MB of ASCII) and memory stays near the size of the
 * columns. Everything else (JSON, UTF-16, quoted CSV, a row the fast reader cannot take) is
 * read whole and parsed by `parseBars`, which also produces every data error, so both ways
 * give the same series and the same messages. With `load-bars.ts`, the module of `src/data`
 * that touches the filesystem.
 */
import { createHash, type Hash } from 'node:crypto';
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { DataError } from '../errors.js';
import type { BarSeries } from './bar-series.js';
import { sniffCsvLayout, type CsvLayout } from './csv-layout.js';
import { applyTimeZone, checkTimeZone, csvSeries, parseBars, type ParseOptions } from './parse-bars.js';
import { takeZonedCount } from './parse-date.js';
import { CsvFastReader } from './read-csv-fast.js';
import { readCsvRecords } from './read-csv-records.js';
import { DATE_SAMPLE_ROWS } from './time-column.js';

/** Bytes read from the file at a time. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Longest line accepted [bytes]: a row of bars is a few dozen bytes, so a line that runs on
 * past this (`--data /dev/zero`, a binary file) is reported at once instead of being read
 * without bound.
 */
export const MAX_LINE_BYTES = 1024 * 1024;

/** Line breaks wanted in the first piece: the sniffed lines plus the date-format samples. */
const HEAD_LINES = DATE_SAMPLE_ROWS + 16;

/** Largest file read whole into one string when the chunked reader cannot take it [bytes]. */
const WHOLE_TEXT_MAX_BYTES = 256 * 1024 * 1024;

/** The data error for an error of opening or reading `label`. */
export function fileError(error: unknown, label: string): DataError {
  const code = (error as NodeJS.ErrnoException).code;
  const location = { file: label };
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new DataError('BT_DATA_NOT_FOUND', `data file "${label}" does not exist`, {
      hint: 'check the path (it is relative to the current directory); the bundled sample is data/sp500-2000.csv',
      location,
      cause: error,
    });
  }
  if (code === 'EISDIR') {
    return new DataError('BT_DATA_UNREADABLE', `"${label}" is a directory, not a data file`, {
      hint: 'give the path of a CSV or JSON file inside it',
      location,
      cause: error,
    });
  }
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
  return new DataError('BT_DATA_UNREADABLE', `cannot read data file "${label}": ${reason}`, {
    hint: 'check that the file exists and that you may read it',
    location,
    cause: error,
  });
}

/** Sequential chunks of an open file, hashed (SHA-256) as they are read. */
class ChunkSource {
  readonly #fd: number;
  readonly #label: string;
  readonly #hash: Hash = createHash('sha256');
  /** Every chunk, kept for a second pass when the file cannot be read twice (a pipe, a device). */
  readonly #kept: Buffer[] | undefined;
  #position = 0;
  #isDone = false;

  constructor(fd: number, label: string, isRegular: boolean) {
    this.#fd = fd;
    this.#label = label;
    this.#kept = isRegular ? undefined : [];
  }

  /**
   * The next chunk, or undefined at the end of the file. With `carry` (the unfinished line of
   * the previous chunk), the result starts with those bytes and continues with the new ones.
   */
  next(carry?: Buffer): Buffer | undefined {
    if (this.#isDone) return undefined;
    const offset = carry === undefined ? 0 : carry.length;
    const buffer = Buffer.allocUnsafe(offset + CHUNK_BYTES);
    if (offset > 0) carry!.copy(buffer, 0);
    let filled = 0;
    while (filled < CHUNK_BYTES) {
      let count: number;
      try {
        count = readSync(this.#fd, buffer, offset + filled, CHUNK_BYTES - filled, this.#kept === undefined ? this.#position + filled : null);
      } catch (error) {
        throw fileError(error, this.#label);
      }
      if (count === 0) {
        this.#isDone = true;
        break;
      }
      filled += count;
    }
    this.#position += filled;
    if (filled === 0) return undefined;
    const chunk = buffer.subarray(offset, offset + filled);
    this.#hash.update(chunk);
    this.#kept?.push(chunk);
    return buffer.subarray(0, offset + filled);
  }

  /** SHA-256 (hex) of all bytes, once every chunk has been read. */
  sha256(): string {
    return this.#hash.digest('hex');
  }

  /** All bytes of the file: read again from the start, or the kept chunks plus the rest. */
  all(): Buffer {
    if (this.#kept !== undefined) {
      while (this.next() !== undefined);
      return Buffer.concat(this.#kept);
    }
    const parts: Buffer[] = [];
    for (let position = 0; ; ) {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      let count: number;
      try {
        count = readSync(this.#fd, buffer, 0, CHUNK_BYTES, position);
      } catch (error) {
        throw fileError(error, this.#label);
      }
      if (count === 0) break;
      parts.push(buffer.subarray(0, count));
      position += count;
    }
    return Buffer.concat(parts);
  }
}

/** Decodes UTF-8, or UTF-16 when the bytes start with a UTF-16 byte-order mark. */
export function decodeText(bytes: Buffer): string {
  if (isUtf16(bytes)) {
    return bytes[0] === 0xff ? bytes.toString('utf16le') : Buffer.from(bytes).swap16().toString('utf16le');
  }
  return bytes.toString('utf8');
}

function isUtf16(bytes: Buffer): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/** Length of a UTF-8 byte-order mark at the start of `bytes` (0 or 3). */
function bomLength(bytes: Buffer): number {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/** True when the first byte after the BOM and ASCII whitespace opens JSON (`[` or `{`). */
function isJson(bytes: Buffer): boolean {
  for (let i = bomLength(bytes); i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === 32 || byte === 9 || byte === 10 || byte === 13) continue;
    return byte === 0x5b || byte === 0x7b;
  }
  return false;
}

/** UTF-8 text of `bytes[0, end)`; pure ASCII (the usual case) is copied as Latin-1, which is faster. */
function decodeLines(bytes: Buffer, end: number): string {
  const lines = bytes.subarray(0, end);
  return lines.toString(isAscii(lines) ? 'latin1' : 'utf8');
}

function countLineBreaks(bytes: Buffer): number {
  let count = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) count++;
  return count;
}

function lineTooLong(label: string, line: number): DataError {
  return new DataError('BT_DATA_LINE_TOO_LONG', `the line runs on for more than ${MAX_LINE_BYTES.toLocaleString('en-US')} bytes without a line break`, {
    hint: 'give a CSV or JSON file of bars; a row of bars is a few dozen bytes (is this a binary file or a device?)',
    location: { file: label, line },
  });
}

/** True when a run of `length` bytes without `\n` is a line too long (a lone `\r` ends old Mac lines). */
function isRunaway(bytes: Buffer, length: number): boolean {
  return length > MAX_LINE_BYTES && bytes.indexOf(13, bytes.length - length) < 0;
}

/**
 * Loads bars from the data file at `path` (see `parseBars` for the formats; UTF-8, or UTF-16
 * with a byte-order mark). `source.sha256` is the SHA-256 of the file's bytes.
 *
 * @throws {DataError} `BT_DATA_NOT_FOUND`, `BT_DATA_UNREADABLE` (a directory, no permission, a
 *   read error), `BT_DATA_LINE_TOO_LONG` (a line over {@link MAX_LINE_BYTES} bytes, located at
 *   its line), `BT_DATA_TOO_LARGE` (a file over 256 MiB that only the general reader can
 *   read: quoted cells), and every `parseBars` error.
 */
export function readDataFile(path: string, options: ParseOptions): BarSeries[] {
  const label = options.file;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw fileError(error, label);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw fileError(Object.assign(new Error(`EISDIR: illegal operation on a directory`), { code: 'EISDIR' }), label);
    const size = stat.isFile() ? stat.size : -1;
    return readChunks(new ChunkSource(fd, label, stat.isFile()), size, options);
  } finally {
    closeSync(fd);
  }
}

function readChunks(source: ChunkSource, size: number, options: ParseOptions): BarSeries[] {
  const label = options.file;
  // The head: chunks until it holds HEAD_LINES line breaks, or the whole file.
  let head = source.next() ?? Buffer.alloc(0);
  if (isUtf16(head) || isJson(head)) return readWhole(source, size, options);
  let breaks = countLineBreaks(head);
  let isEnd = head.length < CHUNK_BYTES;
  while (breaks < HEAD_LINES && !isEnd) {
    const trailing = head.length - 1 - head.lastIndexOf(10);
    if (isRunaway(head, trailing)) throw lineTooLong(label, breaks + 1);
    const chunk = source.next();
    if (chunk === undefined) {
      isEnd = true;
      break;
    }
    head = Buffer.concat([head, chunk]);
    breaks += countLineBreaks(chunk);
  }
  const headEnd = isEnd ? head.length : head.lastIndexOf(10) + 1;
  if (headEnd === 0 && isRunaway(head, head.length)) throw lineTooLong(label, 1);
  const headText = head.toString('utf8', bomLength(head), headEnd);
  if (headText.includes('"')) return readWhole(source, size, options);
  checkTimeZone(options);
  // Counts the timestamps with a zone from here to the end (see applyTimeZone).
  takeZonedCount();
  const layout = sniffCsvLayout(headText, label);
  const reader = new CsvFastReader(layout, headText, layout.dataOffset, breaks + 1);
  if (!reader.feed(headText, layout.dataOffset)) return readWhole(source, size, options, reader, layout, headText);
  if (size > headEnd && reader.length > 0) reader.reserve(Math.ceil((size / headEnd) * reader.length * 1.1) + 64);

  let carry = head.subarray(headEnd);
  for (let bytes = isEnd ? undefined : source.next(carry); bytes !== undefined; bytes = source.next(carry)) {
    const last = bytes.lastIndexOf(10);
    const trailing = bytes.length - 1 - last;
    if (isRunaway(bytes, trailing)) throw lineTooLong(label, reader.line + (last < 0 ? 0 : countLineBreaks(bytes)));
    if (last < 0) {
      carry = bytes;
      continue;
    }
    const text = decodeLines(bytes, last + 1);
    if (text.includes('"') || !reader.feed(text)) return readWhole(source, size, options, reader, layout, headText);
    carry = bytes.subarray(last + 1);
  }
  if (carry.length > 0) {
    const text = decodeLines(carry, carry.length);
    if (text.includes('"') || !reader.feed(text)) return readWhole(source, size, options, reader, layout, headText);
  }
  const read = reader.finish();
  if (read === undefined) return readWhole(source, size, options, reader, layout, headText);
  const zonedCount = takeZonedCount();
  return applyTimeZone(csvSeries(read, layout, options, source.sha256()), options, zonedCount);
}

/**
 * The general way: all bytes as one string through `parseBars`. A file too large for one
 * string gets the error of the row the fast reader stopped at, from the general reader run on
 * the header and that row alone.
 */
function readWhole(source: ChunkSource, size: number, options: ParseOptions, reader?: CsvFastReader, layout?: CsvLayout, headText?: string): BarSeries[] {
  if (size > WHOLE_TEXT_MAX_BYTES && layout !== undefined && headText !== undefined) {
    const failure = reader?.failure;
    if (failure !== undefined && failure.text !== '') {
      const excerpt = `${headText.slice(0, layout.dataOffset)}${failure.text}\n`;
      readCsvRecords(excerpt, layout, options.file, failure.line - layout.dataLine);
    }
    throw new DataError(
      'BT_DATA_TOO_LARGE',
      `the file has ${(size / 2 ** 20).toFixed(0)} MiB; above 256 MiB only plain CSV without double quotes can be read${failure === undefined ? '' : ` (stopped at line ${failure.line})`}`,
      { hint: 'remove the double quotes (cells need none without a delimiter inside), or split the file', location: { file: options.file, line: failure?.line } },
    );
  }
  const bytes = source.all();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return parseBars(decodeText(bytes), { ...options, sha256 });
}
