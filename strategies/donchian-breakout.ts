/**
 * Donchian channel breakout, turtle style: buy when the close ends above the highest high of
 * the `entryPeriod` bars before it (the channel as it stood at the previous bar, so the
 * signal bar itself is not part of it), and exit when the close ends below the lowest low of
 * the `exitPeriod` bars before it. Each entry also carries a stop-loss `atrStop` ATRs below
 * the signal close (`stopLossPrice`; `atrStop: 0` turns it off). With
 * `direction: long-short` the mirror rules trade shorts.
 *
 * Source: Richard Donchian's channel ("four-week rule"), as the Turtles traded it (Curtis
 * Faith, "Way of the Turtle", 2007; System 1): 20-bar entry breakout, 10-bar exit, a 2N stop
 * with N the 20-bar ATR. Here decisions are taken on closes and fill at the next open, where
 * the Turtles used intraday stop orders at the channel; the stop is set from the signal close
 * (the fill price is not known when the order is placed), and positions are all-in (or the
 * run's sizing) rather than volatility-sized units.
 */
import { atr } from '../src/indicators/atr.js';
import { donchian } from '../src/indicators/donchian.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'donchian-breakout',
  description: 'Turtle-style close beyond the previous N-bar channel, shorter-channel exit, ATR stop',
  category: 'trend',
  tags: ['breakout', 'channel', 'donchian', 'atr-stop', 'long-short'],
  params: {
    entryPeriod: { type: 'int', default: 20, min: 2, max: 500, step: 5, description: 'entry channel length [bars]' },
    exitPeriod: { type: 'int', default: 10, min: 1, max: 500, step: 5, description: 'exit channel length, shorter than the entry one [bars]' },
    atrPeriod: { type: 'int', default: 20, min: 1, max: 500, step: 5, description: 'ATR length of the stop [bars]' },
    atrStop: {
      type: 'number',
      default: 2,
      min: 0,
      max: 20,
      step: 0.5,
      description: 'stop-loss distance from the signal close [ATRs]; 0 = no stop',
    },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only, or also short breaks below the channel',
    },
  },
  validate: (p) =>
    p.exitPeriod >= p.entryPeriod ? `exitPeriod (${p.exitPeriod}) must be below entryPeriod (${p.entryPeriod})` : undefined,
  init(ctx) {
    const { entryPeriod, exitPeriod, atrPeriod } = ctx.params;
    const entry = donchian(ctx.high, ctx.low, entryPeriod);
    const exit = donchian(ctx.high, ctx.low, exitPeriod);
    return {
      entryHigh: ctx.indicator(`donchianHigh${entryPeriod}`, entry.upper),
      entryLow: ctx.indicator(`donchianLow${entryPeriod}`, entry.lower),
      exitHigh: ctx.indicator(`donchianHigh${exitPeriod}`, exit.upper),
      exitLow: ctx.indicator(`donchianLow${exitPeriod}`, exit.lower),
      atr: ctx.indicator(`atr${atrPeriod}`, atr(ctx.high, ctx.low, ctx.close, atrPeriod), { overlay: false }),
    };
  },
  next(ctx, { entryHigh, entryLow, exitHigh, exitLow, atr: range }) {
    const { atrStop, direction } = ctx.params;
    const close = ctx.close.current;
    // The channels of the previous bar: a close can never exceed a channel that includes its own bar.
    const breaksUp = close > entryHigh.ago(1);
    const breaksDown = direction === 'long-short' && close < entryLow.ago(1);
    const stopDistance = atrStop * range.current;
    const buy = (): void => {
      const stopLossPrice = close - stopDistance;
      ctx.buy(atrStop > 0 && stopLossPrice > 0 ? { stopLossPrice } : {});
    };
    const sell = (): void => {
      ctx.sell(atrStop > 0 ? { stopLossPrice: close + stopDistance } : {});
    };
    if (ctx.position.isLong) {
      if (close < exitLow.ago(1)) ctx.closePosition();
      if (breaksDown) sell();
    } else if (ctx.position.isShort) {
      if (close > exitHigh.ago(1)) ctx.closePosition();
      if (breaksUp) buy();
    } else if (breaksUp) buy();
    else if (breaksDown) sell();
  },
});
