import { describe, expect, it } from 'vitest';
import strategy from './overnight-hold.js';
import { expectRelativelyClose, finalEquity, firstBarWhere, loadSp500, runStrategy } from './test-helpers.js';

describe('overnight-hold on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const { open, close } = bars;
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: after a close 2 % below the previous one, buy that close and sell the next open', () => {
    expect(result.firstDecisionBar).toBe(1);
    let from = 1;
    for (let k = 0; k < 3; k++) {
      const signal = firstBarWhere(from, bars.length - 2, (t) => close[t] < close[t - 1] * 0.98);
      const trade = result.trades[k];
      expect([trade.entryBar, trade.entryPrice, trade.exitBar, trade.exitPrice], `trade ${k + 1}`).toEqual([signal, close[signal], signal + 1, open[signal + 1]]);
      from = signal + 1;
    }
  });

  it('every trade is one night: entered at a close, exited at the next open', () => {
    for (const trade of result.trades) {
      expect(trade.exitBar, `trade ${trade.id}`).toBe(trade.entryBar + 1);
      expect(trade.entryPrice).toBe(close[trade.entryBar]);
      expect(trade.exitPrice).toBe(open[trade.exitBar]);
    }
  });

  it('makes 232 trades and ends at 68817.58 (commission outweighs the overnight gaps)', () => {
    expect(result.trades.length).toBe(232);
    expect(result.rejectedOrders).toEqual([]);
    expect(result.openTrades).toEqual([]);
    expectRelativelyClose(finalEquity(result), 68817.57600378284);
  });

  it('with filter none holds every night while the cash buys a unit', () => {
    const everyNight = runStrategy(strategy, bars, { filter: 'none' });
    expect(everyNight.trades.slice(0, 50).map((t) => t.entryBar)).toEqual(Array.from({ length: 50 }, (_, k) => k + 1));
  });
});
