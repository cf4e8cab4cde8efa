/**
 * IANA time zones without a dependency: UTC offsets come from `Intl.DateTimeFormat` (the
 * zone database Node ships), so daylight-saving changes are handled as the database says.
 * Used for `--tz`: to read naive timestamps as wall-clock time in a zone, and to define
 * calendar days (sessions), weeks and months in that zone.
 */
import { UsageError } from '../errors.js';
import { DAY_MS } from './parse-date.js';

const HOUR_MS = 3_600_000;

/** A validated time zone with cached offset look-ups. `UTC` has offset 0 everywhere. */
export interface TimeZone {
  /** The IANA name as given (`Europe/London`), or `UTC`. */
  readonly name: string;
  /** True for UTC (offset always 0; no look-ups). */
  readonly isUtc: boolean;
  /** Offset of local wall-clock time from UTC at the instant `utc` [ms]: local = utc + offset. */
  offsetAt(utc: number): number;
}

const zones = new Map<string, TimeZone>();

/** The UTC zone. */
export const UTC_ZONE: TimeZone = { name: 'UTC', isUtc: true, offsetAt: () => 0 };

/**
 * Returns the zone named `name` (IANA, e.g. `Europe/London`, `America/New_York`, or `UTC`).
 * @throws UsageError `BT_BAD_TIME_ZONE` (exit 2, at `--tz`) for an unknown zone.
 */
export function timeZone(name: string): TimeZone {
  if (name === 'UTC' || name === 'Etc/UTC' || name === 'Z') return UTC_ZONE;
  const cached = zones.get(name);
  if (cached !== undefined) return cached;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new UsageError('BT_BAD_TIME_ZONE', `unknown time zone "${name}"`, {
      hint: 'give an IANA zone name such as Europe/London, America/New_York or UTC',
      location: { flag: '--tz' },
    });
  }
  const zone = createZone(format.resolvedOptions().timeZone === 'UTC' ? 'UTC' : name, format);
  zones.set(name, zone);
  return zone;
}

/** Offset at `utc` from one `formatToParts` call (whole seconds; zones have no finer offsets). */
function exactOffset(format: Intl.DateTimeFormat, utc: number): number {
  const floored = Math.floor(utc / 1000) * 1000;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of format.formatToParts(floored)) {
    const value = Number(part.value);
    switch (part.type) {
      case 'year':
        year = value;
        break;
      case 'month':
        month = value;
        break;
      case 'day':
        day = value;
        break;
      case 'hour':
        hour = value;
        break;
      case 'minute':
        minute = value;
        break;
      case 'second':
        second = value;
        break;
      default:
        break;
    }
  }
  return Date.UTC(year, month - 1, day, hour, minute, second) - floored;
}

function createZone(name: string, format: Intl.DateTimeFormat): TimeZone {
  if (name === 'UTC') return UTC_ZONE;
  // Offsets change at most once a day (DST transitions), so one look-up at each end of a UTC
  // day settles the whole day unless they differ; only transition days are looked up exactly.
  const dayCache = new Map<number, number>();
  return {
    name,
    isUtc: false,
    offsetAt(utc: number): number {
      const day = Math.floor(utc / DAY_MS);
      let offset = dayCache.get(day);
      if (offset === undefined) {
        const start = exactOffset(format, day * DAY_MS);
        const end = exactOffset(format, day * DAY_MS + DAY_MS - 1000);
        offset = start === end ? start : NaN;
        dayCache.set(day, offset);
      }
      return offset === offset ? offset : exactOffset(format, utc);
    },
  };
}

/**
 * The UTC instant of wall-clock time `wall` in `zone` (`wall` is the naive timestamp read as
 * if it were UTC) [ms]. DST rules, as in JavaScript's Temporal `disambiguation: 'compatible'`:
 * a time that occurs twice (clocks go back) is the earlier instant; a time that does not
 * exist (clocks go forward) is moved forward by the gap (02:30 → 03:30 on a 1-hour gap).
 */
export function wallToUtc(zone: TimeZone, wall: number): number {
  if (zone.isUtc) return wall;
  const before = zone.offsetAt(wall - 12 * HOUR_MS);
  const after = zone.offsetAt(wall + 12 * HOUR_MS);
  const first = wall - before;
  if (zone.offsetAt(first) === before) {
    const second = wall - after;
    // Both valid (a repeated hour): take the earlier instant.
    return after !== before && zone.offsetAt(second) === after ? Math.min(first, second) : first;
  }
  const second = wall - after;
  if (zone.offsetAt(second) === after) return second;
  // In a gap: read it with the offset before the change, which lands after the gap.
  return first;
}

/** Local wall-clock time of the instant `utc` in `zone`, as ms on a UTC-like axis. */
export function utcToWall(zone: TimeZone, utc: number): number {
  return zone.isUtc ? utc : utc + zone.offsetAt(utc);
}

/**
 * Local calendar day number of the instant `utc` in `zone` (days since 1970-01-01 in local
 * time). Two bars are in the same session (trading day) exactly when their days are equal.
 */
export function localDay(zone: TimeZone, utc: number): number {
  return Math.floor(utcToWall(zone, utc) / DAY_MS);
}

/** Converts naive (wall-clock) times in place to UTC instants in `zone`. */
export function naiveTimesToUtc(zone: TimeZone, time: Float64Array): void {
  if (zone.isUtc) return;
  for (let i = 0; i < time.length; i++) time[i] = wallToUtc(zone, time[i]);
}
