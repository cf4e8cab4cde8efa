/**
 * Terminal output of `bt optimize` and `bt merge`: the header (what was searched, the shared
 * first decision bar), the top-N table and the two-parameter heatmap, plus `trials.csv`.
 * Fractions are shown as percent only here.
 */
import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import { formatTime } from '../data/bar-series.js';
import { metricDefinition, metricKeys, type MetricKey } from '../metrics/index.js';
import { rankPosition, type Heatmap } from '../optimize/heatmap.js';
import { objectiveValue } from '../optimize/objective.js';
import type { OptimizeDocument } from '../optimize/result.js';
import type { Sizing } from '../engine/types.js';
import { COMPACT_CHARS, describeSizing, formatCash, formatMetric, formatPercent } from './table.js';

/** Metrics shown next to the objective in the top-N table. */
const KEY_METRICS: readonly MetricKey[] = ['totalReturn', 'cagr', 'sharpe', 'maxDrawdown', 'tradeCount', 'winRate'];

function describeValues(values: readonly unknown[]): string {
  if (values.length <= 6) return values.map(String).join(', ');
  return `${String(values[0])}, ${String(values[1])}, … ${String(values[values.length - 1])} (${values.length} values)`;
}

/** The lines above the table: data, search, objective and the shared first decision bar. */
export function renderOptimizeHeader(doc: OptimizeDocument, chalk: ChalkInstance): string {
  const { data, search } = doc;
  const intraday = data.start !== null && data.start % 86_400_000 !== 0;
  const span = data.start !== null && data.end !== null ? ` ${formatTime(data.start, intraday)} → ${formatTime(data.end, intraday)}` : '';
  const axes = Object.entries(search.params).map(([name, values]) => `${name} ∈ {${describeValues(values)}}`);
  const ruledOut = [
    search.ruledOutByConstraint > 0 ? `${search.ruledOutByConstraint} ruled out by --constraint` : '',
    search.ruledOutByStrategy > 0 ? `${search.ruledOutByStrategy} by the strategy's own check` : '',
  ].filter((x) => x !== '');
  const method =
    search.method === 'grid'
      ? 'grid search'
      : search.method === 'random'
        ? `random search, ${search.plannedTrials} trials, seed ${doc.seed}`
        : search.method === 'tpe'
          ? `TPE search, ${search.plannedTrials} trials (${search.startupTrials} random first, batches of ${search.batch}), seed ${doc.seed}`
          : `genetic search, population ${search.population}, ${search.generations} generations, seed ${doc.seed}`;
  const fixed = Object.entries(search.fixed).map(([k, v]) => `${k}=${String(v)}`);
  const firstBar = doc.firstDecisionBar;
  const objective = `${doc.objective.direction} ${doc.objective.key}${doc.objective.minTrades === null ? '' : ` (runs with fewer than ${doc.objective.minTrades} trades excluded)`}`;
  const c = doc.conventions as { initialCash?: number; commissionRate?: number; fill?: string; sizing?: Sizing };
  const conventions = [
    c.initialCash === undefined ? '' : `cash ${formatCash(c.initialCash)}`,
    c.commissionRate === undefined ? '' : `commission ${formatPercent(c.commissionRate)}`,
    c.fill === undefined ? '' : `fills ${c.fill}`,
    c.sizing === undefined ? '' : `sizing ${describeSizing(c.sizing)}`,
  ].filter((x) => x !== '');
  return [
    `${chalk.bold(doc.strategy.name)} on ${chalk.bold(data.symbol)} · ${data.file} · ${data.bars} bars${span}`,
    ...(conventions.length > 0 ? [chalk.dim(conventions.join(' · '))] : []),
    chalk.dim(`${method} over ${axes.join(' × ')}${fixed.length > 0 ? ` · fixed ${fixed.join(', ')}` : ''}`),
    chalk.dim(
      `${search.combinations} combinations, ${search.valid} valid${ruledOut.length > 0 ? ` (${ruledOut.join(', ')})` : ''} · ${doc.counts.evaluated} runs${doc.counts.withoutObjective > 0 ? `, ${doc.counts.withoutObjective} without an objective value` : ''} · objective: ${objective}`,
    ),
    firstBar === null
      ? `each run decides from its own first decision bar (1 + its warm-up; the largest is ${doc.warmupBars} bars), so a row equals bt run with its parameters`
      : `all runs decide from bar ${firstBar}: 1 + the largest warm-up in the search space (${doc.warmupBars} bars), so every run covers the same window (--common-start)`,
  ].join('\n');
}

