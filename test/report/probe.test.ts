import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { sp500Fixture, fixtureFor } from './report-fixture.js';
import { renderHtmlReport } from '../../src/report/html.js';
it('probe', () => {
  const f = sp500Fixture();
  writeFileSync(`/tmp/probe-long-only.html`, renderHtmlReport(f));
  const n = 1_000_000;
  const mk = () => new Float64Array(n);
  const b = { symbol: 'SYN', time: mk(), open: mk(), high: mk(), low: mk(), close: mk(), volume: mk(), length: n, extra: {}, intraday: true, source: { file: 'synthetic.csv', dialect: 'csv', sha256: 'x' } };
  let seed = 42; const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  let p = 100;
  for (let i = 0; i < n; i++) { const o = p; p = p * (1 + (rnd() - 0.5) * 0.002); b.time[i] = Date.UTC(2020,0,1) + i * 60000; b.open[i] = o; b.close[i] = p; b.high[i] = Math.max(o,p)*1.0005; b.low[i] = Math.min(o,p)*0.9995; b.volume[i] = 1; }
  let t0 = performance.now();
  const g = fixtureFor(b, { fast: 200, slow: 1000 });
  console.log('run', performance.now() - t0, g.run.trades.length);
  t0 = performance.now();
  const html = renderHtmlReport(g);
  console.log('render', performance.now() - t0, html.length);
  writeFileSync(`/tmp/probe-big.html`, html);
});
