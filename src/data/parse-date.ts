/**
 * Hand-written date parsers for the timestamp forms found in OHLCV files, to UTC epoch
 * milliseconds. `Date.parse` is not used: it is slow and its handling of non-ISO strings is
 * implementation-defined. A file's format is detected once from its first rows
 * ({@link createTimeParser}) and reused for every row.
 *
 * Naive timestamps (no `Z` or offset) are read as UTC. Fractions of a second beyond
 * milliseconds are truncated.
 */

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** Timestamps parsed with an explicit zone (`Z`, `UTC`, `±HH:MM`) since the last take. */
let zonedCount = 0;

/**
 * Returns how many timestamps carried an explicit zone since the previous call, and resets the
 * count. `parseBars` uses it to tell naive files (read in `--tz`) from zoned ones.
 */
export function takeZonedCount(): number {
  const count = zonedCount;
  zonedCount = 0;
  return count;
}

/** One timestamp layout. */
export interface DateFormat {
  /** Human-readable pattern for the dialect string, e.g. `YYYY-MM-DD`. */
  readonly name: string;
  /**
   * Parses `text[start, end)` (surrounding whitespace allowed) and returns epoch ms, or NaN.
   * For an {@link DateFormat.isAmbiguous} format the value is an encoded day/month key that
   * {@link resolveDayMonth} turns into epoch ms once the whole file has been seen.
   */
  readonly parse: (text: string, start: number, end: number) => number;
  /** True for `NN/NN/YYYY`, whose day/month order is decided per file. */
  readonly isAmbiguous: boolean;
  /** For ambiguous formats: the separator and the order assumed when no field exceeds 12. */
  readonly separator?: string;
  readonly defaultDayFirst?: boolean;
}

// A tiny cursor shared by the readers below: each reader returns a value and leaves the index
// after what it consumed here. It keeps the hot path free of allocations.
let cursor = 0;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 13 || code === 10;

/** Reads `min`..`max` digits at `i`; returns the value (−1 if fewer than `min`), cursor after. */
function readDigits(text: string, i: number, end: number, min: number, max: number): number {
  let value = 0;
  let count = 0;
  while (i < end && count < max) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) break;
    value = value * 10 + (code - 48);
    i++;
    count++;
  }
  cursor = i;
  if (count < min) return -1;
  // More digits than allowed means a different layout.
  if (i < end && isDigit(text.charCodeAt(i))) return -1;
  return value;
}

/** The two digits at `i` as a number, or −1. */
function twoDigits(text: string, i: number, end: number): number {
  if (i + 2 > end) return -1;
  const high = text.charCodeAt(i);
  const low = text.charCodeAt(i + 1);
  return isDigit(high) && isDigit(low) ? (high - 48) * 10 + (low - 48) : -1;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when `year-month-day` exists in the Gregorian calendar. */
function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= DAYS_IN_MONTH[month - 1];
}

/** Epoch ms of a validated calendar date at midnight UTC, or NaN. */
function dateMs(year: number, month: number, day: number): number {
  return isValidDate(year, month, day) ? daysFromCivil(year, month, day) * DAY_MS : NaN;
}

/**
 * Parses what may follow a date at `i`: nothing, or `T`/spaces then a time of day
 * (`HH:MM[:SS[.fff]]`, `HHMM[SS]`), an optional `AM`/`PM`, and an optional zone (`Z`, `UTC`,
 * `GMT`, `±HH[:MM]`). Returns the offset from midnight UTC in ms (negative or above a day when
 * a zone shifts it), or NaN.
 */
