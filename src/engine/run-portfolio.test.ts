/**
 * The portfolio engine checked trade by trade against hand-made bars (issue 6):
 * test/fixtures/portfolio/{AAA,BBB}.csv, where AAA has a missing bar and BBB lists late, with
 * a rebalance that must sell AAA before it can buy BBB.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BarSeries } from '../data/bar-series.js';
import { parseBars } from '../data/parse-bars.js';
import { definePortfolioStrategy } from '../strategy/define-portfolio-strategy.js';
import type { ParamValues } from '../strategy/params.js';
import { ALL_IN_FRACTION, type BrokerConfig } from './broker.js';
import { runPortfolio, type PortfolioRunOptions } from './run-portfolio.js';

const fixture = (name: string): BarSeries =>
  parseBars(readFileSync(new URL(`../../test/fixtures/portfolio/${name}.csv`, import.meta.url), 'utf8'), { file: `${name}.csv` })[0];
const AAA = fixture('AAA');
const BBB = fixture('BBB');

const broker: BrokerConfig = {
  initialCash: 10_000,
  commission: { rate: 0.001, fixed: 0 },
  slippageRate: 0,
  fractional: false,
  fillAt: 'next-open',
  defaultStopLoss: undefined,
  defaultTakeProfit: undefined,
  defaultTrailingStop: undefined,
};
const options: PortfolioRunOptions = { broker, defaultSizing: { kind: 'fraction', fraction: ALL_IN_FRACTION }, closeAtEnd: false };
const noParams = {} as ParamValues<Record<string, never>>;

/** A portfolio strategy that rebalances to scripted targets at given timeline bars. */
function scripted(script: Readonly<Record<number, Record<string, number>>>, seen: { bar: number; tradable: string[]; aaaClose: number; aaaLast: number }[] = []) {
  return definePortfolioStrategy({
    name: 'scripted',
    description: 'rebalances to scripted targets',
    params: {},
    init: () => ({}),
    next(ctx) {
      seen.push({ bar: ctx.bar, tradable: ctx.symbols.filter((s) => ctx.isTradable(s)), aaaClose: ctx.data('AAA').close.current, aaaLast: ctx.data('AAA').lastClose });
      const targets = script[ctx.bar];
      if (targets !== undefined) ctx.rebalance(targets);
    },
  });
}

