/**
 * Turtle trading, Systems 1 and 2 with unit sizing. System 1: buy when the close rises above the
 * highest high of the previous `entryPeriod` (20) bars, exit when it falls below the lowest low
 * of the previous `exitPeriod` (10) bars. A System 1 breakout is skipped when the previous one,
 * taken or skipped (a skipped one is followed on paper), was a winner (`skipAfterWinner`);
 * System 2 then still enters on a close above the previous `failsafeEntryPeriod` (55) bars' high
 * and exits below the previous `failsafeExitPeriod` (20) bars' low. Every entry carries a
 * stop-loss `stopN` (2) N below the signal close, where N is the `atrPeriod` (20) ATR, and its
 * size is one unit: `riskFraction` (1 %) of equity divided by N, so a 1 N move is worth 1 % of
 * equity, capped at `maxWeight` of equity (leverage 1). With `direction: long-short` the mirror
 * rules trade shorts.
 *
 * Source: the published Turtle rules (Curtis Faith, "Way of the Turtle", 2007, ch. 4 and
 * appendix; "The Original Turtle Trading Rules", 2003): N = 20-day ATR, unit = 1 % of account /
 * (N × dollars per point), System 1 20/10 with the skip-after-winner filter and the 55-day
 * failsafe, System 2 55/20, 2N stops. Differences: decisions are taken on closes and fill at the
 * next open (the Turtles used intraday stop orders at the breakout price), a skipped breakout is
 * followed on paper on closes (its 10-bar exit, or its 2N stop touched by a low/high), only while
 * flat, and there is no pyramiding (the Turtles added a unit every ½ N up to 4; on a cash account
 * one unit of an index is already most of the equity).
 */
import { atr } from '../src/indicators/atr.js';
import { donchian } from '../src/indicators/donchian.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

/** What the strategy remembers between bars: the open position's system and the last System 1 result. */
interface TurtleMemory {
  /** System of the open or pending position: 1, 2, or 0 when flat. */
  system: 0 | 1 | 2;
  /** Side of the position at the previous bar. */
  side: 'long' | 'short' | 'flat';
  /** Average entry price of the open position [price]. */
  entryPrice: number;
  /** Close at which the strategy decided to exit, or NaN when a stop-loss closed it [price]. */
  exitClose: number;
  /** Whether the last System 1 breakout, taken or skipped, was a winner. */
  lastSystem1Won: boolean;
  /** A skipped System 1 breakout followed on paper until its exit or stop, or undefined. */
  paper: { side: 'long' | 'short'; entry: number; stop: number } | undefined;
}

