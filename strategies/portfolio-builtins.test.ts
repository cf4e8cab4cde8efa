/**
 * The built-in portfolio strategies (issue 6) on generated multi-symbol data: they run with
 * every enum value, do not look ahead, and make the choices their rules say.
 */
import { describe, expect, it } from 'vitest';
import type { BarSeries } from '../src/data/bar-series.js';
import { ALL_IN_FRACTION } from '../src/engine/broker.js';
import { runPortfolio, type PortfolioRunOptions } from '../src/engine/run-portfolio.js';
import { resolveParams, type ParamSchema } from '../src/strategy/params.js';
import type { PortfolioStrategy } from '../src/strategy/define-portfolio-strategy.js';
import dualMomentum from './dual-momentum.js';
import equalWeight from './equal-weight.js';
import inverseVolatility from './inverse-volatility.js';
import crossSectionalMomentum from './cross-sectional-momentum.js';
import pairsZscore from './pairs-zscore.js';
import riskParity from './risk-parity.js';

const DAY = 86_400_000;

/** Daily close-only series: close[t] = start × growth^t × (1 + wobble × sin(t)), from day `from`. */
function series(symbol: string, n: number, growth: number, wobble: number, from = 0): BarSeries {
  const time = Float64Array.from({ length: n }, (_, t) => Date.UTC(2020, 0, 1) + (from + t) * DAY);
  const close = Float64Array.from({ length: n }, (_, t) => 100 * growth ** t * (1 + wobble * Math.sin(t)));
  return {
    symbol,
    time,
    open: close,
    high: close,
    low: close,
    close,
    volume: new Float64Array(n).fill(NaN),
    length: n,
    extra: {},
    intraday: false,
    source: { file: `${symbol}.csv`, dialect: 'generated', sha256: '' },
  };
}

const feeds = [series('SLOW', 400, 1.0002, 0.01), series('FAST', 400, 1.002, 0.03), series('FALL', 400, 0.998, 0.002), series('LATE', 300, 1.001, 0.05, 100)];
const options: PortfolioRunOptions = {
  broker: {
    initialCash: 100_000,
    commission: { rate: 0.001, fixed: 0 },
    slippageRate: 0,
    fractional: false,
    fillAt: 'next-open',
    defaultStopLoss: undefined,
    defaultTakeProfit: undefined,
    defaultTrailingStop: undefined,
  },
  defaultSizing: { kind: 'fraction', fraction: ALL_IN_FRACTION },
  closeAtEnd: false,
};
const run = <S extends ParamSchema, State>(strategy: PortfolioStrategy<S, State>, values: Record<string, unknown> = {}, data: readonly BarSeries[] = feeds) =>
  runPortfolio(data, strategy, resolveParams(strategy.params, { values, origin: 'flag' }), options);

describe.each([equalWeight, dualMomentum, inverseVolatility, pairsZscore, crossSectionalMomentum, riskParity] as unknown as PortfolioStrategy[])('portfolio built-in %s', (strategy) => {
  it('runs with every enum value, without rejected orders', () => {
    for (const [param, spec] of Object.entries(strategy.params)) {
      if (spec.type !== 'enum') continue;
      for (const value of spec.values) {
        const result = run(strategy, { [param]: value });
        expect(result.fills.length, `${param}=${value}`).toBeGreaterThan(0);
        expect(result.rejectedOrders, `${param}=${value}`).toEqual([]);
      }
    }
  });

  it('does not look ahead: changing the bars after bar 250 leaves every fill up to it unchanged', () => {
    const cut = 250;
    const changed = feeds.map((s): BarSeries => {
      const close = s.close.map((c, t) => (s.time[t] > Date.UTC(2020, 0, 1) + cut * DAY ? c * (1 + 0.3 * Math.sin(t / 3)) : c));
      return { ...s, open: close, high: close, low: close, close };
    });
    const before = run(strategy);
    const after = run(strategy, {}, changed);
    expect(after.fills.filter((f) => f.bar <= cut)).toEqual(before.fills.filter((f) => f.bar <= cut));
  });
});

describe('equal-weight', () => {
  it('rebalances on the first bar of each month by default, and every N bars on request', () => {
    const monthly = run(equalWeight);
    const submitted = new Set(monthly.orders.map((o) => o.order.submittedBar));
    for (const bar of submitted) {
      const day = new Date(monthly.feeds.time[bar]);
      expect(bar === monthly.firstDecisionBar || day.getUTCDate() === 1, day.toISOString()).toBe(true);
    }
    const every = run(equalWeight, { rebalance: 'bars', every: 50 });
    expect([...new Set(every.orders.map((o) => o.order.submittedBar))]).toEqual([1, 51, 101, 151, 201, 251, 301, 351]);
  });

  it('holds the late-listed symbol from its first bar on', () => {
    const result = run(equalWeight, { rebalance: 'bars', every: 1 });
    const late = result.fills.find((f) => result.symbols[f.symbol] === 'LATE');
    expect(late!.bar).toBe(101);
  });
});

describe('dual-momentum', () => {
  it('holds the strongest symbol (FAST), never the falling one', () => {
    const result = run(dualMomentum, { lookback: 20 });
    const bought = new Set(result.fills.filter((f) => f.side === 'buy').map((f) => result.symbols[f.symbol]));
    expect(bought.has('FAST')).toBe(true);
    expect(bought.has('FALL')).toBe(false);
  });

  it('rotates into cash when no symbol beats minReturn (absolute momentum)', () => {
    const result = run(dualMomentum, { lookback: 20, minReturn: 10 });
    expect(result.fills).toEqual([]);
  });
});

describe('inverse-volatility', () => {
  it('gives the calmest symbol the largest weight', () => {
    const result = run(inverseVolatility, { lookback: 20 });
    const byWeight = [...result.breakdown].sort((a, b) => b.averageWeight - a.averageWeight).map((b) => b.symbol);
    expect(byWeight[0]).toBe('FALL');
    expect(byWeight.at(-1)).toBe('LATE');
  });
});