describe('runPortfolio on two hand-made symbols (missing bar, late listing, sell before buy)', () => {
  // Timeline (union of dates): 0 Jan-04, 1 Jan-05, 2 Jan-06, 3 Jan-07, 4 Jan-08, 5 Jan-11, 6 Jan-12, 7 Jan-13.
  // AAA has no bar at 5; BBB has bars from 3 on. Cash 10 000, commission 0.1 %, whole units,
  // market orders fill at the symbol's next open. Target units = ⌊w·E / (close·1.001)⌋; buys are
  // capped at ⌊cash / (open·1.001)⌋ when they fill.
  const seen: { bar: number; tradable: string[]; aaaClose: number; aaaLast: number }[] = [];
  const strategy = scripted({ 1: { AAA: 1, BBB: 0 }, 3: { AAA: 0.5, BBB: 0.5 }, 4: { BBB: 1 }, 6: { BBB: 1 } }, seen);
  const result = runPortfolio([AAA, BBB], strategy, noParams, options);

  it('aligns the two symbols on the union of their dates', () => {
    expect(result.feeds.length).toBe(8);
    expect(result.symbols).toEqual(['AAA', 'BBB']);
    expect(seen.map((s) => s.tradable)).toEqual([
      ['AAA'], // 1: BBB not listed yet
      ['AAA'],
      ['AAA', 'BBB'], // 3: BBB's first bar
      ['AAA', 'BBB'],
      ['BBB'], // 5: AAA's missing bar
      ['AAA', 'BBB'],
      ['AAA', 'BBB'],
    ]);
    expect(seen[4].aaaClose, 'no AAA bar at 5: its close view is NaN').toBeNaN();
    expect(seen[4].aaaLast, 'but it keeps its last close (104) for valuation').toBe(104);
  });

  it('fills every order as derived by hand, sells before buys', () => {
    const fills = result.fills.map((f) => [result.symbols[f.symbol], f.bar, f.side, f.quantity, f.price]);
    expect(fills).toEqual([
      // bar 1: E = 10 000; AAA gap 10 000 → buy ⌊10 000 / (101 × 1.001)⌋ = 98; at the open of 2
      // (102) the cash pays for ⌊10 000 / 102.102⌋ = 97 only (cash 96.106 left).
      ['AAA', 2, 'buy', 97, 102],
      // bar 3: E = 96.106 + 97 × 103 = 10 087.106, half = 5043.553. AAA gap 5043.553 − 9991 →
      // sell ⌊4947.447 / 103⌋ = 48; BBB gap 5043.553 → buy ⌊5043.553 / 50.05⌋ = 100. The sell
      // fills first (open of 4: 104) and releases cash: 96.106 + 4992 − 4.992 = 5083.114, which
      // pays for ⌊5083.114 / 51.051⌋ = 99 BBB at 51 (the cash alone, 96.106, would buy 1).
      ['AAA', 4, 'sell', 48, 104],
      ['BBB', 4, 'buy', 99, 51],
      // bar 4: E = 29.065 + 49 × 104 + 99 × 51 = 10 174.065. AAA weight 0 → sell all 49; BBB gap
      // 10 174.065 − 5049 → buy ⌊5125.065 / 51.051⌋ = 100. At 5 AAA has no bar, so its sell
      // waits for its next open (6: 106); BBB's buy finds cash 29.065, no unit at 52: rejected.
      ['AAA', 6, 'sell', 49, 106],
      // bar 6: cash 29.065 + 5194 − 5.194 = 5217.871, E = 5217.871 + 99 × 53 = 10 464.871; BBB gap
      // 5217.871 → buy ⌊5217.871 / 53.053⌋ = 98; at 7's open (54) the cash pays for
      // ⌊5217.871 / 54.054⌋ = 96.
      ['BBB', 7, 'buy', 96, 54],
    ]);
    const commissions = result.fills.map((f) => f.commission);
    const expected = [9.894, 4.992, 5.049, 5.194, 5.184];
    commissions.forEach((c, i) => expect(c, `fill ${i}`).toBeCloseTo(expected[i], 9));
    expect(result.rejectedOrders.map((r) => [r.bar, result.symbols[r.order.symbol], r.order.side, r.reason])).toEqual([
      [5, 'BBB', 'buy', 'insufficient cash: available 29.06 pays for no unit at 52 plus commission'],
    ]);
    expect(result.orders.filter((o) => o.status === 'pending'), 'nothing left pending').toEqual([]);
  });

  it('closes AAA\'s trade in two parts (FIFO) with the entry commission split by quantity', () => {
    expect(result.trades.map((t) => [result.symbols[t.symbol], t.id, t.quantity, t.entryPrice, t.exitPrice, t.entryBar, t.exitBar])).toEqual([
      ['AAA', 1, 48, 102, 104, 2, 4],
      ['AAA', 1, 49, 102, 106, 2, 6],
    ]);
    // 48 × (104 − 102) = 96 gross; commission 9.894 × 48/97 + 4.992.
    expect(result.trades[0].grossPnl).toBe(96);
    expect(result.trades[0].commission).toBeCloseTo((9.894 * 48) / 97 + 4.992, 9);
    expect(result.trades[1].pnl).toBeCloseTo(49 * 4 - ((9.894 * 49) / 97 + 5.194), 9);
    expect(result.openTrades.map((t) => [result.symbols[t.symbol], t.quantity, t.entryPrice, t.markPrice])).toEqual([
      ['BBB', 99, 51, 54],
      ['BBB', 96, 54, 54],
    ]);
  });

  it('marks equity on every timestamp, AAA at its last close where it has no bar', () => {
    const expected = [
      10_000,
      10_000,
      96.106 + 97 * 102, // 9990.106
      96.106 + 97 * 103, // 10 087.106
      29.065 + 49 * 104 + 99 * 51, // 10 174.065
      29.065 + 49 * 104 + 99 * 52, // 10 273.065: AAA valued at 104 (no bar at 5)
      5217.871 + 99 * 53, // 10 464.871
      28.687 + 195 * 54, // 10 558.687
    ];
    expect(result.equity.length).toBe(8);
    expected.forEach((e, i) => expect(result.equity[i], `bar ${i}`).toBeCloseTo(e, 9));
    expect(result.finalCash).toBeCloseTo(28.687, 9);
  });

  it('reports per-symbol exposure over the decision bars (1…7)', () => {
    // AAA held at the close of 2, 3, 4, 5 (4 of 7 decision bars); BBB at 4, 5, 6, 7.
    expect(result.breakdown.map((b) => [b.symbol, b.bars, b.exposure])).toEqual([
      ['AAA', 7, 4 / 7],
      ['BBB', 5, 4 / 7],
    ]);
  });

  it('keeps the first symbol as the default benchmark, its close carried over its missing bar', () => {
    expect(result.benchmark).toBe('AAA');
    expect(Array.from(result.bars.close)).toEqual([100, 101, 102, 103, 104, 104, 106, 107]);
  });

  it('does not look ahead: changing bars after bar 4 leaves every fill up to bar 4 unchanged', () => {
    const bump = (s: BarSeries, from: number): BarSeries => {
      const scale = (c: Float64Array) => c.map((v, i) => (s.time[i] >= from ? v * 1.5 : v));
      return { ...s, open: scale(s.open), high: scale(s.high), low: scale(s.low), close: scale(s.close) };
    };
    const cut = result.feeds.time[4];
    const changed = runPortfolio([bump(AAA, cut + 1), bump(BBB, cut + 1)], strategy, noParams, options);
    expect(changed.fills.filter((f) => f.bar <= 4)).toEqual(result.fills.filter((f) => f.bar <= 4));
  });

  it('is deterministic', () => {
    const again = runPortfolio([AAA, BBB], scripted({ 1: { AAA: 1, BBB: 0 }, 3: { AAA: 0.5, BBB: 0.5 }, 4: { BBB: 1 }, 6: { BBB: 1 } }), noParams, options);
    expect(Array.from(again.equity)).toEqual(Array.from(result.equity));
    expect(again.fills).toEqual(result.fills);
  });
});

