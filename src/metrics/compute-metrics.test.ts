import { describe, expect, it } from 'vitest';
import type { Trade } from '../engine/types.js';
import { DAY_MS } from './bar-period.js';
import { computeMetrics } from './compute-metrics.js';
import { metricKeys } from './registry.js';
import type { Metrics, MetricsInput } from './types.js';

const MONDAY = Date.UTC(2024, 0, 1); // 2024-01-01 was a Monday

/** `count` consecutive weekdays from Monday 2024-01-01 (no weekend bars, so A = 252). */
function weekdays(count: number): Float64Array {
  const time = new Float64Array(count);
  let day = 0;
  for (let i = 0; i < count; i++) {
    if (day % 7 === 5) day += 2;
    time[i] = MONDAY + day * DAY_MS;
    day++;
  }
  return time;
}

type TradeFields = Partial<Trade> & Pick<Trade, 'entryBar' | 'exitBar' | 'pnl' | 'netReturn'>;

function trade(fields: TradeFields, time: Float64Array): Trade {
  return {
    id: 1,
    symbol: 0,
    side: 'long',
    quantity: 1,
    entryTime: time[fields.entryBar],
    entryPrice: 100,
    exitTime: time[fields.exitBar],
    exitPrice: 100,
    grossPnl: fields.pnl,
    commission: 0,
    slippage: 0,
    barsHeld: fields.exitBar - fields.entryBar,
    exitReason: 'signal',
    tag: undefined,
    ...fields,
  };
}

function run(input: Partial<MetricsInput> & Pick<MetricsInput, 'equity'>): Metrics {
  const n = input.equity.length;
  return computeMetrics({
    time: input.time ?? weekdays(n),
    close: input.close ?? Float64Array.from({ length: n }, (_, i) => 10 + i),
    trades: input.trades ?? [],
    firstDecisionBar: input.firstDecisionBar ?? 1,
    equity: input.equity,
  });
}

function expectNoNonFinite(metrics: Metrics): void {
  for (const key of metricKeys) {
    const value = metrics.values[key];
    if (value === null) expect(metrics.nullReasons[key], `${key} is null with a reason`).toBeTruthy();
    else expect(Number.isFinite(value), `${key} = ${value} is finite`).toBe(true);
  }
}

