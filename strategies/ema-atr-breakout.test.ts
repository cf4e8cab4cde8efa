import { describe, expect, it } from 'vitest';
import { StrategyError } from '../src/errors.js';
import { atr } from '../src/indicators/atr.js';
import { ema } from '../src/indicators/ema.js';
import { sma } from '../src/indicators/sma.js';
import strategy from './ema-atr-breakout.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('ema-atr-breakout on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);
  const { close, volume } = bars;
  const average = ema(close, 20);
  const range = atr(bars.high, bars.low, close, 14);
  const isAbove = (t: number): boolean => close[t] > average[t] + 1.5 * range[t];
  const isBelow = (t: number): boolean => close[t] < average[t] - 1.5 * range[t];

  it('replays its first three trades by hand: close above EMA(20) + 1.5 × ATR(14), exit below EMA(20) − 1.5 × ATR(14)', () => {
    expect(result.firstDecisionBar, 'EMA(20) warm-up 19 > ATR(14) warm-up 14, plus one').toBe(20);
    expectFirstTradesFollow(result, 3, isAbove, isBelow);
  });

  it('makes 62 trades and ends at 118111.02', () => {
    expect(result.trades.length).toBe(62);
    expectRelativelyClose(finalEquity(result), 118111.01616992918);
  });

  it('with volumeFilter, enters only on bars whose volume is above its 20-bar SMA', () => {
    const volumeAverage = sma(volume, 20);
    const filtered = runStrategy(strategy, bars, { volumeFilter: true });
    expect(filtered.trades.length).toBeGreaterThan(0);
    expect(filtered.trades.length).toBeLessThan(result.trades.length);
    const first = filtered.trades[0];
    const signal = first.entryBar - 1;
    expect(isAbove(signal) && volume[signal] > volumeAverage[signal]).toBe(true);
    for (let t = filtered.firstDecisionBar; t < signal; t++) {
      expect(isAbove(t) && volume[t] > volumeAverage[t], `no confirmed breakout before bar ${signal}`).toBe(false);
    }
    for (const trade of filtered.trades) expect(volume[trade.entryBar - 1]).toBeGreaterThan(volumeAverage[trade.entryBar - 1]);
  });

  it('with volumeFilter on data without volume, fails with a clear strategy error', () => {
    const noVolume = { ...bars, volume: new Float64Array(bars.length).fill(NaN) };
    expect(() => runStrategy(strategy, noVolume, { volumeFilter: true })).toThrow(StrategyError);
    expect(() => runStrategy(strategy, noVolume, { volumeFilter: true })).toThrow(/"volumeFilter" needs volume/);
  });
});
