import { describe, expect, it } from 'vitest';
import { bollinger } from '../src/indicators/bollinger.js';
import strategy from './bollinger-reversion.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('bollinger-reversion on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: close below the lower band (20, 2), exit above the middle', () => {
    const { close } = bars;
    const bands = bollinger(close, 20, 2);
    expect(result.firstDecisionBar, 'SMA(20) warm-up 19, plus one').toBe(20);
    expectFirstTradesFollow(result, 3, (t) => close[t] < bands.lower[t], (t) => close[t] > bands.middle[t]);
  });

  it('makes 92 trades and ends at 129613.66', () => {
    expect(result.trades.length).toBe(92);
    expectRelativelyClose(finalEquity(result), 129613.65996078498);
  });

  it('holds longer with exitAt opposite: each exit signal closes above the upper band', () => {
    const bands = bollinger(bars.close, 20, 2);
    const opposite = runStrategy(strategy, bars, { exitAt: 'opposite' });
    expect(opposite.trades.length).toBeGreaterThan(0);
    for (const trade of opposite.trades) expect(bars.close[trade.exitBar - 1]).toBeGreaterThan(bands.upper[trade.exitBar - 1]);
  });
});
