import { describe, expect, it } from 'vitest';
import strategy from './time-series-momentum.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('time-series-momentum on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);
  const month = (t: number): string => new Date(bars.time[t]).toISOString().slice(0, 7);
  const isMonthStart = (t: number): boolean => month(t) !== month(t - 1);
  const momentum = (t: number): number => bars.close[t - 21] / bars.close[t - 252] - 1;

  it('replays its first three trades by hand: on the first bar of a month, long while the 12-1 return is positive', () => {
    expect(result.firstDecisionBar, 'a 252-bar lookback, plus one').toBe(253);
    expectFirstTradesFollow(result, 3, (t) => isMonthStart(t) && momentum(t) > 0, (t) => isMonthStart(t) && !(momentum(t) > 0));
  });

  it('trades only at monthly decisions: every fill is on the second bar of a month', () => {
    for (const fill of result.fills) expect(isMonthStart(fill.bar - 1), `fill at bar ${fill.bar}`).toBe(true);
  });

  it('makes 7 trades and ends at 262652.09', () => {
    expect(result.trades.length).toBe(7);
    expectRelativelyClose(finalEquity(result), 262652.09002834896);
  });
});
