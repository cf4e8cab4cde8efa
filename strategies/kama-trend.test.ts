import { describe, expect, it } from 'vitest';
import { kama } from '../src/indicators/kama.js';
import strategy from './kama-trend.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

/** Sample standard deviation of `values` (n − 1). */
function sampleStdev(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
}

describe('kama-trend on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: close above KAMA(10, 2, 30) rising by more than 0.5 σ of its last 20 changes, and the mirror exit', () => {
    const line = kama(bars.close, 10, 2, 30);
    const change = (t: number): number => line[t] - line[t - 1];
    const filter = (t: number): number => 0.5 * sampleStdev(Array.from({ length: 20 }, (_, k) => change(t - 19 + k)));
    expect(result.firstDecisionBar, 'KAMA warm-up 10, one change, 20 changes for σ, plus one').toBe(31);
    expectFirstTradesFollow(
      result,
      3,
      (t) => bars.close[t] > line[t] && change(t) > filter(t),
      (t) => bars.close[t] < line[t] && change(t) < -filter(t),
    );
  });

  it('makes 98 trades and ends at 129766.15', () => {
    expect(result.trades.length).toBe(98);
    expectRelativelyClose(finalEquity(result), 129766.14807382891);
  });
});
