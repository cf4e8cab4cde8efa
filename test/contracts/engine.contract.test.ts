// Engine contract (STYLE.md "Contracts"), run once per strategy and run configuration on the
// bundled S&P 500 file: no look-ahead (changing the bars after t leaves every fill, trade,
// rejection, order decision and equity value at or before t unchanged), determinism (two runs
// are deep-equal, equity arrays included, and serialise to the same JSON), legal order life
// cycles (every record ends in an allowed status that agrees with the fills and rejections),
// cash accounting that adds up, and causal series views (`ago` never reveals a later bar and
// never wraps).
import { describe, expect, it } from 'vitest';
import type { BarSeries } from '../../src/data/bar-series.js';
import { canTransition } from '../../src/engine/order-state.js';
import { runBacktest, type RunOptions, type RunResult } from '../../src/engine/run-backtest.js';
import type { OrderStatus } from '../../src/engine/types.js';
import { sma } from '../../src/indicators/sma.js';
import { mulberry32 } from '../../src/optimize/prng.js';
import { defineStrategy, type OrderOptions, type Strategy } from '../../src/strategy/define-strategy.js';
import { resolveParams, type ParamSchema } from '../../src/strategy/params.js';
import type { SeriesView } from '../../src/strategy/series-view.js';
import buyAndHold from '../../strategies/buy-and-hold.js';
import rsiReversion from '../../strategies/rsi-reversion.js';
import smaCross from '../../strategies/sma-cross.js';
import { near, smaBracket } from '../golden/golden-cases.js';
import { DEFAULT_BROKER, DEFAULT_RUN_OPTIONS, loadSp500 } from '../helpers/bundled-data.js';

const SP500 = loadSp500();

/**
 * A copy of `series` whose bars after `t` are rescaled bar by bar, the same factor for O/H/L/C
 * so every bar stays consistent: down by 25–50 % or up by 25–50 %. One of the two directions
 * flips any comparison of a later price with a price at or before t, so a strategy or broker
 * that peeks even one bar ahead changes its decisions or fills at t.
 */
function mutateAfter(series: BarSeries, t: number, direction: 'down' | 'up'): BarSeries {
  const random = mulberry32(t);
  const base = direction === 'down' ? 0.5 : 1.25;
  const open = series.open.slice();
  const high = series.high.slice();
  const low = series.low.slice();
  const close = series.close.slice();
  const volume = series.volume.slice();
  for (let i = t + 1; i < series.length; i++) {
    const k = base + 0.25 * random();
    open[i] *= k;
    high[i] *= k;
    low[i] *= k;
    close[i] *= k;
    volume[i] = Math.round(volume[i] * random());
  }
  return { ...series, open, high, low, close, volume };
}

/**
 * Places random orders of every kind from a seeded generator: market, limit, stop, stop-limit
 * (limit on either side of the stop), trailing, brackets, every sizing, expiries, cancels and
 * closes. Its decisions depend only on the generator and on what `ctx` reveals.
 */
