import { describe, expect, it } from 'vitest';
import { zScore } from '../src/indicators/zscore.js';
import strategy from './zscore-reversion.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('zscore-reversion on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: z-score(20) below −2, exit above 0', () => {
    const z = zScore(bars.close, 20);
    expect(result.firstDecisionBar, 'z-score(20) warm-up 19, plus one').toBe(20);
    expectFirstTradesFollow(result, 3, (t) => z[t] < -2, (t) => z[t] > 0);
  });

  it('makes 92 trades and ends at 129613.66', () => {
    expect(result.trades.length).toBe(92);
    expectRelativelyClose(finalEquity(result), 129613.65996078498);
  });
});
