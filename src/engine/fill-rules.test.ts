/**
 * The fill rules (CONVENTIONS.md §2, §4, §5, §7, §8 and the broker's file comment), each
 * proved on a hand-made bar sequence: a scripted strategy places given orders at given bars
 * through the public `ctx` API, and the fills, trades, order records and rejections are
 * compared exactly. Expected prices are written as the same floating-point expression the
 * rule states, so "exact" means bit-identical.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BROKER, makeBars } from '../../test/helpers/bundled-data.js';
import type { BarSeries } from '../data/bar-series.js';
import { defineStrategy, type StrategyContext } from '../strategy/define-strategy.js';
import { ALL_IN_FRACTION, type BrokerConfig } from './broker.js';
import { floorDivide } from './costs.js';
import { runBacktest, type RunOptions, type RunResult } from './run-backtest.js';
import type { OrderRecord, Sizing } from './types.js';

// ---------------------------------------------------------------------------------------------
// Helpers: hand-made series and scripted strategies

/** One bar as `[open, high, low, close]` [price]; NaN in all four for a missing bar. */
type Row = readonly [open: number, high: number, low: number, close: number];

/** 2024-01-01T00:00:00Z [ms]. */
const T0 = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;
/** A quiet bar that reaches none of the levels used below. */
const F: Row = [100, 101, 99, 100];
const MISSING: Row = [NaN, NaN, NaN, NaN];

/** A daily series from rows, one day apart from {@link T0}; rejects inconsistent test bars. */
function bars(rows: readonly Row[]): BarSeries {
  rows.forEach(([o, h, l, c], i) => {
    const isMissing = [o, h, l, c].every(Number.isNaN);
    if (!isMissing && !(h >= Math.max(o, c) && l <= Math.min(o, c))) throw new Error(`bad test bar ${i}: ${String(rows[i])}`);
  });
  const column = (k: 0 | 1 | 2 | 3): number[] => rows.map((row) => row[k]);
  const time = rows.map((_, i) => T0 + i * DAY);
  return makeBars({ time, open: column(0), high: column(1), low: column(2), close: column(3), volume: rows.map(() => 1000) }, 'hand-made');
}

type Ctx = StrategyContext<Record<string, never>>;
/** What a scripted strategy does at the close of one bar. */
type Action = (ctx: Ctx) => void;

/** `bt run`'s broker without commission. */
const BASE_BROKER: BrokerConfig = { ...DEFAULT_BROKER, commission: { rate: 0, fixed: 0 } };

interface RunOverrides extends Partial<BrokerConfig> {
  readonly defaultSizing?: Sizing;
  readonly closeAtEnd?: boolean;
}

/**
 * Runs a strategy that calls `actions[bar](ctx)` at the close of `bar` on `rows` (bar 1 is the
 * first decision bar without indicators). 100 000 cash, no costs, next-open fills, 1 unit
 * default size, unless overridden.
 */
function run(rows: readonly Row[], actions: Readonly<Record<number, Action>>, overrides: RunOverrides = {}): RunResult {
  const { defaultSizing, closeAtEnd, ...broker } = overrides;
  const strategy = defineStrategy({
    name: 'script',
    description: 'places scripted orders at scripted bars',
    params: {},
    init: () => undefined,
    next(ctx) {
      actions[ctx.bar]?.(ctx);
    },
  });
  const options: RunOptions = {
    broker: { ...BASE_BROKER, ...broker },
    defaultSizing: defaultSizing ?? { kind: 'units', units: 1 },
    closeAtEnd: closeAtEnd ?? false,
  };
  return runBacktest(bars(rows), strategy, {}, options);
}

function recordOf(result: RunResult, id: number): OrderRecord {
  const record = result.orders.find((r) => r.order.id === id);
  if (record === undefined) throw new Error(`no order ${id}`);
  return record;
}

function legOf(result: RunResult, tradeId: number, role: 'stop-loss' | 'take-profit' | 'trailing-stop'): OrderRecord {
  const record = result.orders.find((r) => r.order.parentTradeId === tradeId && r.order.role === role);
  if (record === undefined) throw new Error(`no ${role} leg for trade ${tradeId}`);
  return record;
}

/** [bar, price, quantity, side, reason] of every fill, for compact exact comparisons. */
function fillRows(result: RunResult): [number, number, number, string, string][] {
  return result.fills.map((f) => [f.bar, f.price, f.quantity, f.side, f.reason]);
}

const at = (bar: number): number => T0 + bar * DAY;

// ---------------------------------------------------------------------------------------------

describe('market orders', () => {
  const rows: Row[] = [F, [100, 102, 99, 101], [103, 104, 102, 103], [104, 105, 103, 104]];

  it('fill at the next bar’s open, exactly, and are marked at each close', () => {
    const result = run(rows, { 1: (ctx) => ctx.buy({ quantity: 10 }) });
    expect(result.fills).toEqual([
      {
        orderId: 1,
        symbol: 0,
        tradeId: 1,
        bar: 2,
        time: at(2),
        side: 'buy',
        quantity: 10,
        referencePrice: 103,
        price: 103,
        slippage: 0,
        commission: 0,
        reason: 'signal',
      },
    ]);
    expect(recordOf(result, 1)).toMatchObject({ status: 'filled', closedBar: 2, reason: undefined });
    expect([...result.equity]).toEqual([100_000, 100_000, 100_000, 100_010]);
    expect(result.trades, 'the position is left open at the end (CONVENTIONS §5)').toEqual([]);
    expect(result.openTrades).toMatchObject([{ id: 1, side: 'long', quantity: 10, entryBar: 2, entryPrice: 103, markPrice: 104, unrealizedPnl: 10 }]);
    expect(result.finalCash).toBe(100_000 - 1030);
  });

  it('with fillAt "close" fill at the signal bar’s close', () => {
    const result = run(rows, { 1: (ctx) => ctx.buy({ quantity: 10 }), 3: (ctx) => ctx.closePosition() }, { fillAt: 'close' });
    expect(fillRows(result)).toEqual([
      [1, 101, 10, 'buy', 'signal'],
      [3, 104, 10, 'sell', 'signal'],
    ]);
    expect([...result.equity], 'equity is re-marked after the close fill').toEqual([100_000, 100_000, 100_020, 100_030]);
    expect(result.trades).toMatchObject([{ entryBar: 1, entryPrice: 101, exitBar: 3, exitPrice: 104, grossPnl: 30 }]);
  });

  it('are seen by the strategy only after they fill', () => {
    const seen: string[] = [];
    run(rows, {
      1: (ctx) => {
        ctx.buy({ quantity: 10 });
        seen.push(`${ctx.position.side} ${ctx.pendingOrders.length}`);
      },
      2: (ctx) => seen.push(`${ctx.position.side} ${ctx.pendingOrders.length} ${ctx.position.averagePrice} ${ctx.position.unrealizedPnl}`),
    });
    expect(seen).toEqual(['flat 1', 'long 0 103 0']);
  });

  it('placed at the last bar never fill and stay pending with a reason', () => {
    const result = run(rows, { 3: (ctx) => ctx.buy({ quantity: 10 }) });
    expect(result.fills).toEqual([]);
    expect(recordOf(result, 1)).toMatchObject({ status: 'pending', closedBar: undefined, reason: 'still pending after the last bar (3)' });
  });
});

