import { describe, expect, it } from 'vitest';
import { narrowestRange } from '../src/indicators/narrowest-range.js';
import strategy from './nr7-breakout.js';
import { expectRelativelyClose, expectStopBreakoutTradesFollow, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('nr7-breakout on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first five trades by hand: buy stop at an NR7 bar\'s high for one bar, stop-loss at its low, out after 5 bars', () => {
    const narrow = narrowestRange(bars.high, bars.low, 7);
    expect(result.firstDecisionBar, 'NR7 warm-up 6, plus one').toBe(7);
    const reasons = expectStopBreakoutTradesFollow(result, 5, (t) => narrow[t] === 1, 5);
    expect(new Set(reasons), 'the replay covers both exits').toEqual(new Set(['stop-loss', 'signal']));
  });

  it('makes 347 trades and ends at 119358.31', () => {
    expect(result.trades.length).toBe(347);
    expectRelativelyClose(finalEquity(result), 119358.306413829);
  });
});
