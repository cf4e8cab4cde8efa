import { describe, expect, it } from 'vitest';
import { crossover, crossunder } from '../src/indicators/cross.js';
import { hma } from '../src/indicators/hma.js';
import strategy from './hull-ma-cross.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('hull-ma-cross on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: HMA(20) crossing HMA(80), filled at the next open', () => {
    const fast = hma(bars.close, 20);
    const slow = hma(bars.close, 80);
    expect(result.firstDecisionBar, 'HMA(80) warm-up 80 + ⌊√80⌋ − 2 = 86, plus one').toBe(87);
    expectFirstTradesFollow(result, 3, (t) => crossover(fast, slow, t), (t) => crossunder(fast, slow, t));
  });

  it('makes 125 trades and ends at 102113.12', () => {
    expect(result.trades.length).toBe(125);
    expectRelativelyClose(finalEquity(result), 102113.12277462316);
  });
});
