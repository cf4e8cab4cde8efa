/**
 * `signalMode` of the crossover strategies (issue 17): `crossover` (the default) acts on the
 * crossing bar only; `position` holds long while fast > slow, entering on the first decision
 * bar when already above.
 */
import { describe, expect, it } from 'vitest';
import { macd } from '../indicators/macd.js';
import { sma } from '../indicators/sma.js';
import { stochastic } from '../indicators/stochastic.js';
import emaCross from '../../strategies/ema-cross.js';
import hullMaCross from '../../strategies/hull-ma-cross.js';
import macdCross from '../../strategies/macd-cross.js';
import smaCross from '../../strategies/sma-cross.js';
import stochasticCross from '../../strategies/stochastic-cross.js';
import { expectFirstTradesFollow, loadSp500, makeBars, runStrategy } from '../../strategies/test-helpers.js';
import type { Strategy } from './define-strategy.js';
import { SIGNAL_MODE_PARAM } from './signal-mode.js';

const DAY = 86_400_000;

/** 200 daily bars rising 1 % a day: every fast average is above its slow one once warm. */
function risingBars() {
  const close = Array.from({ length: 200 }, (_, t) => 100 * 1.01 ** t);
  const open = close.map((c, t) => (t === 0 ? c : close[t - 1]));
  return makeBars(
    {
      time: close.map((_, t) => Date.UTC(2020, 0, 1) + t * DAY),
      open,
      high: close.map((c) => c * 1.002),
      low: open.map((o) => o * 0.998),
      close,
      volume: close.map(() => 1000),
    },
    'rising.csv',
  );
}

const crossoverStrategies = [smaCross, emaCross, macdCross, hullMaCross] as unknown as Strategy[];

describe('signalMode', () => {
  it('is declared on every crossover strategy with crossover as the default', () => {
    for (const strategy of [...crossoverStrategies, stochasticCross as unknown as Strategy]) {
      expect(strategy.params.signalMode, strategy.name).toEqual(SIGNAL_MODE_PARAM);
      expect(SIGNAL_MODE_PARAM.default).toBe('crossover');
    }
  });

  it.each(crossoverStrategies.map((s) => [s.name, s] as const))('%s: position mode enters on the first decision bar when fast is already above; crossover mode waits', (_, strategy) => {
    const bars = risingBars();
    const waiting = runStrategy(strategy, bars);
    expect(waiting.fills, 'no crossing on a steady rise').toEqual([]);
    const holding = runStrategy(strategy, bars, { signalMode: 'position' });
    expect(holding.fills).toHaveLength(1);
    expect(holding.fills[0].side).toBe('buy');
    expect(holding.fills[0].bar, 'filled at the open after the first decision bar').toBe(holding.firstDecisionBar + 1);
    expect(holding.openTrades).toHaveLength(1);
  });

  it('sma-cross position mode on the S&P 500: every trade is long from a bar with SMA(10) > SMA(30) to one with SMA(10) < SMA(30)', () => {
    const bars = loadSp500();
    const fast = sma(bars.close, 10);
    const slow = sma(bars.close, 30);
    const result = runStrategy(smaCross as unknown as Strategy, bars, { signalMode: 'position' });
    const crossover = runStrategy(smaCross as unknown as Strategy, bars);
    expectFirstTradesFollow(result, result.trades.length, (t) => fast[t] > slow[t], (t) => fast[t] < slow[t]);
    // SMA(10) starts below SMA(30) and the two are never equal, so the trades are the crossover ones.
    expect(fast[result.firstDecisionBar]).toBeLessThan(slow[result.firstDecisionBar]);
    expect(result.trades.length).toBe(87);
    expect(result.trades).toEqual(crossover.trades);
  });

  it('macd-cross position mode with long-short is always in the market after the first bar, alternating sides', () => {
    const bars = loadSp500();
    const lines = macd(bars.close, 12, 26, 9);
    const result = runStrategy(macdCross as unknown as Strategy, bars, { signalMode: 'position', direction: 'long-short' });
    const first = result.firstDecisionBar;
    expect(result.trades[0].entryBar).toBe(first + 1);
    expect(result.trades[0].side).toBe(lines.macd[first] > lines.signal[first] ? 'long' : 'short');
    for (let k = 1; k < result.trades.length; k++) {
      expect(result.trades[k].entryBar, `trade ${k + 1} opens where the previous one closed`).toBe(result.trades[k - 1].exitBar);
      expect(result.trades[k].side).not.toBe(result.trades[k - 1].side);
    }
  });

  it('stochastic-cross position mode reads the zones as states: %K above %D while %D < 20 enters, %K below %D while %D > 80 exits', () => {
    const bars = loadSp500();
    const { k, d } = stochastic(bars.high, bars.low, bars.close, 14, 3, 3);
    const result = runStrategy(stochasticCross as unknown as Strategy, bars, { signalMode: 'position' });
    expectFirstTradesFollow(result, 5, (t) => k[t] > d[t] && d[t] < 20, (t) => k[t] < d[t] && d[t] > 80);
  });
});
