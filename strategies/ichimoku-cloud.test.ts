import { describe, expect, it } from 'vitest';
import { ichimoku } from '../src/indicators/ichimoku.js';
import strategy from './ichimoku-cloud.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('ichimoku-cloud on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: close above the cloud and kijun, tenkan above kijun; exit below kijun', () => {
    const { close } = bars;
    const { tenkan, kijun, senkouA, senkouB } = ichimoku(bars.high, bars.low, 9, 26, 52, 26);
    expect(result.firstDecisionBar, 'senkou span B warm-up 52 − 1 + 26, plus one').toBe(78);
    expectFirstTradesFollow(
      result,
      3,
      (t) => close[t] > Math.max(senkouA[t], senkouB[t]) && close[t] > kijun[t] && tenkan[t] > kijun[t],
      (t) => close[t] < kijun[t],
    );
  });

  it('makes 138 trades and ends at 93515.28', () => {
    expect(result.trades.length).toBe(138);
    expectRelativelyClose(finalEquity(result), 93515.277601819);
  });
});
