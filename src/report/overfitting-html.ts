/**
 * The overfitting panel of the HTML report (`bt optimize --report`): the Deflated Sharpe Ratio
 * of the best run and, with `--pbo`, the Probability of Backtest Overfitting with the histogram
 * of the CSCV logits drawn as plain HTML bars (no script; deterministic; prints).
 */
import type { OverfittingReport } from '../optimize/overfitting.js';
import { escapeHtml } from './html-escape.js';

const OVERFITTING_CSS = `
.logit-bars { display: flex; align-items: flex-end; gap: 2px; height: 90px; margin: 8px 0 2px; }
.logit-bars div { flex: 1; background: #2563eb; min-height: 1px; }
.logit-bars div.neg { background: #dc2626; }
.logit-axis { display: flex; justify-content: space-between; font-size: 11px; color: var(--muted); }
`;

function fixed(value: number | null, digits: number): string {
  return value === null ? '--' : value.toFixed(digits);
}

function percent(value: number | null): string {
  return value === null ? '--' : `${(value * 100).toFixed(1)}%`;
}

/** Renders the panel (a `<section>`), for `renderHtmlReport`'s `overfitting` input. */
export function renderOverfittingSection(report: OverfittingReport): string {
  const rows: [string, string][] = [];
  const dsr = report.deflatedSharpe;
  if (dsr === null) rows.push(['Deflated Sharpe ratio', `-- (${report.deflatedSharpeNullReason ?? ''})`]);
  else {
    rows.push(['Deflated Sharpe ratio', dsr.value === null ? `-- (${dsr.nullReason ?? ''})` : fixed(dsr.value, 3)]);
    rows.push(['Sharpe per bar, best run', fixed(dsr.sharpe, 4)]);
    rows.push([`Expected best Sharpe per bar of ${dsr.trials} trials with no skill`, fixed(dsr.expectedMaxSharpe, 4)]);
    rows.push(['Skewness · kurtosis of its returns', `${fixed(dsr.skewness, 3)} · ${fixed(dsr.kurtosis, 3)}`]);
  }
  const pbo = report.pbo;
  let chart = '';
  if (pbo === null) rows.push(['Probability of backtest overfitting', `-- (${report.pboNullReason ?? ''})`]);
  else {
    rows.push([`Probability of backtest overfitting (CSCV, ${pbo.splits} splits, ${pbo.combinations.toLocaleString('en-US')} combinations)`, percent(pbo.pbo)]);
    rows.push(['Performance degradation: OOS Sharpe per unit of IS Sharpe', fixed(pbo.degradation.slope, 3)]);
    rows.push(['Probability of an out-of-sample loss', percent(pbo.probabilityOfLoss)]);
    const { edges, counts } = pbo.logits.histogram;
    const most = Math.max(1, ...counts);
    const bars = counts
      .map((count, k) => `<div${edges[k + 1] <= 0 ? ' class="neg"' : ''} style="height:${((100 * count) / most).toFixed(1)}%" title="λ ${edges[k].toFixed(2)} … ${edges[k + 1].toFixed(2)}: ${count}"></div>`)
      .join('');
    chart = `<div class="logit-bars" aria-label="Histogram of the logits">${bars}</div><div class="logit-axis"><span>λ ${edges[0].toFixed(2)}</span><span>red: λ ≤ 0 (the in-sample best ranks at or below the median out of sample)</span><span>${edges[edges.length - 1].toFixed(2)}</span></div>`;
  }
  const table = rows.map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('\n');
  return `<section class="panel" id="overfitting" aria-label="Overfitting statistics">
<style>${OVERFITTING_CSS}</style>
<div class="panel-head"><h2>Overfitting</h2><span class="hint">${escapeHtml(`per-bar returns from bar ${report.returns.fromBar} (${report.returns.bars} returns); Bailey & López de Prado 2014 (DSR), Bailey, Borwein, López de Prado & Zhu (PBO)`)}</span></div>
<table class="metrics">
${table}
</table>
${chart}
</section>`;
}
