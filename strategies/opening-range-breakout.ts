/**
 * Opening range breakout (intraday): the opening range is the high and low of the first
 * `openingBars` bars of each session. Once it is complete, buy the first close above the
 * range high (with `direction: long-short`, or short the first close below the range low),
 * at most one entry per session. A long exits on a close below the range low, or intrabar at
 * the range low with `rangeStop` (a stop-loss attached to the entry); a short mirrors this.
 * Every position is closed at the open of the session's last bar (the order is placed at the
 * close of the bar before), so nothing is held overnight, and no entry is placed that would
 * fill on that last bar.
 *
 * A session is a calendar day in the run's time zone (`--tz`, UTC by default; `ctx.session`),
 * so with `--tz America/New_York` a session is a New York trading day whatever the season.
 * The session calendar, i.e. which bar is a session's last, is read from the bar timestamps in `init`
 * (the last bar before a new day starts, or the last bar of the data), as a trader knows
 * when the market closes; prices are only read causally. On daily (or coarser) bars every
 * bar is its own session, so the range is never broken and the strategy never trades: it
 * needs intraday bars.
 *
 * Source: Toby Crabel, "Day Trading with Short Term Price Patterns and Opening Range
 * Breakout" (1990); the opposite side of the range as the stop is the common textbook form.
 */
import { defineStrategy } from '../src/strategy/define-strategy.js';
import type { SeriesView } from '../src/strategy/series-view.js';

interface OpeningRangeState {
  readonly rangeHigh: SeriesView;
  readonly rangeLow: SeriesView;
  /** Bars after each bar in its session (the session calendar, from timestamps only). */
  readonly barsLeft: Float64Array;
  /** Session (local calendar day in the run's zone) of each bar. */
  readonly sessions: Float64Array;
  /** Session of the last entry, so each session trades at most once. */
  lastEntrySession: number;
}

export default defineStrategy({
  name: 'opening-range-breakout',
  description: "Intraday: trade a break of the first N bars' range, flat by each session's last bar",
  category: 'volatility',
  tags: ['breakout', 'opening-range', 'intraday', 'long-short'],
  params: {
    openingBars: {
      type: 'int',
      default: 6,
      min: 1,
      max: 500,
      step: 1,
      description: 'bars in the opening range (6 = the first 30 minutes of 5-minute bars)',
    },
    rangeStop: { type: 'boolean', default: true, description: 'stop-loss at the opposite side of the range' },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only, or also short a close below the range',
    },
  },
  init(ctx): OpeningRangeState {
    const { openingBars } = ctx.params;
    const { time, high, low } = ctx;
    const n = time.length;
    const sessions = Float64Array.from(time, (t) => ctx.session(t));
    const sessionOf = (t: number): number => sessions[t];
    // The range is unknown (NaN) until its last bar has closed.
    const rangeHigh = new Float64Array(n).fill(NaN);
    const rangeLow = new Float64Array(n).fill(NaN);
    let start = 0;
    let highest = NaN;
    let lowest = NaN;
    for (let t = 0; t < n; t++) {
      if (t > 0 && sessionOf(t) !== sessionOf(t - 1)) start = t;
      const k = t - start;
      if (k === 0) {
        highest = high[t];
        lowest = low[t];
      } else if (k < openingBars) {
        highest = Math.max(highest, high[t]);
        lowest = Math.min(lowest, low[t]);
      }
      if (k >= openingBars - 1) {
        rangeHigh[t] = highest;
        rangeLow[t] = lowest;
      }
    }
    const barsLeft = new Float64Array(n);
    let end = n - 1;
    for (let t = n - 1; t >= 0; t--) {
      if (t < n - 1 && sessionOf(t) !== sessionOf(t + 1)) end = t;
      barsLeft[t] = end - t;
    }
    return {
      // Warm-up 0: each session's first bars have no range yet, which is not a warm-up of the series.
      rangeHigh: ctx.indicator(`openingHigh${openingBars}`, rangeHigh, { warmup: 0 }),
      rangeLow: ctx.indicator(`openingLow${openingBars}`, rangeLow, { warmup: 0 }),
      barsLeft,
      sessions,
      lastEntrySession: NaN,
    };
  },
  next(ctx, state) {
    const { rangeStop, direction } = ctx.params;
    const barsLeft = state.barsLeft[ctx.bar];
    const close = ctx.close.current;
    const high = state.rangeHigh.current;
    const low = state.rangeLow.current;
    if (ctx.position.isLong) {
      if (barsLeft <= 1 || close < low) ctx.closePosition();
      return;
    }
    if (ctx.position.isShort) {
      if (barsLeft <= 1 || close > high) ctx.closePosition();
      return;
    }
    const session = state.sessions[ctx.bar];
    if (barsLeft < 2 || session === state.lastEntrySession) return;
    if (close > high) {
      ctx.buy(rangeStop && low > 0 ? { stopLossPrice: low } : {});
      state.lastEntrySession = session;
    } else if (direction === 'long-short' && close < low) {
      ctx.sell(rangeStop ? { stopLossPrice: high } : {});
      state.lastEntrySession = session;
    }
  },
});
