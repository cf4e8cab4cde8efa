/** Parses the `--from` / `--to` command-line dates. */
import { UsageError } from '../errors.js';
import { DAY_MS, parseAnyDate } from './parse-date.js';

/** Options of {@link parseDateArg}. */
export interface DateArgOptions {
  /**
   * Read a date without a time of day (no `:`) as its last millisecond, 23:59:59.999, so that
   * `--to 2020-12-31` keeps all of that day's intraday bars.
   */
  readonly endOfDay?: boolean;
}

/**
 * Parses a command-line date to UTC epoch ms: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.fff]]`,
 * ISO `2020-01-02T09:30:00Z` / `+01:00`, `YYYY/MM/DD`, `YYYYMMDD`, `Jan 2 2020`, or unix
 * seconds/ms. Day/month-ambiguous forms such as `01/02/2020` are refused.
 *
 * @param flag the flag the value came with (`--from`), for the error location.
 * @throws {UsageError} `BT_BAD_DATE_ARG` (exit 2) when `text` is not a date.
 */
export function parseDateArg(text: string, flag: string, options: DateArgOptions = {}): number {
  const value = parseAnyDate(text);
  if (Number.isNaN(value)) {
    throw new UsageError('BT_BAD_DATE_ARG', `"${text}" is not a date`, {
      hint: 'write dates as YYYY-MM-DD or "YYYY-MM-DD HH:MM:SS" (UTC), e.g. 2020-01-31',
      location: { flag },
    });
  }
  return options.endOfDay === true && !text.includes(':') ? value + DAY_MS - 1 : value;
}
