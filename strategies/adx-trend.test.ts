import { describe, expect, it } from 'vitest';
import { adx } from '../src/indicators/adx.js';
import { crossover, crossunder } from '../src/indicators/cross.js';
import strategy from './adx-trend.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('adx-trend on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: +DI crossing −DI with ADX(14) > 25, exit on the −DI cross', () => {
    const lines = adx(bars.high, bars.low, bars.close, 14);
    expect(result.firstDecisionBar, 'ADX(14) warm-up 2 × 14 − 1, plus one').toBe(28);
    expectFirstTradesFollow(
      result,
      3,
      (t) => crossover(lines.plusDi, lines.minusDi, t) && lines.adx[t] > 25,
      (t) => crossunder(lines.plusDi, lines.minusDi, t),
    );
  });

  it('makes 29 trades and ends at 112376.09', () => {
    expect(result.trades.length).toBe(29);
    expectRelativelyClose(finalEquity(result), 112376.0901230911);
  });
});