describe('ctx.rebalance', () => {
  const run = (targets: Record<string, number>) => runPortfolio([AAA, BBB], scripted({ 3: targets }), noParams, options);

  it('rejects unknown symbols, negative weights and weights above 1 in total', () => {
    expect(() => run({ CCC: 0.5 })).toThrow(expect.objectContaining({ code: 'BT_REBALANCE_INVALID', exitCode: 4 }));
    expect(() => run({ AAA: -0.1 })).toThrow(expect.objectContaining({ code: 'BT_REBALANCE_INVALID' }));
    expect(() => run({ AAA: 0.6, BBB: 0.5 })).toThrow(/add up to "1.1"/);
  });

  it('sizes buys with --fractional exactly: units = w × E / (close × (1 + rate))', () => {
    const fractional = runPortfolio([AAA, BBB], scripted({ 3: { AAA: 0.25, BBB: 0.25 } }), noParams, { ...options, broker: { ...broker, fractional: true } });
    expect(fractional.fills.map((f) => f.quantity)).toEqual([(0.25 * 10_000) / (103 * 1.001), (0.25 * 10_000) / (50 * 1.001)]);
  });

  it('fills at the decision close with --fill close', () => {
    const atClose = runPortfolio([AAA, BBB], scripted({ 3: { AAA: 0.5, BBB: 0.5 } }), noParams, { ...options, broker: { ...broker, fillAt: 'close' } });
    expect(atClose.fills.map((f) => [f.bar, f.price])).toEqual([
      [3, 103],
      [3, 50],
    ]);
  });

  it('includes a fixed commission in a buy: units = ⌊(gap − fixed) / (close × (1 + rate))⌋', () => {
    const fixed = runPortfolio([AAA, BBB], scripted({ 3: { BBB: 0.5 } }), noParams, {
      ...options,
      broker: { ...broker, commission: { rate: 0.001, fixed: 10 } },
    });
    expect(fixed.fills[0].quantity).toBe(Math.floor((5000 - 10) / (50 * 1.001)));
  });
});

