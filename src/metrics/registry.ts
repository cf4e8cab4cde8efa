/**
 * The metric registry: the one place that knows each metric's key, label, unit, direction and
 * formula source. The table output, the JSON key order, `--assert` checks, the README and
 * `--help` are all generated from (or tested against) this list.
 *
 * Formulas follow backtesting.py 0.6.6 `backtesting/_stats.py` (`compute_stats`), as written
 * down in the reference set's CONVENTIONS.md §11, with two deliberate differences: every ratio
 * is a fraction (never percent), and values backtesting.py leaves as NaN or ±inf are `null`
 * with a reason (see `computeMetrics`).
 */

import { InternalError } from '../errors.js';

/**
 * How a metric's number is to be read:
 * - `time`: a UTC epoch-ms timestamp;
 * - `ms`: a duration in milliseconds;
 * - `fraction`: a ratio where 0.05 means 5 % (only `src/report` multiplies by 100);
 * - `cash`: money in the data's quote currency;
 * - `ratio`: a dimensionless number that is not a percentage (Sharpe, beta, profit factor…);
 * - `count`: a whole number of things;
 * - `bars`: a whole number of bars.
 */
export type MetricUnit = 'time' | 'ms' | 'fraction' | 'cash' | 'ratio' | 'count' | 'bars';

/** One metric's metadata; `Key` is {@link MetricKey} except while the registry is declared. */
export interface MetricDefinition<Key extends string = MetricKey> {
  /** Stable camelCase key used in JSON, `--assert` and the optimiser's objective. */
  readonly key: Key;
  /** Short human label for tables. */
  readonly label: string;
  readonly unit: MetricUnit;
  /**
   * True when a larger value is better (an optimiser maximises it), false when smaller is
   * better, absent when neither (times, counts, beta…).
   */
  readonly higherIsBetter?: boolean;
  /** One sentence: what it measures and the formula, in the units above. */
  readonly description: string;
  /** Where the formula comes from. */
  readonly source: string;
  /** The name of the same statistic in backtesting.py's table, when there is one. */
  readonly backtestingPy?: string;
}

const STATS = 'backtesting.py 0.6.6 backtesting/_stats.py compute_stats';

/**
 * The definitions, in output order. Notation: E[i] equity at bar i's
 * close, C[i] close, T[i] bar time, N bars, i0 the first decision bar, r_j the net return of
 * closed trade j (`Trade.netReturn`), n the number of closed trades, periodic returns
 * r_k = E_k / E_{k−1} − 1 between the last equities of consecutive calendar periods (days,
 * weeks ending Sunday, months or years, by the bar period P), g their geometric mean and A the
 * periods per year (252, 365, 52, 12 or 1).
 */
