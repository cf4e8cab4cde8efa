/**
 * Turn of the month: be long over the turn of each calendar month. Buy at the close of the
 * first bar within `daysBeforeEnd` calendar days of the month's end (filled at the next
 * open), and sell at the close of the `exitDay`-th bar of the new month (filled at the next
 * open). Days are local calendar days in the run's zone (`--tz`); one entry per month.
 *
 * The last trading day of a month is known only once the next bar arrives, so the entry is
 * keyed to the calendar: with the defaults the position is held from about the third-last
 * trading day through the third trading day of the new month.
 *
 * Source: R. A. Ariel, "A Monthly Effect in Stock Returns", Journal of Financial Economics
 * (1987); J. Lakonishok and S. Smidt, "Are Seasonal Anomalies Real? A Ninety-Year
 * Perspective", Review of Financial Studies (1988): returns concentrate from the last trading
 * day of a month through the first three of the next.
 */
import { defineStrategy } from '../src/strategy/define-strategy.js';

const DAY_MS = 86_400_000;

/** Per bar: day of month (1–31), days left in the month, month key (year × 12 + month), and bar count within its month (1-based). */
function calendarOf(time: Float64Array, session: (time: number) => number) {
  const n = time.length;
  const dayOfMonth = new Int32Array(n);
  const daysLeft = new Int32Array(n);
  const month = new Int32Array(n);
  const barOfMonth = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    const date = new Date(session(time[t]) * DAY_MS);
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth();
    dayOfMonth[t] = date.getUTCDate();
    daysLeft[t] = new Date(Date.UTC(y, m + 1, 0)).getUTCDate() - dayOfMonth[t];
    month[t] = y * 12 + m;
    barOfMonth[t] = t > 0 && month[t - 1] === month[t] ? barOfMonth[t - 1] + 1 : 1;
  }
  return { dayOfMonth, daysLeft, month, barOfMonth };
}

export default defineStrategy({
  name: 'turn-of-month',
  description: 'Hold over the turn of each month: enter near month end, exit after N bars of the new month',
  category: 'calendar',
  tags: ['seasonality', 'turn-of-month'],
  params: {
    daysBeforeEnd: { type: 'int', default: 4, min: 0, max: 15, step: 1, description: 'buy on the first bar with at most this many calendar days left in the month [days]' },
    exitDay: { type: 'int', default: 3, min: 1, max: 15, step: 1, description: 'sell at the close of this bar of the new month [bars]' },
  },
  init(ctx) {
    return { ...calendarOf(ctx.time, (time) => ctx.session(time)), enteredMonth: -1 };
  },
  next(ctx, state) {
    const t = ctx.bar;
    if (ctx.position.isLong) {
      if (state.month[t] !== state.enteredMonth && state.barOfMonth[t] >= ctx.params.exitDay) ctx.closePosition();
    } else if (ctx.position.isFlat && ctx.pendingOrders.length === 0 && state.month[t] !== state.enteredMonth && state.daysLeft[t] <= ctx.params.daysBeforeEnd) {
      ctx.buy();
      state.enteredMonth = state.month[t];
    }
  },
});