function parseTail(text: string, i: number, end: number): number {
  if (i === end) return 0;
  let code = text.charCodeAt(i);
  if (code === 84 || code === 116) {
    i++;
  } else if (isSpace(code)) {
    while (i < end && isSpace(text.charCodeAt(i))) i++;
  } else {
    return NaN;
  }
  if (i === end) return NaN;
  // Count the leading digit run to tell `H:MM` / `HH:MM` from `HHMM` / `HHMMSS`.
  let run = 0;
  while (i + run < end && isDigit(text.charCodeAt(i + run))) run++;
  let hour: number;
  let minute: number;
  let second = 0;
  let millis = 0;
  if (run === 1 || run === 2) {
    hour = readDigits(text, i, end, run, run);
    i = cursor;
    if (text.charCodeAt(i) !== 58) return NaN;
    minute = readDigits(text, i + 1, end, 2, 2);
    if (minute < 0) return NaN;
    i = cursor;
    if (i < end && text.charCodeAt(i) === 58) {
      second = readDigits(text, i + 1, end, 2, 2);
      if (second < 0) return NaN;
      i = cursor;
    }
  } else if (run === 4 || run === 6) {
    hour = (text.charCodeAt(i) - 48) * 10 + (text.charCodeAt(i + 1) - 48);
    minute = (text.charCodeAt(i + 2) - 48) * 10 + (text.charCodeAt(i + 3) - 48);
    if (run === 6) second = (text.charCodeAt(i + 4) - 48) * 10 + (text.charCodeAt(i + 5) - 48);
    i += run;
  } else {
    return NaN;
  }
  // Fraction of a second, truncated to milliseconds.
  if (i < end && text.charCodeAt(i) === 46) {
    i++;
    let scale = 100;
    const start = i;
    while (i < end && isDigit((code = text.charCodeAt(i)))) {
      millis += (code - 48) * scale;
      scale /= 10;
      i++;
    }
    if (i === start) return NaN;
    millis = Math.floor(millis);
  }
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  // AM / PM
  if (i + 1 < end && (text.charCodeAt(i + 1) | 32) === 109) {
    const marker = text.charCodeAt(i) | 32;
    if (marker === 97 || marker === 112) {
      if (hour < 1 || hour > 12) return NaN;
      if (marker === 97 && hour === 12) hour = 0;
      else if (marker === 112 && hour !== 12) hour += 12;
      i += 2;
      while (i < end && isSpace(text.charCodeAt(i))) i++;
    }
  }
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  let offsetMinutes = 0;
  if (i < end) {
    code = text.charCodeAt(i);
    if ((code === 90 || code === 122) && i + 1 === end) {
      i++;
    } else if (code === 43 || code === 45) {
      // ±HH, ±HHMM or ±HH:MM
      const sign = code === 45 ? -1 : 1;
      const offsetHour = twoDigits(text, i + 1, end);
      if (offsetHour < 0 || offsetHour > 23) return NaN;
      i += 3;
      let offsetMinute = 0;
      if (i < end) {
        if (text.charCodeAt(i) === 58) i++;
        offsetMinute = twoDigits(text, i, end);
        if (offsetMinute < 0 || offsetMinute > 59) return NaN;
        i += 2;
      }
      offsetMinutes = sign * (offsetHour * 60 + offsetMinute);
    } else if (end - i === 3) {
      const zone = text.slice(i, end).toUpperCase();
      if (zone !== 'UTC' && zone !== 'GMT') return NaN;
      i = end;
    }
    if (i !== end) return NaN;
    zonedCount++;
  }
  return ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
}

/** Narrows `[start, end)` to its non-space part; the start is returned, the end left in `cursor`. */
function trim(text: string, start: number, end: number): number {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  cursor = end;
  return start;
}

/** The digit at `i` as a number, or a value above 9 (NaN-free) for any other character. */
const digitAt = (text: string, i: number): number => (text.charCodeAt(i) - 48) >>> 0;

/**
 * The common fixed-width forms `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` and `YYYY-MM-DD HH:MM:SS`
 * (separators already checked at 4 and 7; a space or `T` at 10) read by position: the same
 * value as the general reader below, or NaN to let it decide.
 */
