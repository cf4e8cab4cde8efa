/**
 * A lock file beside a cache file, so that two `bt` processes (or two fetches in one process)
 * fetching the same series take turns: the second waits, then finds the bars the first added
 * and fetches only what is still missing.
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataError } from '../../errors.js';

/** Options of {@link withSeriesLock}. */
export interface LockOptions {
  /** Give up after waiting this long [ms] (default 600,000: a long first fetch may hold it for minutes). */
  readonly timeoutMs?: number;
  /** Check again this often while waiting [ms] (default 100). */
  readonly pollMs?: number;
}

/** True when no process `pid` runs on this machine (its lock is stale). */
function isGone(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Tries once to create the lock file; true when this caller now holds it. */
async function tryAcquire(lockPath: string, token: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx');
    try {
      await handle.writeFile(token);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = await readFile(lockPath, 'utf8').catch(() => '');
    // A lock whose process has died (killed, power loss) is removed; an empty one is being written.
    if (holder !== '' && isGone(Number(holder.split(' ')[0]))) await rm(lockPath, { force: true });
    return false;
  }
}

let sequence = 0;

/**
 * Runs `body` while holding `LOCKPATH` (created with O_EXCL, holding the process id), waiting
 * for another holder to finish first; the lock is removed afterwards, also when `body` throws.
 * @throws DataError `BT_CACHE_LOCKED` after `timeoutMs` of waiting, naming the lock file.
 */
export async function withSeriesLock<T>(lockPath: string, body: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const pollMs = options.pollMs ?? 100;
  const token = `${process.pid} ${++sequence}`;
  await mkdir(dirname(lockPath), { recursive: true });
  const started = Date.now();
  while (!(await tryAcquire(lockPath, token))) {
    if (Date.now() - started > timeoutMs) {
      throw new DataError('BT_CACHE_LOCKED', `another bt process has held "${lockPath}" for over ${Math.round(timeoutMs / 1000)} s`, {
        hint: 'wait for the other fetch of this series to finish; if no bt process is running, delete the lock file',
      });
    }
    await sleep(pollMs);
  }
  try {
    return await body();
  } finally {
    const holder = await readFile(lockPath, 'utf8').catch(() => '');
    if (holder === token) await rm(lockPath, { force: true });
  }
}