describe('market-on-close orders (atClose)', () => {
  const rows: Row[] = [F, [100, 102, 99, 101], [103, 104, 102, 103], [104, 105, 103, 104], [106, 107, 105, 106]];

  it('fill at the close of the bar they are placed on, whatever the run’s next-open rule', () => {
    const result = run(rows, { 1: (ctx) => ctx.buy({ quantity: 10, atClose: true }), 2: (ctx) => ctx.buy({ quantity: 5 }) });
    expect(fillRows(result)).toEqual([
      [1, 101, 10, 'buy', 'signal'],
      [3, 104, 5, 'buy', 'signal'],
    ]);
    expect(recordOf(result, 1)).toMatchObject({ status: 'filled', closedBar: 1, order: { type: 'market-on-close', submittedBar: 1 } });
    expect([...result.equity], 'equity is re-marked after the close fill').toEqual([100_000, 100_000, 100_020, 100_030, 100_060]);
  });

  it('with closePosition in the same decision, buy the close and sell the next open (an overnight hold)', () => {
    const ids: number[] = [];
    const hold = (ctx: Ctx): void => {
      ctx.buy({ quantity: 10, atClose: true });
      ids.push(ctx.closePosition());
    };
    const result = run(rows, { 1: hold, 2: hold });
    expect(ids, 'flat but with a market-on-close entry pending, closePosition places a close order').toEqual([2, 4]);
    expect(fillRows(result)).toEqual([
      [1, 101, 10, 'buy', 'signal'],
      [2, 103, 10, 'sell', 'signal'],
      [2, 103, 10, 'buy', 'signal'],
      [3, 104, 10, 'sell', 'signal'],
    ]);
    expect(result.trades.map((t) => [t.entryBar, t.entryPrice, t.exitBar, t.exitPrice, t.grossPnl])).toEqual([
      [1, 101, 2, 103, 20],
      [2, 103, 3, 104, 10],
    ]);
  });

  it('a plain closePosition when flat still returns -1 and places nothing', () => {
    const ids: number[] = [];
    const result = run(rows, { 1: (ctx) => ids.push(ctx.closePosition()) });
    expect(ids).toEqual([-1]);
    expect(result.orders).toEqual([]);
  });

  it('are sized at the close with the run’s all-in rule and pay commission at the close price', () => {
    const result = run(rows, { 1: (ctx) => ctx.buy({ atClose: true }) }, {
      defaultSizing: { kind: 'fraction', fraction: ALL_IN_FRACTION },
      commission: { rate: 0.001, fixed: 0 },
    });
    const units = Math.floor((100_000 * ALL_IN_FRACTION) / (101 * 1.001));
    expect(fillRows(result)).toEqual([[1, 101, units, 'buy', 'signal']]);
    expect(result.fills[0].commission).toBe(units * 101 * 0.001);
  });

  it('attached exits work from the next bar', () => {
    const result = run([F, F, [100, 101, 94, 95], F], { 1: (ctx) => ctx.buy({ quantity: 1, atClose: true, stopLossPrice: 97 }) });
    expect(fillRows(result)).toEqual([
      [1, 100, 1, 'buy', 'signal'],
      [2, 97, 1, 'sell', 'stop-loss'],
    ]);
  });

  it('placed at the last bar fill at its close', () => {
    const result = run(rows, { 4: (ctx) => ctx.buy({ quantity: 1, atClose: true }) });
    expect(fillRows(result)).toEqual([[4, 106, 1, 'buy', 'signal']]);
  });

  it('take no limit, stop or trail price and no expiresAfterBars', () => {
    const attempt = (action: Action): unknown => {
      try {
        run(rows, { 1: action });
      } catch (error) {
        return error;
      }
      return undefined;
    };
    expect(attempt((ctx) => ctx.buy({ atClose: true, limitPrice: 99 }))).toMatchObject({
      code: 'BT_ORDER_INVALID',
      message: '"atClose" makes a market-on-close order; it takes no limit, stop or trail price (got a limit order)',
    });
    expect(attempt((ctx) => ctx.sell({ atClose: true, trailFraction: 0.1 }))).toMatchObject({ code: 'BT_ORDER_INVALID' });
    expect(attempt((ctx) => ctx.buy({ atClose: true, expiresAfterBars: 2 }))).toMatchObject({ code: 'BT_ORDER_INVALID' });
    expect(attempt((ctx) => ctx.buy({ atClose: 1 as never }))).toMatchObject({ code: 'BT_ORDER_INVALID', message: 'order option "atClose" must be true or false, got "1"' });
    expect(attempt((ctx) => ctx.buy({ quantity: 1, atClose: false })), 'atClose: false is a plain market order').toBeUndefined();
  });
});

