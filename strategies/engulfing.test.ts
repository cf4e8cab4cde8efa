import { describe, expect, it } from 'vitest';
import { engulfing } from '../src/indicators/candlestick.js';
import strategy from './engulfing.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('engulfing on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: buy after a bullish engulfing bar, exit after a bearish one or on the 10th bar held', () => {
    const pattern = engulfing(bars.open, bars.close);
    const entryBarAt = (t: number): number => result.trades.findLast((trade) => trade.entryBar <= t)!.entryBar;
    expect(result.firstDecisionBar, 'one bar of warm-up, plus one').toBe(2);
    const signals = expectFirstTradesFollow(
      result,
      3,
      (t) => pattern[t] === 1,
      (t) => pattern[t] === -1 || t - entryBarAt(t) + 1 >= 10,
    );
    expect(signals.length).toBe(3);
  });

  it('holds no position longer than 10 bars', () => {
    for (const trade of result.trades) expect(trade.exitBar - trade.entryBar, `trade at bar ${trade.entryBar}`).toBeLessThanOrEqual(10);
  });

  it('makes 102 trades and ends at 65129.43', () => {
    expect(result.trades.length).toBe(102);
    expectRelativelyClose(finalEquity(result), 65129.426062746075);
  });
});