const randomOrders = defineStrategy({
  name: 'random-orders',
  description: 'random orders of every type from a seeded generator (engine contract)',
  params: { seed: { type: 'int', default: 7, min: 0, description: 'generator seed' } },
  init(ctx) {
    return { random: mulberry32(ctx.params.seed), trend: ctx.indicator('sma5', sma(ctx.close, 5)) };
  },
  next(ctx, { random, trend }) {
    const r = random();
    const c = ctx.close.current;
    const quantity = 1 + Math.floor(random() * 20);
    const away = 0.002 + random() * 0.03;
    const exits: OrderOptions =
      random() < 0.3 ? { stopLossFraction: away, takeProfitFraction: 2 * away } : random() < 0.2 ? { trailingStopFraction: away } : {};
    const expiry: OrderOptions = random() < 0.5 ? { expiresAfterBars: 1 + Math.floor(random() * 5) } : {};
    const side = random() < (c > trend.current ? 0.6 : 0.4) ? 'buy' : 'sell';
    const sign = side === 'buy' ? 1 : -1;
    const place = (options: OrderOptions): number => (side === 'buy' ? ctx.buy(options) : ctx.sell(options));
    if (r < 0.08) place({ quantity, ...exits });
    else if (r < 0.14) place({ quantity, limitPrice: c * (1 - sign * away), ...expiry, ...exits });
    else if (r < 0.2) place({ quantity, stopPrice: c * (1 + sign * away), ...expiry, ...exits });
    else if (r < 0.24) place({ quantity, stopPrice: c * (1 + sign * away), limitPrice: c * (1 + sign * away * 2 * random()), ...expiry });
    else if (r < 0.27) place({ quantity, trailFraction: away, ...expiry });
    else if (r < 0.29) place({ quantity, trailAmount: c * away });
    else if (r < 0.32) ctx.closePosition();
    else if (r < 0.35) {
      const pending = ctx.pendingOrders;
      if (pending.length > 0) ctx.cancel(pending[Math.floor(random() * pending.length)].id);
    } else if (r < 0.36) place({ fraction: 0.3, ...exits });
    else if (r < 0.37) place({ riskFraction: 0.01, stopLossFraction: away });
    else if (r < 0.38) place({ cash: 20_000 });
    else if (r < 0.385) place({ riskFraction: 0.01 });
    else if (r < 0.39) ctx.log(`bar ${ctx.bar}: equity ${ctx.equity}, position ${ctx.position.signedQuantity}`);
  },
});

interface Setup {
  readonly name: string;
  readonly strategy: Strategy<ParamSchema, unknown>;
  readonly params: Record<string, unknown>;
  readonly options: RunOptions;
}

const as = <S extends ParamSchema, T>(strategy: Strategy<S, T>): Strategy<ParamSchema, unknown> => strategy as unknown as Strategy<ParamSchema, unknown>;

const SETUPS: readonly Setup[] = [
  { name: 'sma-cross long-only, all-in', strategy: as(smaCross), params: {}, options: DEFAULT_RUN_OPTIONS },
  { name: 'sma-cross long-short, all-in', strategy: as(smaCross), params: { direction: 'long-short' }, options: DEFAULT_RUN_OPTIONS },
  { name: 'sma bracket (s4)', strategy: as(smaBracket), params: {}, options: DEFAULT_RUN_OPTIONS },
  {
    name: 'rsi-reversion long-short, fixed size, close at end',
    strategy: as(rsiReversion),
    params: { direction: 'long-short' },
    options: { ...DEFAULT_RUN_OPTIONS, defaultSizing: { kind: 'units', units: 10 }, closeAtEnd: true },
  },
  { name: 'buy-and-hold', strategy: as(buyAndHold), params: {}, options: DEFAULT_RUN_OPTIONS },
  {
    name: 'random orders, slippage, fixed commission, run default exits',
    strategy: as(randomOrders),
    params: { seed: 7 },
    options: {
      broker: {
        ...DEFAULT_BROKER,
        commission: { rate: 0.001, fixed: 1 },
        slippageRate: 0.0005,
        defaultStopLoss: { fraction: 0.05 },
        defaultTrailingStop: { amount: 40 },
      },
      defaultSizing: { kind: 'units', units: 5 },
      closeAtEnd: false,
    },
  },
  {
    name: 'random orders, fill at close, fractional, close at end',
    strategy: as(randomOrders),
    params: { seed: 11 },
    options: { broker: { ...DEFAULT_BROKER, fillAt: 'close', fractional: true }, defaultSizing: { kind: 'units', units: 2.5 }, closeAtEnd: true },
  },
];

function runSetup(setup: Setup, bars: BarSeries = SP500): RunResult {
  const params = resolveParams(setup.strategy.params, { values: setup.params, origin: 'default' });
  return runBacktest(bars, setup.strategy, params, setup.options);
}

/** What a run decided and executed up to and including bar `t`. */
function historyUntil(result: RunResult, t: number): unknown {
  return {
    fills: result.fills.filter((f) => f.bar <= t),
    trades: result.trades.filter((trade) => trade.exitBar <= t),
    rejectedOrders: result.rejectedOrders.filter((r) => r.bar <= t),
    ordersPlaced: result.orders.filter((r) => r.order.submittedBar <= t).map((r) => r.order),
    ordersClosed: result.orders.filter((r) => r.closedBar !== undefined && r.closedBar <= t),
    equity: [...result.equity.subarray(0, t + 1)],
    logs: result.logs.filter((l) => l.bar <= t),
  };
}

