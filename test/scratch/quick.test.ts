import { readFileSync } from 'node:fs';
import { it, expect } from 'vitest';
import { runBacktest } from '../../src/engine/run-backtest.js';
import { resolveParams } from '../../src/strategy/params.js';
import { caseRun, fixtureCases, near } from '../golden/golden-cases.js';

function parse(file: string) {
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const n = lines.length;
  const mk = () => new Float64Array(n);
  const b = { symbol: 'X', time: mk(), open: mk(), high: mk(), low: mk(), close: mk(), volume: mk(), length: n, extra: {}, intraday: false, source: { file, dialect: '', sha256: '' } };
  lines.forEach((l, i) => { const f = l.split(','); b.time[i] = Date.parse(f[0] + 'T00:00:00Z'); b.open[i] = +f[1]; b.high[i] = +f[2]; b.low[i] = +f[3]; b.close[i] = +f[4]; b.volume[i] = +f[6]; });
  return b;
}
for (const c of fixtureCases()) {
  it(c.spec.id, () => {
    const bars = parse(c.dataFile);
    const { strategy, params, options } = caseRun(c.spec);
    const r = runBacktest(bars, strategy, resolveParams(strategy.params, { values: params, origin: 'default' }), options);
    const g = c.golden;
    let firstBad = -1;
    for (let k = 0; k < g.trades.length; k++) { const t = r.trades[k]; const gt = g.trades[k]; if (!t || t.entryBar !== gt.entry_bar || t.exitBar !== gt.exit_bar || t.quantity !== gt.size || !near(t.pnl, gt.pnl, 1e-9)) { firstBad = k; break; } }
    if (firstBad >= 0) console.log(c.spec.id, 'first bad', firstBad, r.trades[firstBad], g.trades[firstBad]);
    console.log(c.spec.id, r.trades.length, g.trades.length, r.equity[bars.length - 1], g.final_equity, r.firstDecisionBar, g.first_decision_bar);
    expect(firstBad).toBe(-1);
  });
}
