import { describe, expect, it } from 'vitest';
import { createTimeParser, daysFromCivil, parseAnyDate, resolveDayMonth } from './parse-date.js';

const utc = (text: string): number => {
  const value = Date.parse(text);
  if (Number.isNaN(value)) throw new Error(`bad reference ${text}`);
  return value;
};

describe('daysFromCivil', () => {
  it('matches Date.UTC across leap years and centuries', () => {
    for (const [y, m, d] of [[1970, 1, 1], [1969, 12, 31], [2000, 2, 29], [1900, 3, 1], [2100, 12, 31], [1600, 1, 1], [9999, 12, 31]]) {
      expect(daysFromCivil(y, m, d) * 86_400_000, `${y}-${m}-${d}`).toBe(Date.UTC(y, m - 1, d));
    }
  });
});

describe('parseAnyDate', () => {
  it.each([
    ['2020-01-02', '2020-01-02T00:00:00Z'],
    ['2020-1-2', '2020-01-02T00:00:00Z'],
    ['2020-01-02 09:30', '2020-01-02T09:30:00Z'],
    ['2020-01-02 9:30:15', '2020-01-02T09:30:15Z'],
    ['2020-01-02 09:30:15.1234', '2020-01-02T09:30:15.123Z'],
    ['2020-01-02T09:30:00Z', '2020-01-02T09:30:00Z'],
    ['2020-01-02T09:30:00+01:00', '2020-01-02T08:30:00Z'],
    ['2020-01-02T09:30:00-0530', '2020-01-02T15:00:00Z'],
    ['2020-01-02 09:30:00 UTC', '2020-01-02T09:30:00Z'],
    ['2020-01-02 09:30:00 PM', '2020-01-02T21:30:00Z'],
    ['2020-01-02 12:05 am', '2020-01-02T00:05:00Z'],
    ['2020/01/02', '2020-01-02T00:00:00Z'],
    ['2020.01.02 23:59', '2020-01-02T23:59:00Z'],
    ['20200102', '2020-01-02T00:00:00Z'],
    ['20200102 093015', '2020-01-02T09:30:15Z'],
    ['20200102T0930', '2020-01-02T09:30:00Z'],
    ['1577923200', '2020-01-02T00:00:00Z'],
    ['1577923200123', '2020-01-02T00:00:00.123Z'],
    ['Jan 1 2000', '2000-01-01T00:00:00Z'],
    ['January 1, 2000', '2000-01-01T00:00:00Z'],
    ['Sept 30 2001', '2001-09-30T00:00:00Z'],
    ['1-Jan-2000', '2000-01-01T00:00:00Z'],
    ['01 Jan 2000 16:00', '2000-01-01T16:00:00Z'],
    ['Mon, 03 Jan 2000', '2000-01-03T00:00:00Z'],
    ['  2020-01-02  ', '2020-01-02T00:00:00Z'],
  ])('reads %s', (text, iso) => {
    expect(parseAnyDate(text)).toBe(utc(iso));
  });

  it.each(['', '2020-13-01', '2020-02-30', '2019-02-29', '2020-01-02 24:00', '2020-01-02 09:60', '2020-01-02T', '2020-01-02 09:30 EST', '02/01/2020', '12345678901', 'Foo 1 2000', 'yesterday', '2020-01-02x'])(
    'rejects %j',
    (text) => {
      expect(parseAnyDate(text)).toBeNaN();
    },
  );

  it('accepts 29 February only in leap years', () => {
    expect(parseAnyDate('2000-02-29')).toBe(utc('2000-02-29T00:00:00Z'));
    expect(parseAnyDate('1900-02-29')).toBeNaN();
  });
});

