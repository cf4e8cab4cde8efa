import { describe, expect, it } from 'vitest';
import { insideBar } from '../src/indicators/candlestick.js';
import strategy from './inside-bar-breakout.js';
import { expectRelativelyClose, expectStopBreakoutTradesFollow, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('inside-bar-breakout on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first five trades by hand: buy stop at an inside bar\'s high for one bar, stop-loss at its low, out after 5 bars', () => {
    const inside = insideBar(bars.high, bars.low);
    expect(result.firstDecisionBar, 'one bar of warm-up, plus one').toBe(2);
    const reasons = expectStopBreakoutTradesFollow(result, 5, (t) => inside[t] === 1, 5);
    expect(new Set(reasons), 'the replay covers both exits').toEqual(new Set(['stop-loss', 'signal']));
  });

  it('makes 312 trades and ends at 112373.53', () => {
    expect(result.trades.length).toBe(312);
    expectRelativelyClose(finalEquity(result), 112373.53298652297);
  });
});
