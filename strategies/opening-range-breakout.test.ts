import { describe, expect, it } from 'vitest';
import type { BarSeries } from '../src/data/bar-series.js';
import { mulberry32 } from '../src/optimize/prng.js';
import strategy from './opening-range-breakout.js';
import { expectRelativelyClose, finalEquity, firstBarWhere, loadSp500, makeBars, runStrategy } from './test-helpers.js';
import { DEFAULT_RUN_OPTIONS } from '../test/helpers/bundled-data.js';

const DAY = 86_400_000;
const FIVE_MINUTES = 300_000;

/**
 * `days` sessions of 78 five-minute bars (14:30–21:00 UTC), a random walk with a drift drawn
 * per session and an overnight gap, prices rounded to cents.
 */
function intradayBars(days: number, seed: number): BarSeries {
  const random = mulberry32(seed);
  const columns = { time: [] as number[], open: [] as number[], high: [] as number[], low: [] as number[], close: [] as number[], volume: [] as number[] };
  const cents = (x: number): number => Math.round(x * 100) / 100;
  let price = 100;
  for (let day = 0; day < days; day++) {
    const sessionOpen = Date.UTC(2024, 0, 8 + day, 14, 30);
    const drift = (random() - 0.5) * 0.002;
    price *= 1 + (random() - 0.5) * 0.01;
    for (let i = 0; i < 78; i++) {
      const open = cents(price);
      const close = cents(open * (1 + drift + (random() - 0.5) * 0.004));
      columns.time.push(sessionOpen + i * FIVE_MINUTES);
      columns.open.push(open);
      columns.close.push(close);
      columns.high.push(cents(Math.max(open, close) * (1 + random() * 0.001)));
      columns.low.push(cents(Math.min(open, close) * (1 - random() * 0.001)));
      columns.volume.push(1000 + Math.floor(random() * 1000));
      price = close;
    }
  }
  return makeBars(columns, 'generated-5min');
}

const sessionOf = (time: number): number => Math.floor(time / DAY);

