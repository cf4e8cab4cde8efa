/**
 * Day of the week: buy on `entryDay` and sell `entryDay`→`exitDay` later, every week. With
 * `execution: close` both orders are market-on-close (`atClose`), so the position holds
 * exactly the close-to-close returns from the entry day's close to the exit day's close; with
 * `next-open` they fill at the next bar's open as usual. When the exit day is a holiday the
 * first bar after it exits; a week whose entry day is a holiday is skipped. Weekdays are
 * local days in the run's zone (`--tz`).
 *
 * The defaults (buy Monday's close, sell Friday's close) stand aside over the weekend and
 * Monday, the close-to-close span K. R. French found negative on average ("Stock Returns and
 * the Weekend Effect", Journal of Financial Economics, 1980; also M. R. Gibbons and P. Hess,
 * "Day of the Week Effects and Asset Returns", Journal of Business, 1981).
 */
import { defineStrategy } from '../src/strategy/define-strategy.js';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const TRADING_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;

export default defineStrategy({
  name: 'day-of-week',
  description: 'Hold from one weekday to another every week (by default Monday close to Friday close)',
  category: 'calendar',
  tags: ['seasonality', 'weekday', 'market-on-close'],
  params: {
    entryDay: { type: 'enum', values: TRADING_DAYS, default: 'monday', description: 'weekday whose bar buys' },
    exitDay: { type: 'enum', values: TRADING_DAYS, default: 'friday', description: 'weekday whose bar sells (a week later when equal to entryDay)' },
    execution: {
      type: 'enum',
      values: ['close', 'next-open'],
      default: 'close',
      description: "close: orders fill at that bar's close (market-on-close); next-open: at the next bar's open",
    },
  },
  init(ctx) {
    const session = new Int32Array(ctx.time.length);
    for (let t = 0; t < session.length; t++) session[t] = ctx.session(ctx.time[t]);
    const entry = WEEKDAYS.indexOf(ctx.params.entryDay);
    const exit = WEEKDAYS.indexOf(ctx.params.exitDay);
    return { session, entry, span: (exit - entry + 7) % 7 || 7, entrySession: NaN };
  },
  next(ctx, state) {
    const day = state.session[ctx.bar];
    const atClose = ctx.params.execution === 'close';
    if (ctx.position.isLong) {
      if (day >= state.entrySession + state.span) {
        if (atClose) ctx.sell({ quantity: ctx.position.quantity, atClose: true });
        else ctx.closePosition();
      }
    } else if (ctx.pendingOrders.length === 0 && (day + 4) % 7 === state.entry) {
      // Local day 0 (1970-01-01) was a Thursday.
      ctx.buy(atClose ? { atClose: true } : {});
      state.entrySession = day;
    }
  },
});