function fixedYmd(text: string, start: number, length: number): number {
  const y0 = digitAt(text, start);
  const y1 = digitAt(text, start + 1);
  const y2 = digitAt(text, start + 2);
  const y3 = digitAt(text, start + 3);
  const m0 = digitAt(text, start + 5);
  const m1 = digitAt(text, start + 6);
  const d0 = digitAt(text, start + 8);
  const d1 = digitAt(text, start + 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) > 9) return NaN;
  const day = dateMs(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1);
  if (length === 10) return day;
  const t = text.charCodeAt(start + 10);
  if ((t !== 32 && t !== 84) || text.charCodeAt(start + 13) !== 58) return NaN;
  const h0 = digitAt(text, start + 11);
  const h1 = digitAt(text, start + 12);
  const n0 = digitAt(text, start + 14);
  const n1 = digitAt(text, start + 15);
  let s0 = 0;
  let s1 = 0;
  if (length === 19) {
    if (text.charCodeAt(start + 16) !== 58) return NaN;
    s0 = digitAt(text, start + 17);
    s1 = digitAt(text, start + 18);
  }
  if ((h0 | h1 | n0 | n1 | s0 | s1) > 9) return NaN;
  const hour = h0 * 10 + h1;
  const minute = n0 * 10 + n1;
  const second = s0 * 10 + s1;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  return day + ((hour * 60 + minute) * 60 + second) * 1000;
}

/** `YYYY<sep>M<sep>D` with 1–2 digit month and day, e.g. `2020-01-02 09:30:00`, `2020/1/2`. */
function ymdFormat(separator: string): DateFormat {
  const sep = separator.charCodeAt(0);
  const pattern = `YYYY${separator}MM${separator}DD`;
  return {
    name: pattern,
    isAmbiguous: false,
    parse(text, start, end) {
      start = trim(text, start, end);
      end = cursor;
      const length = end - start;
      if ((length === 19 || length === 16 || length === 10) && text.charCodeAt(start + 4) === sep && text.charCodeAt(start + 7) === sep) {
        const value = fixedYmd(text, start, length);
        if (value === value) return value;
      }
      const year = readDigits(text, start, end, 4, 4);
      if (year < 0 || text.charCodeAt(cursor) !== sep) return NaN;
      const month = readDigits(text, cursor + 1, end, 1, 2);
      if (month < 0 || text.charCodeAt(cursor) !== sep) return NaN;
      const day = readDigits(text, cursor + 1, end, 1, 2);
      if (day < 0) return NaN;
      const tail = parseTail(text, cursor, end);
      return dateMs(year, month, day) + tail;
    },
  };
}

/** `YYYYMMDD`, optionally followed by a time (`20200102 093000`, `20200102T09:30`). */
const compactFormat: DateFormat = {
  name: 'YYYYMMDD',
  isAmbiguous: false,
  parse(text, start, end) {
    start = trim(text, start, end);
    end = cursor;
    if (end - start < 8) return NaN;
    let value = 0;
    for (let i = start; i < start + 8; i++) {
      const code = text.charCodeAt(i);
      if (!isDigit(code)) return NaN;
      value = value * 10 + (code - 48);
    }
    if (start + 8 < end && isDigit(text.charCodeAt(start + 8))) return NaN;
    const year = Math.floor(value / 10000);
    const month = Math.floor(value / 100) % 100;
    const day = value % 100;
    return dateMs(year, month, day) + parseTail(text, start + 8, end);
  },
};

/** Unix epoch as an integer: 9–10 digits are seconds, 12–13 digits milliseconds. */
function epochFormat(seconds: boolean): DateFormat {
  return {
    name: seconds ? 'unix seconds' : 'unix ms',
    isAmbiguous: false,
    parse(text, start, end) {
      start = trim(text, start, end);
      end = cursor;
      const count = end - start;
      if (seconds ? count < 9 || count > 10 : count < 12 || count > 13) return NaN;
      let value = 0;
      for (let i = start; i < end; i++) {
        const code = text.charCodeAt(i);
        if (!isDigit(code)) return NaN;
        value = value * 10 + (code - 48);
      }
      return seconds ? value * 1000 : value;
    },
  };
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Reads a letters-only word at `i` (lower-cased); cursor after it. */
function readWord(text: string, i: number, end: number): string {
  const start = i;
  while (i < end && ((text.charCodeAt(i) | 32) >= 97 && (text.charCodeAt(i) | 32) <= 122)) i++;
  cursor = i;
  return text.slice(start, i).toLowerCase();
}

/** Index 1–12 of an English month name, its 3-letter abbreviation or `sept`; −1 otherwise. */
function monthOf(word: string): number {
  if (word.length < 3) return -1;
  for (let m = 0; m < 12; m++) {
    const name = MONTHS[m];
    if (word === name || word === name.slice(0, 3) || (m === 8 && word === 'sept')) return m + 1;
  }
  return -1;
}

function isWeekday(word: string): boolean {
  return word.length >= 3 && WEEKDAYS.some((name) => word === name || word === name.slice(0, 3));
}

/** Skips date-field separators (space, `-`, `/`, `,`, `.`); returns how many were skipped. */
function skipSeparators(text: string, i: number, end: number): number {
  const start = i;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 45 && code !== 47 && code !== 44 && code !== 46 && code !== 9) break;
  }
  cursor = i;
  return i - start;
}

