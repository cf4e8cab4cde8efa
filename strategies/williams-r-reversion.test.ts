import { describe, expect, it } from 'vitest';
import { williamsR } from '../src/indicators/williams-r.js';
import strategy from './williams-r-reversion.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('williams-r-reversion on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: %R(14) below −80, exit above −20', () => {
    const r = williamsR(bars.high, bars.low, bars.close, 14);
    expect(result.firstDecisionBar, '%R(14) warm-up 13, plus one').toBe(14);
    expectFirstTradesFollow(result, 3, (t) => r[t] < -80, (t) => r[t] > -20);
  });

  it('makes 135 trades and ends at 159953.64', () => {
    expect(result.trades.length).toBe(135);
    expectRelativelyClose(finalEquity(result), 159953.637855869);
  });
});
