/**
 * Writing output files so that a failure never leaves a half-written file behind: every file
 * is first written to a temporary name in the target folder, then renamed into place.
 */
import { closeSync, mkdirSync, openSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { OutputError } from '../errors.js';

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

function describe(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file is in the way of the folder';
  if (code === 'ENOENT') return 'the folder does not exist';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOSPC') return 'no space left on device';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Writes all `files` or none: creates missing parent folders, writes each to a temporary
 * sibling, then renames them into place. On any failure the temporaries are removed.
 * @throws OutputError `BT_OUTPUT_WRITE` naming the path and the reason (exit 5).
 */
export function writeFilesAtomic(files: readonly OutputFile[], flag = '--out'): void {
  const temporaries: string[] = [];
  let current = '';
  try {
    for (const file of files) {
      current = file.path;
      mkdirSync(dirname(file.path), { recursive: true });
      const temporary = join(dirname(file.path), `.${file.path.replace(/^.*[\\/]/, '')}.${process.pid}.tmp`);
      temporaries.push(temporary);
      writeContent(temporary, file.content);
    }
    files.forEach((file, i) => {
      current = file.path;
      renameSync(temporaries[i], file.path);
    });
  } catch (error) {
    for (const temporary of temporaries) {
      try {
        unlinkSync(temporary);
      } catch {
        // already renamed or never written
      }
    }
    throw new OutputError('BT_OUTPUT_WRITE', `cannot write "${current}": ${describe(error)}`, {
      hint: `choose a writable folder for ${flag}`,
      location: { flag },
      cause: error,
    });
  }
}