describe('opening-range-breakout on generated 5-minute bars with the defaults', () => {
  const bars = intradayBars(10, 20240108);
  const result = runStrategy(strategy, bars);
  const { time, open, high, low, close } = bars;
  const last = bars.length - 1;

  it('enters on the first close above the range of the first 6 bars and is flat by each session’s last bar', () => {
    expect(result.trades.length).toBeGreaterThanOrEqual(3);
    expect(result.openTrades, 'nothing is held at the end').toHaveLength(0);
    const sessionsTraded = new Set<number>();
    const exits = new Set<string>();
    for (const trade of result.trades) {
      const session = sessionOf(time[trade.entryBar]);
      expect(sessionOf(time[trade.exitBar]), 'exits in the session it entered').toBe(session);
      expect(sessionsTraded.has(session), 'one entry per session').toBe(false);
      sessionsTraded.add(session);
      const start = firstBarWhere(0, last, (t) => sessionOf(time[t]) === session);
      const rangeHigh = Math.max(...high.subarray(start, start + 6));
      const rangeLow = Math.min(...low.subarray(start, start + 6));
      const signal = firstBarWhere(start + 6, last, (t) => close[t] > rangeHigh);
      expect(trade.side).toBe('long');
      expect(trade.entryBar, 'the bar after the first close above the range high').toBe(signal + 1);
      expect(trade.entryPrice, 'filled at the next open').toBe(open[signal + 1]);
      const sessionLast = firstBarWhere(start, last, (t) => t === last || sessionOf(time[t + 1]) !== session);
      const stopBar = firstBarWhere(trade.entryBar + 1, sessionLast, (t) => low[t] <= rangeLow);
      const closeBelow = firstBarWhere(trade.entryBar, sessionLast - 1, (t) => close[t] < rangeLow);
      const signalExit = Math.min(sessionLast, closeBelow === -1 ? Infinity : closeBelow + 1);
      if (stopBar !== -1 && stopBar < signalExit) {
        expect(trade.exitBar, 'stopped at the range low').toBe(stopBar);
        expect(trade.exitReason).toBe('stop-loss');
        expect(trade.exitPrice).toBe(Math.min(open[stopBar], rangeLow));
        exits.add('stop');
      } else {
        expect(trade.exitBar).toBe(signalExit);
        expect(trade.exitReason).toBe('signal');
        expect(trade.exitPrice, 'at the open').toBe(open[signalExit]);
        exits.add(signalExit === sessionLast ? 'session end' : 'close below range');
      }
    }
    expect([...exits].sort(), 'the fixture exercises the stop and the session-end exit').toEqual(['session end', 'stop']);
  });

  it('makes 6 trades and ends at 116433.15 on the fixture', () => {
    expect(result.trades.length).toBe(6);
    expectRelativelyClose(finalEquity(result), 116433.15079);
  });

  it('without rangeStop, exits only on a close below the range low or at the session\'s last bar', () => {
    const unstopped = runStrategy(strategy, bars, { rangeStop: false });
    expect(unstopped.trades.length).toBeGreaterThan(0);
    for (const trade of unstopped.trades) {
      const session = sessionOf(time[trade.entryBar]);
      const start = firstBarWhere(0, last, (t) => sessionOf(time[t]) === session);
      const rangeLow = Math.min(...low.subarray(start, start + 6));
      const isSessionLast = trade.exitBar === last || sessionOf(time[trade.exitBar + 1]) !== session;
      expect(trade.exitReason).toBe('signal');
      expect(isSessionLast || close[trade.exitBar - 1] < rangeLow, `exit at bar ${trade.exitBar}`).toBe(true);
    }
  });

  it('also shorts breaks below the range with long-short, still one entry per session', () => {
    const both = runStrategy(strategy, bars, { direction: 'long-short' });
    expect(both.trades.some((t) => t.side === 'short')).toBe(true);
    const sessions = both.trades.map((t) => sessionOf(time[t.entryBar]));
    expect(new Set(sessions).size).toBe(sessions.length);
    for (const trade of both.trades) expect(sessionOf(time[trade.exitBar])).toBe(sessionOf(time[trade.entryBar]));
  });
});

describe('opening-range-breakout on daily bars', () => {
  it('never trades, because every bar is its own session', () => {
    const result = runStrategy(strategy, loadSp500(), { direction: 'long-short' });
    expect(result.trades).toHaveLength(0);
    expect(result.orders).toHaveLength(0);
    expect(finalEquity(result)).toBe(100_000);
  });
});

describe('opening-range-breakout sessions follow --tz (issue 6)', () => {
  // Three evening sessions of 24 five-minute bars, 23:00–00:55 UTC = 18:00–19:55 in New York
  // (EST): each crosses UTC midnight but is one New York day.
  const columns = { time: [] as number[], open: [] as number[], high: [] as number[], low: [] as number[], close: [] as number[], volume: [] as number[] };
  for (let day = 0; day < 3; day++) {
    for (let i = 0; i < 24; i++) {
      const p = 100 + i * 0.1;
      columns.time.push(Date.UTC(2024, 0, 8 + day, 23) + i * FIVE_MINUTES);
      columns.open.push(p);
      columns.high.push(p + 0.05);
      columns.low.push(p - 0.05);
      columns.close.push(p);
      columns.volume.push(1000);
    }
  }
  const bars = makeBars(columns, 'evening-sessions');
  const midnight = 12; // the 00:00 UTC bar of the first session
  const rangeHigh = (timeZone?: string) => {
    const result = runStrategy(strategy, bars, {}, { ...DEFAULT_RUN_OPTIONS, ...(timeZone === undefined ? {} : { timeZone }) });
    return result.indicators.find((i) => i.name === 'openingHigh6')!.values;
  };

  it('in UTC a new session (and range) starts at midnight', () => {
    expect(rangeHigh()[midnight]).toBeNaN();
  });

  it('in America/New_York the session runs on past UTC midnight with the same range', () => {
    const values = rangeHigh('America/New_York');
    expect(values[midnight]).toBe(values[5]);
    expect(values[5]).toBeCloseTo(100.55, 9);
  });
});
