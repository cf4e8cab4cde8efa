import { describe, expect, it } from 'vitest';
import { ema } from '../src/indicators/ema.js';
import { rsi } from '../src/indicators/rsi.js';
import strategy from './rsi-ema-trend.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('rsi-ema-trend on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: RSI(2) below 10 with the close above EMA(200), exit RSI above 70', () => {
    const value = rsi(bars.close, 2);
    const trend = ema(bars.close, 200);
    expect(result.firstDecisionBar, 'EMA(200) warm-up 199, plus one').toBe(200);
    expectFirstTradesFollow(result, 3, (t) => value[t] < 10 && bars.close[t] > trend[t], (t) => value[t] > 70);
  });

  it('makes 127 trades and ends at 143083.54', () => {
    expect(result.trades.length).toBe(127);
    expectRelativelyClose(finalEquity(result), 143083.535363882);
  });
});