const STATUSES: readonly OrderStatus[] = ['pending', 'filled', 'canceled', 'rejected', 'expired'];

/** Every way the order records, fills and rejections of `result` disagree (empty when legal). */
function lifecycleViolations(result: RunResult, fillAt: 'next-open' | 'close'): string[] {
  const problems: string[] = [];
  const fillsOf = new Map<number, number[]>();
  const atCloseIds = new Set<number>();
  for (const fill of result.fills) {
    fillsOf.set(fill.orderId, [...(fillsOf.get(fill.orderId) ?? []), fill.bar]);
    if (fill.reason === 'end-of-data') atCloseIds.add(fill.orderId);
  }
  const rejected = new Map(result.rejectedOrders.map((r) => [r.order.id, r]));
  const tradeIds = new Set([...result.trades.map((t) => t.id), ...result.openTrades.map((t) => t.id)]);
  result.orders.forEach((record, index) => {
    const { order, status, closedBar } = record;
    const where = `order ${order.id} (${order.type} ${order.side}, ${status})`;
    if (order.id !== index + 1) problems.push(`${where}: listed at position ${index}; an order is missing`);
    if (!STATUSES.includes(status)) problems.push(`${where}: unknown status`);
    const fillBars = fillsOf.get(order.id) ?? [];
    if (status === 'filled') {
      if (fillBars.length === 0) problems.push(`${where}: filled without a fill`);
      if (fillBars.some((bar) => bar !== closedBar)) problems.push(`${where}: fills at bars ${fillBars} but closed at ${closedBar}`);
      const isAtClose = atCloseIds.has(order.id) || (fillAt === 'close' && order.type === 'market');
      const earliest = order.submittedBar + (isAtClose ? 0 : 1);
      if (closedBar === undefined || closedBar < earliest) problems.push(`${where}: filled at ${closedBar}, placed at ${order.submittedBar}`);
    } else if (fillBars.length > 0) problems.push(`${where}: has fills`);
    if (status === 'pending') {
      if (closedBar !== undefined) problems.push(`${where}: pending but closed at ${closedBar}`);
      if (record.reason === undefined) problems.push(`${where}: pending at the end without a reason`);
    } else if (closedBar === undefined || closedBar < order.submittedBar) problems.push(`${where}: closed at ${closedBar}`);
    if (status !== 'filled' && status !== 'pending' && !record.reason) problems.push(`${where}: no reason`);
    if (status === 'expired' && closedBar !== order.submittedBar + order.expiresAfterBars!) {
      problems.push(`${where}: expired at ${closedBar}, placed at ${order.submittedBar} for ${order.expiresAfterBars} bars`);
    }
    const rejection = rejected.get(order.id);
    if ((status === 'rejected') !== (rejection !== undefined)) problems.push(`${where}: rejectedOrders disagrees`);
    if (rejection !== undefined && (rejection.bar !== closedBar || rejection.reason !== record.reason)) {
      problems.push(`${where}: rejection at ${rejection.bar} "${rejection.reason}" vs record`);
    }
    if (order.parentTradeId !== undefined && !tradeIds.has(order.parentTradeId)) problems.push(`${where}: unknown parent trade`);
    if (order.reduceOnly && !(order.sizing.kind === 'close')) problems.push(`${where}: reduce-only order not sized to close`);
  });
  if (result.rejectedOrders.length !== result.orders.filter((r) => r.status === 'rejected').length) {
    problems.push('rejectedOrders lists an order that is not rejected');
  }
  return problems;
}

describe('engine contract: order state table', () => {
  it('allows only pending → filled | canceled | rejected | expired, and nothing out of a final state', () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        expect(canTransition(from, to), `${from} → ${to}`).toBe(from === 'pending' && to !== 'pending');
      }
    }
  });
});

