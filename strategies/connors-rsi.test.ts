import { describe, expect, it } from 'vitest';
import { connorsRsi } from '../src/indicators/connors-rsi.js';
import { sma } from '../src/indicators/sma.js';
import strategy from './connors-rsi.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('connors-rsi on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: ConnorsRSI(3, 2, 100) below 15 above SMA(200), exit above 70', () => {
    const crsi = connorsRsi(bars.close, 3, 2, 100);
    const trend = sma(bars.close, 200);
    expect(result.firstDecisionBar, 'SMA(200) warm-up 199 exceeds ConnorsRSI’s 101; plus one').toBe(200);
    expectFirstTradesFollow(result, 3, (t) => crsi[t] < 15 && bars.close[t] > trend[t], (t) => crsi[t] > 70);
  });

  it('makes 96 trades and ends at 132488.66', () => {
    expect(result.trades.length).toBe(96);
    expectRelativelyClose(finalEquity(result), 132488.660843644);
  });
});
