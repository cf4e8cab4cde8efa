import { describe, expect, it } from 'vitest';
import type { BarSeries } from './bar-series.js';
import { sliceBars } from './bar-series.js';
import { parseBars } from './parse-bars.js';
import { higherTimeframe, parseTimeframe, resampleBars } from './timeframe.js';
import { timeZone } from './time-zone.js';

const HOUR = 3_600_000;
const utc = (text: string): number => Date.parse(`${text}Z`);

/** `count` hourly bars from `start`: open i, high i + 0.5, low i − 0.5, close i + 0.25, volume 1. */
function hourly(start: string, count: number): BarSeries {
  const lines = ['date,open,high,low,close,volume'];
  for (let i = 0; i < count; i++) {
    const time = new Date(utc(start) + i * HOUR).toISOString().slice(0, 19).replace('T', ' ');
    const p = 100 + i;
    lines.push(`${time},${p},${p + 0.5},${p - 0.5},${p + 0.25},1`);
  }
  return parseBars(`${lines.join('\n')}\n`, { file: 'hourly.csv' })[0];
}

describe('parseTimeframe', () => {
  it('accepts the documented forms and N-minute/N-hour divisors of a day', () => {
    expect(['1h', '4h', '1d', '1w', '1M', '15m', '30m'].map((t) => parseTimeframe(t).label)).toEqual(['1h', '4h', '1d', '1w', '1M', '15m', '30m']);
  });

  it('rejects other forms with a usage error naming the flag', () => {
    for (const bad of ['5h', '2d', 'daily', '', '0h', '7m']) {
      expect(() => parseTimeframe(bad), bad).toThrow(expect.objectContaining({ code: 'BT_BAD_TIMEFRAME', exitCode: 2 }));
    }
  });
});

describe('resampleBars', () => {
  it('aggregates open first, high max, low min, close last, volume sum, time = bucket start', () => {
    const bars = hourly('2021-01-04T00:00:00', 48);
    const { bars: daily } = resampleBars(bars, parseTimeframe('1d'));
    expect(daily.length).toBe(2);
    expect(Array.from(daily.time)).toEqual([utc('2021-01-04T00:00:00'), utc('2021-01-05T00:00:00')]);
    expect(Array.from(daily.open)).toEqual([100, 124]);
    expect(Array.from(daily.high)).toEqual([123.5, 147.5]);
    expect(Array.from(daily.low)).toEqual([99.5, 123.5]);
    expect(Array.from(daily.close)).toEqual([123.25, 147.25]);
    expect(Array.from(daily.volume)).toEqual([24, 24]);
    expect(daily.intraday).toBe(false);
  });

  it('makes 4-hour bars from hourly ones', () => {
    const { bars: four } = resampleBars(hourly('2021-01-04T00:00:00', 10), parseTimeframe('4h'));
    expect(Array.from(four.open)).toEqual([100, 104, 108]);
    expect(Array.from(four.close)).toEqual([103.25, 107.25, 109.25]);
    expect(Array.from(four.volume)).toEqual([4, 4, 2]);
  });

  it('aligns days to local midnight with --tz: London summer days start at 23:00 UTC', () => {
    const bars = hourly('2021-07-01T20:00:00', 6); // 20:00 … 01:00 UTC = 21:00 … 02:00 BST
    const { bars: daily } = resampleBars(bars, parseTimeframe('1d'), timeZone('Europe/London'));
    expect(Array.from(daily.time)).toEqual([utc('2021-06-30T23:00:00'), utc('2021-07-01T23:00:00')]);
    expect(Array.from(daily.volume)).toEqual([3, 3]);
  });

  it('starts weeks on Monday and months on the 1st', () => {
    const lines = ['date,close'];
    for (let d = 0; d < 40; d++) lines.push(`${new Date(utc('2021-01-01T00:00:00') + d * 86_400_000).toISOString().slice(0, 10)},${d + 1}`);
    const daily = parseBars(`${lines.join('\n')}\n`, { file: 'd.csv' })[0];
    const weekly = resampleBars(daily, parseTimeframe('1w')).bars;
    expect(new Date(weekly.time[0]).toISOString().slice(0, 10), 'the Monday before Friday 1 January').toBe('2020-12-28');
    expect(new Date(weekly.time[1]).toISOString().slice(0, 10)).toBe('2021-01-04');
    expect(weekly.close[0]).toBe(3);
    const monthly = resampleBars(daily, parseTimeframe('1M')).bars;
    expect(Array.from(monthly.close)).toEqual([31, 40]);
    expect(new Date(monthly.time[1]).toISOString().slice(0, 10)).toBe('2021-02-01');
  });

  it('refuses a timeframe finer than the data', () => {
    const { bars: daily } = resampleBars(hourly('2021-01-04T00:00:00', 72), parseTimeframe('1d'));
    expect(() => resampleBars(daily, parseTimeframe('4h'))).toThrow(expect.objectContaining({ code: 'BT_TIMEFRAME_TOO_FINE', exitCode: 2 }));
  });
});

