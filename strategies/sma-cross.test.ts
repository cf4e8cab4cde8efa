import { describe, expect, it } from 'vitest';
import { crossover, crossunder } from '../src/indicators/cross.js';
import { sma } from '../src/indicators/sma.js';
import strategy from './sma-cross.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('sma-cross on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: SMA(10) crossing SMA(30), filled at the next open', () => {
    const fast = sma(bars.close, 10);
    const slow = sma(bars.close, 30);
    expect(result.firstDecisionBar, 'SMA(30) warm-up 29, plus one').toBe(30);
    expectFirstTradesFollow(result, 3, (t) => crossover(fast, slow, t), (t) => crossunder(fast, slow, t));
  });

  it('makes 87 trades and ends at the golden case s1 equity', () => {
    expect(result.trades.length).toBe(87);
    expectRelativelyClose(finalEquity(result), 137507.00819687897);
  });
});
