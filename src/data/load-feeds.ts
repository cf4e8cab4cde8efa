/**
 * Loads the data of a multi-asset run: several `--data` feeds, a directory of files, or one
 * long-format file with a symbol column, each through the same dialect detection as a single
 * file (`loadBars`).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError, UsageError } from '../errors.js';
import type { BarSeries } from './bar-series.js';
import { loadBars } from './load-bars.js';
import { symbolFromFile } from './parse-bars.js';

/** One `--data` value: `NAME=FILE`, `FILE` or `DIRECTORY/`. */
export interface FeedSpec {
  /** Path as given (`-` = stdin). */
  readonly path: string;
  /** Symbol from `NAME=`; undefined = from the file's symbol column or its name. */
  readonly symbol: string | undefined;
}

/** Extensions read from a directory. */
export const DATA_EXTENSIONS: readonly string[] = ['.csv', '.txt', '.json', '.parquet', '.arrow', '.feather'];

/**
 * Parses a `--data` value. `NAME=FILE` names the symbol when NAME is a plain symbol (letters,
 * digits, `.`, `_`, `^`, `-`; no path separator); anything else is a path.
 */
export function parseFeedSpec(value: string): FeedSpec {
  const match = /^([A-Za-z0-9._^-]+)=(.+)$/.exec(value);
  return match === null ? { path: value, symbol: undefined } : { path: match[2], symbol: match[1] };
}

/** Options of {@link loadFeeds}. */
export interface LoadFeedsOptions {
  readonly sort?: boolean;
  readonly stdin?: NodeJS.ReadableStream;
  readonly timeZone?: string;
}

async function isDirectory(path: string): Promise<boolean> {
  if (path === '-') return false;
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Loads every feed: a directory yields each `.csv`/`.txt`/`.json` file in it (in name order),
 * a long-format file yields one series per symbol, and `NAME=FILE` names a single-symbol
 * file's series (for a long-format file it must be one of its symbols and picks it).
 * @returns the series in the order given (first-appearance order within a file).
 * @throws DataError from `loadBars`; `BT_DATA_EMPTY_DIR` for a directory without data files;
 *   UsageError `BT_SYMBOL_UNKNOWN` when `NAME=` names no symbol of a long-format file.
 */
export async function loadFeeds(specs: readonly FeedSpec[], options: LoadFeedsOptions = {}): Promise<BarSeries[]> {
  const out: BarSeries[] = [];
  for (const spec of specs) {
    if (await isDirectory(spec.path)) {
      const names = (await readdir(spec.path)).filter((name) => DATA_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext))).sort();
      if (names.length === 0) {
        throw new DataError('BT_DATA_EMPTY_DIR', `directory "${spec.path}" holds no ${DATA_EXTENSIONS.join(', ')} files`, {
          hint: 'put one data file per symbol in it, or give the files with --data NAME=FILE',
          location: { file: spec.path },
        });
      }
      for (const name of names) {
        const file = join(spec.path, name);
        out.push(...(await loadBars(file, { sort: options.sort, timeZone: options.timeZone, label: file, defaultSymbol: symbolFromFile(name) })));
      }
      continue;
    }
    const series = await loadBars(spec.path, {
      sort: options.sort,
      stdin: options.stdin,
      timeZone: options.timeZone,
      defaultSymbol: spec.symbol,
    });
    if (spec.symbol !== undefined && series.length > 1) {
      const picked = series.find((s) => s.symbol === spec.symbol);
      if (picked === undefined) {
        throw new UsageError('BT_SYMBOL_UNKNOWN', `symbol "${spec.symbol}" is not in "${spec.path}", which holds ${series.map((s) => s.symbol).join(', ')}`, {
          hint: `give the file without a name to use all its symbols (--data ${spec.path})`,
          location: { file: spec.path },
        });
      }
      out.push(picked);
    } else if (spec.symbol !== undefined) out.push({ ...series[0], symbol: spec.symbol });
    else out.push(...series);
  }
  return out;
}
