import { describe, expect, it } from 'vitest';
import strategy from './day-of-week.js';
import { expectRelativelyClose, finalEquity, firstBarWhere, loadSp500, runStrategy } from './test-helpers.js';

const DAY_MS = 86_400_000;

describe('day-of-week on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);
  const day = Array.from(bars.time, (time) => Math.floor(time / DAY_MS));
  const weekday = Array.from(bars.time, (time) => new Date(time).getUTCDay());

  it('replays its first three trades by hand: buy at Monday’s close, sell at the close of the first bar from Friday on (market-on-close)', () => {
    expect(result.firstDecisionBar).toBe(1);
    let from = 1;
    for (let k = 0; k < 3; k++) {
      const trade = result.trades[k];
      const entry = firstBarWhere(from, bars.length - 1, (t) => weekday[t] === 1);
      const exit = firstBarWhere(entry + 1, bars.length - 1, (t) => day[t] >= day[entry] + 4);
      expect([trade.entryBar, trade.entryPrice, trade.exitBar, trade.exitPrice], `trade ${k + 1}`).toEqual([entry, bars.close[entry], exit, bars.close[exit]]);
      from = exit + 1;
    }
    expect(new Date(bars.time[result.trades[0].entryBar]).toISOString().slice(0, 10), 'bar 0 (Monday 2000-01-03) is before the first decision').toBe('2000-01-10');
  });

  it('holds only from Monday closes to Friday closes (or the next bar after a Friday holiday)', () => {
    for (const trade of result.trades) {
      expect(weekday[trade.entryBar], `trade ${trade.id} entry`).toBe(1);
      expect(day[trade.exitBar] - day[trade.entryBar], `trade ${trade.id} span`).toBeGreaterThanOrEqual(4);
      if (weekday[trade.exitBar] !== 5) expect(day[trade.exitBar - 1] - day[trade.entryBar], 'a holiday Friday').toBeLessThan(4);
    }
  });

  it('makes 926 trades and ends at 40214.25 (commission on weekly round trips)', () => {
    expect(result.trades.length).toBe(926);
    expect(result.rejectedOrders).toEqual([]);
    expectRelativelyClose(finalEquity(result), 40214.24632682495);
  });

  it('with execution next-open fills the same signals at the next bar’s open', () => {
    const nextOpen = runStrategy(strategy, bars, { execution: 'next-open' });
    const first = nextOpen.trades[0];
    const signal = result.trades[0];
    expect([first.entryBar, first.entryPrice, first.exitBar, first.exitPrice]).toEqual([
      signal.entryBar + 1,
      bars.open[signal.entryBar + 1],
      signal.exitBar + 1,
      bars.open[signal.exitBar + 1],
    ]);
  });
});