describe('commission and slippage', () => {
  const rows: Row[] = [F, F, [103, 104, 102, 103], [104, 105, 103, 104]];

  it('charges rate × value + fixed on every fill, entry and exit', () => {
    const result = run(
      rows,
      { 1: (ctx) => ctx.buy({ quantity: 10 }), 2: (ctx) => ctx.closePosition() },
      { commission: { rate: 0.001, fixed: 2 } },
    );
    const entry = 10 * 103 * 0.001 + 2;
    const exit = 10 * 104 * 0.001 + 2;
    expect(result.fills.map((f) => f.commission)).toEqual([entry, exit]);
    expect(result.trades).toMatchObject([{ grossPnl: 10, commission: entry + exit, pnl: 10 - (entry + exit) }]);
    expect(result.commissionPaid).toBe(entry + exit);
    expect(result.finalCash).toBe(100_000 - (1030 + entry) + (1040 - exit));
  });

  it('moves the price against the order: up for buys, down for sells', () => {
    const long = run(rows, { 1: (ctx) => ctx.buy({ quantity: 10 }), 2: (ctx) => ctx.closePosition() }, { slippageRate: 0.01 });
    const buyPrice = 103 * (1 + 0.01);
    const sellPrice = 104 * (1 - 0.01);
    expect(long.fills).toMatchObject([
      { referencePrice: 103, price: buyPrice, slippage: 10 * (buyPrice - 103) },
      { referencePrice: 104, price: sellPrice, slippage: 10 * (104 - sellPrice) },
    ]);
    expect(long.trades[0].slippage).toBe(10 * (buyPrice - 103) + 10 * (104 - sellPrice));
    expect(long.slippagePaid).toBe(long.trades[0].slippage);

    const short = run(rows, { 1: (ctx) => ctx.sell({ quantity: 10 }), 2: (ctx) => ctx.closePosition() }, { slippageRate: 0.01 });
    expect(short.fills.map((f) => f.price), 'a short sells lower and covers higher').toEqual([103 * (1 - 0.01), 104 * (1 + 0.01)]);
  });
});

describe('limit orders', () => {
  const buyLimit: Action = (ctx) => ctx.buy({ quantity: 10, limitPrice: 98 });

  it('buy fills at the limit when the range reaches it', () => {
    const result = run([F, F, [100, 101, 97, 99], F], { 1: buyLimit });
    expect(fillRows(result)).toEqual([[2, 98, 10, 'buy', 'signal']]);
  });

  it('buy fills at the better open when the bar gaps below the limit', () => {
    const result = run([F, F, [96, 97, 95, 96], F], { 1: buyLimit });
    expect(fillRows(result)).toEqual([[2, 96, 10, 'buy', 'signal']]);
  });

  it('does not fill when the range does not reach the limit', () => {
    const result = run([F, F, [100, 101, 98.5, 100], [100, 101, 98.01, 100]], { 1: buyLimit });
    expect(result.fills).toEqual([]);
    expect(recordOf(result, 1).status).toBe('pending');
  });

  it('sell fills at the limit, or at the better open on a gap up', () => {
    const sellLimit: Action = (ctx) => ctx.sell({ quantity: 10, limitPrice: 102 });
    expect(fillRows(run([F, F, [100, 103, 99, 101], F], { 1: sellLimit }))).toEqual([[2, 102, 10, 'sell', 'signal']]);
    expect(fillRows(run([F, F, [104, 105, 103, 104], F], { 1: sellLimit }))).toEqual([[2, 104, 10, 'sell', 'signal']]);
  });

  it('never fills beyond its limit price when slippage applies', () => {
    // Regression: slippage used to push a limit buy at 98 to 98.98.
    const atLimit = run([F, F, [100, 101, 97, 99], F], { 1: buyLimit }, { slippageRate: 0.01 });
    expect(atLimit.fills).toMatchObject([{ referencePrice: 98, price: 98, slippage: 0 }]);
    const gapped = run([F, F, [96, 97, 95, 96], F], { 1: buyLimit }, { slippageRate: 0.01 });
    expect(gapped.fills, 'below the limit the open still slips').toMatchObject([{ referencePrice: 96, price: 96 * (1 + 0.01) }]);
  });
});

describe('stop orders', () => {
  const buyStop: Action = (ctx) => ctx.buy({ quantity: 10, stopPrice: 102 });
  const sellStop: Action = (ctx) => ctx.sell({ quantity: 10, stopPrice: 98 });

  it('buy fills at the stop, or at the open when the bar gaps above it', () => {
    expect(fillRows(run([F, F, [100, 103, 99, 102], F], { 1: buyStop }))).toEqual([[2, 102, 10, 'buy', 'signal']]);
    expect(fillRows(run([F, F, [104, 105, 103, 104], F], { 1: buyStop }))).toEqual([[2, 104, 10, 'buy', 'signal']]);
  });

  it('sell fills at the stop, or at the open when the bar gaps below it', () => {
    expect(fillRows(run([F, F, [100, 101, 97, 98], F], { 1: sellStop }))).toEqual([[2, 98, 10, 'sell', 'signal']]);
    expect(fillRows(run([F, F, [96, 97, 95, 96], F], { 1: sellStop }))).toEqual([[2, 96, 10, 'sell', 'signal']]);
  });

  it('does not fill while the range stays short of the stop', () => {
    const result = run([F, F, [100, 101.9, 99, 100], F], { 1: buyStop });
    expect(result.fills).toEqual([]);
    expect(recordOf(result, 1).status).toBe('pending');
  });

  it('slips against the order (a stop is a market order once triggered)', () => {
    const result = run([F, F, [100, 103, 99, 102], F], { 1: buyStop }, { slippageRate: 0.01 });
    expect(result.fills).toMatchObject([{ referencePrice: 102, price: 102 * (1 + 0.01) }]);
  });
});

