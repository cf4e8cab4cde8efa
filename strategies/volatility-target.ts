/**
 * Volatility target: hold a long position whose weight (value / equity) is the target annual
 * volatility divided by the realized volatility of the last `period` daily returns, capped at
 * `maxWeight`; rebalance at the close when the weight drifts more than `band` from its target
 * (fills at the next open). The position shrinks when markets turn volatile and grows when they
 * calm down.
 *
 * Source: Alan Moreira and Tyler Muir, "Volatility-Managed Portfolios", Journal of Finance 72
 * (2017) 1611–1644 (scale exposure by the inverse of recent volatility), and Campbell Harvey,
 * Edward Hoyle, Russell Korgaonkar, Sandy Rattray, Matthew Sargaison and Otto Van Hemert, "The
 * Impact of Volatility Targeting", Journal of Portfolio Management 45 (2018): weight =
 * σ_target / σ̂ with σ̂ the realized volatility (src/indicators/realized-volatility.ts). Leverage
 * is capped at 1 (cash account), so the weight never exceeds `maxWeight`.
 */
import { realizedVolatility } from '../src/indicators/realized-volatility.js';
import { defineStrategy } from '../src/strategy/define-strategy.js';

export default defineStrategy({
  name: 'volatility-target',
  description: 'Long, sized to a target annual volatility over realized volatility, rebalanced on drift',
  category: 'volatility',
  tags: ['volatility-targeting', 'position-sizing', 'rebalance'],
  params: {
    target: { type: 'number', default: 0.1, min: 0.01, max: 1, step: 0.01, description: 'target annual volatility [fraction]' },
    period: { type: 'int', default: 20, min: 2, max: 500, step: 5, description: 'returns in the realized volatility [bars]' },
    periodsPerYear: { type: 'number', default: 252, min: 1, max: 100_000, step: 1, description: 'bars per year of the annualization (252 daily) [bars]' },
    maxWeight: { type: 'number', default: 0.95, min: 0.05, max: 1, step: 0.05, description: 'largest position value as a fraction of equity [fraction]' },
    band: { type: 'number', default: 0.2, min: 0, max: 1, step: 0.05, description: 'rebalance when the weight is this far from its target [fraction of equity]' },
  },
  init(ctx) {
    const { period, periodsPerYear } = ctx.params;
    return { volatility: ctx.indicator(`realizedVolatility${period}`, realizedVolatility(ctx.close, period, periodsPerYear), { overlay: false }) };
  },
  next(ctx, { volatility }) {
    const { target, maxWeight, band } = ctx.params;
    const close = ctx.close.current;
    const desired = Math.min(maxWeight, target / volatility.current);
    const weight = (ctx.position.signedQuantity * close) / ctx.equity;
    if (Math.abs(desired - weight) <= band) return;
    const units = Math.floor((desired * ctx.equity) / close) - ctx.position.signedQuantity;
    if (units > 0) ctx.buy({ quantity: units });
    else if (units < 0) ctx.sell({ quantity: -units });
  },
});
