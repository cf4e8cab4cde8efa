import { describe, expect, it } from 'vitest';
import { sma } from '../indicators/sma.js';
import { defineStrategy, type Strategy } from '../strategy/define-strategy.js';
import { resolveParams, type ParamSchema } from '../strategy/params.js';
import { DEFAULT_RUN_OPTIONS, loadSp500 } from '../../test/helpers/bundled-data.js';
import { BUILTIN_NAMES, BUILTIN_STRATEGIES } from '../strategy/builtins.js';
import { auditCuts, auditLookAhead, portfolioTarget, singleAssetTarget, type AuditReport } from './look-ahead-audit.js';
import { sliceBars, type BarSeries } from '../data/bar-series.js';
import { isPortfolioStrategy, type PortfolioStrategy } from '../strategy/define-portfolio-strategy.js';

const bars = loadSp500();

function audit(strategy: Strategy, cuts = 20): AuditReport {
  return auditLookAhead(singleAssetTarget(bars, strategy, resolveParams(strategy.params as ParamSchema), DEFAULT_RUN_OPTIONS), { cuts });
}

/** A centred moving average: bar t averages t−2 … t+2, so it reads two bars ahead. */
function centredMean(values: Float64Array, half: number): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  for (let t = half; t + half < values.length; t++) {
    let sum = 0;
    for (let k = -half; k <= half; k++) sum += values[t + k];
    out[t] = sum / (2 * half + 1);
  }
  return out;
}

const causal = defineStrategy({
  name: 'causal-cross',
  description: 'SMA 10/30 cross',
  params: {},
  init: (ctx) => ({ fast: ctx.indicator('fast', sma(ctx.close, 10)), slow: ctx.indicator('slow', sma(ctx.close, 30)) }),
  next(ctx, s) {
    if (s.fast.current > s.slow.current && ctx.position.isFlat) ctx.buy();
    else if (s.fast.current < s.slow.current && ctx.position.isLong) ctx.closePosition();
  },
});

const centred = defineStrategy({
  name: 'centred',
  description: 'trades on a centred mean (looks two bars ahead)',
  params: {},
  init: (ctx) => ({ mean: ctx.indicator('centred', centredMean(ctx.close, 2)) }),
  next(ctx, s) {
    if (ctx.close.current > s.mean.current && ctx.position.isFlat) ctx.buy();
    else if (ctx.close.current < s.mean.current && ctx.position.isLong) ctx.closePosition();
  },
});

const peeking = defineStrategy({
  name: 'peeking',
  description: 'buys when tomorrow closes higher, read from the array kept in init',
  params: {},
  init: (ctx) => ({ closes: ctx.close, sma: ctx.indicator('sma5', sma(ctx.close, 5)) }),
  next(ctx, s) {
    const tomorrow = s.closes[ctx.bar + 1];
    if (tomorrow > ctx.close.current && ctx.position.isFlat) ctx.buy({ quantity: 1 });
    else if (tomorrow < ctx.close.current && ctx.position.isLong) ctx.closePosition();
  },
});

const endOfData = defineStrategy({
  name: 'end-of-data',
  description: 'buys once and sells on the second-to-last bar',
  params: {},
  init: () => undefined,
  next(ctx) {
    if (ctx.bar === 1) ctx.buy();
    if (ctx.bar === ctx.lastBar - 1) ctx.closePosition();
  },
});

describe('auditCuts', () => {
  it('spans the first decision bar to the second-to-last bar, evenly, without repeats', () => {
    expect(auditCuts(100, 10, 3)).toEqual([10, 32, 54, 76, 98]);
    expect(auditCuts(13, 10, 5)).toEqual([10, 11]);
    expect(auditCuts(12, 10, 5)).toEqual([10]);
    expect(auditCuts(11, 10, 5)).toEqual([]);
  });
});

describe('auditLookAhead', () => {
  it('finds nothing in a causal strategy', () => {
    const report = audit(causal as unknown as Strategy);
    expect(report).toMatchObject({ strategy: 'causal-cross', bars: 5105, firstDecisionBar: 30, clean: true, first: null, findings: [], indicators: ['fast', 'slow'] });
    expect(report.cuts).toHaveLength(22);
    expect(report.cuts[0]).toBe(30);
    expect(report.cuts.at(-1)).toBe(5103);
    expect(report.orders).toBeGreaterThan(100);
  });

  it('reports a centred indicator at the bar before each cut', () => {
    const report = audit(centred as unknown as Strategy);
    expect(report.clean).toBe(false);
    expect(report.findings, 'every cut sees the last two values change').toHaveLength(report.cuts.length);
    expect(report.findings[0], 'on 4 bars the centred mean has no value at all').toMatchObject({ cut: 3, kind: 'error', subject: 'BT_DATA_TOO_SHORT' });
    const first = report.first!;
    expect(first).toMatchObject({ cut: report.cuts[1], bar: report.cuts[1] - 1, kind: 'indicator', subject: 'centred', truncated: 'NaN' });
    expect(Number(first.full)).toBeCloseTo((bars.close[first.bar - 2] + bars.close[first.bar - 1] + bars.close[first.bar] + bars.close[first.bar + 1] + bars.close[first.bar + 2]) / 5, 9);
    expect(first.time).toBe(bars.time[first.bar]);
  });

  it('reports a next() that reads the following bar through an array kept from init', () => {
    const report = audit(peeking as unknown as Strategy);
    expect(report.clean).toBe(false);
    const first = report.first!;
    expect(first.kind).toBe('order');
    expect(first.bar, 'the decision at the cut bar itself').toBe(first.cut);
    expect(first.full).toMatch(/^(buy market|sell market)/);
    expect(first.truncated).toBe('no order');
  });

  it('does not report end-of-data rules: ctx.lastBar is the full data\'s on every copy', () => {
    expect(audit(endOfData as unknown as Strategy).clean).toBe(true);
  });

  it('every built-in strategy passes (portfolios on two symbols, one listed later)', async () => {
    const later = sliceBars(bars, 300, bars.length);
    const second: BarSeries = { ...later, symbol: 'LATER', close: later.close.map((c, i) => c * (1 + 0.1 * Math.sin(i / 20))) };
    const portfolioData = [{ ...bars, symbol: 'FIRST' }, { ...second, high: second.high.map((h, i) => Math.max(h, second.close[i])), low: second.low.map((l, i) => Math.min(l, second.close[i])) }];
    for (const name of BUILTIN_NAMES) {
      const strategy = (await BUILTIN_STRATEGIES[name]()).default as Strategy | PortfolioStrategy;
      const params = resolveParams(strategy.params as ParamSchema);
      const target = isPortfolioStrategy(strategy) ? portfolioTarget(portfolioData, strategy, params, DEFAULT_RUN_OPTIONS) : singleAssetTarget(bars, strategy, params, DEFAULT_RUN_OPTIONS);
      const report = auditLookAhead(target, { cuts: 8 });
      expect(report.first, name).toBeNull();
      if (name !== 'opening-range-breakout') expect(report.orders, `${name} trades, so decisions were compared`).toBeGreaterThan(0);
      if (isPortfolioStrategy(strategy)) expect(report.cuts[0], 'cuts start once both symbols trade').toBeGreaterThanOrEqual(300);
    }
  });
});
