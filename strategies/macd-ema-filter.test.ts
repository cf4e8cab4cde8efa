import { describe, expect, it } from 'vitest';
import { crossover, crossunder } from '../src/indicators/cross.js';
import { ema } from '../src/indicators/ema.js';
import { macd } from '../src/indicators/macd.js';
import strategy from './macd-ema-filter.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('macd-ema-filter on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: MACD(12, 26, 9) crossing up above EMA(200), exit on the cross down or below the EMA', () => {
    const lines = macd(bars.close, 12, 26, 9);
    const trend = ema(bars.close, 200);
    expect(result.firstDecisionBar, 'EMA(200) warm-up 199, plus one').toBe(200);
    expectFirstTradesFollow(
      result,
      3,
      (t) => crossover(lines.macd, lines.signal, t) && bars.close[t] > trend[t],
      (t) => crossunder(lines.macd, lines.signal, t) || bars.close[t] < trend[t],
    );
  });

  it('makes 148 trades and ends at 94692.83', () => {
    expect(result.trades.length).toBe(148);
    expectRelativelyClose(finalEquity(result), 94692.82786075702);
  });

  it('enters only above the trend EMA: every signal close is above EMA(200)', () => {
    const trend = ema(bars.close, 200);
    for (const trade of result.trades) expect(bars.close[trade.entryBar - 1]).toBeGreaterThan(trend[trade.entryBar - 1]);
  });
});
