/**
 * Terminal output of `bt montecarlo`: a header, the statistics table (actual path, mean,
 * 5/50/95 percentiles, extremes), the probability of ruin, and text histograms. Drawn from the
 * JSON document, so a saved result and a fresh run print the same. Colour only through the
 * chalk instance passed in (level 0 = none).
 */
import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Distribution, HistogramBin, MonteCarloStatistic } from '../optimize/monte-carlo.js';
import type { MonteCarloDocument } from './monte-carlo-json.js';
import { COMPACT_CHARS, formatCash, formatPercent } from './table.js';

/** Row labels of the statistics, with their units. */
export const STATISTIC_LABELS: Readonly<Record<MonteCarloStatistic, string>> = {
  finalReturn: 'Final return',
  maxDrawdown: 'Max drawdown',
  longestLosingStreak: 'Longest losing streak [trades]',
};

/** Formats a value of `statistic`: percent for the fractions, a count (1 decimal when fractional) for streaks. */
export function formatStatistic(statistic: MonteCarloStatistic, value: number): string {
  if (statistic === 'longestLosingStreak') return Number.isInteger(value) ? String(value) : value.toFixed(1);
  return formatPercent(value);
}

function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

function describeParams(params: Readonly<Record<string, unknown>>): string {
  const text = Object.entries(params)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ');
  return text === '' ? '' : `(${text})`;
}

/** Two header lines: what was resampled and how. */
export function renderMonteCarloHeader(doc: MonteCarloDocument, chalk: ChalkInstance): string {
  const { inputs } = doc;
  const on = inputs.data.symbol === null ? '' : ` on ${chalk.bold(inputs.data.symbol)}`;
  const from = inputs.resultFile === null ? (inputs.data.file === null ? '' : ` · ${inputs.data.file}`) : ` · from ${inputs.resultFile}`;
  const open = inputs.openTradeCount > 0 ? ` (${inputs.openTradeCount} open trade${inputs.openTradeCount === 1 ? '' : 's'} not included)` : '';
  return [
    `${chalk.bold('Monte Carlo')} · ${doc.method} · ${formatCount(doc.runs)} runs · seed ${doc.seed} · ${formatCount(inputs.closedTradeCount)} closed trades${open} of ${chalk.bold(inputs.strategy.name)}${describeParams(inputs.strategy.params)}${on}${from}`,
    chalk.dim(`model ${doc.model}: ${inputs.modelReason} · cash ${formatCash(inputs.initialCash)} · ruin = equity below ${formatCash(doc.ruinEquity)} (a ${formatPercent(doc.ruinThreshold)} loss)`),
  ].join('\n');
}

/** The statistics table: one row per statistic; columns actual, mean, p5, p50, p95, min, max. */
export function renderMonteCarloTable(doc: MonteCarloDocument, chalk: ChalkInstance): string {
  const table = new Table({
    head: ['Statistic', 'Actual', 'Mean', '5%', 'Median', '95%', 'Min', 'Max'].map((h) => chalk.bold(h)),
    chars: COMPACT_CHARS,
    style: { head: [], border: [] },
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
  for (const statistic of ['finalReturn', 'maxDrawdown', 'longestLosingStreak'] as const) {
    const d: Distribution = doc.statistics[statistic];
    const show = (value: number) => {
      const text = formatStatistic(statistic, value);
      return statistic === 'finalReturn' ? (value >= 0 ? chalk.green(text) : chalk.red(text)) : text;
    };
    const mean = statistic === 'longestLosingStreak' ? d.mean.toFixed(2) : formatPercent(d.mean);
    table.push([STATISTIC_LABELS[statistic], show(doc.observed[statistic]), mean, show(d.p5), show(d.p50), show(d.p95), show(d.min), show(d.max)]);
  }
  return table.toString();
}

/** One line: the probability of ruin and what ruin means here. */
export function renderRuinLine(doc: MonteCarloDocument, chalk: ChalkInstance): string {
  const ruined = Math.round(doc.probabilityOfRuin * doc.runs);
  const text = formatPercent(doc.probabilityOfRuin);
  const coloured = doc.probabilityOfRuin > 0 ? chalk.red(text) : chalk.green(text);
  return `Probability of ruin: ${chalk.bold(coloured)} (${formatCount(ruined)} of ${formatCount(doc.runs)} paths fell below ${formatCash(doc.ruinEquity)}; the actual path ${doc.observed.ruined ? 'did' : 'did not'})`;
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `value / max × width` cells, in eighths of a cell. */
function bar(value: number, max: number, width: number): string {
  const eighths = max > 0 ? Math.round((value / max) * width * 8) : 0;
  const full = Math.floor(eighths / 8);
  return '█'.repeat(full) + EIGHTHS[eighths % 8];
}

function binLabel(statistic: MonteCarloStatistic, bin: HistogramBin): string {
  if (statistic === 'longestLosingStreak') return bin.lower === bin.upper ? String(bin.lower) : `${bin.lower}–${bin.upper}`;
  if (bin.lower === bin.upper) return formatStatistic(statistic, bin.lower);
  return `${formatStatistic(statistic, bin.lower)} … ${formatStatistic(statistic, bin.upper)}`;
}

function contains(statistic: MonteCarloStatistic, bins: readonly HistogramBin[], k: number, value: number): boolean {
  const bin = bins[k];
  if (statistic === 'longestLosingStreak' || k === bins.length - 1) return value >= bin.lower && value <= bin.upper;
  return value >= bin.lower && value < bin.upper;
}

/**
 * A text histogram of one statistic: one line per bin with its range, a bar scaled to the
 * fullest bin and the count; the bin holding the actual path's value is marked.
 * @param columns terminal width [columns]
 */
export function renderHistogram(doc: MonteCarloDocument, statistic: MonteCarloStatistic, chalk: ChalkInstance, columns: number): string {
  const bins = doc.histograms[statistic];
  const labels = bins.map((bin) => binLabel(statistic, bin));
  const labelWidth = Math.max(...labels.map((label) => label.length));
  const counts = bins.map((bin) => formatCount(bin.count));
  const countWidth = Math.max(...counts.map((count) => count.length));
  const most = Math.max(...bins.map((bin) => bin.count));
  const width = Math.max(10, Math.min(50, columns - labelWidth - countWidth - 16));
  const colour = (bin: HistogramBin): ((text: string) => string) => {
    if (statistic === 'finalReturn') return bin.upper <= 0 && bin.lower < 0 ? chalk.red : bin.lower >= 0 ? chalk.green : chalk.yellow;
    return statistic === 'maxDrawdown' ? chalk.red : chalk.yellow;
  };
  const observed = doc.observed[statistic];
  const title = `${STATISTIC_LABELS[statistic]} · ${bins.length} bin${bins.length === 1 ? '' : 's'} · ${formatCount(doc.runs)} paths`;
  const lines = bins.map((bin, k) => {
    const mark = contains(statistic, bins, k, observed) ? chalk.dim(' ◀ actual') : '';
    const drawn = bar(bin.count, most, width);
    return `  ${labels[k].padStart(labelWidth)} │${colour(bin)(drawn)}${' '.repeat(width + 1 - [...drawn].length)}${counts[k].padStart(countWidth)}${mark}`;
  });
  return [chalk.bold(title), ...lines].join('\n');
}
