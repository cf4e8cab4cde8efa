import { describe, expect, it } from 'vitest';
import { atr } from '../src/indicators/atr.js';
import { donchian } from '../src/indicators/donchian.js';
import strategy from './donchian-breakout.js';
import { expectRelativelyClose, finalEquity, firstBarWhere, loadSp500, runStrategy } from './test-helpers.js';

describe('donchian-breakout on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: close above the previous 20-bar high, exit below the previous 10-bar low or at a 2 × ATR(20) stop', () => {
    const { open, low, close } = bars;
    const last = bars.length - 1;
    const entryHigh = donchian(bars.high, low, 20).upper;
    const exitLow = donchian(bars.high, low, 10).lower;
    const range = atr(bars.high, low, close, 20);
    expect(result.firstDecisionBar, 'ATR(20) warm-up 20, plus one').toBe(21);
    const reasons: string[] = [];
    let from = result.firstDecisionBar;
    for (let k = 0; k < 3; k++) {
      const trade = result.trades[k];
      const signal = firstBarWhere(from, last, (t) => close[t] > entryHigh[t - 1]);
      expect(close[signal], 'above the highest high of the 20 bars before the signal bar').toBeGreaterThan(
        Math.max(...bars.high.subarray(signal - 20, signal)),
      );
      expect(trade.entryBar, `trade ${k + 1} enters the bar after its breakout`).toBe(signal + 1);
      expect(trade.entryPrice, `trade ${k + 1} fills at the next open`).toBe(open[signal + 1]);
      const stop = close[signal] - 2 * range[signal];
      const exitSignal = firstBarWhere(trade.entryBar, last, (t) => close[t] < exitLow[t - 1]);
      // The stop-loss leg is active from the bar after the entry; a market exit fills at the open first.
      const stopBar = firstBarWhere(trade.entryBar + 1, last, (t) => low[t] <= stop);
      if (stopBar !== -1 && stopBar < exitSignal + 1) {
        expect(trade.exitBar, `trade ${k + 1} stopped out`).toBe(stopBar);
        expect(trade.exitReason).toBe('stop-loss');
        expect(trade.exitPrice, 'at the stop, or at the open when the bar gaps through it').toBe(Math.min(open[stopBar], stop));
      } else {
        expect(trade.exitBar, `trade ${k + 1} exits the bar after its exit signal`).toBe(exitSignal + 1);
        expect(trade.exitReason).toBe('signal');
        expect(trade.exitPrice).toBe(open[exitSignal + 1]);
      }
      reasons.push(trade.exitReason);
      from = trade.exitBar;
    }
    expect(reasons, 'the replay covers both exits').toEqual(['stop-loss', 'signal', 'signal']);
  });

  it('makes 93 trades and ends at 120090.98', () => {
    expect(result.trades.length).toBe(93);
    expectRelativelyClose(finalEquity(result), 120090.97733185641);
  });

  it('trades without a stop when atrStop is 0', () => {
    const unstopped = runStrategy(strategy, bars, { atrStop: 0 });
    expect(unstopped.trades.every((t) => t.exitReason === 'signal')).toBe(true);
  });
});
