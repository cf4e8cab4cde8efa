/**
 * The commented starter strategy that `bt init-strategy NAME` writes: an EMA crossover with
 * an ATR-based bracket (stop-loss and take-profit), showing params, indicators, orders and
 * the position. README.md shows the same file.
 */

/**
 * Returns the starter file's source for a strategy called `name` (kebab-case).
 */
export function starterStrategySource(name: string): string {
  return `/**
 * ${name}: an EMA crossover with an ATR-based stop-loss and take-profit.
 *
 * Run it (no build step):   bt run --strategy ./${name}.ts --strat fast=12,slow=40
 * See its parameters:       bt strategies ./${name}.ts
 */
import { atr, crossedAbove, crossedBelow, defineStrategy, ema } from 'bt';

export default defineStrategy({
  name: '${name}',
  description: 'EMA crossover entries with an ATR stop-loss and take-profit',
  category: 'trend', // its family: trend, mean-reversion, momentum, volatility, pattern, calendar, multi-factor
  tags: ['crossover', 'atr-stop'],
  // Parameters are data: they validate --strat and YAML values and drive the optimizer.
  params: {
    fast: { type: 'int', default: 10, min: 2, max: 200, step: 2, description: 'fast EMA length [bars]' },
    slow: { type: 'int', default: 30, min: 3, max: 400, step: 5, description: 'slow EMA length [bars]' },
    atrPeriod: { type: 'int', default: 14, min: 2, max: 100, description: 'ATR length [bars]' },
    stopAtr: { type: 'number', default: 2, min: 0.5, max: 10, step: 0.5, description: 'stop-loss distance [ATRs below the signal close]' },
    targetAtr: { type: 'number', default: 4, min: 0.5, max: 20, step: 0.5, description: 'take-profit distance [ATRs above the signal close]' },
  },
  // Parameter combinations that make no sense are reported as usage errors (exit 2).
  validate: (p) => (p.fast < p.slow ? undefined : \`fast (\${p.fast}) must be below slow (\${p.slow})\`),

  // init runs once: compute indicators over the whole series and register them.
  // The first decision bar is 1 + the longest warm-up of the registered indicators.
  init(ctx) {
    return {
      fast: ctx.indicator('emaFast', ema(ctx.close, ctx.params.fast)),
      slow: ctx.indicator('emaSlow', ema(ctx.close, ctx.params.slow)),
      atr: ctx.indicator('atr', atr(ctx.high, ctx.low, ctx.close, ctx.params.atrPeriod), { overlay: false }),
    };
  },

  // next runs at the close of every bar; views reveal values up to this bar only
  // (x.current, x.ago(1) …). Orders placed here fill at the next bar's open.
  next(ctx, { fast, slow, atr: range }) {
    const close = ctx.close.current;
    if (ctx.position.isFlat && crossedAbove(fast, slow)) {
      ctx.buy({
        fraction: 1, // all available equity; or quantity / cash / riskFraction
        stopLossPrice: close - ctx.params.stopAtr * range.current,
        takeProfitPrice: close + ctx.params.targetAtr * range.current,
      });
    } else if (ctx.position.isLong && crossedBelow(fast, slow)) {
      ctx.closePosition(); // also cancels the open bracket
    }
  },
});
`;
}