describe.each(SETUPS)('engine contract: $name', (setup) => {
  const reference = runSetup(setup);

  it('makes some decisions to check (the contract is not vacuous)', () => {
    expect(reference.fills.length).toBeGreaterThan(0);
  });

  it('is deterministic: a second run is deep-equal and serialises identically', () => {
    const again = runSetup(setup);
    expect(again).toEqual(reference);
    const json = (r: RunResult): string =>
      JSON.stringify({ fills: r.fills, trades: r.trades, openTrades: r.openTrades, orders: r.orders, rejected: r.rejectedOrders, equity: [...r.equity] });
    expect(json(again)).toBe(json(reference));
  });

  it.each([260, 1800, 4100])('has no look-ahead: changing bars after %i changes nothing at or before it', (t) => {
    for (const direction of ['down', 'up'] as const) {
      const changed = runSetup(setup, mutateAfter(SP500, t, direction));
      expect(historyUntil(changed, t)).toEqual(historyUntil(reference, t));
      expect(changed.equity[SP500.length - 1], 'the mutation does reach the run').not.toBe(reference.equity[SP500.length - 1]);
    }
  });

  it('keeps every order life cycle legal and consistent with fills and rejections', () => {
    expect(lifecycleViolations(reference, setup.options.broker.fillAt)).toEqual([]);
  });

  it('adds up: final equity = cash + Σ closed P&L + open P&L − open entry commissions', () => {
    const initial = setup.options.broker.initialCash;
    let expected = initial;
    for (const trade of reference.trades) expected += trade.pnl;
    for (const open of reference.openTrades) expected += open.unrealizedPnl - open.entryCommission;
    expect(near(reference.equity[SP500.length - 1], expected, 1e-9)).toBe(true);
    let commission = 0;
    for (const trade of reference.trades) commission += trade.commission;
    for (const open of reference.openTrades) commission += open.entryCommission;
    expect(near(reference.commissionPaid, commission, 1e-9)).toBe(true);
  });
});

describe('engine contract: series views are causal', () => {
  it('ago/at/current/length/last reveal exactly bars 0..t and never wrap', () => {
    const problems: string[] = [];
    const full = { open: SP500.open, close: SP500.close, volume: SP500.volume, sma3: sma(SP500.close, 3) };
    const probe = defineStrategy({
      name: 'view-probe',
      description: 'checks every view at every bar',
      params: {},
      init(ctx) {
        return { sma3: ctx.indicator('sma3', sma(ctx.close, 3)) };
      },
      next(ctx, { sma3 }) {
        const t = ctx.bar;
        const views: [SeriesView, Float64Array][] = [
          [ctx.open, full.open],
          [ctx.close, full.close],
          [ctx.volume, full.volume],
          [sma3, full.sma3],
        ];
        for (const [view, values] of views) {
          const fail = (what: string): void => {
            problems.push(`bar ${t} ${view.name}: ${what}`);
          };
          if (!Object.is(view.current, values[t]) || !Object.is(view.ago(0), values[t])) fail('current');
          if (!Object.is(view.ago(1), t >= 1 ? values[t - 1] : NaN)) fail('ago(1)');
          if (!Object.is(view.ago(t), values[0])) fail('ago(bar) is not the first bar');
          for (const n of [-1, -2, -t - 1, t + 1, t + 2, SP500.length]) if (!Number.isNaN(view.ago(n))) fail(`ago(${n}) is not NaN`);
          for (const i of [t + 1, t + 2, -1]) if (!Number.isNaN(view.at(i))) fail(`at(${i}) is not NaN`);
          if (!Object.is(view.at(t), values[t])) fail('at(bar)');
          if (view.length !== t + 1) fail(`length ${view.length}`);
          const last = view.last(5);
          if (last.length !== Math.min(5, t + 1) || !last.every((v, k) => Object.is(v, values[t + 1 - last.length + k]))) fail('last(5)');
          if (view.last(t + 10).length !== t + 1) fail('last(n) reaches past the current bar');
        }
      },
    });
    runBacktest(SP500, probe, {}, DEFAULT_RUN_OPTIONS);
    expect(problems.slice(0, 10)).toEqual([]);
  });
});
