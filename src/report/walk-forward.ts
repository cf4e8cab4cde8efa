/**
 * Output of `bt walkforward`: the JSON document (fixed key order, no NaN), the windows table,
 * the combined out-of-sample summary with the walk-forward efficiency, and the CSV files
 * (`windows.csv`, `equity.csv`). Fractions are shown as percent only here.
 */
import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import { formatTime } from '../data/bar-series.js';
import { metricDefinition, metricKeys, type MetricKey, type Metrics } from '../metrics/index.js';
import type { OptimizeHeader } from '../optimize/result.js';
import type { WalkForwardOutcome, WindowResult, Windowing } from '../optimize/walk-forward.js';
import { COMPACT_CHARS, formatMetric, formatPercent } from './table.js';

/** Version of the walk-forward document layout. */
export const WALK_FORWARD_SCHEMA_VERSION = 1;

/** Key metrics shown for the combined out-of-sample curve. */
const SUMMARY_METRICS: readonly MetricKey[] = ['totalReturn', 'cagr', 'annualVolatility', 'sharpe', 'sortino', 'maxDrawdown', 'tradeCount', 'winRate', 'profitFactor', 'buyHoldReturn'];

/** Where the bars are, for turning window indices into times. */
export interface BarTimes {
  readonly time: Float64Array;
  readonly intraday: boolean;
}

function windowJson(result: WindowResult, times: BarTimes): Record<string, unknown> {
  const { window } = result;
  const t = times.time;
  return {
    index: window.index,
    inSample: {
      start: t[window.inSample.start],
      end: t[window.inSample.end - 1],
      bars: window.inSample.end - window.inSample.start,
      warmupBars: result.warmupBars,
      firstDecisionBar: result.firstDecisionBar,
    },
    outOfSample: { start: t[window.outOfSample.start], end: t[window.outOfSample.end - 1], bars: window.outOfSample.end - window.outOfSample.start },
    evaluated: result.evaluated,
    best: result.best === null ? null : { params: result.best.params, objective: result.best.objective },
    inSampleMetrics: result.inSample?.values ?? null,
    outOfSampleMetrics: result.outOfSample?.values ?? null,
    outOfSampleNullReasons: result.outOfSample?.nullReasons ?? null,
    efficiency: result.efficiency,
  };
}

/** Builds the walk-forward document (fixed key order). */
export function buildWalkForwardDocument(header: OptimizeHeader, windowing: Windowing, outcome: WalkForwardOutcome, times: BarTimes): Record<string, unknown> {
  const curve = outcome.curve;
  return {
    schemaVersion: WALK_FORWARD_SCHEMA_VERSION,
    kind: 'walkforward',
    btVersion: header.btVersion,
    strategy: header.strategy,
    data: header.data,
    conventions: header.conventions,
    search: header.search,
    objective: header.objective,
    seed: header.seed,
    windowing: {
      train: windowing.train.text,
      test: windowing.test.text,
      step: windowing.step.text,
      anchored: windowing.anchored,
      inSampleStart: 'common: every in-sample run of a window decides from 1 + the largest warm-up in the search space on that window',
      outOfSampleRun: 'best in-sample parameters; indicators warmed up on the bars before the window; first decision at the window\'s first bar; open trades closed at its last close',
    },
    incomplete: outcome.incomplete,
    windows: outcome.windows.map((result) => windowJson(result, times)),
    combined: {
      start: curve.time.length > 1 ? curve.time[1] : null,
      end: curve.time.length > 1 ? curve.time[curve.time.length - 1] : null,
      bars: Math.max(0, curve.time.length - 1),
      metrics: outcome.combined?.values ?? null,
      nullReasons: outcome.combined?.nullReasons ?? null,
    },
    efficiency: {
      value: outcome.efficiency.value,
      outOfSampleAnnualizedReturn: outcome.efficiency.outOfSampleAnnualized,
      inSampleAnnualizedReturn: outcome.efficiency.inSampleAnnualized,
      nullReason: outcome.efficiency.nullReason,
      definition: 'CAGR of the stitched out-of-sample equity / mean in-sample CAGR of the best runs (each over the bars where it decides)',
    },
  };
}

function metricText(metrics: Metrics | null, key: MetricKey): string {
  if (metrics === null) return '--';
  return formatMetric(metricDefinition(key), metrics.values[key]);
}

function ratioText(value: number | null): string {
  return value === null ? '--' : value.toFixed(2);
}

