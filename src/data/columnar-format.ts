/** File extensions of the columnar data formats `bt` reads (Parquet, Arrow IPC / Feather v2). */

/** Columnar formats by file extension (lower case). */
export const COLUMNAR_EXTENSIONS: Readonly<Record<string, 'parquet' | 'arrow'>> = { '.parquet': 'parquet', '.pq': 'parquet', '.arrow': 'arrow', '.feather': 'arrow', '.ipc': 'arrow' };

/** The columnar format of `path` by its extension, or undefined for anything else (CSV, JSON). */
export function columnarFormat(path: string): 'parquet' | 'arrow' | undefined {
  const match = /\.[A-Za-z]+$/.exec(path);
  return match === null ? undefined : COLUMNAR_EXTENSIONS[match[0].toLowerCase()];
}