describe('stop-limit orders', () => {
  const buyStopLimit =
    (stopPrice: number, limitPrice: number): Action =>
    (ctx) =>
      ctx.buy({ quantity: 10, stopPrice, limitPrice });

  it('triggered inside the bar fill at the stop when the stop satisfies the limit', () => {
    const result = run([F, F, [100, 104, 99, 103], F], { 1: buyStopLimit(102, 103) });
    expect(fillRows(result)).toEqual([[2, 102, 10, 'buy', 'signal']]);
  });

  it('triggered by a gap between stop and limit fill at the open', () => {
    const result = run([F, F, [102.5, 104, 102, 103.5], F], { 1: buyStopLimit(102, 103) });
    expect(fillRows(result)).toEqual([[2, 102.5, 10, 'buy', 'signal']]);
  });

  it('do not fill when the bar gaps past both stop and limit, then rest as a limit and fill later', () => {
    const pending: number[] = [];
    const result = run([F, F, [105, 106, 104, 105], [104, 104.5, 102.5, 103], F], {
      1: buyStopLimit(102, 103),
      2: (ctx) => pending.push(...ctx.pendingOrders.map((o) => o.id)),
    });
    expect(pending, 'still pending after the gap bar').toEqual([1]);
    expect(fillRows(result), 'fills at the limit on the next bar that reaches it').toEqual([[3, 103, 10, 'buy', 'signal']]);
  });

  it('after a gap past both, fill at the limit in the same bar when the range comes back to it', () => {
    const result = run([F, F, [105, 106, 102.5, 103], F], { 1: buyStopLimit(102, 103) });
    expect(fillRows(result)).toEqual([[2, 103, 10, 'buy', 'signal']]);
  });

  it('with the limit below the stop, fill at the limit only once the price provably came back after the trigger', () => {
    // Regression: the low of the trigger bar (possibly before the trigger) used to fill it,
    // and the trigger bar's open could fill the resting limit.
    const later = run([F, F, [99.5, 103, 99, 102.5], [102, 102.5, 99.8, 100.2], F], { 1: buyStopLimit(102, 100) });
    expect(fillRows(later)).toEqual([[3, 100, 10, 'buy', 'signal']]);
    const sameBar = run([F, F, [101, 103, 99, 99.5], F], { 1: buyStopLimit(102, 100) });
    expect(fillRows(sameBar), 'closing below the limit proves the price fell through it after the trigger').toEqual([
      [2, 100, 10, 'buy', 'signal'],
    ]);
  });

  it('sell side mirrors the buy side', () => {
    const sellStopLimit: Action = (ctx) => ctx.sell({ quantity: 10, stopPrice: 98, limitPrice: 97 });
    expect(fillRows(run([F, F, [100, 101, 96, 97.5], F], { 1: sellStopLimit }))).toEqual([[2, 98, 10, 'sell', 'signal']]);
    const gapped = run([F, F, [96, 96.5, 95, 96], [96.5, 97.5, 96, 97], F], { 1: sellStopLimit });
    expect(fillRows(gapped)).toEqual([[3, 97, 10, 'sell', 'signal']]);
  });
});

describe('trailing stops', () => {
  // Entry at bar 2's open (100). Highs: 105, 110, 108; bar 5 comes back down.
  const up: Row[] = [F, F, [100, 105, 99, 104], [104, 110, 103, 108], [107, 108, 100, 101]];

  it('a fraction trail ratchets with each high, never loosens, and fills at its level', () => {
    const result = run([...up, [100, 101, 98, 99], F], { 1: (ctx) => ctx.buy({ quantity: 10, trailingStopFraction: 0.1 }) });
    // Levels: 90 at entry → 94.5 after bar 2 → 99 after bar 3 → stays 99 after bar 4 (108 × 0.9 = 97.2 would loosen it).
    expect(fillRows(result)).toEqual([
      [2, 100, 10, 'buy', 'signal'],
      [5, 110 * (1 - 0.1), 10, 'sell', 'trailing-stop'],
    ]);
    expect(result.trades).toMatchObject([{ exitBar: 5, exitReason: 'trailing-stop' }]);
    expect(legOf(result, 1, 'trailing-stop')).toMatchObject({ status: 'filled', closedBar: 5 });
  });

  it('fills at the open when the bar gaps below the level', () => {
    const result = run([...up, [97, 98, 95, 96], F], { 1: (ctx) => ctx.buy({ quantity: 10, trailingStopFraction: 0.1 }) });
    expect(fillRows(result)[1]).toEqual([5, 97, 10, 'sell', 'trailing-stop']);
  });

  it('an amount trail moves by a fixed price distance', () => {
    const result = run([F, F, [100, 105, 99, 104], [104, 110, 103, 108], [107, 108, 106, 107], [106, 107, 104, 105], F], {
      1: (ctx) => ctx.buy({ quantity: 10, trailingStopAmount: 5 }),
    });
    // Levels: 95 → 100 → 105 → 105 (108 − 5 = 103 would loosen it) → hit at 105.
    expect(fillRows(result)[1]).toEqual([5, 105, 10, 'sell', 'trailing-stop']);
  });

  it('ratchets with the high of a bar whose open filled the entry', () => {
    const result = run([F, F, [100, 105, 99, 104], [104, 106, 94, 100], F], {
      1: (ctx) => ctx.buy({ quantity: 10, trailingStopFraction: 0.1 }),
    });
    expect(fillRows(result)[1]).toEqual([3, 105 * (1 - 0.1), 10, 'sell', 'trailing-stop']);
  });

  it('does not ratchet with the entry bar’s high when the entry filled inside the bar', () => {
    // Regression: a limit entry filled at 95 on a bar whose high (110) may have come first used
    // to move the trail to 104.5 and exit at the next open (97).
    const result = run([F, F, [100, 110, 94, 96], [97, 99, 95, 98], [97, 98, 93, 94], F], {
      1: (ctx) => ctx.buy({ quantity: 10, limitPrice: 95, trailingStopFraction: 0.05 }),
    });
    // Levels: 95 × 0.95 = 90.25 through bar 2 → 99 × 0.95 after bar 3 → hit on bar 4.
    expect(fillRows(result)).toEqual([
      [2, 95, 10, 'buy', 'signal'],
      [4, 99 * (1 - 0.05), 10, 'sell', 'trailing-stop'],
    ]);
  });

  it('a short’s trail is a buy stop above that ratchets down with the lows', () => {
    const result = run([F, F, [100, 101, 95, 96], [96, 97, 90, 91], [92, 96, 91, 95], F], {
      1: (ctx) => ctx.sell({ quantity: 10, trailingStopAmount: 5 }),
    });
    // Levels: 105 → 100 → 95 → hit by bar 4's high 96.
    expect(fillRows(result)).toEqual([
      [2, 100, 10, 'sell', 'signal'],
      [4, 95, 10, 'buy', 'trailing-stop'],
    ]);
    expect(result.trades).toMatchObject([{ side: 'short', grossPnl: 50 }]);
  });

  it('a standalone trailing order starts from the signal bar’s close and ratchets from the next bar', () => {
    const result = run([F, F, [100, 105, 99, 104], [104, 110, 103, 108], [107, 108, 106, 107], F], {
      1: (ctx) => ctx.buy({ quantity: 10 }),
      2: (ctx) => ctx.sell({ quantity: 10, trailAmount: 3 }),
    });
    // Level 104 − 3 = 101 for bar 3 (low 103: no fill), then 110 − 3 = 107, hit on bar 4.
    expect(fillRows(result)).toEqual([
      [2, 100, 10, 'buy', 'signal'],
      [4, 107, 10, 'sell', 'trailing-stop'],
    ]);
    expect(result.openTrades).toEqual([]);
  });
});

