import { describe, expect, it } from 'vitest';
import { atr } from '../src/indicators/atr.js';
import { ema } from '../src/indicators/ema.js';
import strategy from './keltner-breakout.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('keltner-breakout on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: close above EMA(20) + 2 × ATR(10), exit below the EMA', () => {
    const { close } = bars;
    const middle = ema(close, 20);
    const range = atr(bars.high, bars.low, close, 10);
    expect(result.firstDecisionBar, 'EMA(20) warm-up 19 > ATR(10) warm-up 10, plus one').toBe(20);
    expectFirstTradesFollow(result, 3, (t) => close[t] > middle[t] + 2 * range[t], (t) => close[t] < middle[t]);
  });

  it('makes 75 trades and ends at 98072.77', () => {
    expect(result.trades.length).toBe(75);
    expectRelativelyClose(finalEquity(result), 98072.76977660996);
  });
});
