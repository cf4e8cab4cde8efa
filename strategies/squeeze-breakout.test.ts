import { describe, expect, it } from 'vitest';
import { bollinger } from '../src/indicators/bollinger.js';
import { keltner } from '../src/indicators/keltner.js';
import strategy from './squeeze-breakout.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('squeeze-breakout on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: Bollinger(20, 2) leaving Keltner(20, 20, 1.5) with the close above the middle band, exit below it', () => {
    const bands = bollinger(bars.close, 20, 2);
    const channel = keltner(bars.high, bars.low, bars.close, 20, 20, 1.5);
    const inSqueeze = (t: number): boolean => bands.upper[t] < channel.upper[t] && bands.lower[t] > channel.lower[t];
    expect(result.firstDecisionBar, 'Keltner warm-up max(19, 20) = 20, one bar for the previous squeeze, plus one').toBe(22);
    expectFirstTradesFollow(
      result,
      3,
      (t) => inSqueeze(t - 1) && !inSqueeze(t) && bars.close[t] > bands.middle[t],
      (t) => bars.close[t] < bands.middle[t],
    );
  });

  it('makes 25 trades and ends at 83765.68', () => {
    expect(result.trades.length).toBe(25);
    expectRelativelyClose(finalEquity(result), 83765.67912255295);
  });
});
