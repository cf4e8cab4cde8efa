/**
 * Where cached market data lives: one folder shared by every project, and one file per
 * (source, symbol, timeframe) in it.
 */
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

/**
 * The cache folder: `$BT_DATA_DIR` when set, else the platform's cache folder plus `bt`:
 * `$XDG_CACHE_HOME/bt` or `~/.cache/bt` (Linux and other Unix, XDG Base Directory spec),
 * `~/Library/Caches/bt` (macOS), `%LOCALAPPDATA%\bt\Cache` (Windows).
 */
export function cacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const explicit = env.BT_DATA_DIR;
  if (explicit !== undefined && explicit !== '') return explicit;
  const os = platform();
  if (os === 'darwin') return join(homedir(), 'Library', 'Caches', 'bt');
  if (os === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'bt', 'Cache');
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.cache'), 'bt');
}

/**
 * File name of a timeframe: `1m` → `1min`, `1M` → `1mon` (minutes and months differ only by
 * case, which case-insensitive file systems ignore), others unchanged.
 */
export function timeframeFileName(timeframe: string): string {
  return timeframe.replace(/m$/, 'min').replace(/M$/, 'mon');
}

/**
 * Path of the cache file of one series: `DIR/SOURCE/SYMBOL/TIMEFRAME.arrow`, the symbol
 * percent-encoded (`BTC/USDT` → `BTC%2FUSDT`).
 */
export function seriesPath(dir: string, source: string, symbol: string, timeframe: string): string {
  return join(dir, source, encodeURIComponent(symbol), `${timeframeFileName(timeframe)}.arrow`);
}