describe('brackets (stop-loss and take-profit)', () => {
  const bracket: Action = (ctx) => ctx.buy({ quantity: 10, stopLossFraction: 0.05, takeProfitFraction: 0.1 });
  const stopLoss = 100 * (1 - 0.05);
  const takeProfit = 100 * (1 + 0.1);

  it('are computed from the fill price and are not active on the entry bar', () => {
    const result = run([F, F, [100, 112, 94, 101], [101, 102, 100, 101], [101, 111, 100, 110], F], { 1: bracket });
    expect(legOf(result, 1, 'stop-loss').order.stopPrice).toBe(stopLoss);
    expect(legOf(result, 1, 'take-profit').order.limitPrice).toBe(takeProfit);
    expect(fillRows(result)).toEqual([
      [2, 100, 10, 'buy', 'signal'],
      [4, takeProfit, 10, 'sell', 'take-profit'],
    ]);
    expect(result.trades).toMatchObject([{ entryBar: 2, exitBar: 4, exitReason: 'take-profit' }]);
    expect(legOf(result, 1, 'take-profit')).toMatchObject({ status: 'filled', closedBar: 4 });
    expect(legOf(result, 1, 'stop-loss'), 'one cancels the other').toMatchObject({
      status: 'canceled',
      closedBar: 4,
      reason: 'trade 1 closed (one-cancels-other)',
    });
  });

  it('stop-loss wins when both are in range, even when the bar opened above the target', () => {
    const result = run([F, F, F, [111, 112, 94, 100], F], { 1: bracket });
    expect(fillRows(result)[1]).toEqual([3, stopLoss, 10, 'sell', 'stop-loss']);
    expect(legOf(result, 1, 'take-profit').status).toBe('canceled');
  });

  it('a gap through the target fills at the better open', () => {
    const result = run([F, F, F, [112, 113, 111, 112], F], { 1: bracket });
    expect(fillRows(result)[1]).toEqual([3, 112, 10, 'sell', 'take-profit']);
  });

  it('a gap through the stop fills at the (worse) open', () => {
    const result = run([F, F, F, [93, 94, 92, 93], F], { 1: bracket });
    expect(fillRows(result)[1]).toEqual([3, 93, 10, 'sell', 'stop-loss']);
  });

  it('take absolute prices with stopLossPrice / takeProfitPrice', () => {
    const result = run([F, F, F, [101, 108.5, 100, 108], F], {
      1: (ctx) => ctx.buy({ quantity: 10, stopLossPrice: 96, takeProfitPrice: 108 }),
    });
    expect(fillRows(result)[1]).toEqual([3, 108, 10, 'sell', 'take-profit']);
    expect(legOf(result, 1, 'stop-loss').order.stopPrice).toBe(96);
  });

  it('of a short are mirrored: stop above, target below, stop still wins', () => {
    const result = run([F, F, F, [99, 106, 89, 100], F], {
      1: (ctx) => ctx.sell({ quantity: 10, stopLossFraction: 0.05, takeProfitFraction: 0.1 }),
    });
    expect(legOf(result, 1, 'stop-loss').order.stopPrice).toBe(100 * (1 + 0.05));
    expect(legOf(result, 1, 'take-profit').order.limitPrice).toBe(100 * (1 - 0.1));
    expect(fillRows(result)[1]).toEqual([3, 100 * (1 + 0.05), 10, 'buy', 'stop-loss']);
  });

  it('take-profit legs never fill beyond their limit under slippage; stop-loss legs slip', () => {
    // Regression: slippage used to take the take-profit sell below its limit.
    const entry = 100 * (1 + 0.01);
    const target = run([F, F, F, [101, 112, 100, 111], F], { 1: bracket }, { slippageRate: 0.01 });
    expect(target.fills[0].price).toBe(entry);
    expect(target.fills[1]).toMatchObject({ referencePrice: entry * (1 + 0.1), price: entry * (1 + 0.1), slippage: 0, reason: 'take-profit' });
    const stop = run([F, F, F, [99, 100, 94, 95], F], { 1: bracket }, { slippageRate: 0.01 });
    expect(stop.fills[1]).toMatchObject({ referencePrice: entry * (1 - 0.05), price: entry * (1 - 0.05) * (1 - 0.01), reason: 'stop-loss' });
  });

  it('run defaults attach to every entry that has none of its own', () => {
    const result = run(
      [F, F, F, F, F, F],
      { 1: (ctx) => ctx.buy({ quantity: 10 }), 2: (ctx) => ctx.closePosition(), 3: (ctx) => ctx.buy({ quantity: 5, stopLossPrice: 90 }) },
      { defaultStopLoss: { fraction: 0.05 }, defaultTakeProfit: { price: 120 }, defaultTrailingStop: { amount: 5 } },
    );
    for (const tradeId of [1, 2]) {
      expect(legOf(result, tradeId, 'take-profit').order.limitPrice).toBe(120);
      expect(legOf(result, tradeId, 'trailing-stop').order.trail).toEqual({ amount: 5 });
    }
    expect(legOf(result, 1, 'stop-loss').order.stopPrice).toBe(100 * (1 - 0.05));
    expect(legOf(result, 2, 'stop-loss').order.stopPrice, 'the entry’s own stop-loss wins').toBe(90);
    expect(result.orders.filter((r) => r.order.parentTradeId === 1).every((r) => r.status === 'canceled')).toBe(true);
  });

  it('a leg closes only what is left of its trade after a partial close', () => {
    const result = run([F, F, F, F, [96, 97, 94, 95], F], {
      1: (ctx) => ctx.buy({ quantity: 10, stopLossPrice: 95 }),
      2: (ctx) => ctx.sell({ quantity: 4 }),
    });
    expect(fillRows(result)).toEqual([
      [2, 100, 10, 'buy', 'signal'],
      [3, 100, 4, 'sell', 'signal'],
      [4, 95, 6, 'sell', 'stop-loss'],
    ]);
    expect(result.openTrades).toEqual([]);
  });

  it('legs of a reversed position are cancelled and never add to the new position', () => {
    const result = run([F, F, F, F, [100, 111, 94, 100], F], {
      1: (ctx) => ctx.buy({ quantity: 10, stopLossPrice: 95, takeProfitPrice: 110 }),
      2: (ctx) => ctx.sell({ quantity: 20 }),
    });
    expect(fillRows(result)).toEqual([
      [2, 100, 10, 'buy', 'signal'],
      [3, 100, 10, 'sell', 'signal'],
      [3, 100, 10, 'sell', 'signal'],
    ]);
    expect(legOf(result, 1, 'stop-loss')).toMatchObject({ status: 'canceled', closedBar: 3 });
    expect(legOf(result, 1, 'take-profit')).toMatchObject({ status: 'canceled', closedBar: 3 });
    expect(result.openTrades).toMatchObject([{ id: 2, side: 'short', quantity: 10 }]);
  });
});

