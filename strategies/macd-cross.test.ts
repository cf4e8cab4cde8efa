import { describe, expect, it } from 'vitest';
import { crossover, crossunder } from '../src/indicators/cross.js';
import { macd } from '../src/indicators/macd.js';
import strategy from './macd-cross.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('macd-cross on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: MACD(12, 26) crossing its 9-bar signal, filled at the next open', () => {
    const lines = macd(bars.close, 12, 26, 9);
    expect(result.firstDecisionBar, 'signal-line warm-up 26 + 9 − 2, plus one').toBe(34);
    expectFirstTradesFollow(
      result,
      3,
      (t) => crossover(lines.macd, lines.signal, t),
      (t) => crossunder(lines.macd, lines.signal, t),
    );
  });

  it('makes 209 trades and ends at 105901.77', () => {
    expect(result.trades.length).toBe(209);
    expectRelativelyClose(finalEquity(result), 105901.7749178929);
  });

  it('takes fewer entries with aboveZero, each with the MACD line above zero at the signal', () => {
    const lines = macd(bars.close, 12, 26, 9);
    const filtered = runStrategy(strategy, bars, { aboveZero: true });
    expect(filtered.trades.length).toBeGreaterThan(0);
    expect(filtered.trades.length).toBeLessThan(result.trades.length);
    for (const trade of filtered.trades) expect(lines.macd[trade.entryBar - 1]).toBeGreaterThan(0);
  });
});
