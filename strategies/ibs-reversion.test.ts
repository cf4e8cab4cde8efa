import { describe, expect, it } from 'vitest';
import { ibs } from '../src/indicators/ibs.js';
import strategy from './ibs-reversion.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('ibs-reversion on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: IBS below 0.2, exit above 0.8', () => {
    const value = ibs(bars.high, bars.low, bars.close);
    expect(result.firstDecisionBar, 'IBS has no warm-up; decisions start at bar 1').toBe(1);
    expectFirstTradesFollow(result, 3, (t) => value[t] < 0.2, (t) => value[t] > 0.8);
  });

  it('makes 648 trades and ends at 125692.16', () => {
    expect(result.trades.length).toBe(648);
    expectRelativelyClose(finalEquity(result), 125692.1559679667);
  });
});
