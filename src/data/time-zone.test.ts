import { describe, expect, it } from 'vitest';
import { localDay, timeZone, utcToWall, wallToUtc } from './time-zone.js';

const utc = (text: string): number => Date.parse(`${text}Z`);

describe('timeZone', () => {
  it('rejects an unknown zone with a usage error naming --tz', () => {
    expect(() => timeZone('Europe/Atlantis')).toThrow(expect.objectContaining({ code: 'BT_BAD_TIME_ZONE', exitCode: 2 }));
  });

  it('gives London +0 in winter and +1 h in summer (BST)', () => {
    const london = timeZone('Europe/London');
    expect(london.offsetAt(utc('2021-01-15T12:00:00'))).toBe(0);
    expect(london.offsetAt(utc('2021-07-15T12:00:00'))).toBe(3_600_000);
  });

  it('switches exactly at the transition instants (2021-03-28 01:00 UTC, 2021-10-31 01:00 UTC)', () => {
    const london = timeZone('Europe/London');
    expect(london.offsetAt(utc('2021-03-28T00:59:59'))).toBe(0);
    expect(london.offsetAt(utc('2021-03-28T01:00:00'))).toBe(3_600_000);
    expect(london.offsetAt(utc('2021-10-31T00:59:59'))).toBe(3_600_000);
    expect(london.offsetAt(utc('2021-10-31T01:00:00'))).toBe(0);
  });

  it('handles zones west of UTC and half-hour offsets', () => {
    expect(timeZone('America/New_York').offsetAt(utc('2021-01-15T12:00:00'))).toBe(-5 * 3_600_000);
    expect(timeZone('America/New_York').offsetAt(utc('2021-07-15T12:00:00'))).toBe(-4 * 3_600_000);
    expect(timeZone('Asia/Kolkata').offsetAt(utc('2021-07-15T12:00:00'))).toBe(5.5 * 3_600_000);
  });
});

describe('wallToUtc', () => {
  const london = timeZone('Europe/London');

  it('reads a naive London time as the instant it was in London', () => {
    expect(wallToUtc(london, utc('2021-01-15T09:30:00'))).toBe(utc('2021-01-15T09:30:00'));
    expect(wallToUtc(london, utc('2021-07-15T09:30:00'))).toBe(utc('2021-07-15T08:30:00'));
  });

  it('moves a time in the spring-forward gap forward by the gap (01:30 → 02:30 BST = 01:30 UTC)', () => {
    expect(wallToUtc(london, utc('2021-03-28T01:30:00'))).toBe(utc('2021-03-28T01:30:00'));
  });

  it('takes the earlier instant for a repeated autumn hour (01:30 BST = 00:30 UTC)', () => {
    expect(wallToUtc(london, utc('2021-10-31T01:30:00'))).toBe(utc('2021-10-31T00:30:00'));
  });

  it('round-trips every hour of 2021 through utcToWall, except the second of the repeated hours', () => {
    const start = utc('2021-01-01T00:00:00');
    const repeated = utc('2021-10-31T01:00:00');
    for (let h = 0; h < 365 * 24; h++) {
      const instant = start + h * 3_600_000;
      const expected = instant === repeated ? instant - 3_600_000 : instant;
      expect(wallToUtc(london, utcToWall(london, instant)), new Date(instant).toISOString()).toBe(expected);
    }
  });
});

describe('localDay', () => {
  it('puts 23:30 UTC on 1 July into 2 July in London but 1 July in New York', () => {
    const instant = utc('2021-07-01T23:30:00');
    const day = Math.floor(utc('2021-07-02T00:00:00') / 86_400_000);
    expect(localDay(timeZone('Europe/London'), instant)).toBe(day);
    expect(localDay(timeZone('America/New_York'), instant)).toBe(day - 1);
  });
});
