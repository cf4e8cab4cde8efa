import { describe, expect, it } from 'vitest';
import strategy from './turn-of-month.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('turn-of-month on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);
  // Calendar facts of each bar, from its UTC date (the run's default zone).
  const dates = Array.from(bars.time, (time) => new Date(time));
  const daysLeft = dates.map((d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate() - d.getUTCDate());
  const barOfMonth: number[] = [];
  dates.forEach((d, t) => (barOfMonth[t] = t > 0 && dates[t - 1].getUTCMonth() === d.getUTCMonth() ? barOfMonth[t - 1] + 1 : 1));

  it('replays its first three trades by hand: buy with at most 4 calendar days left in the month, sell at the close of the 3rd bar of the next', () => {
    expect(result.firstDecisionBar, 'no indicators: decisions start at bar 1').toBe(1);
    // After an entry every later bar of that month has at most 4 days left, and the 3rd bar of a month has more.
    const found = expectFirstTradesFollow(result, 3, (t) => daysLeft[t] <= 4, (t) => barOfMonth[t] >= 3 && daysLeft[t] > 4);
    expect(found.map((f) => dates[f.entrySignal].toISOString().slice(0, 10))).toEqual(['2000-01-27', '2000-02-25', '2000-03-27']);
  });

  it('exits every trade at the open of the 4th bar of a month, and enters once a month', () => {
    for (const trade of result.trades) expect(barOfMonth[trade.exitBar], `trade ${trade.id}`).toBe(4);
    const months = result.trades.map((trade) => dates[trade.entryBar - 1].toISOString().slice(0, 7));
    expect(new Set(months).size).toBe(months.length);
  });

  it('makes 243 trades and ends at 111242.83', () => {
    expect(result.trades.length).toBe(243);
    expectRelativelyClose(finalEquity(result), 111242.83395949604);
  });
});
