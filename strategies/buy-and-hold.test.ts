import { describe, expect, it } from 'vitest';
import strategy from './buy-and-hold.js';
import { expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('buy-and-hold on the S&P 500', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('buys at the open of bar 2 (decided at bar 1, the first decision bar) and sells at the last open', () => {
    expect(result.trades.length).toBe(1);
    const [trade] = result.trades;
    expect(trade.entryBar, 'decided at bar 1, filled at bar 2').toBe(2);
    expect(trade.entryPrice).toBe(bars.open[2]);
    expect(trade.exitBar).toBe(bars.length - 1);
    expect(trade.exitPrice).toBe(bars.open[bars.length - 1]);
    expect(result.openTrades).toHaveLength(0);
  });

  it('ends at the golden case s5 equity', () => {
    expectRelativelyClose(finalEquity(result), 202152.53069970402);
  });
});
