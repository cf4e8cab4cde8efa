import { describe, expect, it } from 'vitest';
import { DAY_MS } from './bar-period.js';
import { annualisationFactor, periodGrouping, summarisePeriodicReturns } from './periodic-returns.js';

const HOUR_MS = 3_600_000;
const utc = (date: string): number => Date.parse(`${date}T00:00:00Z`);

describe('periodGrouping', () => {
  it('picks weeks, months or years from whole days of the bar period, else days', () => {
    expect(periodGrouping(DAY_MS)).toBe('day');
    expect(periodGrouping(HOUR_MS)).toBe('day');
    expect(periodGrouping(7 * DAY_MS)).toBe('week');
    expect(periodGrouping(7.5 * DAY_MS), 'whole days: 7').toBe('week');
    expect(periodGrouping(31 * DAY_MS)).toBe('month');
    expect(periodGrouping(30.5 * DAY_MS), 'a 30-day median is not monthly').toBe('day');
    expect(periodGrouping(365 * DAY_MS)).toBe('year');
  });
});

describe('annualisationFactor', () => {
  it('is 52, 12 or 1 for weekly, monthly and yearly grouping', () => {
    const time = Float64Array.from([utc('2024-01-06')]); // a Saturday: ignored for these
    expect(annualisationFactor(time, 'week')).toBe(52);
    expect(annualisationFactor(time, 'month')).toBe(12);
    expect(annualisationFactor(time, 'year')).toBe(1);
  });

  it('is 365 when more than 2/7 × 0.6 of the bars fall on a weekend, else 252', () => {
    const everyDay = Float64Array.from({ length: 14 }, (_, i) => utc('2024-01-01') + i * DAY_MS);
    expect(annualisationFactor(everyDay, 'day'), '4 of 14 bars on weekends').toBe(365);
    const weekdays = Float64Array.from({ length: 5 }, (_, i) => utc('2024-01-01') + i * DAY_MS);
    expect(annualisationFactor(weekdays, 'day')).toBe(252);
    // 6 bars, 1 on a Saturday: 1/6 = 0.1667 ≤ 2/7 × 0.6 = 0.1714.
    const oneSaturday = Float64Array.from({ length: 6 }, (_, i) => utc('2024-01-01') + i * DAY_MS);
    expect(annualisationFactor(oneSaturday, 'day')).toBe(252);
    // 5 bars, 1 on a Saturday: 0.2 > 0.1714.
    const fiveWithSaturday = Float64Array.from({ length: 5 }, (_, i) => utc('2024-01-02') + i * DAY_MS);
    expect(annualisationFactor(fiveWithSaturday, 'day')).toBe(365);
  });
});

describe('summarisePeriodicReturns', () => {
  it('takes the last equity of each calendar day (hourly bars)', () => {
    const start = utc('2024-01-01');
    const time = Float64Array.from([9, 15, 24 + 9, 24 + 15].map((hour) => start + hour * HOUR_MS));
    const equity = Float64Array.from([100, 110, 90, 121]);
    const summary = summarisePeriodicReturns(time, equity, 'day');
    expect(summary.count).toBe(1);
    expect(summary.logGrowthSum).toBeCloseTo(Math.log(1.1), 15);
    expect(summary.variance, 'one return has no sample variance').toBeNaN();
    expect(summary.downsideMeanSquare).toBe(0);
  });

  it('groups weeks ending on Sunday', () => {
    // Sat, Sun | Mon: the Sunday closes the first week.
    const time = Float64Array.from([utc('2024-01-06'), utc('2024-01-07'), utc('2024-01-08')]);
    const equity = Float64Array.from([100, 80, 88]);
    const summary = summarisePeriodicReturns(time, equity, 'week');
    expect(summary.count).toBe(1);
    expect(summary.logGrowthSum).toBeCloseTo(Math.log(1.1), 15);
  });

  it('groups calendar months and years', () => {
    const time = Float64Array.from(['2023-12-31', '2024-01-31', '2024-02-01', '2024-02-29', '2024-03-01'].map(utc));
    const equity = Float64Array.from([100, 50, 60, 120, 90]);
    const months = summarisePeriodicReturns(time, equity, 'month');
    expect(months.count, 'Dec, Jan, Feb, Mar').toBe(3);
    // Returns: 50/100 − 1 = −0.5, 120/50 − 1 = 1.4, 90/120 − 1 = −0.25.
    expect(months.logGrowthSum).toBeCloseTo(Math.log(0.5) + Math.log(2.4) + Math.log(0.75), 14);
    expect(months.downsideMeanSquare).toBeCloseTo((0.25 + 0.0625) / 3, 15);
    const mean = (-0.5 + 1.4 - 0.25) / 3;
    const variance = ((-0.5 - mean) ** 2 + (1.4 - mean) ** 2 + (-0.25 - mean) ** 2) / 2;
    expect(months.variance).toBeCloseTo(variance, 14);
    const years = summarisePeriodicReturns(time, equity, 'year');
    expect(years.count).toBe(1);
    expect(years.logGrowthSum).toBeCloseTo(Math.log(0.9), 15);
  });

  it('flags a period that loses everything (1 + r ≤ 0)', () => {
    const time = Float64Array.from([0, DAY_MS, 2 * DAY_MS]);
    const summary = summarisePeriodicReturns(time, Float64Array.from([100, 0, 0]), 'day');
    expect(summary.hasNonPositiveGrowth).toBe(true);
  });

  it('has no return with bars in one period only', () => {
    const summary = summarisePeriodicReturns(Float64Array.from([0, HOUR_MS]), Float64Array.from([1, 2]), 'day');
    expect(summary.count).toBe(0);
    expect(summary.downsideMeanSquare).toBeNaN();
  });
});
