import { describe, expect, it } from 'vitest';
import { aroon } from '../src/indicators/aroon.js';
import { crossover, crossunder } from '../src/indicators/cross.js';
import strategy from './aroon-trend.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('aroon-trend on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: Aroon(25) up crossing above down while ≥ 70, exit on the cross back', () => {
    const { up, down } = aroon(bars.high, bars.low, 25);
    expect(result.firstDecisionBar, 'Aroon(25) warm-up 25, plus one').toBe(26);
    expectFirstTradesFollow(result, 3, (t) => crossover(up, down, t) && up[t] >= 70, (t) => crossunder(up, down, t));
  });

  it('makes 82 trades and ends at 144968.77', () => {
    expect(result.trades.length).toBe(82);
    expectRelativelyClose(finalEquity(result), 144968.76752065195);
  });
});
