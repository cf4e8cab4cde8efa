import { describe, expect, it } from 'vitest';
import { supertrend } from '../src/indicators/supertrend.js';
import strategy from './supertrend.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('supertrend on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: SuperTrend(10, 3) turning up, exit when it turns down', () => {
    const { direction } = supertrend(bars.high, bars.low, bars.close, 10, 3);
    expect(result.firstDecisionBar, 'ATR(10) warm-up 10, one bar for the previous direction, plus one').toBe(12);
    expectFirstTradesFollow(result, 3, (t) => direction[t] === 1 && direction[t - 1] === -1, (t) => direction[t] === -1 && direction[t - 1] === 1);
  });

  it('makes 82 trades and ends at 126310.55', () => {
    expect(result.trades.length).toBe(82);
    expectRelativelyClose(finalEquity(result), 126310.55012735506);
  });

  it('is always in the market after its first turn with direction=long-short', () => {
    const both = runStrategy(strategy, bars, { direction: 'long-short' });
    const sides = both.trades.map((t) => t.side);
    expect(sides.filter((s) => s === 'short').length).toBeGreaterThan(0);
    for (let k = 1; k < both.trades.length; k++) {
      expect(both.trades[k].entryBar, `trade ${k + 1} opens where the previous one closed`).toBe(both.trades[k - 1].exitBar);
      expect(both.trades[k].side).not.toBe(both.trades[k - 1].side);
    }
  });
});