export default defineStrategy({
  name: 'turtle',
  description: 'Turtle rules: 20/10 and 55/20 Donchian breakouts, 2N stop, 1 % of equity per N units',
  category: 'trend',
  tags: ['breakout', 'channel', 'donchian', 'atr-stop', 'position-sizing', 'long-short'],
  params: {
    entryPeriod: { type: 'int', default: 20, min: 2, max: 500, step: 5, description: 'System 1 entry channel [bars]' },
    exitPeriod: { type: 'int', default: 10, min: 1, max: 500, step: 5, description: 'System 1 exit channel [bars]' },
    failsafeEntryPeriod: { type: 'int', default: 55, min: 2, max: 1000, step: 5, description: 'System 2 entry channel [bars]' },
    failsafeExitPeriod: { type: 'int', default: 20, min: 1, max: 1000, step: 5, description: 'System 2 exit channel [bars]' },
    skipAfterWinner: { type: 'boolean', default: true, description: 'skip a System 1 breakout after a winning System 1 trade' },
    atrPeriod: { type: 'int', default: 20, min: 1, max: 500, step: 5, description: 'N: ATR length [bars]' },
    stopN: { type: 'number', default: 2, min: 0, max: 10, step: 0.5, description: 'stop-loss distance from the signal close [N]; 0 = no stop' },
    riskFraction: { type: 'number', default: 0.01, min: 0.001, max: 0.1, step: 0.005, description: 'equity moved by 1 N per unit [fraction of equity]' },
    maxWeight: { type: 'number', default: 0.95, min: 0.05, max: 1, step: 0.05, description: 'largest position value at the signal close [fraction of equity]' },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only, or also short breaks below the channels',
    },
  },
  validate: (p) =>
    p.exitPeriod >= p.entryPeriod
      ? `exitPeriod (${p.exitPeriod}) must be below entryPeriod (${p.entryPeriod})`
      : p.failsafeExitPeriod >= p.failsafeEntryPeriod
        ? `failsafeExitPeriod (${p.failsafeExitPeriod}) must be below failsafeEntryPeriod (${p.failsafeEntryPeriod})`
        : undefined,
  init(ctx) {
    const { entryPeriod, exitPeriod, failsafeEntryPeriod, failsafeExitPeriod, atrPeriod } = ctx.params;
    const { high, low, close } = ctx;
    const one = donchian(high, low, entryPeriod);
    const oneExit = donchian(high, low, exitPeriod);
    const two = donchian(high, low, failsafeEntryPeriod);
    const twoExit = donchian(high, low, failsafeExitPeriod);
    const memory: TurtleMemory = { system: 0, side: 'flat', entryPrice: NaN, exitClose: NaN, lastSystem1Won: false, paper: undefined };
    return {
      entryHigh: ctx.indicator(`entryHigh${entryPeriod}`, one.upper),
      entryLow: ctx.indicator(`entryLow${entryPeriod}`, one.lower),
      exitHigh: ctx.indicator(`exitHigh${exitPeriod}`, oneExit.upper),
      exitLow: ctx.indicator(`exitLow${exitPeriod}`, oneExit.lower),
      failsafeHigh: ctx.indicator(`failsafeHigh${failsafeEntryPeriod}`, two.upper),
      failsafeLow: ctx.indicator(`failsafeLow${failsafeEntryPeriod}`, two.lower),
      failsafeExitHigh: ctx.indicator(`failsafeExitHigh${failsafeExitPeriod}`, twoExit.upper),
      failsafeExitLow: ctx.indicator(`failsafeExitLow${failsafeExitPeriod}`, twoExit.lower),
      n: ctx.indicator(`atr${atrPeriod}`, atr(high, low, close, atrPeriod), { overlay: false }),
      memory,
    };
  },
  next(ctx, s) {
    const { skipAfterWinner, stopN, riskFraction, maxWeight, direction } = ctx.params;
    const memory = s.memory;
    const close = ctx.close.current;
    const side = ctx.position.side;
    // A position that closed since the previous bar: record whether a System 1 trade won.
    if (memory.side !== 'flat' && side === 'flat') {
      if (memory.system === 1) {
        const exit = memory.exitClose;
        memory.lastSystem1Won = !Number.isNaN(exit) && (memory.side === 'long' ? exit > memory.entryPrice : exit < memory.entryPrice);
      }
      memory.system = 0;
    }
    // A skipped System 1 breakout, followed on paper: a winner if it exits above its entry close.
    const paper = memory.paper;
    if (paper !== undefined) {
      const isLong = paper.side === 'long';
      if (isLong ? ctx.low.current <= paper.stop : ctx.high.current >= paper.stop) {
        memory.lastSystem1Won = false;
        memory.paper = undefined;
      } else if (isLong ? close < s.exitLow.ago(1) : close > s.exitHigh.ago(1)) {
        memory.lastSystem1Won = isLong ? close > paper.entry : close < paper.entry;
        memory.paper = undefined;
      }
    }
    if (side !== 'flat') memory.entryPrice = ctx.position.averagePrice;
    memory.side = side;
    memory.exitClose = NaN;

    if (side === 'long') {
      const exitLevel = memory.system === 2 ? s.failsafeExitLow.ago(1) : s.exitLow.ago(1);
      if (close < exitLevel) {
        memory.exitClose = close;
        ctx.closePosition();
      }
      return;
    }
    if (side === 'short') {
      const exitLevel = memory.system === 2 ? s.failsafeExitHigh.ago(1) : s.exitHigh.ago(1);
      if (close > exitLevel) {
        memory.exitClose = close;
        ctx.closePosition();
      }
      return;
    }
    // Flat: System 1 unless filtered, else the System 2 failsafe.
    const n = s.n.current;
    const canShort = direction === 'long-short';
    const breaksUp = close > s.entryHigh.ago(1);
    const breaksDown = canShort && close < s.entryLow.ago(1);
    const isFiltered = skipAfterWinner && memory.lastSystem1Won;
    if (isFiltered && memory.paper === undefined && (breaksUp || breaksDown)) {
      memory.paper = breaksUp ? { side: 'long', entry: close, stop: close - stopN * n } : { side: 'short', entry: close, stop: close + stopN * n };
    }
    const longSystem = breaksUp && !isFiltered ? 1 : close > s.failsafeHigh.ago(1) ? 2 : 0;
    const shortSystem = !canShort ? 0 : breaksDown && !isFiltered ? 1 : close < s.failsafeLow.ago(1) ? 2 : 0;
    const quantity = Math.floor(Math.min((riskFraction * ctx.equity) / n, (maxWeight * ctx.equity) / close));
    if (!(quantity > 0)) return;
    if (longSystem !== 0) {
      const stopLossPrice = close - stopN * n;
      ctx.buy({ quantity, ...(stopN > 0 && stopLossPrice > 0 ? { stopLossPrice } : {}) });
      memory.system = longSystem;
    } else if (shortSystem !== 0) {
      ctx.sell({ quantity, ...(stopN > 0 ? { stopLossPrice: close + stopN * n } : {}) });
      memory.system = shortSystem;
    }
  },
});
