/**
 * Writing output files so that a failure never leaves a half-written file behind: every file
 * is first written to a temporary name in the target folder, then renamed into place. A set of
 * files is all-or-nothing: a file it replaces is kept aside until every rename succeeded, and
 * put back when one fails. A target that exists but is not a regular file (`/dev/null`, a FIFO,
 * a terminal) is written through, never replaced.
 */
import { closeSync, existsSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputError, UsageError } from '../errors.js';

/**
 * One file to write: its path and contents, whole or as a sequence of pieces (a generator
 * streams a large file without one string holding all of it).
 */
export interface OutputFile {
  readonly path: string;
  readonly content: string | Iterable<string>;
}

/** Writes `content` to a new file at `path`, piece by piece when it is not one string. */
function writeContent(path: string, content: string | Iterable<string>): void {
  if (typeof content === 'string') {
    writeFileSync(path, content);
    return;
  }
  const fd = openSync(path, 'w');
  try {
    for (const piece of content) {
      const bytes = Buffer.from(piece, 'utf8');
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
    }
  } finally {
    closeSync(fd);
  }
}

/** Temporary and set-aside files of writes in progress, removed or restored if the process ends midway. */
const pending = new Set<PendingWrite>();

/** A write in progress: temporaries written, files set aside (backup → original), files renamed into place. */
interface PendingWrite {
  readonly temporaries: string[];
  readonly backups: Map<string, string>;
  readonly placed: string[];
}

/**
 * Undoes every write in progress: removes the temporaries and puts set-aside files back. The CLI
 * calls it when a signal or `process.exit` ends the process during a write; safe to call twice.
 */
export function abandonPendingWrites(): void {
  for (const write of pending) rollBack(write);
  pending.clear();
}

function rollBack(write: PendingWrite): void {
  const ignore = (action: () => void): void => {
    try {
      action();
    } catch {
      // already gone
    }
  };
  for (const temporary of write.temporaries) ignore(() => unlinkSync(temporary));
  for (const path of write.placed) if (!write.backups.has(path)) ignore(() => unlinkSync(path));
  for (const [path, backup] of write.backups) ignore(() => renameSync(backup, path));
}

function describe(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file is in the way of the folder';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOENT') return 'the folder does not exist';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOSPC') return 'no space left on device';
  if (code === 'EIO') return 'input/output error';
  return error instanceof Error ? error.message : String(error);
}

/** True when `path` exists and is a device, FIFO or socket (following symbolic links). */
function isSpecialFile(path: string): boolean {
  try {
    const stats = statSync(path);
    return !stats.isFile() && !stats.isDirectory();
  } catch {
    return false;
  }
}

/** Writes `content` into an existing special file (no temporary, no rename). */
function writeThrough(path: string, content: string | Iterable<string>): void {
  const fd = openSync(path, 'w');
  try {
    for (const piece of typeof content === 'string' ? [content] : content) {
      const bytes = Buffer.from(piece);
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes all `files` or none: creates missing parent folders, writes each regular file to a
 * temporary sibling, sets aside the files being replaced, then renames the temporaries into
 * place. On any failure the temporaries are removed and the set-aside files restored, so the
 * folder holds either every new file or its old contents. Targets that are devices, FIFOs or
 * sockets (`--report /dev/null`) are written through after the renames.
 * @throws OutputError `BT_OUTPUT_WRITE` naming the path and the reason (exit 5).
 */
export function writeFilesAtomic(files: readonly OutputFile[], flag = '--out'): void {
  const temporaries: string[] = [];
  const backups = new Map<string, string>();
  const placed: string[] = [];
  const write: PendingWrite = { temporaries, backups, placed };
  const regular = files.filter((file) => !isSpecialFile(file.path));
  const special = files.filter((file) => isSpecialFile(file.path));
  let current = '';
  pending.add(write);
  try {
    for (const file of regular) {
      current = file.path;
      mkdirSync(dirname(file.path), { recursive: true });
      const temporary = join(dirname(file.path), `.${basename(file.path)}.${process.pid}.tmp`);
      temporaries.push(temporary);
      writeContent(temporary, file.content);
    }
    for (const file of regular) {
      current = file.path;
      if (existsSync(file.path) && lstatSync(file.path).isFile()) {
        const backup = join(dirname(file.path), `.${basename(file.path)}.${process.pid}.old`);
        renameSync(file.path, backup);
        backups.set(file.path, backup);
      }
    }
    regular.forEach((file, i) => {
      current = file.path;
      renameSync(temporaries[i], file.path);
      placed.push(file.path);
    });
    for (const file of special) {
      current = file.path;
      writeThrough(file.path, file.content);
    }
  } catch (error) {
    rollBack(write);
    pending.delete(write);
    throw new OutputError('BT_OUTPUT_WRITE', `cannot write "${current}": ${describe(error)}`, {
      hint: `choose a writable folder for ${flag}`,
      location: { flag },
      cause: error,
    });
  }
  pending.delete(write);
  for (const backup of backups.values()) {
    try {
      unlinkSync(backup);
    } catch {
      // removed already
    }
  }
}

/** A path a command reads or writes, and the flag that names it. */
export interface NamedPath {
  readonly path: string;
  readonly flag: string;
}

/** `path` made absolute with symbolic links resolved as far as it exists, for comparisons. */
function canonicalPath(path: string): string {
  const absolute = resolve(path);
  let head = absolute;
  const tail: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(head), ...tail);
    } catch {
      const parent = dirname(head);
      if (parent === head) return absolute;
      tail.unshift(basename(head));
      head = parent;
    }
  }
}

/**
 * Checks, before a command runs, that no output file is one of its input files and that no two
 * outputs are the same file (`--out DIR --report DIR/summary.json`). Special files such as
 * `/dev/null` and stdin (`-`) are exempt. `outputs` are files; a folder's files are listed one by one.
 * @throws UsageError `BT_OUTPUT_IS_INPUT` or `BT_OUTPUT_TWICE` naming both flags (exit 2).
 */
export function checkOutputPaths(outputs: readonly NamedPath[], inputs: readonly NamedPath[]): void {
  const seen = new Map<string, NamedPath>();
  for (const input of inputs) {
    if (input.path === '-' || isSpecialFile(input.path)) continue;
    seen.set(canonicalPath(input.path), input);
  }
  const inputKeys = new Set(seen.keys());
  for (const output of outputs) {
    if (isSpecialFile(output.path)) continue;
    const key = canonicalPath(output.path);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const isInput = inputKeys.has(key);
      throw new UsageError(
        isInput ? 'BT_OUTPUT_IS_INPUT' : 'BT_OUTPUT_TWICE',
        isInput
          ? `${output.flag} would overwrite "${earlier.path}", an input of this run (${earlier.flag})`
          : `${output.flag} and ${earlier.flag} would both write "${output.path}"`,
        { hint: `choose another path for ${output.flag}`, location: { flag: output.flag } },
      );
    }
    seen.set(key, output);
  }
}
