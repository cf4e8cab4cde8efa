import { describe, expect, it } from 'vitest';
import { rmi } from '../src/indicators/rmi.js';
import strategy from './rmi-reversion.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('rmi-reversion on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: RMI(14, 5) below 30, exit above 70', () => {
    const value = rmi(bars.close, 14, 5);
    expect(result.firstDecisionBar, 'RMI warm-up 5 + 14 − 1, plus one').toBe(19);
    expectFirstTradesFollow(result, 3, (t) => value[t] < 30, (t) => value[t] > 70);
  });

  it('makes 40 trades and ends at 120174.08', () => {
    expect(result.trades.length).toBe(40);
    expectRelativelyClose(finalEquity(result), 120174.07765834904);
  });
});
