import { describe, expect, it } from 'vitest';
import { rsi } from '../src/indicators/rsi.js';
import { sma } from '../src/indicators/sma.js';
import strategy from './rsi-volume-filter.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('rsi-volume-filter on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: RSI(14) below 35 on volume above its 20-bar SMA, exit above 65', () => {
    const value = rsi(bars.close, 14);
    const volumeAverage = sma(bars.volume, 20);
    expect(result.firstDecisionBar, 'volume SMA(20) warm-up 19 exceeds RSI(14)’s 14; plus one').toBe(20);
    const found = expectFirstTradesFollow(result, 3, (t) => value[t] < 35 && bars.volume[t] > volumeAverage[t], (t) => value[t] > 65);
    const firstOversold = found[0].entrySignal;
    expect(
      Array.from({ length: firstOversold }, (_, t) => t).some((t) => t >= 20 && value[t] < 35),
      'the filter skipped oversold bars on light volume before the first entry',
    ).toBe(true);
  });

  it('makes 31 trades and ends at 137763.03', () => {
    expect(result.trades.length).toBe(31);
    expect(result.rejectedOrders).toEqual([]);
    expectRelativelyClose(finalEquity(result), 137763.03255811898);
  });
});
