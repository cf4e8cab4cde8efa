import { describe, expect, it } from 'vitest';
import { thrownBtError } from '../../test/helpers/thrown-bt-error.js';
import { parseBars } from './parse-bars.js';
import { parseDateArg } from './parse-date-arg.js';
import { restrictDates } from './restrict-dates.js';

const [daily] = parseBars('date,close\n2020-01-02,1\n2020-01-03,2\n2020-01-06,3\n2020-01-07,4\n', { file: 'd.csv' });
const [hourly] = parseBars('date,close\n2020-01-02 09:00,1\n2020-01-02 10:00,2\n2020-01-03 09:00,3\n', { file: 'h.csv' });
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

describe('restrictDates', () => {
  it('keeps from <= time <= to, both inclusive, sharing the buffers', () => {
    const window = restrictDates(daily, day('2020-01-03'), day('2020-01-06'));
    expect(Array.from(window.close)).toEqual([2, 3]);
    expect(window.close.buffer, 'a view, not a copy').toBe(daily.close.buffer);
  });

  it('leaves either end open when omitted', () => {
    expect(Array.from(restrictDates(daily, day('2020-01-04')).close)).toEqual([3, 4]);
    expect(Array.from(restrictDates(daily, undefined, day('2020-01-03')).close)).toEqual([1, 2]);
    expect(restrictDates(daily)).toBe(daily);
  });

  it('reports a window with no bars, and the data range', () => {
    const error = thrownBtError(() => restrictDates(daily, day('2021-01-01')));
    expect(error).toMatchObject({
      code: 'BT_DATA_EMPTY_RANGE',
      exitCode: 3,
      message: 'no bars of "D" between "2021-01-01" and the end; the data covers "2020-01-02" to "2020-01-07"',
      location: { file: 'd.csv' },
    });
  });

  it('rejects --from after --to', () => {
    const error = thrownBtError(() => restrictDates(daily, day('2020-01-07'), day('2020-01-02')));
    expect(error).toMatchObject({
      code: 'BT_DATE_RANGE',
      exitCode: 2,
      message: '--from "2020-01-07" is after --to "2020-01-02"',
      location: { flag: '--from' },
    });
  });

  it('includes a whole intraday day with an end-of-day --to', () => {
    const to = parseDateArg('2020-01-02', '--to', { endOfDay: true });
    expect(Array.from(restrictDates(hourly, undefined, to).close)).toEqual([1, 2]);
  });
});

describe('parseDateArg', () => {
  it('reads dates and date-times as UTC', () => {
    expect(parseDateArg('2020-01-02', '--from')).toBe(day('2020-01-02'));
    expect(parseDateArg('2020-01-02 09:30', '--from')).toBe(Date.parse('2020-01-02T09:30:00Z'));
    expect(parseDateArg('2020-01-02T09:30:00+01:00', '--from')).toBe(Date.parse('2020-01-02T08:30:00Z'));
    expect(parseDateArg('20200102', '--from')).toBe(day('2020-01-02'));
  });

  it('moves a date without a time to the end of the day on request', () => {
    expect(parseDateArg('2020-01-02', '--to', { endOfDay: true })).toBe(day('2020-01-03') - 1);
    expect(parseDateArg('2020-01-02 09:30', '--to', { endOfDay: true })).toBe(Date.parse('2020-01-02T09:30:00Z'));
  });

  it.each(['2020-13-01', '01/02/2020', 'yesterday', ''])('rejects %j, naming the flag', (text) => {
    const error = thrownBtError(() => parseDateArg(text, '--from'));
    expect(error).toMatchObject({
      code: 'BT_BAD_DATE_ARG',
      exitCode: 2,
      message: `"${text}" is not a date`,
      location: { flag: '--from' },
    });
    expect(error.hint).toMatch(/YYYY-MM-DD/);
  });
});
