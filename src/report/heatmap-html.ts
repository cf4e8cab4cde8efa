/**
 * The heatmap section of the HTML report (`bt optimize --report`): the objective value for each
 * pair of values of two searched parameters, as an HTML table whose cells are coloured from
 * red (worst) through yellow to green (best), by rank among the cells. Plain HTML and inline
 * styles: no script needed, deterministic, and readable when printed. Hovering a cell shows its
 * parameters and value.
 */
import { metricDefinition } from '../metrics/index.js';
import { rankPosition, type Heatmap } from '../optimize/heatmap.js';
import { escapeHtml } from './html-escape.js';
import { formatMetric } from './table.js';

const HEATMAP_CSS = `
.heatmap-wrap { overflow-x: auto; }
table.heatmap { border-collapse: separate; border-spacing: 2px; font-size: 12px; font-variant-numeric: tabular-nums; }
table.heatmap th { font-weight: 600; color: var(--muted); padding: 2px 6px; text-align: right; white-space: nowrap; }
table.heatmap td { padding: 4px 6px; text-align: right; border-radius: 3px; color: #111827; min-width: 44px; white-space: nowrap; }
table.heatmap td.empty { background: #f2f4f7; color: var(--faint); }
table.heatmap td.best { outline: 2px solid #111827; outline-offset: -2px; font-weight: 700; }
table.heatmap th.corner { text-align: left; }
`;

/** Cell background: hue 0 (red, worst) … 120 (green, best). */
function background(position: number): string {
  const hue = Math.round(position * 120);
  return `hsl(${hue}, 72%, ${Math.round(78 - 10 * Math.sin(Math.PI * position))}%)`;
}

/** Short cell text by the objective's unit. */
function shortValue(key: Heatmap['objective']['key'], value: number): string {
  const unit = metricDefinition(key).unit;
  if (unit === 'fraction') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'ratio') return value.toFixed(2);
  return formatMetric(metricDefinition(key), value);
}

/** Renders the heatmap panel (a `<section>`), for {@link renderHtmlReport}'s `heatmap` input. */
export function renderHeatmapSection(heatmap: Heatmap): string {
  const { objective, rows, columns, cells } = heatmap;
  const definition = metricDefinition(objective.key);
  const position = rankPosition(heatmap);
  const head = `<tr><th class="corner">${escapeHtml(rows.name)} \\ ${escapeHtml(columns.name)}</th>${columns.values.map((v) => `<th scope="col">${escapeHtml(String(v))}</th>`).join('')}</tr>`;
  const body = cells.map((line, r) => {
    const tds = line.map((value, c) => {
      const label = `${rows.name}=${String(rows.values[r])}, ${columns.name}=${String(columns.values[c])}`;
      if (value === null) return `<td class="empty" title="${escapeHtml(`${label}: no value`)}">·</td>`;
      const isBest = heatmap.best !== null && heatmap.best.row === r && heatmap.best.column === c;
      return `<td${isBest ? ' class="best"' : ''} style="background:${background(position(value))}" title="${escapeHtml(`${label}: ${definition.label} ${formatMetric(definition, value)}`)}" data-v="${value}">${escapeHtml(shortValue(objective.key, value))}</td>`;
    });
    return `<tr><th scope="row">${escapeHtml(String(rows.values[r]))}</th>${tds.join('')}</tr>`;
  });
  const folded = heatmap.foldedParams.length > 0 ? `; each cell is the best over ${heatmap.foldedParams.join(', ')}` : '';
  const better = objective.direction === 'maximize' ? 'higher' : 'lower';
  return `<section class="panel" id="heatmap" aria-label="Optimization heatmap">
<style>${HEATMAP_CSS}</style>
<div class="panel-head"><h2>Optimization heatmap · ${escapeHtml(definition.label)}</h2><span class="hint">rows ${escapeHtml(rows.name)}, columns ${escapeHtml(columns.name)}${escapeHtml(folded)}; red worst … green best by rank (${better} is better); outlined: the best run, shown in this report</span></div>
<div class="heatmap-wrap">
<table class="heatmap" id="heatmap-table"><thead>${head}</thead><tbody>
${body.join('\n')}
</tbody></table>
</div>
</section>`;
}
