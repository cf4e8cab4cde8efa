/**
 * Time-series momentum, 12-1: on the first bar of each calendar month, go (or stay) long when
 * the return from `lookback` bars ago to `skip` bars ago is positive, and exit when it is not;
 * with `direction: long-short`, short when it is negative. Positions change only at those
 * monthly decisions (filled at the next open).
 *
 * Source: Tobias Moskowitz, Yao Hua Ooi and Lasse Heje Pedersen, "Time Series Momentum",
 * Journal of Financial Economics 104 (2012) 228–250: an asset's own past 12-month excess return
 * predicts its next month's, across 58 futures and forwards; they hold long or short by the sign
 * of the 12-month return, rebalanced monthly, each position scaled to 40 % volatility. Here the
 * most recent month is skipped (the "12-1" return of Jegadeesh and Titman, 1993), the position
 * is the run's sizing (all-in) rather than volatility-scaled (see `volatility-target`), and
 * returns are price returns. Defaults assume daily bars (252 a year, 21 a month).
 */
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'time-series-momentum',
  description: 'Monthly: long while the 12-1 month return is positive (Moskowitz, Ooi, Pedersen 2012)',
  category: 'momentum',
  tags: ['absolute-momentum', 'trend', 'monthly', 'long-short'],
  params: {
    lookback: { type: 'int', default: 252, min: 2, max: 2520, step: 21, description: 'start of the return window, bars before the decision (252 = 12 months of daily bars) [bars]' },
    skip: { type: 'int', default: 21, min: 0, max: 252, step: 21, description: 'end of the return window, bars before the decision (21 = skip the last month) [bars]' },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only (cash when the return is not positive), or short when it is negative',
    },
  },
  validate: (p) => (p.skip >= p.lookback ? `skip (${p.skip}) must be below lookback (${p.lookback})` : undefined),
  init(ctx) {
    const { lookback, skip } = ctx.params;
    const { close, time } = ctx;
    const momentum = new Float64Array(close.length).fill(NaN);
    for (let t = lookback; t < close.length; t++) momentum[t] = close[t - skip] / close[t - lookback] - 1;
    // 1 on the first bar of a calendar month in the run's time zone (bar 0 has no previous bar).
    const monthOf = (t: number): number => {
      const day = new Date(ctx.session(time[t]) * 86_400_000);
      return day.getUTCFullYear() * 12 + day.getUTCMonth();
    };
    const monthStart = new Float64Array(close.length);
    if (close.length > 0) monthStart[0] = NaN;
    for (let t = 1; t < close.length; t++) monthStart[t] = monthOf(t) !== monthOf(t - 1) ? 1 : 0;
    return {
      momentum: ctx.indicator(`momentum${lookback}_${skip}`, momentum, { overlay: false }),
      monthStart: ctx.indicator('monthStart', monthStart, { overlay: false }),
    };
  },
  next(ctx, { momentum, monthStart }) {
    if (monthStart.current !== 1) return;
    const value = momentum.current;
    const wantsLong = value > 0;
    const wantsShort = ctx.params.direction === 'long-short' && value < 0;
    if (ctx.position.isLong && !wantsLong) ctx.closePosition();
    if (ctx.position.isShort && !wantsShort) ctx.closePosition();
    if (wantsLong && !ctx.position.isLong) ctx.buy();
    if (wantsShort && !ctx.position.isShort) ctx.sell();
  },
});