/**
 * English month names: `Jan 1 2000`, `January 1, 2000` (month first) or `1-Jan-2000`,
 * `01 Jan 2000` (day first), optionally after a weekday and before a time.
 */
function monthNameFormat(monthFirst: boolean): DateFormat {
  return {
    name: monthFirst ? 'MMM D YYYY' : 'D MMM YYYY',
    isAmbiguous: false,
    parse(text, start, end) {
      start = trim(text, start, end);
      end = cursor;
      let i = start;
      let word = readWord(text, i, end);
      if (word !== '' && isWeekday(word)) {
        if (skipSeparators(text, cursor, end) === 0) return NaN;
        i = cursor;
        word = monthFirst ? readWord(text, i, end) : '';
      }
      let month: number;
      let day: number;
      if (monthFirst) {
        month = monthOf(word);
        if (month < 0 || skipSeparators(text, cursor, end) === 0) return NaN;
        day = readDigits(text, cursor, end, 1, 2);
        if (day < 0) return NaN;
      } else {
        day = readDigits(text, i, end, 1, 2);
        if (day < 0 || skipSeparators(text, cursor, end) === 0) return NaN;
        month = monthOf(readWord(text, cursor, end));
        if (month < 0) return NaN;
      }
      if (skipSeparators(text, cursor, end) === 0) return NaN;
      const year = readDigits(text, cursor, end, 4, 4);
      if (year < 0) return NaN;
      return dateMs(year, month, day) + parseTail(text, cursor, end);
    },
  };
}

// Ambiguous `NN/NN/YYYY` values are stored as `key * 3 days + (time of day + 1 day)`, with
// key = (year * 32 + first) * 32 + second. The largest value (year 9999) stays below 2^53,
// so the encoding is exact; resolveDayMonth decodes it.
const SLOT_MS = 3 * DAY_MS;

/** `NN<sep>NN<sep>YYYY`: month-first or day-first, decided per file by {@link resolveDayMonth}. */
function dayMonthFormat(separator: string, defaultDayFirst: boolean): DateFormat {
  const sep = separator.charCodeAt(0);
  return {
    name: `NN${separator}NN${separator}YYYY`,
    isAmbiguous: true,
    separator,
    defaultDayFirst,
    parse(text, start, end) {
      start = trim(text, start, end);
      end = cursor;
      const first = readDigits(text, start, end, 1, 2);
      if (first < 1 || text.charCodeAt(cursor) !== sep) return NaN;
      const second = readDigits(text, cursor + 1, end, 1, 2);
      if (second < 1 || text.charCodeAt(cursor) !== sep) return NaN;
      const year = readDigits(text, cursor + 1, end, 4, 4);
      if (year < 0 || first > 31 || second > 31 || (first > 12 && second > 12)) return NaN;
      const tail = parseTail(text, cursor, end);
      if (!(tail > -DAY_MS && tail < 2 * DAY_MS)) return NaN;
      return ((year * 32 + first) * 32 + second) * SLOT_MS + tail + DAY_MS;
    },
  };
}

/** Formats that need no per-file decision, in detection order. */
const UNAMBIGUOUS_FORMATS: readonly DateFormat[] = [
  ymdFormat('-'),
  ymdFormat('/'),
  ymdFormat('.'),
  compactFormat,
  epochFormat(true),
  epochFormat(false),
  monthNameFormat(true),
  monthNameFormat(false),
];