describe('createTimeParser', () => {
  it('detects the format from the samples', () => {
    expect(createTimeParser(['2020-01-02', '2020-01-03']).format?.name).toBe('YYYY-MM-DD');
    expect(createTimeParser(['Jan 1 2000']).format?.name).toBe('MMM D YYYY');
    expect(createTimeParser(['1-Jan-2000']).format?.name).toBe('D MMM YYYY');
    expect(createTimeParser(['20200102']).format?.name).toBe('YYYYMMDD');
    expect(createTimeParser(['1577923200']).format?.name).toBe('unix seconds');
    expect(createTimeParser(['01/02/2020']).format?.isAmbiguous).toBe(true);
    expect(createTimeParser(['nonsense']).format).toBeUndefined();
  });

  it('reads fixed-width YYYY-MM-DD[ HH:MM[:SS]] by position exactly as the general reader (issue 12)', () => {
    const format = createTimeParser(['2020-01-02 09:30:00']).format!;
    // The general reader takes the same stamp with a lower-case "t" or two spaces.
    const general = (stamp: string): number => format.parse(stamp.replace(' ', '  '), 0, stamp.length + 1);
    let seed = 3;
    const pick = (n: number): number => (seed = (seed * 48271) % 2147483647) % n;
    const two = (n: number): string => String(n).padStart(2, '0');
    for (let k = 0; k < 5000; k++) {
      // Mostly valid fields, some out of range (month 13, day 31 in a short month, hour 24, 60 s).
      const stamp = `${1900 + pick(200)}-${two(pick(14))}-${two(pick(33))} ${two(pick(25))}:${two(pick(61))}:${two(pick(61))}`;
      const fast = format.parse(stamp, 0, stamp.length);
      expect(Object.is(fast, general(stamp)), stamp).toBe(true);
      expect(Object.is(format.parse(stamp, 0, 16), general(stamp.slice(0, 16))), stamp.slice(0, 16)).toBe(true);
      if (!Number.isNaN(fast)) expect(fast, stamp).toBe(utc(`${stamp.replace(' ', 'T')}Z`));
    }
    expect(format.parse('2020-02-30', 0, 10), 'no 30 February').toBeNaN();
    expect(format.parse('2020-02-29', 0, 10)).toBe(utc('2020-02-29T00:00:00Z'));
  });

  it('falls back to the other formats for a row the detected one rejects', () => {
    const parser = createTimeParser(['2020-01-02']);
    expect(parser.parse('20200103', 0, 8)).toBe(utc('2020-01-03T00:00:00Z'));
  });
});

describe('resolveDayMonth', () => {
  const decode = (texts: string[]) => {
    const parser = createTimeParser(texts);
    const values = Float64Array.from(texts, (text) => parser.parse(text, 0, text.length));
    const resolution = resolveDayMonth(values, values.length, parser.format!);
    return { resolution, values: Array.from(values) };
  };

  it('reads month-first when a second field exceeds 12', () => {
    const { resolution, values } = decode(['01/02/2020', '01/13/2020 10:00']);
    expect(resolution).toMatchObject({ dayFirst: false, isAssumed: false, badIndex: -1, name: 'MM/DD/YYYY' });
    expect(values).toEqual([utc('2020-01-02T00:00:00Z'), utc('2020-01-13T10:00:00Z')]);
  });

  it('reads day-first when a first field exceeds 12', () => {
    const { resolution, values } = decode(['01/02/2020', '13/01/2020']);
    expect(resolution).toMatchObject({ dayFirst: true, isAssumed: false, badIndex: -1, name: 'DD/MM/YYYY' });
    expect(values).toEqual([utc('2020-02-01T00:00:00Z'), utc('2020-01-13T00:00:00Z')]);
  });

  it('assumes month-first for "/" and day-first for "." when nothing tells them apart', () => {
    expect(decode(['01/02/2020']).resolution).toMatchObject({ dayFirst: false, isAssumed: true });
    expect(decode(['01.02.2020']).resolution).toMatchObject({ dayFirst: true, isAssumed: true, name: 'DD.MM.YYYY' });
  });

  it('keeps time zones and times of day', () => {
    expect(decode(['01/13/2020 23:30-02:00']).values).toEqual([utc('2020-01-14T01:30:00Z')]);
    expect(decode(['01/13/2020 00:30+02:00']).values).toEqual([utc('2020-01-12T22:30:00Z')]);
  });

  it('reports the first value that is invalid in the chosen order', () => {
    expect(decode(['13/01/2020', '01/13/2020']).resolution.badIndex).toBe(1);
    expect(decode(['02/30/2020']).resolution.badIndex).toBe(0);
  });
});
