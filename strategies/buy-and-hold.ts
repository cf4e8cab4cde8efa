/**
 * Buy and hold: buy at the close of the first bar (filled at the second bar's open) and sell
 * at the close of the second-to-last bar (filled at the last bar's open), so the run ends flat.
 * The benchmark every other strategy is compared with; golden cases `e_buy_hold_goog` and
 * `s5_buy_hold_sp500`.
 */
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'buy-and-hold',
  description: 'Buy on the first bar, sell at the last open: the passive benchmark',
  category: 'benchmark',
  tags: ['passive'],
  params: {},
  init() {
    return undefined;
  },
  next(ctx) {
    if (ctx.bar === 1 && ctx.position.isFlat) ctx.buy();
    if (ctx.bar === ctx.lastBar - 1 && !ctx.position.isFlat) ctx.closePosition();
  },
});