describe('time in force and cancellation', () => {
  const buyLimit: Action = (ctx) => ctx.buy({ quantity: 10, limitPrice: 95, expiresAfterBars: 2 });

  it('an order expires after expiresAfterBars eligible bars and never fills afterwards', () => {
    const result = run([F, F, F, F, [96, 97, 94, 95], F], { 1: buyLimit });
    expect(result.fills).toEqual([]);
    expect(recordOf(result, 1)).toMatchObject({ status: 'expired', closedBar: 3, reason: 'not filled within 2 bars' });
  });

  it('an order fills on its last eligible bar', () => {
    const result = run([F, F, F, [96, 97, 94, 95], F], { 1: buyLimit });
    expect(fillRows(result)).toEqual([[3, 95, 10, 'buy', 'signal']]);
  });

  it('cancel(orderId) cancels a pending order; cancelling a filled order returns false', () => {
    let limitId = -1;
    let marketId = -1;
    const answers: boolean[] = [];
    const result = run([F, F, F, [96, 97, 94, 95], F], {
      1: (ctx) => {
        limitId = ctx.buy({ quantity: 10, limitPrice: 95 });
        marketId = ctx.buy({ quantity: 1 });
      },
      2: (ctx) => answers.push(ctx.cancel(limitId), ctx.cancel(marketId), ctx.cancel(limitId)),
    });
    expect(answers).toEqual([true, false, false]);
    expect(recordOf(result, limitId)).toMatchObject({ status: 'canceled', closedBar: 2, reason: 'cancelled by strategy' });
    expect(fillRows(result)).toEqual([[2, 100, 1, 'buy', 'signal']]);
  });
});

describe('closing and reversing', () => {
  it('closePosition closes the whole position at the next open; when flat it returns -1', () => {
    const ids: number[] = [];
    const result = run([F, F, F, [102, 103, 101, 102], F], {
      1: (ctx) => {
        ids.push(ctx.closePosition());
        ctx.buy({ quantity: 3 });
        ctx.buy({ quantity: 7 });
      },
      2: (ctx) => ids.push(ctx.closePosition()),
    });
    expect(ids).toEqual([-1, 3]);
    expect(fillRows(result)).toEqual([
      [2, 100, 3, 'buy', 'signal'],
      [2, 100, 7, 'buy', 'signal'],
      [3, 102, 3, 'sell', 'signal'],
      [3, 102, 7, 'sell', 'signal'],
    ]);
    expect(result.trades.map((t) => [t.id, t.quantity, t.exitBar])).toEqual([
      [1, 3, 3],
      [2, 7, 3],
    ]);
  });

  it('a close and an opposite entry fill at the same open: two trades, two commissions', () => {
    const result = run(
      [F, F, F, [104, 105, 103, 104], F],
      {
        1: (ctx) => ctx.buy({ quantity: 10 }),
        2: (ctx) => {
          ctx.closePosition();
          ctx.sell({ quantity: 10 });
        },
      },
      { commission: { rate: 0.001, fixed: 0 } },
    );
    expect(fillRows(result)).toEqual([
      [2, 100, 10, 'buy', 'signal'],
      [3, 104, 10, 'sell', 'signal'],
      [3, 104, 10, 'sell', 'signal'],
    ]);
    expect(result.fills.map((f) => [f.orderId, f.tradeId, f.commission])).toEqual([
      [1, 1, 10 * 100 * 0.001],
      [2, 1, 10 * 104 * 0.001],
      [3, 2, 10 * 104 * 0.001],
    ]);
    expect(result.trades).toMatchObject([{ id: 1, side: 'long', exitBar: 3, commission: 10 * 100 * 0.001 + 10 * 104 * 0.001 }]);
    expect(result.openTrades).toMatchObject([{ id: 2, side: 'short', entryBar: 3, entryPrice: 104, entryCommission: 10 * 104 * 0.001 }]);
  });

  it('one order larger than the position closes it and opens the rest, prorating its commission', () => {
    const result = run(
      [F, F, F, [104, 105, 103, 104], F],
      { 1: (ctx) => ctx.buy({ quantity: 10 }), 2: (ctx) => ctx.sell({ quantity: 20 }) },
      { commission: { rate: 0.001, fixed: 3 } },
    );
    const total = 20 * 104 * 0.001 + 3;
    const closingShare = (total * 10) / 20;
    expect(result.fills.slice(1).map((f) => [f.orderId, f.tradeId, f.quantity, f.commission])).toEqual([
      [2, 1, 10, closingShare],
      [2, 2, 10, total - closingShare],
    ]);
    expect(result.commissionPaid).toBe(10 * 100 * 0.001 + 3 + closingShare + (total - closingShare));
  });

  it('a close order meeting a position already reversed by an earlier order is cancelled, not added', () => {
    const result = run([F, F, F, F, F], {
      1: (ctx) => ctx.buy({ quantity: 10 }),
      2: (ctx) => {
        ctx.sell({ quantity: 20 });
        ctx.closePosition();
      },
    });
    expect(recordOf(result, 3)).toMatchObject({ status: 'canceled', closedBar: 3, reason: 'no position to close' });
    expect(result.openTrades).toMatchObject([{ side: 'short', quantity: 10 }]);
  });

  it('closeAtEnd closes open trades at the last close with reason "end-of-data" and commission', () => {
    const result = run([F, F, [103, 104, 102, 103], [104, 105, 103, 104]], { 1: (ctx) => ctx.buy({ quantity: 10 }) }, {
      closeAtEnd: true,
      commission: { rate: 0.001, fixed: 0 },
    });
    expect(fillRows(result)[1]).toEqual([3, 104, 10, 'sell', 'end-of-data']);
    expect(result.trades).toMatchObject([{ exitBar: 3, exitPrice: 104, exitReason: 'end-of-data', commission: 10 * 103 * 0.001 + 10 * 104 * 0.001 }]);
    expect(result.openTrades).toEqual([]);
    expect(result.equity[3]).toBe(result.finalCash);
  });

  it('partial closes split trades FIFO and prorate entry and exit commissions', () => {
    const result = run(
      [F, F, [100, 101, 99, 100], [110, 111, 109, 110], [120, 121, 119, 120], F],
      { 1: (ctx) => ctx.buy({ quantity: 10 }), 2: (ctx) => ctx.buy({ quantity: 10 }), 3: (ctx) => ctx.sell({ quantity: 15 }) },
      { commission: { rate: 0.001, fixed: 0 } },
    );
    const entry1 = 10 * 100 * 0.001;
    const entry2 = 10 * 110 * 0.001;
    const exit = 15 * 120 * 0.001;
    expect(result.fills.slice(2).map((f) => [f.tradeId, f.quantity, f.price, f.commission])).toEqual([
      [1, 10, 120, (exit * 10) / 15],
      [2, 5, 120, (exit * 5) / 15],
    ]);
    expect(result.trades).toMatchObject([
      { id: 1, quantity: 10, entryPrice: 100, grossPnl: 200, commission: entry1 + (exit * 10) / 15 },
      { id: 2, quantity: 5, entryPrice: 110, grossPnl: 50, commission: entry2 * 0.5 + (exit * 5) / 15 },
    ]);
    expect(result.openTrades).toMatchObject([{ id: 2, quantity: 5, entryCommission: entry2 - entry2 * 0.5 }]);
  });
});

