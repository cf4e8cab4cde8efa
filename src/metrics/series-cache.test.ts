/**
 * The per-series caches of the metrics (market side of beta, period boundaries, annualisation
 * factor) must give, to the bit, what a plain pass over both series gives, for every run that
 * reuses them: an optimization runs thousands of equity curves over the same bars.
 */
import { describe, expect, it } from 'vitest';
import { DAY_MS } from './bar-period.js';
import { marketBeta } from './beta.js';
import { periodEnds, summarisePeriodicReturns, type PeriodGrouping } from './periodic-returns.js';
import { mulberry32 as random } from '../optimize/prng.js';

/** Beta as the textbook two-series Welford pass (the form before the market side was cached). */
function plainBeta(equity: Float64Array, close: Float64Array): number | null {
  let count = 0;
  let meanX = 0;
  let meanY = 0;
  let coMoment = 0;
  let moment = 0;
  for (let i = 1; i < equity.length; i++) {
    const x = Math.log(equity[i] / equity[i - 1]);
    const y = Math.log(close[i] / close[i - 1]);
    count++;
    const dx = x - meanX;
    meanX += dx / count;
    const dy = y - meanY;
    meanY += dy / count;
    coMoment += dx * (y - meanY);
    moment += dy * (y - meanY);
  }
  return moment === 0 || !Number.isFinite(coMoment) ? null : coMoment / moment;
}

/** Last-bar indices of each UTC calendar day, found by comparing day numbers bar by bar. */
function plainDayEnds(time: Float64Array): number[] {
  const ends: number[] = [];
  for (let i = 1; i < time.length; i++) if (Math.floor(time[i] / DAY_MS) !== Math.floor(time[i - 1] / DAY_MS)) ends.push(i - 1);
  if (time.length > 0) ends.push(time.length - 1);
  return ends;
}

const next = random(11);
const n = 600;
const close = new Float64Array(n);
const time = new Float64Array(n);
close[0] = 100;
for (let i = 0; i < n; i++) {
  if (i > 0) close[i] = close[i - 1] * (1 + (next() - 0.5) * 0.04);
  time[i] = Date.UTC(2020, 0, 1) + i * 3 * 3_600_000; // 3-hour bars: eight per day
}

/** An equity curve with flat stretches (no position), as a strategy's. */
function equityCurve(seed: number): Float64Array {
  const step = random(seed);
  const equity = new Float64Array(n);
  equity[0] = 10_000;
  let invested = false;
  for (let i = 1; i < n; i++) {
    if (step() < 0.05) invested = !invested;
    equity[i] = invested ? equity[i - 1] * (close[i] / close[i - 1]) : equity[i - 1];
  }
  return equity;
}

describe('metric caches per bar series', () => {
  it('beta over the cached market side equals the two-series pass, to the bit, run after run', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const equity = equityCurve(seed);
      expect(marketBeta(equity, close), `seed ${seed}`).toBe(plainBeta(equity, close));
    }
    // A shorter curve over the same closes is not served the longer curve's market side.
    const short = equityCurve(3).slice(0, 200);
    expect(marketBeta(short, close)).toBe(plainBeta(short, close.slice(0, 200)));
  });

  it('period ends are the bars where the calendar day changes, and the periodic returns follow them', () => {
    const ends = periodEnds(time, 'day');
    expect([...ends]).toEqual(plainDayEnds(time));
    expect(ends.length).toBe(75); // 600 bars of 3 hours = 75 days
    expect(periodEnds(time, 'day'), 'cached').toBe(ends);
    const equity = equityCurve(7);
    const summary = summarisePeriodicReturns(time, equity, 'day');
    let sum = 0;
    // The same arithmetic as the summary (r = E_k / E_{k−1} − 1, then ln(1 + r)), so equal to the bit.
    for (let k = 1; k < ends.length; k++) sum += Math.log(equity[ends[k]] / equity[ends[k - 1]] - 1 + 1);
    expect(summary.count).toBe(74);
    expect(summary.logGrowthSum).toBe(sum);
    const groupings: PeriodGrouping[] = ['week', 'month', 'year'];
    for (const grouping of groupings) expect(periodEnds(time, grouping).at(-1), grouping).toBe(n - 1);
    expect(periodEnds(new Float64Array(0), 'day').length).toBe(0);
  });
});
