/**
 * Retries of a source request: transient failures (rate limit, 5xx, dropped connection,
 * unreadable body) are retried with exponential backoff that honours `Retry-After`, then
 * reported as one clear data error.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DataError, InterruptedError } from '../../errors.js';

/** Retry settings, from `BT_FETCH_RETRIES` and `BT_FETCH_BACKOFF_MS`. */
export interface RetryPolicy {
  /** Tries in all, ≥ 1 (default 5). */
  readonly tries: number;
  /** First wait [ms]; doubled after each failed try, at most 60,000 (default 1,000). */
  readonly backoffMs: number;
}

/**
 * Reads the retry policy from the environment: `BT_FETCH_RETRIES` (tries, default 5) and
 * `BT_FETCH_BACKOFF_MS` (first wait, default 1000 ms).
 */
export function retryPolicy(env: Readonly<Record<string, string | undefined>>): RetryPolicy {
  const tries = Number(env.BT_FETCH_RETRIES ?? 5);
  const backoffMs = Number(env.BT_FETCH_BACKOFF_MS ?? 1000);
  return {
    tries: Number.isInteger(tries) && tries >= 1 ? tries : 5,
    backoffMs: Number.isFinite(backoffMs) && backoffMs >= 0 ? backoffMs : 1000,
  };
}

/** How one failure is classified by the caller. */
export interface FailureInfo {
  /** Worth another try (rate limit, 5xx, network, unreadable body). */
  readonly transient: boolean;
  /** Seconds the server asked to wait (`Retry-After`), if it said. */
  readonly retryAfterSeconds?: number;
  /** Short description, e.g. `RateLimitExceeded: binance 429 Too Many Requests`. */
  readonly description: string;
}

/**
 * Calls `request` until it succeeds, a failure is not transient, or `policy.tries` tries failed.
 * The wait before try k+1 is max(`Retry-After`, backoff × 2^(k-1)), at most 60 s.
 * @param what the request, e.g. `binance fetchOHLCV BTC/USDT 1h since 2021-01-01 00:00:00`, for the message.
 * @throws DataError `BT_DATA_FETCH_FAILED` (exit 3) after the last try; `nonTransient(error)` for other failures; InterruptedError when `signal` aborts while waiting.
 */
export async function withRetries<T>(
  request: () => Promise<T>,
  classify: (error: unknown) => FailureInfo,
  nonTransient: (error: unknown, info: FailureInfo) => Error,
  what: string,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      const info = classify(error);
      if (!info.transient) throw nonTransient(error, info);
      if (attempt >= policy.tries) {
        throw new DataError('BT_DATA_FETCH_FAILED', `${what} failed after ${attempt} ${attempt === 1 ? 'try' : 'tries'}: ${info.description}`, {
          hint: 'the source is rate-limiting, down or unreachable; pages fetched before this one are cached, so running the same command later resumes (BT_FETCH_RETRIES sets the tries)',
          cause: error,
        });
      }
      const wait = Math.min(60_000, Math.max((info.retryAfterSeconds ?? 0) * 1000, policy.backoffMs * 2 ** (attempt - 1)));
      try {
        await sleep(wait, undefined, { signal });
      } catch {
        throw new InterruptedError();
      }
    }
  }
}
