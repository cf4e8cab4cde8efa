import { describe, expect, it } from 'vitest';
import { atr } from '../src/indicators/atr.js';
import { donchian } from '../src/indicators/donchian.js';
import strategy from './turtle.js';
import { expectRelativelyClose, finalEquity, firstBarWhere, loadSp500, runStrategy } from './test-helpers.js';

describe('turtle on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);
  const { open, low, close } = bars;
  const last = bars.length - 1;
  const entryHigh = donchian(bars.high, low, 20).upper;
  const exitLow = donchian(bars.high, low, 10).lower;
  const n = atr(bars.high, low, close, 20);

  it('replays its first six trades by hand: System 1 (20-bar breakout, 10-bar exit, 2N stop), one unit = 1 % of equity / N', () => {
    expect(result.firstDecisionBar, 'the 55-bar channel: warm-up 54, plus one').toBe(55);
    const reasons: string[] = [];
    let from = result.firstDecisionBar;
    for (let k = 0; k < 6; k++) {
      const trade = result.trades[k];
      const signal = firstBarWhere(from, last, (t) => close[t] > entryHigh[t - 1]);
      expect(trade.entryBar, `trade ${k + 1} enters the bar after its breakout`).toBe(signal + 1);
      expect(trade.entryPrice, `trade ${k + 1} fills at the next open`).toBe(open[signal + 1]);
      const equity = result.equity[signal];
      const unit = Math.floor(Math.min((0.01 * equity) / n[signal], (0.95 * equity) / close[signal]));
      expect(trade.quantity, `trade ${k + 1}: 1 % of equity ${equity.toFixed(2)} / N ${n[signal].toFixed(2)}`).toBe(unit);
      const stop = close[signal] - 2 * n[signal];
      const exitSignal = firstBarWhere(trade.entryBar, last, (t) => close[t] < exitLow[t - 1]);
      const stopBar = firstBarWhere(trade.entryBar + 1, last, (t) => low[t] <= stop);
      if (stopBar !== -1 && stopBar < exitSignal + 1) {
        expect(trade.exitBar, `trade ${k + 1} stopped out at 2N`).toBe(stopBar);
        expect(trade.exitPrice).toBe(Math.min(open[stopBar], stop));
        expect(trade.exitReason).toBe('stop-loss');
      } else {
        expect(trade.exitBar, `trade ${k + 1} exits below the 10-bar low`).toBe(exitSignal + 1);
        expect(trade.exitPrice).toBe(open[exitSignal + 1]);
        expect(trade.exitReason).toBe('signal');
      }
      reasons.push(trade.exitReason);
      from = trade.exitBar;
    }
    expect(reasons).toEqual(['stop-loss', 'signal', 'signal', 'signal', 'signal', 'signal']);
    expect(result.trades.slice(0, 5).every((t) => t.pnl < 0) && result.trades[5].pnl > 0, 'five losers, then a winner').toBe(true);
  });

  it('skips the next System 1 breakout after the winning sixth trade, and takes it with skipAfterWinner=false', () => {
    const breakout = firstBarWhere(result.trades[5].exitBar, last, (t) => close[t] > entryHigh[t - 1]);
    expect(result.trades[6].entryBar, 'the breakout after a winner is skipped').toBeGreaterThan(breakout + 1);
    const unfiltered = runStrategy(strategy, bars, { skipAfterWinner: false });
    expect(unfiltered.trades.slice(0, 6)).toEqual(result.trades.slice(0, 6));
    expect(unfiltered.trades[6].entryBar).toBe(breakout + 1);
  });

  it('makes 70 trades and ends at 121447.96', () => {
    expect(result.trades.length).toBe(70);
    expectRelativelyClose(finalEquity(result), 121447.95621976176);
  });
});
