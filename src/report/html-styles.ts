/**
 * The HTML report's stylesheet: a light theme on the system font stack. Colours used by the
 * charts (drawn on canvas by the client script) are in {@link CHART_COLOURS} so the page and
 * the charts agree.
 */

/** Colours of chart series and trade markers (CSS colour strings). */
export const CHART_COLOURS = {
  price: '#1e293b',
  strategy: '#2563eb',
  strategyFill: 'rgba(37, 99, 235, 0.07)',
  buyHold: '#94a3b8',
  drawdown: '#dc2626',
  drawdownFill: 'rgba(220, 38, 38, 0.14)',
  buy: '#16a34a',
  sell: '#dc2626',
  longSpan: 'rgba(22, 163, 74, 0.055)',
  shortSpan: 'rgba(220, 38, 38, 0.055)',
  axis: '#667085',
  grid: '#eef0f3',
  overlays: ['#f59e0b', '#8b5cf6', '#0891b2', '#db2777', '#65a30d', '#ea580c'],
} as const;

/** The page stylesheet (uPlot's own stylesheet is inlined before it). */
export const REPORT_CSS = `
:root {
  --bg: #f4f5f7;
  --panel: #ffffff;
  --border: #e3e6eb;
  --line: #eef0f3;
  --text: #111827;
  --muted: #5f6b7a;
  --faint: #98a2b3;
  --accent: ${CHART_COLOURS.strategy};
  --up: #15803d;
  --down: #c81e1e;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.5 var(--font); -webkit-font-smoothing: antialiased; }
.page { max-width: 1240px; margin: 0 auto; padding: 28px 24px 40px; }
.num, .tabular { font-variant-numeric: tabular-nums; }
.mono { font-family: var(--mono); font-size: 12px; }
.pos { color: var(--up); }
.neg { color: var(--down); }
.muted { color: var(--muted); }

.report-header { display: flex; flex-wrap: wrap; align-items: flex-end; justify-content: space-between; gap: 8px 24px; }
.eyebrow { font-size: 11.5px; letter-spacing: .09em; text-transform: uppercase; color: var(--muted); font-weight: 650; }
.eyebrow .dot { color: var(--accent); }
h1 { font-size: 28px; line-height: 1.2; margin: 4px 0 10px; font-weight: 700; letter-spacing: -0.015em; }
h1 .on { color: var(--faint); font-weight: 400; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 10px; padding: 0; list-style: none; }
.chip { background: #eef2ff; color: #3730a3; border: 1px solid #e0e7ff; border-radius: 999px; padding: 1px 10px; font-size: 12px; font-family: var(--mono); }
.chip b { font-weight: 600; }
.facts { color: var(--muted); display: flex; flex-wrap: wrap; gap: 2px 20px; font-size: 13px; margin: 0; padding: 0; list-style: none; }
.facts b { color: var(--text); font-weight: 600; }

.cards { display: grid; grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 12px; margin: 20px 0 18px; }
@media (max-width: 1080px) { .cards { grid-template-columns: repeat(3, minmax(0, 1fr)); } }
@media (max-width: 560px) { .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
.card { background: var(--panel); border: 1px solid var(--border); border-radius: 12px; padding: 14px 16px 13px; box-shadow: 0 1px 2px rgba(16, 24, 40, .04); }
.card-label { font-size: 11.5px; color: var(--muted); text-transform: uppercase; letter-spacing: .07em; font-weight: 650; }
.card-value { font-size: 28px; font-weight: 680; line-height: 1.15; margin-top: 6px; font-variant-numeric: tabular-nums; letter-spacing: -0.02em; }
.card-extra { font-size: 13px; font-weight: 600; color: #92400e; letter-spacing: 0; vertical-align: 3px; }
.card-sub { font-size: 12px; color: var(--muted); margin-top: 4px; }

.panel { background: var(--panel); border: 1px solid var(--border); border-radius: 12px; padding: 16px 18px 14px; margin-bottom: 16px; box-shadow: 0 1px 2px rgba(16, 24, 40, .04); }
.panel-head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 4px 16px; margin-bottom: 6px; }
.panel h2 { font-size: 15px; line-height: 1.3; margin: 0; font-weight: 650; letter-spacing: -0.005em; }
.panel h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .07em; color: var(--muted); margin: 18px 0 8px; font-weight: 650; }
.panel h3:first-of-type { margin-top: 4px; }
.hint { font-size: 12px; color: var(--faint); }
.key { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 6px 14px; font-size: 12px; color: var(--muted); }
.key span { white-space: nowrap; }
.chart-hint { font-size: 12px; color: var(--faint); margin: -2px 0 4px; }
.key .buy { color: ${CHART_COLOURS.buy}; }
.key .sell { color: ${CHART_COLOURS.sell}; }
button.reset { font: inherit; font-size: 12px; color: var(--muted); background: #fff; border: 1px solid var(--border); border-radius: 6px; padding: 2px 10px; cursor: pointer; }
button.reset:hover { color: var(--text); border-color: #cfd4dc; }

.chart { width: 100%; min-height: 40px; }
.chart + .chart-title { margin-top: 14px; }
.chart-title { font-size: 12px; text-transform: uppercase; letter-spacing: .07em; color: var(--muted); font-weight: 650; margin: 2px 0 2px; }
.uplot { font-family: var(--font); }
.uplot .u-legend { font-size: 12px; text-align: left; margin: 2px 0 0 60px; color: var(--muted); }
.uplot .u-legend.u-inline tr { margin-right: 14px; }
.uplot .u-legend th { font-weight: 500; }
.uplot .u-legend .u-value { color: var(--text); font-variant-numeric: tabular-nums; }
.uplot .u-legend .u-marker { width: 10px; height: 3px; border-radius: 2px; margin-right: 5px; }
.uplot .u-select { background: rgba(37, 99, 235, .08); }
.uplot .u-cursor-x { border-right: 1px dashed #98a2b3; }

.columns { display: grid; grid-template-columns: minmax(0, 5fr) minmax(0, 6fr); gap: 16px; align-items: start; }
@media (max-width: 900px) { .columns { grid-template-columns: minmax(0, 1fr); } }

table.data { width: 100%; border-collapse: separate; border-spacing: 0; font-size: 13px; font-variant-numeric: tabular-nums; }
table.data th, table.data td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
table.data th { font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); font-weight: 650; background: #f9fafb; }
table.data th.num, table.data td.num { text-align: right; }
table.data tbody tr:last-child td { border-bottom: 0; }
table.metrics td:first-child { color: var(--muted); }
table.metrics td.na { color: var(--faint); cursor: help; }
table.metrics td[title]:first-child { cursor: help; }
.table-wrap { max-height: 620px; overflow: auto; border: 1px solid var(--border); border-radius: 8px; }
.table-wrap table.data thead th { position: sticky; top: 0; z-index: 1; box-shadow: inset 0 -1px 0 var(--border); border-bottom: 0; }
table.trades th[data-sort] { cursor: pointer; user-select: none; }
table.trades th[data-sort]:hover, table.trades th[data-sort]:focus-visible { color: var(--text); outline: none; }
table.trades th[data-sort]::after { content: "\\2195"; opacity: .3; margin-left: 4px; font-size: 10px; }
table.trades th[aria-sort="ascending"]::after { content: "\\25B2"; opacity: .9; font-size: 8px; }
table.trades th[aria-sort="descending"]::after { content: "\\25BC"; opacity: .9; font-size: 8px; }
table.trades tbody tr { cursor: pointer; }
table.trades tbody tr:hover td { background: #f5f8ff; }
table.trades tbody tr.selected td { background: #e8efff; }
table.trades tr.open td { background: #fffbeb; }
.badge { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: 11px; font-weight: 650; line-height: 18px; letter-spacing: .02em; }
.badge.long { background: #dcfce7; color: #166534; }
.badge.short { background: #fee2e2; color: #991b1b; }
.badge.open { background: #fef3c7; color: #92400e; }
.empty { color: var(--muted); padding: 12px 2px; margin: 0; }

dl.kv { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 5px 18px; margin: 0; font-size: 13px; }
dl.kv dt { color: var(--muted); }
dl.kv dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
ul.rules { margin: 0; padding: 0; list-style: none; font-size: 12.5px; color: var(--muted); }
ul.rules li { padding: 5px 0; border-top: 1px solid var(--line); }
ul.rules li:first-child { border-top: 0; }
ul.rules b { color: var(--text); font-weight: 600; }

footer { color: var(--faint); font-size: 12px; margin-top: 22px; text-align: center; }
footer .mono { font-size: 11px; }
noscript p { background: #fff7ed; border: 1px solid #fed7aa; color: #9a3412; padding: 8px 12px; border-radius: 8px; }
@media print { body { background: #fff; } .panel, .card { box-shadow: none; } .table-wrap { max-height: none; overflow: visible; } button.reset, .hint { display: none; } }
`;