/** The top-N table: rank, searched parameters, objective, key metrics. */
export function renderTopTable(doc: OptimizeDocument, top: number, chalk: ChalkInstance): string {
  const searched = Object.keys(doc.search.params);
  const objectiveKey = doc.objective.key;
  const extra = KEY_METRICS.filter((key) => key !== objectiveKey);
  const objectiveDefinition = metricDefinition(objectiveKey);
  const table = new Table({
    head: ['#', ...searched, `${objectiveDefinition.label} ${doc.objective.direction === 'maximize' ? '▼' : '▲'}`, ...extra.map((key) => metricDefinition(key).label)].map((h) => chalk.bold(h)),
    chars: COMPACT_CHARS,
    style: { head: [], border: [] },
    colAligns: ['right', ...searched.map(() => 'right' as const), 'right', ...extra.map(() => 'right' as const)],
  });
  doc.runs.slice(0, top).forEach((run, i) => {
    const value = objectiveValue(doc.objective, run.metrics);
    const objectiveText = value === null ? chalk.dim('--') : formatMetric(objectiveDefinition, value);
    table.push([
      String(i + 1),
      ...searched.map((name) => String(run.params[name])),
      i === 0 && value !== null ? chalk.bold(objectiveText) : objectiveText,
      ...extra.map((key) => formatMetric(metricDefinition(key), run.metrics[key])),
    ]);
  });
  const shown = Math.min(top, doc.runs.length);
  return `${chalk.bold(`Top ${shown} of ${doc.runs.length} runs`)} by ${objectiveDefinition.label.toLowerCase()}\n${table.toString()}`;
}

/** 256-colour ramp from worst (red) through yellow to best (green). */
const RAMP = [196, 202, 208, 214, 220, 226, 190, 154, 118, 82, 46];
/** Shades from worst to best when colour is off. */
const SHADES = ['░', '▒', '▓', '█'];

/** Short cell text of an objective value: ratios to 2 decimals, fractions as percent. */
function cellText(key: MetricKey, value: number): string {
  const unit = metricDefinition(key).unit;
  if (unit === 'fraction') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'count' || unit === 'bars') return String(value);
  if (unit === 'cash') return Math.abs(value) >= 1e6 ? `${(value / 1e6).toFixed(2)}M` : Math.abs(value) >= 1e3 ? `${(value / 1e3).toFixed(1)}k` : value.toFixed(0);
  return value.toFixed(2);
}

/**
 * The heatmap as text: a coloured grid (background from red, worst, to green, best) when
 * `colour` is on, else each value prefixed by a shade from `░` (worst) to `█` (best). Colours
 * and shades go by rank among the cells, not by value, so one outlying run does not wash out
 * the rest: with shades, each of `░ ▒ ▓ █` marks a quarter of the cells. The best cell is
 * marked with `*`; an empty cell is a pair without an objective value.
 */
export function renderHeatmap(heatmap: Heatmap, chalk: ChalkInstance, colour: boolean): string {
  const { objective, rows, columns, cells } = heatmap;
  const position = rankPosition(heatmap);
  const texts = cells.map((line, r) =>
    line.map((value, c) => {
      if (value === null) return '';
      const mark = heatmap.best !== null && heatmap.best.row === r && heatmap.best.column === c ? '*' : '';
      const shade = colour ? '' : `${SHADES[Math.min(SHADES.length - 1, Math.floor(position(value) * SHADES.length))]}`;
      return `${shade}${cellText(objective.key, value)}${mark}`;
    }),
  );
  const width = Math.max(...texts.flat().map((t) => t.length), ...columns.values.map((v) => String(v).length)) + 1;
  const rowLabelWidth = Math.max(`${rows.name} \\ ${columns.name}`.length, ...rows.values.map((v) => String(v).length));
  const pad = (text: string) => text.padStart(width);
  const lines: string[] = [];
  const folded = heatmap.foldedParams.length > 0 ? ` (best over ${heatmap.foldedParams.join(', ')})` : '';
  const blocks = heatmap.blocks;
  const inBlocks = (name: string, size: number | undefined): string => (size === undefined || size === 1 ? name : `${name} in blocks of ${size}`);
  lines.push(
    chalk.bold(
      `Heatmap of ${metricDefinition(objective.key).label.toLowerCase()}${folded}: rows ${inBlocks(rows.name, blocks?.rows)}, columns ${inBlocks(columns.name, blocks?.columns)}${blocks === undefined ? '' : ', each cell the best of its block'}`,
    ),
  );
  lines.push(`${`${rows.name} \\ ${columns.name}`.padEnd(rowLabelWidth)} ${columns.values.map((v) => chalk.bold(pad(String(v)))).join('')}`);
  cells.forEach((line, r) => {
    const rendered = line.map((value, c) => {
      const text = pad(texts[r][c]);
      if (!colour || value === null) return text;
      const code = RAMP[Math.round(position(value) * (RAMP.length - 1))];
      return chalk.bgAnsi256(code).ansi256(16)(text);
    });
    lines.push(`${String(rows.values[r]).padStart(rowLabelWidth)} ${rendered.join('')}`.trimEnd());
  });
  const better = objective.direction === 'maximize' ? 'higher' : 'lower';
  lines.push(
    chalk.dim(
      colour
        ? `red = worst … green = best by rank (${better} is better); * best; blank = no objective value`
        : `${SHADES.join(' ')} = worst … best quarter (${better} is better); * best; blank = no objective value`,
    ),
  );
  return lines.join('\n');
}