describe('higherTimeframe', () => {
  const bars = hourly('2021-01-04T00:00:00', 24 * 5 + 7);
  const daily = higherTimeframe(bars, parseTimeframe('1d'));

  it('shows a day\'s values only from the hourly bar that completes it (23:00), never before', () => {
    const at = (iso: string): number => bars.time.indexOf(utc(iso));
    expect(daily.close[at('2021-01-04T22:00:00')], 'day 1 not complete yet').toBeNaN();
    expect(daily.close[at('2021-01-04T23:00:00')], 'closes with its last hour').toBe(123.25);
    expect(daily.close[at('2021-01-05T12:00:00')], 'mid-day 2: still day 1').toBe(123.25);
    expect(daily.close[at('2021-01-05T23:00:00')]).toBe(147.25);
    expect(daily.high[at('2021-01-05T23:00:00')]).toBe(147.5);
  });

  it('maps a series computed on the daily bars with the same rule', () => {
    const doubled = daily.map(daily.bars.close.map((c) => 2 * c));
    expect(Array.from(doubled)).toEqual(Array.from(daily.close, (c) => 2 * c));
  });

  it('does not look ahead: on every prefix of the hourly bars the mapped values equal the prefix of the full mapping', () => {
    for (let end = 1; end <= bars.length; end += 5) {
      const prefix = higherTimeframe(sliceBars(bars, 0, end), parseTimeframe('1d'));
      expect(Array.from(prefix.close), `prefix of ${end} bars`).toEqual(Array.from(daily.close.subarray(0, end)));
      expect(Array.from(prefix.low), `prefix of ${end} bars`).toEqual(Array.from(daily.low.subarray(0, end)));
    }
  });

  it('does not look ahead: changing bars after t leaves the mapped values up to t unchanged', () => {
    const cut = 60;
    const changed: BarSeries = { ...bars, close: bars.close.map((c, t) => (t > cut ? c * 3 : c)), high: bars.high.map((h, t) => (t > cut ? h * 3 : h)) };
    const after = higherTimeframe(changed, parseTimeframe('1d'));
    expect(Array.from(after.close.subarray(0, cut + 1))).toEqual(Array.from(daily.close.subarray(0, cut + 1)));
    expect(Array.from(after.high.subarray(0, cut + 1))).toEqual(Array.from(daily.high.subarray(0, cut + 1)));
  });
});

describe('parseBars with a time zone', () => {
  const csv = 'date,close\n2021-01-15 09:00,1\n2021-07-15 09:00,2\n';

  it('reads naive timestamps as wall-clock time in the zone (DST-correct)', () => {
    const [series] = parseBars(csv, { file: 'x.csv', timeZone: 'Europe/London' });
    expect(Array.from(series.time)).toEqual([utc('2021-01-15T09:00:00'), utc('2021-07-15T08:00:00')]);
    expect(series.source.dialect).toContain('tz=Europe/London');
  });

  it('leaves timestamps with an explicit zone and unix epochs as they are', () => {
    const zoned = parseBars('date,close\n2021-07-15T09:00:00Z,1\n2021-07-15T10:00:00Z,2\n', { file: 'z.csv', timeZone: 'Europe/London' })[0];
    expect(zoned.time[0]).toBe(utc('2021-07-15T09:00:00'));
    const epoch = parseBars('time,close\n1626339600,1\n1626343200,2\n', { file: 'e.csv', timeZone: 'Europe/London' })[0];
    expect(epoch.time[0]).toBe(1626339600_000);
  });

  it('is unchanged without a zone or with UTC', () => {
    expect(Array.from(parseBars(csv, { file: 'x.csv', timeZone: 'UTC' })[0].time)).toEqual(Array.from(parseBars(csv, { file: 'x.csv' })[0].time));
  });
});
