import { describe, expect, it } from 'vitest';
import { crossover, crossunder } from '../src/indicators/cross.js';
import { parabolicSar } from '../src/indicators/parabolic-sar.js';
import strategy from './parabolic-sar.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('parabolic-sar on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: the close crossing the SAR(0.02, 0.02, 0.2), filled at the next open', () => {
    const sar = parabolicSar(bars.high, bars.low, 0.02, 0.02, 0.2);
    expect(result.firstDecisionBar, 'SAR warm-up 1, plus one').toBe(2);
    expectFirstTradesFollow(result, 3, (t) => crossover(bars.close, sar, t), (t) => crossunder(bars.close, sar, t));
  });

  it('makes 260 trades and ends at 46892.88', () => {
    expect(result.trades.length).toBe(260);
    expectRelativelyClose(finalEquity(result), 46892.88495230509);
  });
});
