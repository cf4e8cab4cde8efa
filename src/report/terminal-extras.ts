/**
 * Terminal extras below the metrics table on a TTY: a compact equity-curve chart (asciichart)
 * and a one-line summary. Omitted with `--quiet` and for non-TTY output (the caller decides
 * `enabled`), so pipes and CI logs get the table alone.
 */
import { createRequire } from 'node:module';
import type { ChalkInstance } from 'chalk';
import { formatTime } from '../data/bar-series.js';
import type { RunResult } from '../engine/run-backtest.js';
import { metricDefinition, type MetricKey, type Metrics } from '../metrics/index.js';
import { downsampleMinMax } from './html-downsample.js';
import { groupDigits } from './group-digits.js';
import { formatMetric } from './table.js';

/** Rows of the chart's plot area. */
export const CHART_ROWS = 10;

/** The part of asciichart 1.5 this module uses (the package ships no types). */
interface AsciiChart {
  plot(series: readonly number[], config: { height: number; format: (value: number) => string; colors?: readonly string[] }): string;
  readonly cyan: string;
}

let asciichart: AsciiChart | undefined;

/** asciichart, loaded on first use so that runs without a chart never load it. */
function loadAsciichart(): AsciiChart {
  asciichart ??= createRequire(import.meta.url)('asciichart') as AsciiChart;
  return asciichart;
}

const formatAxis = (value: number): string => groupDigits(value, 0);

/**
 * The equity curve as text: a dim caption and {@link CHART_ROWS} rows at most `columns` wide,
 * the curve thinned to one point per column (each pair of columns the lowest and highest equity
 * of its bars, see `downsampleMinMax`). A flat curve is one sentence instead.
 * @param equity equity at each bar's close [cash].
 */
export function renderEquityChart(equity: Float64Array, time: Float64Array, intraday: boolean, chalk: ChalkInstance, columns: number): string[] {
  const n = equity.length;
  if (n === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    min = Math.min(min, equity[i]);
    max = Math.max(max, equity[i]);
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max - min <= 1e-9 * Math.max(1, Math.abs(max))) return [chalk.dim(`Equity flat at ${formatAxis(max)} from ${formatTime(time[0], intraday)} to ${formatTime(time[n - 1], intraday)}`)];
  const labelWidth = Math.max(formatAxis(min).length, formatAxis(max).length);
  // asciichart rows are: label, a space, the axis, then one cell per point (and a spare cell).
  // Min/max per bucket of bars, so the peak and the deepest drawdown survive the thinning.
  const maxPoints = Math.max(2, Math.min(n, columns - labelWidth - 3));
  const series = downsampleMinMax(equity, [equity], maxPoints).ys[0].map((value) => value ?? NaN);
  const points = series.length;
  const chart = loadAsciichart();
  const plot = chart.plot(series, {
    height: CHART_ROWS - 1,
    format: (value) => formatAxis(value).padStart(labelWidth),
    ...(chalk.level > 0 ? { colors: [chart.cyan] } : {}),
  });
  const barsPerPoint = n / points;
  const span = `Equity ${formatTime(time[0], intraday)} → ${formatTime(time[n - 1], intraday)}`;
  const scale = barsPerPoint > 1 ? ` (1 column ≈ ${barsPerPoint.toFixed(1)} bars)` : '';
  const caption = span.length + scale.length <= columns ? span + scale : span;
  return [chalk.dim(caption), ...plot.split('\n').map((line) => line.trimEnd())];
}

const SUMMARY_KEYS: readonly MetricKey[] = ['totalReturn', 'cagr', 'sharpe', 'maxDrawdown'];

/** `Return +45.21% · CAGR 1.85% · Sharpe 0.412 · Max DD 33.50% · 87 trades`; `--` for null values. */
export function renderSummaryLine(metrics: Metrics, chalk: ChalkInstance): string {
  const values = metrics.values;
  const [totalReturn, cagr, sharpe, maxDrawdown] = SUMMARY_KEYS.map((key) => formatMetric(metricDefinition(key), values[key]));
  const signed = values.totalReturn !== null && values.totalReturn > 0 ? `+${totalReturn}` : totalReturn;
  const returnText = values.totalReturn === null ? signed : values.totalReturn >= 0 ? chalk.green(signed) : chalk.red(signed);
  const trades = values.tradeCount ?? 0;
  return [`Return ${returnText}`, `CAGR ${cagr}`, `Sharpe ${sharpe}`, `Max DD ${maxDrawdown}`, `${trades} trade${trades === 1 ? '' : 's'}`].join(' · ');
}

/**
 * Lines to print below the metrics table: the equity chart and the summary line (none when
 * `enabled` is false). `columns` is the terminal width [characters].
 */
export function renderTerminalExtras(run: RunResult, metrics: Metrics, chalk: ChalkInstance, options: { enabled: boolean; columns: number }): string[] {
  if (!options.enabled) return [];
  return [...renderEquityChart(run.equity, run.bars.time, run.bars.intraday, chalk, options.columns), renderSummaryLine(metrics, chalk)];
}