/** The windows table and the combined summary. */
export function renderWalkForward(header: OptimizeHeader, windowing: Windowing, outcome: WalkForwardOutcome, times: BarTimes, chalk: ChalkInstance, quiet: boolean): string {
  const t = (index: number) => formatTime(times.time[index], times.intraday);
  const searched = Object.keys(header.search.params);
  const objective = metricDefinition(header.objective.key);
  const parts: string[] = [];
  if (!quiet) {
    const { data, search } = header;
    const method = search.method === 'grid' ? 'grid search' : search.method === 'random' ? `random search (${search.plannedTrials} trials, seed ${header.seed})` : search.method === 'tpe' ? `TPE search (${search.plannedTrials} trials, seed ${header.seed})` : `genetic search (population ${search.population}, ${search.generations} generations, seed ${header.seed})`;
    parts.push(
      [
        `${chalk.bold(header.strategy.name)} on ${chalk.bold(data.symbol)} · ${data.file} · ${data.bars} bars`,
        chalk.dim(
          `walk-forward, ${windowing.anchored ? 'anchored' : 'rolling'}: train ${windowing.train.text}, test ${windowing.test.text}, step ${windowing.step.text} · ${method} over ${searched.join(' × ')} (${search.valid} valid combinations) · ${header.objective.direction} ${header.objective.key}`,
        ),
        chalk.dim('in sample: every run of a window decides from the common first decision bar, 1 + the largest warm-up in the search space'),
        chalk.dim('out of sample: the best in-sample parameters, indicators warmed up on the bars before the window, first decision at its first bar, trades closed at its last close; windows chained by returns'),
      ].join('\n'),
    );
  }
  const table = new Table({
    head: ['#', 'In-sample', 'Out-of-sample', 'Best parameters', `IS ${objective.label}`, 'IS CAGR', 'OOS CAGR', 'OOS return', 'OOS Sharpe', 'OOS trades', 'Efficiency'].map((h) => chalk.bold(h)),
    chars: COMPACT_CHARS,
    style: { head: [], border: [] },
    colAligns: ['right', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
  for (const result of outcome.windows) {
    const { window } = result;
    const params = result.best === null ? chalk.dim('no run with a value') : searched.map((name) => `${name}=${String(result.best!.params[name])}`).join(', ');
    const oosReturn = result.outOfSample?.values.totalReturn ?? null;
    table.push([
      String(window.index),
      `${t(window.inSample.start)} → ${t(window.inSample.end - 1)}`,
      `${t(window.outOfSample.start)} → ${t(window.outOfSample.end - 1)}`,
      params,
      result.best === null ? '--' : formatMetric(objective, result.best.objective),
      metricText(result.inSample, 'cagr'),
      metricText(result.outOfSample, 'cagr'),
      oosReturn === null ? '--' : oosReturn >= 0 ? chalk.green(formatPercent(oosReturn)) : chalk.red(formatPercent(oosReturn)),
      metricText(result.outOfSample, 'sharpe'),
      metricText(result.outOfSample, 'tradeCount'),
      ratioText(result.efficiency),
    ]);
  }
  parts.push(table.toString());
  const curve = outcome.curve;
  if (outcome.combined !== null && curve.time.length > 1) {
    const summary = new Table({ chars: COMPACT_CHARS, style: { head: [], border: [] }, colAligns: ['left', 'right'] });
    for (const key of SUMMARY_METRICS) summary.push([metricDefinition(key).label, metricText(outcome.combined, key)]);
    parts.push(
      `${chalk.bold('Combined out-of-sample')} (${outcome.windows.length} window${outcome.windows.length === 1 ? '' : 's'}, ${formatTime(curve.time[1], times.intraday)} → ${formatTime(curve.time[curve.time.length - 1], times.intraday)}, ${curve.time.length - 1} bars)\n${summary.toString()}`,
    );
  }
  const e = outcome.efficiency;
  const efficiencyLine =
    e.value === null
      ? `Walk-forward efficiency: -- (${e.nullReason})`
      : `Walk-forward efficiency: ${chalk.bold(e.value.toFixed(2))} = out-of-sample annualized return ${formatPercent(e.outOfSampleAnnualized!)} / mean in-sample annualized return ${formatPercent(e.inSampleAnnualized!)}`;
  parts.push(efficiencyLine);
  if (outcome.incomplete) parts.push(chalk.dim('note: incomplete: interrupted; the windows above are the ones that finished'));
  return parts.join('\n\n');
}

/** `windows.csv`: one row per window. */
export function windowsCsv(header: OptimizeHeader, outcome: WalkForwardOutcome, times: BarTimes): string {
  const t = (index: number) => formatTime(times.time[index], times.intraday);
  const searched = Object.keys(header.search.params);
  const rows = outcome.windows.map((result) => [
    result.window.index,
    t(result.window.inSample.start),
    t(result.window.inSample.end - 1),
    t(result.window.outOfSample.start),
    t(result.window.outOfSample.end - 1),
    ...searched.map((name) => (result.best === null ? null : result.best.params[name])),
    result.best?.objective ?? null,
    ...metricKeys.map((key) => result.inSample?.values[key] ?? null),
    ...metricKeys.map((key) => result.outOfSample?.values[key] ?? null),
    result.efficiency,
  ]);
  const head = ['window', 'isStart', 'isEnd', 'oosStart', 'oosEnd', ...searched, 'objective', ...metricKeys.map((k) => `is_${k}`), ...metricKeys.map((k) => `oos_${k}`), 'efficiency'];
  return stringify([head, ...rows], { cast: { number: (n) => (Number.isFinite(n) ? String(n) : ''), boolean: (b) => (b ? 'true' : 'false') } });
}

/** `equity.csv`: the stitched out-of-sample equity, one row per bar. */
export function stitchedEquityCsv(outcome: WalkForwardOutcome, intraday: boolean): string {
  const curve = outcome.curve;
  const rows: unknown[][] = [];
  for (let i = 0; i < curve.time.length; i++) rows.push([formatTime(curve.time[i], intraday), curve.equity[i]]);
  return stringify([['time', 'equity'], ...rows], { cast: { number: (n) => (Number.isFinite(n) ? String(n) : '') } });
}
