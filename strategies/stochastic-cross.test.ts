import { describe, expect, it } from 'vitest';
import { crossover, crossunder } from '../src/indicators/cross.js';
import { stochastic } from '../src/indicators/stochastic.js';
import strategy from './stochastic-cross.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('stochastic-cross on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: %K crossing %D (14, 3, 3) with %D < 20, exit crossing down with %D > 80', () => {
    const { k, d } = stochastic(bars.high, bars.low, bars.close, 14, 3, 3);
    expect(result.firstDecisionBar, '%D warm-up 14 + 3 + 3 − 3, plus one').toBe(18);
    expectFirstTradesFollow(
      result,
      3,
      (t) => crossover(k, d, t) && d[t] < 20,
      (t) => crossunder(k, d, t) && d[t] > 80,
    );
  });

  it('makes 80 trades and ends at 129609.93', () => {
    expect(result.trades.length).toBe(80);
    expectRelativelyClose(finalEquity(result), 129609.927365339);
  });
});
