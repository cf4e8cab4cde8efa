/**
 * Kaufman adaptive moving average trend: buy when the close is above KAMA and KAMA has turned up
 * (its one-bar change exceeds the filter), exit when the close is below KAMA and KAMA has turned
 * down (its change is below minus the filter); with `direction: long-short` that down turn also
 * opens a short, closed by the next up turn. The filter is `filter` standard deviations (sample)
 * of the last 20 one-bar KAMA changes, so the noise KAMA still shows in a range does not count
 * as a turn.
 *
 * Source: Perry Kaufman, "Trading Systems and Methods" (5th ed., 2013, ch. 17, "Adaptive
 * Techniques"; first in "Smarter Trading", 1995): KAMA's smoothing constant follows the
 * efficiency ratio, so it hugs price in a trend and flattens in noise; a buy is a KAMA rise of
 * more than a filter of a fraction of the standard deviation of its 20 last changes, a sell the
 * mirror. Defaults are his 10/2/30 with a 0.5 filter.
 */
import { kama } from '../src/indicators/kama.js';
import { stdev } from '../src/indicators/stdev.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

/** Changes in the filter's standard deviation (Kaufman's 20) [bars]. */
const FILTER_PERIOD = 20;

export default defineStrategy({
  name: 'kama-trend',
  description: 'Close above a Kaufman adaptive moving average that turned up by more than its noise filter',
  category: 'trend',
  tags: ['moving-average', 'adaptive', 'kama', 'long-short'],
  params: {
    period: { type: 'int', default: 10, min: 1, max: 200, step: 2, description: 'efficiency-ratio length [bars]' },
    fastPeriod: { type: 'int', default: 2, min: 1, max: 50, step: 1, description: 'fastest EMA-equivalent length [bars]' },
    slowPeriod: { type: 'int', default: 30, min: 2, max: 500, step: 5, description: 'slowest EMA-equivalent length [bars]' },
    filter: { type: 'number', default: 0.5, min: 0, max: 3, step: 0.1, description: 'minimum one-bar KAMA change for a turn [standard deviations of its last 20 changes]' },
    direction: {
      type: 'enum',
      values: ['long-only', 'long-short'],
      default: 'long-only',
      description: 'long-only, or also short a close below KAMA when KAMA turns down',
    },
  },
  validate: (p) => (p.fastPeriod >= p.slowPeriod ? `fastPeriod (${p.fastPeriod}) must be below slowPeriod (${p.slowPeriod})` : undefined),
  init(ctx) {
    const { period, fastPeriod, slowPeriod, filter } = ctx.params;
    const line = kama(ctx.close, period, fastPeriod, slowPeriod);
    const change = new Float64Array(line.length).fill(NaN);
    for (let t = period + 1; t < line.length; t++) change[t] = line[t] - line[t - 1];
    const noise = stdev(change.subarray(period + 1), FILTER_PERIOD, 1);
    const threshold = new Float64Array(line.length).fill(NaN);
    threshold.set(noise.map((sigma) => filter * sigma), period + 1);
    return {
      kama: ctx.indicator(`kama${period}_${fastPeriod}_${slowPeriod}`, line),
      change: ctx.indicator(`kamaChange${period}`, change, { overlay: false }),
      threshold: ctx.indicator(`kamaFilter${period}_${FILTER_PERIOD}`, threshold, { overlay: false }),
    };
  },
  next(ctx, { kama: line, change, threshold }) {
    const close = ctx.close.current;
    const rising = change.current > threshold.current;
    const falling = change.current < -threshold.current;
    const upTrend = close > line.current && rising;
    const downTrend = close < line.current && falling;
    const goesShort = ctx.params.direction === 'long-short' && downTrend;
    if (ctx.position.isLong) {
      if (downTrend) ctx.closePosition();
      if (goesShort) ctx.sell();
    } else if (ctx.position.isShort) {
      if (upTrend) ctx.closePosition();
      if (upTrend) ctx.buy();
    } else if (upTrend) ctx.buy();
    else if (goesShort) ctx.sell();
  },
});