describe('computeMetrics', () => {
  it('returns every registry key, in registry order', () => {
    const metrics = run({ equity: Float64Array.from([100, 101, 99]) });
    expect(Object.keys(metrics.values)).toEqual(metricKeys);
  });

  it('without trades on flat equity: zero returns, trade stats and ratios null with reasons', () => {
    const close = Float64Array.from([10, 11, 12, 11, 13, 12]);
    const metrics = run({ equity: new Float64Array(6).fill(10_000), close });
    const { values, nullReasons } = metrics;
    expect(values).toMatchObject({
      tradeCount: 0,
      commissions: 0,
      exposure: 0,
      equityFinal: 10_000,
      equityPeak: 10_000,
      totalReturn: 0,
      annualReturn: 0,
      annualVolatility: 0,
      cagr: 0,
      maxDrawdown: 0,
      maxDrawdownBars: 0,
      beta: 0,
      alpha: 0,
    });
    expect(values.buyHoldReturn, 'from close[0] with i0 = 1').toBeCloseTo(0.2, 15);
    expect(values.sharpe).toBeNull();
    expect(nullReasons.sharpe).toBe('the volatility is zero');
    expect(values.sortino).toBeNull();
    expect(values.calmar).toBeNull();
    expect(nullReasons.calmar).toBe('there is no drawdown');
    for (const key of ['avgDrawdown', 'maxDrawdownDurationMs', 'avgDrawdownDurationMs'] as const) {
      expect(values[key], key).toBeNull();
      expect(nullReasons[key], key).toBe('the equity never fell below its running peak');
    }
    const tradeKeys = [
      'winRate',
      'bestTrade',
      'worstTrade',
      'avgTrade',
      'maxTradeDurationMs',
      'avgTradeDurationMs',
      'profitFactor',
      'expectancy',
      'kellyCriterion',
    ] as const;
    for (const key of tradeKeys) {
      expect(values[key], key).toBeNull();
      expect(nullReasons[key], key).toBe('there are no closed trades');
    }
    expect(values.sqn).toBeNull();
    expect(nullReasons.sqn).toBe('SQN needs at least two closed trades');
    expectNoNonFinite(metrics);
  });

  it('with one winning trade only: profit factor, Kelly and SQN are null', () => {
    const time = weekdays(5);
    const equity = Float64Array.from([1000, 1000, 1050, 1100, 1100]);
    const only = trade({ entryBar: 1, exitBar: 3, pnl: 100, netReturn: 0.1, commission: 2 }, time);
    const { values, nullReasons } = run({ time, equity, trades: [only] });
    expect(values).toMatchObject({
      tradeCount: 1,
      winRate: 1,
      bestTrade: 0.1,
      worstTrade: 0.1,
      expectancy: 0.1,
      commissions: 2,
      exposure: 3 / 5,
      maxTradeDurationMs: 2 * DAY_MS,
      avgTradeDurationMs: 2 * DAY_MS,
      profitFactor: null,
      kellyCriterion: null,
      sqn: null,
    });
    expect(values.avgTrade).toBeCloseTo(0.1, 15);
    expect(nullReasons.profitFactor).toBe('there are no losing trades');
    expect(nullReasons.kellyCriterion).toBe('there are no losing trades');
    expect(nullReasons.sqn).toBe('SQN needs at least two closed trades');
  });

  it('with one bar: no periods, no span, no beta; nothing NaN', () => {
    const metrics = run({ equity: Float64Array.from([500]), close: Float64Array.from([20]) });
    const { values, nullReasons } = metrics;
    expect(values).toMatchObject({
      start: MONDAY,
      end: MONDAY,
      durationMs: 0,
      equityFinal: 500,
      equityPeak: 500,
      totalReturn: 0,
      buyHoldReturn: 0,
      maxDrawdown: 0,
      maxDrawdownBars: 0,
      exposure: 0,
      tradeCount: 0,
      annualReturn: null,
      annualVolatility: null,
      cagr: null,
      sharpe: null,
      sortino: null,
      calmar: null,
      beta: null,
      alpha: null,
    });
    expect(nullReasons.annualReturn).toBe('all bars fall in one calendar day, so there is no periodic return');
    expect(nullReasons.cagr).toBe('the series spans less than one second');
    expect(nullReasons.beta).toBe('beta needs at least three bars');
    expectNoNonFinite(metrics);
  });

  it('with no bars: every value is null', () => {
    const empty = new Float64Array(0);
    const metrics = computeMetrics({ time: empty, close: empty, equity: empty, trades: [], firstDecisionBar: 0 });
    expect(Object.values(metrics.values).every((value) => value === null)).toBe(true);
    expect(metrics.nullReasons.sharpe).toBe('the series has no bars');
  });

  it('rejects series of different lengths as an internal error', () => {
    expect(() =>
      computeMetrics({
        time: new Float64Array(2),
        close: new Float64Array(3),
        equity: new Float64Array(2),
        trades: [],
        firstDecisionBar: 1,
      }),
    ).toThrow(/equal-length/);
  });

  it('computes annual return, volatility, Sharpe, Sortino and Calmar from the formulas (A = 252)', () => {
    // Daily returns +10 %, −10 %: g = sqrt(1.1 × 0.9) − 1, s² = 0.02, downside mean square 0.01 / 2.
    const { values } = run({ equity: Float64Array.from([100, 110, 99]), close: Float64Array.from([10, 11, 9.9]) });
    const annualReturn = 0.99 ** 126 - 1;
    const volatility = Math.sqrt(1.01 ** 252 - 0.99 ** 252);
    expect(values.annualReturn).toBeCloseTo(annualReturn, 12);
    expect(values.annualVolatility).toBeCloseTo(volatility, 10);
    expect(values.sharpe).toBeCloseTo(annualReturn / volatility, 10);
    expect(values.sortino).toBeCloseTo(annualReturn / (Math.sqrt(0.005) * Math.sqrt(252)), 10);
    expect(values.calmar).toBeCloseTo(annualReturn / 0.1, 10);
    expect(values.maxDrawdown).toBeCloseTo(0.1, 15);
    expect(values.totalReturn).toBeCloseTo(-0.01, 15);
    // Equity and closes move alike: beta 1, alpha = −0.01 − 1 × −0.01 = 0.
    expect(values.beta).toBeCloseTo(1, 12);
    expect(values.alpha).toBeCloseTo(0, 12);
  });

  it('uses A = 365 for data that trades every day', () => {
    const time = Float64Array.from({ length: 3 }, (_, i) => Date.UTC(2024, 0, 5) + i * DAY_MS); // Fri, Sat, Sun
    const { values } = run({ time, equity: Float64Array.from([100, 110, 99]) });
    expect(values.annualReturn).toBeCloseTo(0.99 ** 182.5 - 1, 12);
  });

  it('computes CAGR over calendar years of 365.25 days', () => {
    const time = Float64Array.from([0, 365.25 * DAY_MS, 2 * 365.25 * DAY_MS]);
    const { values } = run({ time, equity: Float64Array.from([100, 150, 121]) });
    expect(values.cagr).toBeCloseTo(0.1, 12);
  });

  it('splits drawdowns into periods from the peak bar to recovery or the last bar', () => {
    // dd: 0, 0, .1, .045, 0, 0, .1, .2 → periods (bar 1 → 4, depth .1) and (bar 5 → 7, depth .2, still open).
    const equity = Float64Array.from([100, 110, 99, 105, 110, 120, 108, 96]);
    const time = Float64Array.from({ length: 8 }, (_, i) => i * DAY_MS);
    const { values } = run({ time, equity });
    expect(values.maxDrawdown).toBeCloseTo(0.2, 15);
    expect(values.avgDrawdown).toBeCloseTo(0.15, 15);
    expect(values.maxDrawdownDurationMs).toBe(3 * DAY_MS);
    expect(values.avgDrawdownDurationMs, 'mean 2.5 days, rounded up').toBe(3 * DAY_MS);
    expect(values.maxDrawdownBars).toBe(3);
    expect(values.equityPeak).toBe(120);
  });

  it('gives null drawdown durations when the only drawdown starts on the last bar', () => {
    // backtesting.py prints the dd fraction (0.0455) as both durations here.
    const { values, nullReasons } = run({ equity: Float64Array.from([100, 110, 105]) });
    expect(values.maxDrawdownDurationMs).toBeNull();
    expect(values.avgDrawdownDurationMs).toBeNull();
    expect(nullReasons.maxDrawdownDurationMs).toMatch(/last bar/);
    expect(values.avgDrawdown, 'backtesting.py: mean of the non-zero dd values').toBeCloseTo(1 - 105 / 110, 15);
    expect(values.maxDrawdownBars).toBe(1);
  });

  it('computes the trade statistics of three trades by hand', () => {
    const time = weekdays(10);
    const trades = [
      trade({ entryBar: 0, exitBar: 2, pnl: 10, netReturn: 0.1, commission: 1 }, time),
      trade({ entryBar: 2, exitBar: 4, pnl: -5, netReturn: -0.05, commission: 1 }, time),
      trade({ entryBar: 6, exitBar: 7, pnl: 20, netReturn: 0.2, commission: 1.5 }, time),
    ];
    const { values } = run({ time, equity: new Float64Array(10).fill(100), trades });
    expect(values.tradeCount).toBe(3);
    expect(values.exposure, 'bars 0–4 and 6–7; bar 2 shared').toBeCloseTo(7 / 10, 15);
    expect(values.commissions).toBeCloseTo(3.5, 15);
    expect(values.winRate).toBeCloseTo(2 / 3, 15);
    expect(values.bestTrade).toBe(0.2);
    expect(values.worstTrade).toBe(-0.05);
    expect(values.expectancy).toBeCloseTo(0.25 / 3, 15);
    expect(values.avgTrade).toBeCloseTo(Math.cbrt(1.1 * 0.95 * 1.2) - 1, 15);
    expect(values.profitFactor).toBeCloseTo(0.3 / 0.05, 12);
    expect(values.kellyCriterion, '2/3 − (1/3) / (15 / 5)').toBeCloseTo(5 / 9, 15);
    // SQN = √3 × mean / std, pnl 10, −5, 20: mean 25/3, sample variance 475/3.
    expect(values.sqn).toBeCloseTo((Math.sqrt(3) * (25 / 3)) / Math.sqrt(475 / 3), 14);
    // Durations Mon→Wed, Wed→Fri, Tue→Wed (weekdays 6, 7) = 2, 2, 1 days: mean 5/3 → 2 days.
    expect(values.maxTradeDurationMs).toBe(2 * DAY_MS);
    expect(values.avgTradeDurationMs).toBe(2 * DAY_MS);
  });

  it('sets the geometric average trade to 0 when a trade loses everything, as backtesting.py', () => {
    const time = weekdays(4);
    const trades = [
      trade({ entryBar: 0, exitBar: 1, pnl: -100, netReturn: -1 }, time),
      trade({ entryBar: 2, exitBar: 3, pnl: 5, netReturn: 0.05 }, time),
    ];
    expect(run({ time, equity: Float64Array.from([100, 100, 100, 100]), trades }).values.avgTrade).toBe(0);
  });

  it('buys and holds from the bar before the first decision', () => {
    const close = Float64Array.from([10, 20, 25, 30]);
    const equity = new Float64Array(4).fill(1);
    const buyHold = (firstDecisionBar: number) => run({ equity, close, firstDecisionBar }).values.buyHoldReturn;
    expect(buyHold(3), 'from close[2]').toBeCloseTo(0.2, 15);
    expect(buyHold(0), 'from close[0]').toBeCloseTo(2, 15);
    expect(buyHold(9), 'no bar to buy at').toBeNull();
  });

  it('never outputs NaN or Infinity, even for equity that reaches zero', () => {
    const metrics = run({ equity: Float64Array.from([100, 50, 0, 0, 0]), close: Float64Array.from([1, 1, 1, 1, 1]) });
    expectNoNonFinite(metrics);
    expect(metrics.values.maxDrawdown).toBe(1);
    expect(metrics.values.beta).toBeNull();
  });
});