const definitions = [
  {
    key: 'start',
    label: 'Start',
    unit: 'time',
    description: 'Time of the first bar, T[0].',
    source: STATS,
    backtestingPy: 'Start',
  },
  {
    key: 'end',
    label: 'End',
    unit: 'time',
    description: 'Time of the last bar, T[N−1].',
    source: STATS,
    backtestingPy: 'End',
  },
  {
    key: 'durationMs',
    label: 'Duration',
    unit: 'ms',
    description: 'T[N−1] − T[0], not rounded.',
    source: STATS,
    backtestingPy: 'Duration',
  },
  {
    key: 'exposure',
    label: 'Exposure',
    unit: 'fraction',
    description:
      'Share of bars inside a closed trade: bars i with entryBar ≤ i ≤ exitBar for some closed trade, divided by N (open trades are ignored).',
    source: STATS,
    backtestingPy: 'Exposure Time [%]',
  },
  {
    key: 'equityFinal',
    label: 'Equity final',
    unit: 'cash',
    higherIsBetter: true,
    description: 'Equity at the last close, E[N−1].',
    source: STATS,
    backtestingPy: 'Equity Final [$]',
  },
  {
    key: 'equityPeak',
    label: 'Equity peak',
    unit: 'cash',
    higherIsBetter: true,
    description: 'Highest equity at any close, max E.',
    source: STATS,
    backtestingPy: 'Equity Peak [$]',
  },
  {
    key: 'commissions',
    label: 'Commissions',
    unit: 'cash',
    higherIsBetter: false,
    description:
      "Sum of the closed trades' commissions, 0 when none (backtesting.py omits the row when it is 0).",
    source: STATS,
    backtestingPy: 'Commissions [$]',
  },
  {
    key: 'totalReturn',
    label: 'Total return',
    unit: 'fraction',
    higherIsBetter: true,
    description: '(E[N−1] − E[0]) / E[0].',
    source: STATS,
    backtestingPy: 'Return [%]',
  },
  {
    key: 'buyHoldReturn',
    label: 'Buy & hold return',
    unit: 'fraction',
    description:
      'Long-only return of the instrument from the bar before the first decision: (C[N−1] − C[W]) / C[W], W = i0 − 1.',
    source: STATS,
    backtestingPy: 'Buy & Hold Return [%]',
  },
  {
    key: 'annualReturn',
    label: 'Annual return',
    unit: 'fraction',
    higherIsBetter: true,
    description:
      'Compounded annual return (1 + g)^A − 1, g = exp(mean ln(1 + r_k)) − 1 over the periodic returns (g = 0 if some 1 + r_k ≤ 0).',
    source: STATS,
    backtestingPy: 'Return (Ann.) [%]',
  },
  {
    key: 'annualVolatility',
    label: 'Annual volatility',
    unit: 'fraction',
    higherIsBetter: false,
    description:
      'sqrt((s² + (1 + g)²)^A − (1 + g)^(2A)), s² the sample variance (divisor n − 1) of the periodic returns.',
    source: `${STATS}; compounding after https://dx.doi.org/10.2139/ssrn.3054517`,
    backtestingPy: 'Volatility (Ann.) [%]',
  },
  {
    key: 'cagr',
    label: 'CAGR',
    unit: 'fraction',
    higherIsBetter: true,
    description:
      '(E[N−1] / E[0])^(1/Y) − 1, Y = (whole days of the duration + its remaining whole seconds / 86400) / 365.25.',
    source: STATS,
    backtestingPy: 'CAGR [%]',
  },
  {
    key: 'sharpe',
    label: 'Sharpe ratio',
    unit: 'ratio',
    higherIsBetter: true,
    description: 'annualReturn / annualVolatility (risk-free rate 0).',
    source: STATS,
    backtestingPy: 'Sharpe Ratio',
  },
  {
    key: 'sortino',
    label: 'Sortino ratio',
    unit: 'ratio',
    higherIsBetter: true,
    description:
      'annualReturn / (sqrt(mean over all periodic returns of min(r_k, 0)²) × sqrt(A)) (risk-free rate 0).',
    source: STATS,
    backtestingPy: 'Sortino Ratio',
  },
  {
    key: 'calmar',
    label: 'Calmar ratio',
    unit: 'ratio',
    higherIsBetter: true,
    description: 'annualReturn / maxDrawdown.',
    source: STATS,
    backtestingPy: 'Calmar Ratio',
  },
  {
    key: 'alpha',
    label: 'Alpha',
    unit: 'fraction',
    higherIsBetter: true,
    description: "Jensen's alpha with a zero risk-free rate: totalReturn − beta × buyHoldReturn.",
    source: STATS,
    backtestingPy: 'Alpha [%]',
  },
  {
    key: 'beta',
    label: 'Beta',
    unit: 'ratio',
    description:
      'cov(x, y) / var(y) with x = ln(E[i] / E[i−1]), y = ln(C[i] / C[i−1]) over i = 1..N−1 (all bars, warm-up included).',
    source: STATS,
    backtestingPy: 'Beta',
  },
  {
    key: 'maxDrawdown',
    label: 'Max drawdown',
    unit: 'fraction',
    higherIsBetter: false,
    description:
      'Deepest fall below the running peak, as a positive fraction: max over i of 1 − E[i] / max(E[0..i]).',
    source: `${STATS} (which reports it negated, in percent)`,
    backtestingPy: 'Max. Drawdown [%]',
  },
  {
    key: 'avgDrawdown',
    label: 'Avg drawdown',
    unit: 'fraction',
    higherIsBetter: false,
    description:
      'Mean depth of the drawdown periods (each period from the bar at its peak to the bar that regains it, or to the last bar), as a positive fraction.',
    source: `${STATS} (which reports it negated, in percent)`,
    backtestingPy: 'Avg. Drawdown [%]',
  },
  {
    key: 'maxDrawdownDurationMs',
    label: 'Max drawdown duration',
    unit: 'ms',
    higherIsBetter: false,
    description:
      'Longest drawdown period, T[recovery or last bar] − T[peak bar], rounded up to the bar period’s smallest unit.',
    source: STATS,
    backtestingPy: 'Max. Drawdown Duration',
  },
  {
    key: 'avgDrawdownDurationMs',
    label: 'Avg drawdown duration',
    unit: 'ms',
    higherIsBetter: false,
    description: 'Mean drawdown-period length, rounded up to the bar period’s smallest unit.',
    source: STATS,
    backtestingPy: 'Avg. Drawdown Duration',
  },
  {
    key: 'maxDrawdownBars',
    label: 'Max drawdown bars',
    unit: 'bars',
    higherIsBetter: false,
    description:
      'Longest drawdown in bars: from a bar at the running peak to the bar that regains it, or to the last bar (0 without a drawdown).',
    source: 'bt (bar-count form of backtesting.py’s Max. Drawdown Duration)',
  },
  {
    key: 'tradeCount',
    label: 'Trades',
    unit: 'count',
    description: 'Number of closed trades n (trades still open at the end are not counted).',
    source: STATS,
    backtestingPy: '# Trades',
  },
  {
    key: 'winRate',
    label: 'Win rate',
    unit: 'fraction',
    higherIsBetter: true,
    description: 'Share of closed trades with pnl > 0.',
    source: STATS,
    backtestingPy: 'Win Rate [%]',
  },
  {
    key: 'bestTrade',
    label: 'Best trade',
    unit: 'fraction',
    higherIsBetter: true,
    description: 'Largest trade net return, max r_j.',
    source: STATS,
    backtestingPy: 'Best Trade [%]',
  },
  {
    key: 'worstTrade',
    label: 'Worst trade',
    unit: 'fraction',
    higherIsBetter: true,
    description: 'Smallest trade net return, min r_j.',
    source: STATS,
    backtestingPy: 'Worst Trade [%]',
  },
  {
    key: 'avgTrade',
    label: 'Avg trade',
    unit: 'fraction',
    higherIsBetter: true,
    description:
      'Geometric mean trade net return, exp(mean ln(1 + r_j)) − 1 (0 if some 1 + r_j ≤ 0).',
    source: STATS,
    backtestingPy: 'Avg. Trade [%]',
  },
  {
    key: 'maxTradeDurationMs',
    label: 'Max trade duration',
    unit: 'ms',
    description: 'Longest exitTime − entryTime of a closed trade, rounded up to the bar period’s smallest unit.',
    source: STATS,
    backtestingPy: 'Max. Trade Duration',
  },
  {
    key: 'avgTradeDurationMs',
    label: 'Avg trade duration',
    unit: 'ms',
    description: 'Mean exitTime − entryTime of the closed trades, rounded up to the bar period’s smallest unit.',
    source: STATS,
    backtestingPy: 'Avg. Trade Duration',
  },
  {
    key: 'profitFactor',
    label: 'Profit factor',
    unit: 'ratio',
    higherIsBetter: true,
    description: 'Σ r_j over winning trades / |Σ r_j over losing trades|, on net returns (not on P&L).',
    source: STATS,
    backtestingPy: 'Profit Factor',
  },
  {
    key: 'expectancy',
    label: 'Expectancy',
    unit: 'fraction',
    higherIsBetter: true,
    description: 'Arithmetic mean trade net return, mean r_j.',
    source: STATS,
    backtestingPy: 'Expectancy [%]',
  },
  {
    key: 'sqn',
    label: 'SQN',
    unit: 'ratio',
    higherIsBetter: true,
    description:
      'Van Tharp’s system quality number: sqrt(n) × mean(pnl) / std(pnl), std with divisor n − 1.',
    source: STATS,
    backtestingPy: 'SQN',
  },
  {
    key: 'kellyCriterion',
    label: 'Kelly criterion',
    unit: 'fraction',
    higherIsBetter: true,
    description:
      'w − (1 − w) / (mean pnl of winners / −mean pnl of losers), w = winRate: the Kelly fraction of equity to risk.',
    source: STATS,
    backtestingPy: 'Kelly Criterion',
  },
] as const satisfies readonly MetricDefinition<string>[];

/** Key of a metric in {@link metricRegistry}. */
export type MetricKey = (typeof definitions)[number]['key'];

/** Every metric `computeMetrics` returns, in output order (notation above `definitions`). */
export const metricRegistry: readonly MetricDefinition[] = definitions;

/** All metric keys in output order. */
export const metricKeys: readonly MetricKey[] = metricRegistry.map((definition) => definition.key);

/**
 * Returns the definition of `key`.
 * @throws InternalError when `key` is not in the registry (only possible by bypassing the types).
 */
export function metricDefinition(key: MetricKey): MetricDefinition {
  const definition = metricRegistry.find((candidate) => candidate.key === key);
  if (definition === undefined) {
    throw new InternalError('BT_INTERNAL_UNKNOWN_METRIC', `unknown metric key "${key}"`);
  }
  return definition;
}
