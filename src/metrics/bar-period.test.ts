import { describe, expect, it } from 'vitest';
import { DAY_MS, barPeriodMs, ceilDuration, ceilMeanDuration, durationUnitMs } from './bar-period.js';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

describe('barPeriodMs', () => {
  it('is the median of the bar-to-bar differences', () => {
    expect(barPeriodMs(Float64Array.from([0, 1, 3, 6]))).toBe(2);
  });

  it('averages the middle two differences when their count is even', () => {
    expect(barPeriodMs(Float64Array.from([0, 1, 3, 6, 10]))).toBe(2.5);
  });

  it('looks at the last 100 bars only (99 differences)', () => {
    // 200 bars 1 day apart, then 100 bars 1 hour apart: only the hourly tail counts.
    const time = new Float64Array(300);
    for (let i = 1; i < 300; i++) time[i] = time[i - 1] + (i < 200 ? DAY_MS : HOUR_MS);
    expect(barPeriodMs(time)).toBe(HOUR_MS);
    // 101 bars: the first difference (a weekend gap) is outside the window.
    const tail = new Float64Array(101);
    tail[1] = 3 * DAY_MS;
    for (let i = 2; i < 101; i++) tail[i] = tail[i - 1] + DAY_MS;
    expect(barPeriodMs(tail)).toBe(DAY_MS);
  });

  it('is NaN with fewer than two bars', () => {
    expect(barPeriodMs(Float64Array.from([5]))).toBeNaN();
    expect(barPeriodMs(new Float64Array(0))).toBeNaN();
  });
});

describe('durationUnitMs', () => {
  it("is the period's smallest non-zero unit, as pandas Timedelta.resolution_string", () => {
    expect(durationUnitMs(DAY_MS)).toBe(DAY_MS);
    expect(durationUnitMs(7 * DAY_MS)).toBe(DAY_MS);
    expect(durationUnitMs(HOUR_MS)).toBe(HOUR_MS);
    expect(durationUnitMs(DAY_MS + 12 * HOUR_MS), '1 day 12 hours rounds to hours').toBe(HOUR_MS);
    expect(durationUnitMs(5 * MINUTE_MS), '5-minute bars round to minutes, not 5 minutes').toBe(MINUTE_MS);
    expect(durationUnitMs(30_000)).toBe(1000);
    expect(durationUnitMs(250)).toBe(1);
  });

  it('rounds to days for a zero period, and not at all for an undefined one', () => {
    expect(durationUnitMs(0)).toBe(DAY_MS);
    expect(durationUnitMs(Number.NaN)).toBe(1);
  });
});

describe('ceilDuration and ceilMeanDuration', () => {
  it('round up to a whole unit and keep exact multiples', () => {
    expect(ceilDuration(DAY_MS + 1, DAY_MS)).toBe(2 * DAY_MS);
    expect(ceilDuration(3 * DAY_MS, DAY_MS)).toBe(3 * DAY_MS);
    expect(ceilDuration(0, DAY_MS)).toBe(0);
  });

  it('round a mean up exactly, even a hair above a whole unit', () => {
    expect(ceilMeanDuration(3 * DAY_MS, 2, DAY_MS), '1.5 days').toBe(2 * DAY_MS);
    expect(ceilMeanDuration(4 * DAY_MS, 2, DAY_MS)).toBe(2 * DAY_MS);
    // 5000 trades summing to 5000 days + 1 ms: the mean is 1 day + 0.0002 ms.
    expect(ceilMeanDuration(5000 * DAY_MS + 1, 5000, DAY_MS)).toBe(2 * DAY_MS);
    // 7 h 57 min mean of 5-minute bars (case h) stays 7 h 57 min.
    expect(ceilMeanDuration(3 * (7 * HOUR_MS + 57 * MINUTE_MS), 3, MINUTE_MS)).toBe(7 * HOUR_MS + 57 * MINUTE_MS);
  });
});