/** `trials.csv`: one row per run, ranked: rank, every parameter, objective, every metric. */
export function trialsCsv(doc: OptimizeDocument): string {
  const params = doc.runs.length > 0 ? Object.keys(doc.runs[0].params) : [...Object.keys(doc.search.params), ...Object.keys(doc.search.fixed)];
  const header = ['rank', ...params, 'objective', ...metricKeys];
  const rows = doc.runs.map((run, i) => [
    i + 1,
    ...params.map((name) => run.params[name]),
    objectiveValue(doc.objective, run.metrics),
    ...metricKeys.map((key) => run.metrics[key]),
  ]);
  return stringify([header, ...rows], {
    cast: { number: (n) => (Number.isFinite(n) ? String(n) : ''), boolean: (b) => (b ? 'true' : 'false') },
  });
}

/**
 * Lines on overfitting under the top table: the best run's Sharpe ratio beside its Deflated
 * Sharpe Ratio, and with `--pbo` the PBO, the logit quantiles, the performance degradation and
 * the probability of loss. Empty when the document has no `overfitting` section (`bt merge`).
 */
export function renderOverfitting(doc: OptimizeDocument, chalk: ChalkInstance): string {
  const report = doc.overfitting;
  if (report === null) return '';
  const lines: string[] = [];
  const dsr = report.deflatedSharpe;
  const sharpe = doc.best?.metrics.sharpe ?? null;
  if (dsr === null) lines.push(chalk.dim(`deflated Sharpe ratio: -- (${report.deflatedSharpeNullReason ?? ''})`));
  else {
    const value = dsr.value === null ? `-- (${dsr.nullReason ?? ''})` : chalk.bold(dsr.value.toFixed(3));
    lines.push(
      `best run: Sharpe ratio ${sharpe === null ? '--' : sharpe.toFixed(3)} · deflated Sharpe ratio ${value} ` +
        chalk.dim(`(Sharpe per bar ${dsr.sharpe.toFixed(4)} vs ${dsr.expectedMaxSharpe.toFixed(4)} expected of the best of ${dsr.trials} trials with no skill; skewness ${dsr.skewness.toFixed(2)}, kurtosis ${dsr.kurtosis.toFixed(2)}, ${dsr.observations} returns)`),
    );
  }
  const pbo = report.pbo;
  if (pbo !== null) {
    const q = pbo.logits.quantiles;
    lines.push(
      `probability of backtest overfitting ${chalk.bold(formatPercent(pbo.pbo))} ` +
        chalk.dim(`(CSCV, ${pbo.splits} splits, ${pbo.combinations.toLocaleString('en-US')} combinations of ${pbo.trials} runs)`),
    );
    lines.push(chalk.dim(`  logit λ: p5 ${q.p05.toFixed(2)} · p25 ${q.p25.toFixed(2)} · median ${q.p50.toFixed(2)} · p75 ${q.p75.toFixed(2)} · p95 ${q.p95.toFixed(2)} (λ ≤ 0: the in-sample best ranks at or below the median out of sample)`));
    lines.push(
      chalk.dim(
        `  performance degradation: OOS Sharpe ≈ ${pbo.degradation.intercept === null ? '--' : pbo.degradation.intercept.toFixed(4)} ${pbo.degradation.slope === null ? '' : `${pbo.degradation.slope < 0 ? '−' : '+'} ${Math.abs(pbo.degradation.slope).toFixed(3)} × IS Sharpe (per bar)`} · probability of an out-of-sample loss ${formatPercent(pbo.probabilityOfLoss)}`,
      ),
    );
  } else if (report.pboNullReason !== null && report.pboNullReason !== 'not requested (--pbo)') lines.push(chalk.dim(`probability of backtest overfitting: -- (${report.pboNullReason})`));
  return lines.join('\n');
}
