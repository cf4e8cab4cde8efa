/**
 * Pairs trading on a z-score of the spread: the hedge ratio β is the rolling OLS slope of the
 * first symbol's close on the second's over `lookback` bars, the spread s = y − β·x, and
 * z its rolling z-score over `zPeriod` bars (population σ). When z > `entry` the spread is
 * rich: sell the first symbol and buy β units of the second per unit; when z < −`entry` the
 * reverse. The pair is closed when z comes back inside ±`exit`. Each entry commits `gross`
 * of equity to the two legs together (|y·q| + |β·x·q| = gross × equity, whole units), and
 * is skipped when β ≤ 0. Closes are the last close at or before each timestamp; both
 * symbols must have a bar to trade.
 *
 * Source: E. Gatev, W. N. Goetzmann and K. G. Rouwenhorst, "Pairs Trading: Performance of a
 * Relative-Value Arbitrage Rule", Review of Financial Studies (2006) (open on a 2σ divergence,
 * close on convergence); G. Vidyamurthy, "Pairs Trading: Quantitative Methods and Analysis"
 * (2004) for the regression hedge ratio.
 */
import { UsageError } from '../src/errors.js';
import { rollingBeta } from '../src/indicators/rolling-beta.js';
import { zScore } from '../src/indicators/zscore.js';
import { definePortfolioStrategy } from '../src/strategy/define-portfolio-strategy.js';

/** A symbol's close on the run's timeline: its last close at or before each timestamp (NaN before listing). */
function timelineClose(bars: { readonly close: Float64Array }, timelineIndex: Int32Array, length: number): Float64Array {
  const out = new Float64Array(length).fill(NaN);
  for (let k = 0; k < timelineIndex.length; k++) {
    const end = k + 1 < timelineIndex.length ? timelineIndex[k + 1] : length;
    out.fill(bars.close[k], timelineIndex[k], end);
  }
  return out;
}

export default definePortfolioStrategy({
  name: 'pairs-zscore',
  description: 'Portfolio: trade the spread of two symbols (rolling OLS hedge ratio) on its z-score',
  category: 'mean-reversion',
  tags: ['pairs', 'statistical-arbitrage', 'market-neutral', 'z-score'],
  params: {
    first: { type: 'int', default: 0, min: 0, max: 99, step: 1, description: 'position of the first symbol (y) in the data [index from 0]' },
    second: { type: 'int', default: 1, min: 0, max: 99, step: 1, description: 'position of the second symbol (x, the hedge) in the data [index from 0]' },
    lookback: { type: 'int', default: 24, min: 5, max: 1000, step: 1, description: 'hedge-ratio regression window [bars]' },
    zPeriod: { type: 'int', default: 12, min: 3, max: 500, step: 1, description: 'spread z-score window [bars]' },
    entry: { type: 'number', default: 1.5, min: 0.5, max: 4, step: 0.25, description: 'open when |z| exceeds this [standard deviations]' },
    exit: { type: 'number', default: 0.5, min: 0, max: 2, step: 0.25, description: 'close when |z| falls inside this [standard deviations]' },
    gross: { type: 'number', default: 0.5, min: 0.05, max: 0.9, step: 0.05, description: 'equity committed to both legs together [fraction]' },
  },
  validate: (p) =>
    p.first === p.second
      ? `first and second must be different symbols (both ${p.first})`
      : p.exit >= p.entry
        ? `exit (${p.exit}) must be below entry (${p.entry})`
        : undefined,
  init(ctx) {
    const { first, second, lookback, zPeriod } = ctx.params;
    for (const index of [first, second]) {
      if (index >= ctx.symbols.length) {
        throw new UsageError('BT_PARAM_INVALID', `strategy "pairs-zscore": symbol index ${index} is out of range: the data has ${ctx.symbols.length} symbols (${ctx.symbols.join(', ')})`, {
          hint: 'first and second count from 0 in the order the symbols appear in --data',
        });
      }
    }
    const ySymbol = ctx.symbols[first];
    const xSymbol = ctx.symbols[second];
    const length = ctx.time.length;
    const yData = ctx.data(ySymbol);
    const xData = ctx.data(xSymbol);
    const y = timelineClose(yData.bars, yData.timelineIndex, length);
    const x = timelineClose(xData.bars, xData.timelineIndex, length);
    const betaValues = rollingBeta(y, x, lookback);
    const spread = new Float64Array(length);
    for (let t = 0; t < length; t++) spread[t] = y[t] - betaValues[t] * x[t];
    return {
      ySymbol,
      xSymbol,
      beta: ctx.indicator(ySymbol, `hedgeRatio${lookback}`, betaValues, { overlay: false }),
      z: ctx.indicator(ySymbol, `spreadZ${zPeriod}`, zScore(spread, zPeriod), { overlay: false }),
    };
  },
  next(ctx, { ySymbol, xSymbol, beta, z }) {
    const { entry, exit, gross } = ctx.params;
    if (!ctx.isTradable(ySymbol) || !ctx.isTradable(xSymbol)) return;
    const score = z.current;
    if (score !== score) return;
    const leg = ctx.position(ySymbol);
    if (leg.isLong) {
      if (score > -exit) {
        ctx.closePosition(ySymbol);
        ctx.closePosition(xSymbol);
      }
      return;
    }
    if (leg.isShort) {
      if (score < exit) {
        ctx.closePosition(ySymbol);
        ctx.closePosition(xSymbol);
      }
      return;
    }
    if (ctx.pendingOrders.length > 0) return;
    if (!ctx.position(xSymbol).isFlat) {
      ctx.closePosition(xSymbol); // a hedge leg left alone (its partner was not filled)
      return;
    }
    if (!(Math.abs(score) > entry)) return;
    const hedge = beta.current;
    if (!(hedge > 0)) return;
    const y = ctx.data(ySymbol).close.current;
    const x = ctx.data(xSymbol).close.current;
    const units = Math.floor((gross * ctx.equity) / (y + hedge * x));
    const hedgeUnits = Math.floor(hedge * units);
    if (units < 1 || hedgeUnits < 1) return;
    // Sell first, so the short's proceeds are counted before the long leg is paid for.
    if (score > entry) {
      ctx.sell(ySymbol, { quantity: units, tag: 'pair-short' });
      ctx.buy(xSymbol, { quantity: hedgeUnits, tag: 'pair-short' });
    } else {
      ctx.sell(xSymbol, { quantity: hedgeUnits, tag: 'pair-long' });
      ctx.buy(ySymbol, { quantity: units, tag: 'pair-long' });
    }
  },
});