describe('market-on-close orders in a portfolio', () => {
  const ids: number[] = [];
  const strategy = definePortfolioStrategy({
    name: 'closes',
    description: 'buys AAA at the close of bar 4 and sells it at its next open; tries again at bar 5',
    params: {},
    init: () => ({}),
    next(ctx) {
      if (ctx.bar === 4 || ctx.bar === 5) {
        ids.push(ctx.buy('AAA', { quantity: 10, atClose: true }));
        ids.push(ctx.closePosition('AAA'));
      }
    },
  });
  const result = runPortfolio([AAA, BBB], strategy, noParams, options);

  it('fill at the symbol’s close of the decision bar; closePosition in the same decision sells at its next open', () => {
    // Bar 4 (Jan-08): AAA closes at 104. AAA has no bar at 5 (Jan-11), so the close order fills at the open of 6 (106).
    expect(result.fills.map((f) => [result.symbols[f.symbol], f.bar, f.side, f.quantity, f.price])).toEqual([
      ['AAA', 4, 'buy', 10, 104],
      ['AAA', 6, 'sell', 10, 106],
    ]);
  });

  it('expire when the symbol has no bar at the decision bar, and the close order placed with one is cancelled at its fill', () => {
    expect(ids).toEqual([1, 2, 3, 4]);
    expect(result.orders.find((r) => r.order.id === 3)).toMatchObject({ status: 'expired', closedBar: 5, reason: 'no bar to fill the market-on-close order at' });
    const closeOrders = result.orders.filter((r) => r.order.id === 2 || r.order.id === 4).map((r) => r.status);
    expect(closeOrders, 'the first close order sells the 10 units; the second finds no position').toEqual(['filled', 'canceled']);
  });
});

describe('runPortfolio checks', () => {
  it('refuses the same symbol twice', () => {
    expect(() => runPortfolio([AAA, AAA], scripted({}), noParams, options)).toThrow(expect.objectContaining({ code: 'BT_DATA_DUPLICATE_SYMBOL', exitCode: 3 }));
  });

  it('names an unknown benchmark symbol', () => {
    expect(() => runPortfolio([AAA, BBB], scripted({}), noParams, { ...options, benchmark: 'ZZZ' })).toThrow(expect.objectContaining({ code: 'BT_BENCHMARK_UNKNOWN', exitCode: 2 }));
  });

  it('reports a strategy exception with the bar and time', () => {
    const failing = definePortfolioStrategy({
      name: 'failing',
      description: 'throws',
      params: {},
      init: () => ({}),
      next(ctx) {
        if (ctx.bar === 5) throw new Error('boom');
      },
    });
    expect(() => runPortfolio([AAA, BBB], failing, noParams, options)).toThrow(/threw in next at bar 5 \(2021-01-11\): Error: boom/);
  });

  it('spreads a per-symbol indicator onto the timeline without advancing it on missing bars', () => {
    let view: number[] = [];
    const indicator = definePortfolioStrategy({
      name: 'indicator',
      description: 'registers own-bar indices',
      params: {},
      init(ctx) {
        const own = ctx.data('AAA').bars;
        return { index: ctx.indicator('AAA', 'index', Float64Array.from(own.close, (_, i) => (i < 2 ? NaN : i))) };
      },
      next(ctx, state) {
        view.push(state.index.current);
        expect(ctx.data('AAA').indicators.index.current).toBe(state.index.current);
      },
    });
    view = [];
    const result = runPortfolio([AAA, BBB], indicator, noParams, options);
    // Warm-up 2 own bars: first value at timeline bar 2, first decision at 3. At 5 (no AAA bar)
    // the indicator keeps its value from 4.
    expect(result.firstDecisionBar).toBe(3);
    expect(view).toEqual([3, 4, 4, 5, 6]);
  });
});
