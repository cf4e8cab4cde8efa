/**
 * Issue 13 lines of `npm run bench` (key `hardening`):
 * - 100,000 resting limit orders: a run on 20,000 bars whose strategy keeps 5 new buy limits
 *   per bar far below the market (none ever fills), against the same bars and trades without
 *   them; with orders kept by limit price the ratio stays small (a pass over every resting
 *   order per bar made it grow with the square of the order count);
 * - the strategy's private copy of the price columns (`strategyCopy`) against a read-only Proxy
 *   view, each with one SMA over the close, as a ratio to the SMA over the engine's own array,
 *   and the copy as a share of a whole sma-cross run on the same bars.
 */
import { join } from 'node:path';

/** A seeded random-walk BarSeries of `n` daily bars (mulberry32 from the project). */
function walkBars(n, mulberry32) {
  const random = mulberry32(13);
  const time = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n).fill(1000);
  let price = 100;
  for (let i = 0; i < n; i++) {
    time[i] = Date.UTC(2000, 0, 1) + i * 86_400_000;
    open[i] = price;
    close[i] = Math.max(1, price * (1 + (random() - 0.5) * 0.04));
    high[i] = Math.max(open[i], close[i]) * 1.005;
    low[i] = Math.min(open[i], close[i]) * 0.995;
    price = close[i];
  }
  return { symbol: 'WALK', time, open, high, low, close, volume, length: n, extra: {}, intraday: false, source: { file: 'walk', dialect: 'generated', sha256: '' } };
}

export async function hardeningSection(ctx) {
  if (!ctx.enabled('hardening')) return;
  const { root, report, timeIt, fmt } = ctx;
  const dist = (path) => join(root, 'dist', path);
  const { mulberry32 } = await import(dist('src/optimize/prng.js'));
  const { runBacktest } = await import(dist('src/engine/run-backtest.js'));
  const { defineStrategy } = await import(dist('src/strategy/define-strategy.js'));
  const { strategyCopy } = await import(dist('src/data/bar-series.js'));
  const { sma } = await import(dist('src/indicators/index.js'));

  const BARS = 20_000;
  const bars = walkBars(BARS, mulberry32);
  const options = {
    broker: { initialCash: 1e9, commission: { rate: 0, fixed: 0 }, slippageRate: 0, fractional: false, fillAt: 'next-open' },
    defaultSizing: { kind: 'units', units: 1 },
    closeAtEnd: false,
  };
  const trade = (c) => {
    if (c.bar % 10 === 0) c.buy();
    else if (c.bar % 10 === 5 && c.position.isLong) c.closePosition();
  };
  const plain = defineStrategy({ name: 'plain', description: '', params: {}, init: () => ({}), next: trade });
  const crowded = defineStrategy({
    name: 'crowded',
    description: '',
    params: {},
    init: () => ({}),
    next: (c) => {
      for (let k = 0; k < 5; k++) c.buy({ limitPrice: 0.01 + k * 0.001 });
      trade(c);
    },
  });
  const reference = timeIt(() => runBacktest(bars, plain, {}, options), 3);
  const resting = timeIt(() => runBacktest(bars, crowded, {}, options), 3);
  const pending = resting.result.orders.filter((o) => o.status === 'pending').length;
  const sameFills = JSON.stringify(resting.result.trades.map((t) => [t.entryBar, t.exitBar, t.pnl])) === JSON.stringify(reference.result.trades.map((t) => [t.entryBar, t.exitBar, t.pnl]));
  report(`run with ${fmt(pending)} resting limit orders on ${fmt(BARS)} bars`, `${fmt(resting.ms, 1)} ms`, sameFills ? 'same trades as without them' : 'TRADES DIFFER', sameFills);
  const ratio = resting.ms / reference.ms;
  report('  / the same run without resting orders', `${fmt(ratio, 2)}x`, '≤ 10x', ratio <= 10);

  const size = 1_000_000;
  const big = walkBars(size, mulberry32);
  const direct = timeIt(() => sma(big.close, 20));
  const copied = timeIt(() => sma(strategyCopy(big).close, 20));
  const view = new Proxy(big.close, { set: () => false, get: (target, key) => (typeof key === 'string' && key === 'length' ? target.length : Reflect.get(target, key)) });
  const proxied = timeIt(() => {
    // The kernel needs a Float64Array; a read-only view must be read element by element.
    const out = new Float64Array(size);
    let sum = 0;
    for (let i = 0; i < size; i++) {
      sum += view[i];
      if (i >= 20) sum -= view[i - 20];
      out[i] = i >= 19 ? sum / 20 : NaN;
    }
    return out;
  });
  const smaCross = (await import(dist('strategies/sma-cross.js'))).default;
  const whole = timeIt(() => runBacktest(big, smaCross, { fast: 10, slow: 30, direction: 'long-only' }, options), 3);
  const copyOnly = timeIt(() => strategyCopy(big).close);
  report(`strategy price arrays, 1M bars: SMA(20) over the engine's close`, `${fmt(direct.ms, 1)} ms`);
  report('  private copy of the close + SMA (used)', `${fmt(copied.ms / direct.ms, 2)}x`);
  report('  read-only Proxy view + SMA (not used)', `${fmt(proxied.ms / direct.ms, 2)}x`, '> copy', proxied.ms > copied.ms);
  report('  copy of the close / a whole sma-cross run', `${fmt((100 * copyOnly.ms) / whole.ms, 1)} %`, '≤ 25 %', copyOnly.ms / whole.ms <= 0.25);
}
