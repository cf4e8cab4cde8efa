import { describe, expect, it } from 'vitest';
import { crossover, crossunder } from '../src/indicators/cross.js';
import { ema } from '../src/indicators/ema.js';
import strategy from './ema-cross.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('ema-cross on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: EMA(12) crossing EMA(26), filled at the next open', () => {
    const fast = ema(bars.close, 12);
    const slow = ema(bars.close, 26);
    expect(result.firstDecisionBar, 'EMA(26) warm-up 25, plus one').toBe(26);
    expectFirstTradesFollow(result, 3, (t) => crossover(fast, slow, t), (t) => crossunder(fast, slow, t));
  });

  it('makes 80 trades and ends at 119422.12', () => {
    expect(result.trades.length).toBe(80);
    expectRelativelyClose(finalEquity(result), 119422.1159392161);
  });
});
