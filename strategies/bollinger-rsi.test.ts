import { describe, expect, it } from 'vitest';
import { bollinger } from '../src/indicators/bollinger.js';
import { rsi } from '../src/indicators/rsi.js';
import strategy from './bollinger-rsi.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('bollinger-rsi on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: close below the lower band (20, 2) with RSI(14) below 35, exit above the middle band', () => {
    const { lower, middle } = bollinger(bars.close, 20, 2);
    const value = rsi(bars.close, 14);
    expect(result.firstDecisionBar, 'band warm-up 19 exceeds RSI(14)’s 14; plus one').toBe(20);
    expectFirstTradesFollow(result, 3, (t) => bars.close[t] < lower[t] && value[t] < 35, (t) => bars.close[t] > middle[t]);
  });

  it('makes 58 trades and ends at 143952.15', () => {
    expect(result.trades.length).toBe(58);
    expectRelativelyClose(finalEquity(result), 143952.14668608818);
  });
});
