import { describe, expect, it } from 'vitest';
import { rsi } from '../src/indicators/rsi.js';
import strategy from './rsi-reversion.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('rsi-reversion on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: RSI(14) below 30, exit above 70, filled at the next open', () => {
    const value = rsi(bars.close, 14);
    expect(result.firstDecisionBar, 'RSI(14) warm-up 14, plus one').toBe(15);
    expectFirstTradesFollow(result, 3, (t) => value[t] < 30, (t) => value[t] > 70);
  });

  it('makes 18 trades and ends at 169435.64', () => {
    expect(result.trades.length).toBe(18);
    expectRelativelyClose(finalEquity(result), 169435.64458986104);
  });
});
