import { describe, expect, it } from 'vitest';
import type { BarSeries } from '../data/bar-series.js';
import type { RunResult } from '../engine/run-backtest.js';
import { metricKeys, type MetricKey, type Metrics } from '../metrics/index.js';
import { renderHtmlReport } from './html.js';
import { downsampleMinMax } from './html-downsample.js';
import { embedJson, escapeHtml, escapeInlineScript } from './html-escape.js';
import { buyAndHoldEquity, underwater } from './html-series.js';
import { buildRunDocument, type RunMeta } from './json.js';

/** A deterministic wiggly series with one spike up at `up` and one down at `down`. */
function wave(n: number, up: number, down: number): Float64Array {
  const y = Float64Array.from({ length: n }, (_, i) => 100 + 10 * Math.sin(i / 37) + 3 * Math.sin(i / 3.1));
  y[up] = 1000;
  y[down] = -1000;
  return y;
}

describe('downsampleMinMax', () => {
  it('keeps every point, with NaN as null, when there are few enough', () => {
    const out = downsampleMinMax([1, 2, 3], [[5, Number.NaN, 7]], 10);
    expect(out.x).toEqual([1, 2, 3]);
    expect(out.ys).toEqual([[5, null, 7]]);
  });

  it('keeps each series extremes, the end points and the x order within the bound', () => {
    const n = 100_003;
    const x = Float64Array.from({ length: n }, (_, i) => i * 60);
    const a = wave(n, 51_234, 77_777);
    const b = wave(n, 3, 99_998);
    const out = downsampleMinMax(x, [a, b], 5000);
    expect(out.x.length, 'at most maxPoints points').toBeLessThanOrEqual(5000);
    expect(out.x.length, 'two points per bucket').toBe(5000);
    expect(out.ys.every((column) => column.length === out.x.length)).toBe(true);
    expect(out.x[0], 'first bar kept').toBe(0);
    expect(out.x[out.x.length - 1], 'last bar kept').toBe((n - 1) * 60);
    for (let i = 1; i < out.x.length; i++) expect(out.x[i] > out.x[i - 1]).toBe(true);
    expect(Math.max(...(out.ys[0] as number[]))).toBe(1000);
    expect(Math.min(...(out.ys[0] as number[]))).toBe(-1000);
    expect(Math.max(...(out.ys[1] as number[])), 'spike of a non-primary series kept').toBe(1000);
    expect(Math.min(...(out.ys[1] as number[]))).toBe(-1000);
    expect(out.x[out.ys[0].indexOf(1000)], 'the primary extreme keeps its own time').toBe(51_234 * 60);
  });

  it('gives null for a bucket where a series has no finite value (indicator warm-up)', () => {
    const n = 1000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const close = Float64Array.from({ length: n }, (_, i) => i);
    const sma = Float64Array.from({ length: n }, (_, i) => (i < 300 ? Number.NaN : i));
    const out = downsampleMinMax(x, [close, sma], 100);
    expect(out.ys[1][0]).toBeNull();
    expect(out.ys[1][out.ys[1].length - 1]).toBe(999);
  });
});

describe('embedJson', () => {
  it('escapes </script> and <!-- so the JSON cannot leave its script element, and parses back', () => {
    const value = { name: '</script><script>alert(1)</script>', note: '<!-- x -->', n: [1.5, Number.NaN, Number.POSITIVE_INFINITY], sep: 'a\u2028b' };
    const text = embedJson(value);
    expect(text.toLowerCase()).not.toContain('</script');
    expect(text).not.toContain('<!--');
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual({ ...value, n: [1.5, null, null] });
  });
});

describe('escapeHtml and escapeInlineScript', () => {
  it('escapes markup characters', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;');
  });

  it('breaks </script inside inline JavaScript without changing its meaning', () => {
    const source = 'var s = "</SCRIPT>";';
    const escaped = escapeInlineScript(source);
    expect(escaped).toBe('var s = "<\\/SCRIPT>";');
    expect(new Function(`${escaped} return s;`)()).toBe('</SCRIPT>');
  });
});

describe('buyAndHoldEquity', () => {
  it('holds the initial cash up to the bar before the first decision, then follows the close', () => {
    expect(Array.from(buyAndHoldEquity([10, 20, 40, 20], 2, 100))).toEqual([100, 100, 200, 100]);
    expect(Array.from(buyAndHoldEquity([10, 20, 40, 20], 0, 100)), 'base is bar 0 when deciding from bar 0').toEqual([100, 200, 400, 200]);
  });
});

describe('underwater', () => {
  it('is equity over the running peak minus 1', () => {
    expect(Array.from(underwater([100, 120, 90, 130, 117]))).toEqual([0, 0, -0.25, 0, 117 / 130 - 1]);
  });
});

describe('renderHtmlReport', () => {
  const n = 3;
  const f = (...values: number[]) => Float64Array.from(values);
  const bars: BarSeries = {
    symbol: 'A<B',
    time: f(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3)),
    open: f(10, 11, 12),
    high: f(10, 11, 12),
    low: f(10, 11, 12),
    close: f(10, 11, 12),
    volume: f(1, 1, 1),
    length: n,
    extra: {},
    intraday: false,
    source: { file: 'x.csv', dialect: 'csv', sha256: 'ab' },
  };
  const run: RunResult = {
    strategy: '</script><b>evil</b>',
    params: { note: '</script>' },
    bars,
    warmupBars: 0,
    firstDecisionBar: 1,
    equity: f(100, 100, 100),
    fills: [],
    trades: [],
    openTrades: [],
    rejectedOrders: [],
    orders: [],
    logs: [],
    indicators: [],
    finalCash: 100,
    commissionPaid: 0,
    slippagePaid: 0,
  };
  const values = Object.fromEntries(metricKeys.map((key) => [key, null])) as Record<MetricKey, number | null>;
  const metrics: Metrics = { values: { ...values, totalReturn: 0 }, nullReasons: { sharpe: 'no <variance>' } };
  const meta: RunMeta = {
    btVersion: '0.0.0',
    strategy: { name: 'evil', source: 'evil.ts', kind: 'file', sha256: 'cd' },
    data: { file: 'x.csv', sha256: 'ab', dialect: 'csv' },
    conventions: {
      initialCash: 100,
      commissionRate: 0,
      commissionFixed: 0,
      slippageRate: 0,
      fill: 'next-open',
      sizing: { kind: 'units', units: 1 },
      fractional: false,
      closeAtEnd: false,
      stopLoss: undefined,
      takeProfit: undefined,
      trailingStop: undefined,
      from: undefined,
      to: undefined,
    },
  };
  const html = renderHtmlReport({ run, metrics, meta, document: buildRunDocument(run, metrics, meta) });

  it('escapes names and values taken from the run', () => {
    expect(html).not.toContain('<b>evil</b>');
    expect(html).toContain('&lt;/script&gt;&lt;b&gt;evil&lt;/b&gt;');
    expect(html).toContain('A&lt;B');
    expect(html, 'a null metric shows -- with its reason').toContain('title="no &lt;variance&gt;">--</td>');
    expect(html.match(/<\/script>/g)?.length, 'only the three script elements close').toBe(3);
  });

  it('writes an empty trades body and a note when there are no trades', () => {
    expect(html).toContain('<tbody id="trades-body"></tbody>');
    expect(html).toContain('No trades.');
  });
});
