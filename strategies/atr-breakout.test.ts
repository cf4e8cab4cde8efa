import { describe, expect, it } from 'vitest';
import { atr } from '../src/indicators/atr.js';
import strategy from './atr-breakout.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('atr-breakout on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: a close 1 ATR(14) above the previous one, exit 3 ATRs below the best close since the signal', () => {
    const { close } = bars;
    const range = atr(bars.high, bars.low, close, 14);
    const signalBarAt = (t: number): number => result.trades.findLast((trade) => trade.entryBar <= t)!.entryBar - 1;
    const bestSince = (from: number, t: number): number => Math.max(...close.subarray(from, t + 1));
    expect(result.firstDecisionBar, 'ATR(14) warm-up 14, one bar for the previous ATR, plus one').toBe(16);
    expectFirstTradesFollow(
      result,
      3,
      (t) => close[t] - close[t - 1] > range[t - 1],
      (t) => close[t] < bestSince(signalBarAt(t), t) - 3 * range[t - 1],
    );
  });

  it('makes 125 trades and ends at 72710.09', () => {
    expect(result.trades.length).toBe(125);
    expectRelativelyClose(finalEquity(result), 72710.09064283309);
  });
});