describe('sizing', () => {
  it('all-in uses backtesting.py’s formula at the fill price (CONVENTIONS §7.1: 68 units)', () => {
    const p = 1458.469971;
    const result = run(
      [[1450, 1460, 1440, 1455], [1455, 1460, 1450, 1455], [p, 1470, 1450, 1460], [1460, 1465, 1455, 1462]],
      { 1: (ctx) => ctx.buy() },
      { defaultSizing: { kind: 'fraction', fraction: ALL_IN_FRACTION }, commission: { rate: 0.001, fixed: 0 } },
    );
    const f = ALL_IN_FRACTION;
    const appc = p + (f * p * 0.001) / f;
    expect(appc).toBeCloseTo(1459.928440971, 9);
    expect(floorDivide(100_000 * f, appc)).toBe(68);
    expect(result.fills).toMatchObject([{ bar: 2, price: p, quantity: 68, commission: 68 * p * 0.001 }]);
    expect(result.finalCash).toBe(100_000 - (68 * p + 68 * p * 0.001));
  });

  it('fraction 0.5 spends half the available equity, commission included', () => {
    const order: Action = (ctx) => ctx.buy({ fraction: 0.5 });
    const whole = run([F, F, F, F], { 1: order }, { commission: { rate: 0.001, fixed: 0 } });
    expect(whole.fills[0].quantity, '50000 / 100.1 = 499.5').toBe(499);
    const fractional = run([F, F, F, F], { 1: order }, { commission: { rate: 0.001, fixed: 0 }, fractional: true });
    expect(fractional.fills[0].quantity).toBe((100_000 * 0.5) / (100 + (0.5 * 100 * 0.001) / 0.5));
  });

  it('cash sizing spends at most the given cash, commission included', () => {
    const result = run([F, F, F, F], { 1: (ctx) => ctx.buy({ cash: 10_000 }) }, { commission: { rate: 0.001, fixed: 1 } });
    expect(result.fills).toMatchObject([{ quantity: 99, commission: 99 * 100 * 0.001 + 1 }]);
  });

  it('risk sizing: units = floor(equity × riskFraction / stop distance)', () => {
    const fraction = run([F, F, F, F], { 1: (ctx) => ctx.buy({ riskFraction: 0.01, stopLossFraction: 0.02 }) });
    expect(fraction.fills[0].quantity, '1000 / 2').toBe(500);
    const price = run([F, F, F, F], { 1: (ctx) => ctx.buy({ riskFraction: 0.01, stopLossPrice: 95 }) });
    expect(price.fills[0].quantity, '1000 / 5').toBe(200);
    const short = run([F, F, F, F], { 1: (ctx) => ctx.sell({ riskFraction: 0.01, stopLossFraction: 0.02 }) });
    expect(short.fills[0]).toMatchObject({ side: 'sell', quantity: 500 });
    expect(legOf(short, 1, 'stop-loss').order.stopPrice).toBe(100 * (1 + 0.02));
    const byDefault = run([F, F, F, F], { 1: (ctx) => ctx.buy({ riskFraction: 0.01 }) }, { defaultStopLoss: { fraction: 0.05 } });
    expect(byDefault.fills[0].quantity, 'the run’s default stop-loss counts').toBe(200);
  });

  it('risk sizing measures the distance to the stop on the loss side of the entry', () => {
    // Regression: a long's distance was measured to entry × (1 + f), which differs in the last bits.
    const result = run([F, F, F, F], { 1: (ctx) => ctx.buy({ riskFraction: 0.01, stopLossFraction: 0.1 }) }, { fractional: true });
    const stop = legOf(result, 1, 'stop-loss').order.stopPrice!;
    expect(stop).toBe(100 * (1 - 0.1));
    expect(result.fills[0].quantity).toBe(1000 / (100 - stop));
  });

  it('risk sizing without a stop-loss is rejected with a reason', () => {
    const result = run([F, F, F, F], { 1: (ctx) => ctx.buy({ riskFraction: 0.01 }) });
    expect(result.fills).toEqual([]);
    expect(result.rejectedOrders).toMatchObject([
      { bar: 2, time: at(2), reason: 'risk sizing needs a stop-loss (stopLossPrice, stopLossFraction or a run default)' },
    ]);
    expect(recordOf(result, 1)).toMatchObject({ status: 'rejected', closedBar: 2 });
  });

  it('risk sizing with the stop-loss on the winning side of the fill is rejected', () => {
    // Regression: |fill − stop| sized a long against a stop above its entry, which then exits at once.
    const result = run([F, F, F, F], { 1: (ctx) => ctx.buy({ riskFraction: 0.01, stopLossPrice: 105 }) });
    expect(result.fills).toEqual([]);
    expect(result.rejectedOrders).toMatchObject([{ bar: 2, reason: 'risk sizing needs a stop-loss below the fill price 100, got 105' }]);
  });

  it('sizes are whole units unless fractional is set', () => {
    expect(run([F, F, F, F], { 1: (ctx) => ctx.buy({ quantity: 2.5 }) }).fills[0].quantity).toBe(2);
    expect(run([F, F, F, F], { 1: (ctx) => ctx.buy({ quantity: 2.5 }) }, { fractional: true }).fills[0].quantity).toBe(2.5);
    const zero = run([F, F, F, F], { 1: (ctx) => ctx.buy({ quantity: 0.5 }) });
    expect(zero.rejectedOrders).toMatchObject([{ bar: 2, reason: 'size rounds to 0 units at price 100' }]);
  });

  it('an all-in order that cannot buy one unit is rejected, not dropped', () => {
    const result = run([F, F, F, F], { 1: (ctx) => ctx.buy() }, { initialCash: 50, defaultSizing: { kind: 'fraction', fraction: ALL_IN_FRACTION } });
    expect(result.rejectedOrders).toHaveLength(1);
    expect(recordOf(result, 1).status).toBe('rejected');
  });
});