/** Every format, in detection order. `DD.MM.YYYY` defaults to day-first (European usage). */
const ALL_FORMATS: readonly DateFormat[] = [
  ...UNAMBIGUOUS_FORMATS,
  dayMonthFormat('/', false),
  dayMonthFormat('-', false),
  dayMonthFormat('.', true),
];

/**
 * Parses `text[start, end)` with the first unambiguous format that accepts it.
 * @returns epoch ms, or NaN when no format fits.
 */
export function parseAnyDate(text: string, start = 0, end = text.length): number {
  for (const format of UNAMBIGUOUS_FORMATS) {
    const value = format.parse(text, start, end);
    if (value === value) return value;
  }
  return NaN;
}

/** A file's timestamp parser: the detected format, with a per-row fallback to the others. */
export interface TimeParser {
  /** The detected format, or undefined when no sample parsed. */
  readonly format: DateFormat | undefined;
  /** Epoch ms (or an encoded key for ambiguous formats) of `text[start, end)`, or NaN. */
  readonly parse: (text: string, start: number, end: number) => number;
}

/**
 * Detects the timestamp format from sample cells (the file's first rows): the first format
 * that parses every sample wins, else the one that parses the most. Rows that the detected
 * format rejects are retried with every unambiguous format, except in day/month-ambiguous files
 * (their values must all be decoded together).
 */
export function createTimeParser(samples: readonly string[]): TimeParser {
  let best: DateFormat | undefined;
  let bestCount = 0;
  for (const format of ALL_FORMATS) {
    let count = 0;
    for (const sample of samples) if (!Number.isNaN(format.parse(sample, 0, sample.length))) count++;
    if (count > bestCount) {
      best = format;
      bestCount = count;
      if (count === samples.length) break;
    }
  }
  const format = best;
  if (format === undefined) return { format, parse: parseAnyDate };
  if (format.isAmbiguous) return { format, parse: format.parse };
  const primary = format.parse;
  return {
    format,
    parse(text, start, end) {
      const value = primary(text, start, end);
      return value === value ? value : parseAnyDate(text, start, end);
    },
  };
}

/** Outcome of {@link resolveDayMonth}. */
export interface DayMonthResolution {
  readonly dayFirst: boolean;
  /** True when no value told the order apart, so the default was assumed. */
  readonly isAssumed: boolean;
  /** Index of the first value that is not a valid date in the chosen order, or −1. */
  readonly badIndex: number;
  /** The resolved pattern, e.g. `MM/DD/YYYY`. */
  readonly name: string;
}

/**
 * Decodes the first `length` encoded values of an ambiguous `NN/NN/YYYY` column in place.
 * The order is day-first if any first field exceeds 12, month-first if any second field does,
 * and otherwise the format's default (month-first for `/` and `-`, day-first for `.`).
 */
export function resolveDayMonth(values: Float64Array, length: number, format: DateFormat): DayMonthResolution {
  let maxFirst = 0;
  let maxSecond = 0;
  for (let i = 0; i < length; i++) {
    const key = Math.floor(values[i] / SLOT_MS);
    const first = (key >> 5) & 31;
    const second = key & 31;
    if (first > maxFirst) maxFirst = first;
    if (second > maxSecond) maxSecond = second;
  }
  const isAssumed = maxFirst <= 12 && maxSecond <= 12;
  const dayFirst = maxFirst > 12 ? true : maxSecond > 12 ? false : format.defaultDayFirst === true;
  const sep = format.separator ?? '/';
  const name = dayFirst ? `DD${sep}MM${sep}YYYY` : `MM${sep}DD${sep}YYYY`;
  let badIndex = -1;
  for (let i = 0; i < length; i++) {
    const key = Math.floor(values[i] / SLOT_MS);
    const timeOfDay = values[i] - key * SLOT_MS - DAY_MS;
    const first = (key >> 5) & 31;
    const second = key & 31;
    const year = Math.floor(key / 1024);
    const day = dayFirst ? first : second;
    const month = dayFirst ? second : first;
    const ms = dateMs(year, month, day);
    if (ms !== ms) {
      badIndex = i;
      break;
    }
    values[i] = ms + timeOfDay;
  }
  return { dayFirst, isAssumed, badIndex, name };
}
