/**
 * Resting limit orders kept by limit price (issue 13, item 13): a bar reaches only the orders
 * it can fill, and those fill in placement order, not price order; cancelled and expired
 * orders leave the book; many resting orders that no bar reaches change nothing. (Speed: the
 * "100,000 resting limit orders" line of npm run bench.)
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BROKER, makeBars } from '../helpers/bundled-data.js';
import { defineStrategy, type StrategyContext } from '../../src/strategy/define-strategy.js';
import { runBacktest, type RunResult } from '../../src/engine/run-backtest.js';

const T0 = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;
type Row = readonly [number, number, number, number];

function run(rows: readonly Row[], actions: Readonly<Record<number, (ctx: StrategyContext<Record<string, never>>) => void>>): RunResult {
  const bars = makeBars(
    { time: rows.map((_, i) => T0 + i * DAY), open: rows.map((r) => r[0]), high: rows.map((r) => r[1]), low: rows.map((r) => r[2]), close: rows.map((r) => r[3]), volume: rows.map(() => 1000) },
    'hand-made',
  );
  const strategy = defineStrategy({
    name: 'scripted',
    description: 'places given orders',
    params: {},
    init: () => ({}),
    next: (ctx) => actions[ctx.bar]?.(ctx),
  });
  return runBacktest(bars, strategy, {}, { broker: { ...DEFAULT_BROKER, commission: { rate: 0, fixed: 0 } }, defaultSizing: { kind: 'units', units: 1 }, closeAtEnd: false });
}

const Q: Row = [100, 101, 99, 100];

describe('#13.13 resting limit orders', () => {
  it('#13.13 orders one bar reaches fill in placement order, each at its limit or the better open', () => {
    const result = run([Q, Q, [100, 100, 90, 92], Q], {
      1: (ctx) => {
        ctx.buy({ limitPrice: 91 }); // order 1: the deepest, placed first
        ctx.buy({ limitPrice: 95 }); // order 2
        ctx.buy({ limitPrice: 80 }); // order 3: not reached
        ctx.buy({ limitPrice: 93 }); // order 4
        ctx.sell({ limitPrice: 150 }); // order 5: not reached
      },
    });
    expect(result.fills.map((f) => [f.orderId, f.bar, f.price])).toEqual([
      [1, 2, 91],
      [2, 2, 95],
      [4, 2, 93],
    ]);
    expect(result.orders.map((o) => o.status)).toEqual(['filled', 'filled', 'pending', 'filled', 'pending']);
    expect(result.fills.every((f) => f.bar === 2)).toBe(true);
  });

  it('#13.13 a gap through several limits fills all of them at the open, in placement order', () => {
    const result = run([Q, Q, [85, 86, 84, 85], Q], {
      1: (ctx) => {
        ctx.buy({ limitPrice: 90 });
        ctx.buy({ limitPrice: 95 });
      },
    });
    expect(result.fills.map((f) => [f.orderId, f.price])).toEqual([
      [1, 85],
      [2, 85],
    ]);
  });

  it('#13.13 cancelled and expired limit orders leave the book and never fill', () => {
    const result = run([Q, Q, Q, Q, [100, 100, 50, 60], Q], {
      1: (ctx) => {
        ctx.buy({ limitPrice: 70 }); // 1: cancelled at bar 2
        ctx.buy({ limitPrice: 70, expiresAfterBars: 2 }); // 2: expires after bar 3
        ctx.buy({ limitPrice: 70 }); // 3: fills at bar 4
      },
      2: (ctx) => {
        expect(ctx.pendingOrders.map((o) => o.id)).toEqual([1, 2, 3]);
        expect(ctx.cancel(1)).toBe(true);
        expect(ctx.cancel(1), 'a second cancel finds nothing pending').toBe(false);
      },
      3: (ctx) => expect(ctx.pendingOrders.map((o) => o.id)).toEqual([3]),
    });
    expect(result.orders.map((o) => [o.order.id, o.status, o.closedBar])).toEqual([
      [1, 'canceled', 2],
      [2, 'expired', 3],
      [3, 'filled', 4],
    ]);
  });

  it('#13.13 20,000 resting orders that no bar reaches change no fill of the orders that do', () => {
    const rows: Row[] = Array.from({ length: 400 }, (_, i) => {
      const c = 100 + 10 * Math.sin(i / 9);
      return [c, c + 2, c - 2, c + 0.5];
    });
    const trade = (ctx: StrategyContext<Record<string, never>>): void => {
      if (ctx.bar % 7 === 0) ctx.buy({ limitPrice: ctx.close.current - 1, expiresAfterBars: 3 });
      if (ctx.bar % 11 === 0 && ctx.position.isLong) ctx.sell({ limitPrice: ctx.close.current + 1 });
    };
    const actions: Record<number, (ctx: StrategyContext<Record<string, never>>) => void> = {};
    const crowded: Record<number, (ctx: StrategyContext<Record<string, never>>) => void> = {};
    for (let bar = 1; bar < rows.length; bar++) {
      actions[bar] = trade;
      crowded[bar] = (ctx) => {
        for (let k = 0; k < 50; k++) ctx.buy({ limitPrice: 1 + k / 100, tag: 'far' });
        trade(ctx);
      };
    }
    const plain = run(rows, actions);
    const withResting = run(rows, crowded);
    const own = (r: RunResult) => r.fills.map((f) => [f.bar, f.side, f.price, f.quantity]);
    expect(own(plain).length).toBeGreaterThan(10);
    expect(own(withResting)).toEqual(own(plain));
    expect(withResting.orders.filter((o) => o.order.tag === 'far' && o.status === 'pending')).toHaveLength(50 * (rows.length - 1));
  });
});