describe('cash checks', () => {
  it('an order cash cannot cover is rejected and listed with a reason', () => {
    const result = run([F, F, F, F], { 1: (ctx) => ctx.buy({ quantity: 1000 }) }, { commission: { rate: 0.001, fixed: 0 } });
    expect(result.fills).toEqual([]);
    expect(result.rejectedOrders).toHaveLength(1);
    expect(result.rejectedOrders[0]).toMatchObject({ bar: 2, time: at(2), order: { id: 1, side: 'buy' } });
    expect(result.rejectedOrders[0].reason).toBe('insufficient cash: 1000 units at 100 plus commission need 100100.00, available 100000.00');
    expect(recordOf(result, 1)).toMatchObject({ status: 'rejected', closedBar: 2, reason: result.rejectedOrders[0].reason });
    expect([...result.equity]).toEqual([100_000, 100_000, 100_000, 100_000]);
  });

  it('an order that costs exactly the cash fills', () => {
    const result = run([F, F, F, F], { 1: (ctx) => ctx.buy({ quantity: 1000 }) });
    expect(result.fills).toHaveLength(1);
    expect(result.finalCash).toBe(0);
  });

  it('a reversal pays one fixed commission, and the cash check counts it once', () => {
    // Regression: the check added the fixed fee for the closing and for the opening part and
    // rejected this reversal, which leaves 10 of cash uncommitted.
    const result = run(
      [F, F, F, F, F],
      { 1: (ctx) => ctx.buy({ quantity: 9 }), 2: (ctx) => ctx.sell({ quantity: 18 }) },
      { initialCash: 1000, commission: { rate: 0, fixed: 45 } },
    );
    expect(result.rejectedOrders).toEqual([]);
    expect(result.fills.slice(1).map((f) => [f.quantity, f.commission])).toEqual([
      [9, 22.5],
      [9, 22.5],
    ]);
    expect(result.finalCash).toBe(1000 - 945 + 900 - 22.5 + 900 - 22.5);
  });

  it('a short credits the sale and debits the cover (CONVENTIONS §5)', () => {
    const result = run(
      [F, F, [100, 101, 94, 95], [90, 92, 89, 91], F],
      { 1: (ctx) => ctx.sell({ quantity: 10 }), 2: (ctx) => ctx.closePosition() },
      { commission: { rate: 0.001, fixed: 0 } },
    );
    const cashAfterShort = 100_000 + (10 * 100 - 10 * 100 * 0.001);
    expect(result.equity[2], 'cash + signed units × close').toBe(cashAfterShort - 10 * 95);
    const cover = 10 * 90 * 0.001;
    expect(result.finalCash).toBe(cashAfterShort - (10 * 90 + cover));
    expect(result.trades).toMatchObject([
      { side: 'short', grossPnl: 100, commission: 1 + cover, pnl: 100 - (1 + cover), netReturn: -1 * (90 / 100 - 1) - (1 + cover) / (10 * 100) },
    ]);
  });

  it('a short needs cash to cover its value (leverage 1)', () => {
    const result = run([F, F, F, F], { 1: (ctx) => ctx.sell({ quantity: 1001 }) });
    expect(result.rejectedOrders).toHaveLength(1);
  });
});

describe('missing bars', () => {
  it('equity is carried at the last close and orders wait for the next bar with prices', () => {
    const result = run([F, F, MISSING, [102, 103, 101, 102], MISSING, [104, 105, 103, 104]], {
      1: (ctx) => ctx.buy({ quantity: 10, stopLossPrice: 50 }),
    });
    expect(fillRows(result)).toEqual([[3, 102, 10, 'buy', 'signal']]);
    expect([...result.equity]).toEqual([100_000, 100_000, 100_000, 100_000, 100_000, 100_020]);
    expect(legOf(result, 1, 'stop-loss').status).toBe('pending');
  });
});

describe('order options', () => {
  const attempt = (action: Action): unknown => {
    try {
      run([F, F, F], { 1: action });
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it('a misspelt option is an error with a did-you-mean, not silently dropped', () => {
    const error = attempt((ctx) => ctx.buy({ quantity: 1, stopLoss: 0.02 } as never));
    expect(error).toMatchObject({ code: 'BT_ORDER_INVALID', message: 'unknown order option "stopLoss" (did you mean "stopLossPrice"?)' });
  });

  it('contradictory or out-of-range options are errors', () => {
    expect(attempt((ctx) => ctx.buy({ quantity: 1, fraction: 0.5 }))).toMatchObject({ code: 'BT_ORDER_INVALID' });
    expect(attempt((ctx) => ctx.buy({ limitPrice: Number.NaN }))).toMatchObject({ code: 'BT_ORDER_INVALID' });
    expect(attempt((ctx) => ctx.buy({ fraction: 1.5 }))).toMatchObject({ code: 'BT_ORDER_INVALID' });
    expect(attempt((ctx) => ctx.buy({ trailFraction: 0.1, limitPrice: 90 }))).toMatchObject({ code: 'BT_ORDER_INVALID' });
    expect(attempt((ctx) => ctx.buy({ expiresAfterBars: 1.5 }))).toMatchObject({ code: 'BT_ORDER_INVALID' });
  });

  it('options left undefined count as absent', () => {
    expect(attempt((ctx) => ctx.buy({ quantity: undefined, tag: undefined }))).toBeUndefined();
  });
});
