/**
 * The JSON document of `bt montecarlo` (`--json`, `--out DIR/summary.json`) and its per-path
 * CSV (`--out DIR/distribution.csv`). Fixed key order, fractions for ratios, no NaN, no
 * wall-clock time and no absolute path, so the same inputs and seed give the same bytes.
 * Serialize with `stringifyDocument` from `json.ts`.
 */
import type { Distribution, HistogramBin, MonteCarloResult, MonteCarloStatistic, PathSummary } from '../optimize/monte-carlo.js';

/** Version of the Monte Carlo document layout; bumped on any incompatible change. */
export const MONTE_CARLO_SCHEMA_VERSION = 1;

/** Where the resampled trades came from. */
export interface MonteCarloSource {
  /** The `--from-result` file as given (`-` = stdin), or null when the backtest ran here. */
  readonly resultFile: string | null;
  readonly strategy: { readonly name: string; readonly params: Readonly<Record<string, unknown>> };
  readonly data: { readonly file: string | null; readonly symbol: string | null; readonly sha256: string | null };
  /** The run's sizing convention as recorded in its result, or null when absent. */
  readonly sizing: Readonly<Record<string, unknown>> | null;
  /** Trades still open at the end of the run: not resampled. */
  readonly openTradeCount: number;
}

/** Plain-words definitions included in every document. */
export const MONTE_CARLO_DEFINITIONS = {
  bootstrap: 'each path draws n trades with replacement from the n closed trades',
  shuffle: 'each path takes all n closed trades in a random order (Fisher–Yates); the final return is the same for every path',
  compound: 'a trade multiplies equity by 1 + r, r = pnl / (initial cash + pnl of the trades closed at or before its entry bar)',
  additive: 'a trade adds its pnl [cash] to equity',
  finalReturn: 'equity after the last trade / initial cash − 1 [fraction]',
  maxDrawdown: 'largest fall below the running peak of the trade-by-trade equity path, initial cash included [fraction]',
  longestLosingStreak: 'most consecutive trades with pnl < 0 [trades]',
  ruin: 'a path is ruined when its equity falls below (1 − ruinThreshold) × initial cash after any trade; equity at or below 0 ends the path (ruined)',
  percentiles: 'linear interpolation between closest ranks (numpy default, Hyndman & Fan type 7): h = (N − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋])',
  histograms: 'equal-width bins from min to max, [lower, upper) and the last [lower, upper]; streak bins hold the whole numbers lower … upper',
  observed: 'the closed trades in the order the run took them',
} as const;

/** The document as built by {@link buildMonteCarloDocument} (key order as listed). */
export interface MonteCarloDocument {
  readonly schemaVersion: number;
  readonly kind: 'montecarlo';
  readonly btVersion: string;
  readonly inputs: {
    readonly resultFile: string | null;
    readonly strategy: MonteCarloSource['strategy'];
    readonly data: MonteCarloSource['data'];
    readonly initialCash: number;
    readonly sizing: MonteCarloSource['sizing'];
    readonly closedTradeCount: number;
    readonly openTradeCount: number;
    readonly modelReason: string;
  };
  readonly method: MonteCarloResult['method'];
  readonly model: MonteCarloResult['model'];
  readonly runs: number;
  readonly seed: number;
  readonly ruinThreshold: number;
  readonly ruinEquity: number;
  readonly bins: number;
  readonly observed: PathSummary;
  readonly statistics: Readonly<Record<MonteCarloStatistic, Distribution>>;
  readonly probabilityOfRuin: number;
  readonly histograms: Readonly<Record<MonteCarloStatistic, readonly HistogramBin[]>>;
  readonly definitions: typeof MONTE_CARLO_DEFINITIONS;
}

/** Builds the Monte Carlo result document (plain object, fixed key order). */
export function buildMonteCarloDocument(
  result: MonteCarloResult,
  context: { readonly btVersion: string; readonly source: MonteCarloSource; readonly modelReason: string; readonly bins: number },
): MonteCarloDocument {
  const { source } = context;
  return {
    schemaVersion: MONTE_CARLO_SCHEMA_VERSION,
    kind: 'montecarlo',
    btVersion: context.btVersion,
    inputs: {
      resultFile: source.resultFile,
      strategy: { name: source.strategy.name, params: source.strategy.params },
      data: { file: source.data.file, symbol: source.data.symbol, sha256: source.data.sha256 },
      initialCash: result.initialCash,
      sizing: source.sizing,
      closedTradeCount: result.tradeCount,
      openTradeCount: source.openTradeCount,
      modelReason: context.modelReason,
    },
    method: result.method,
    model: result.model,
    runs: result.runs,
    seed: result.seed,
    ruinThreshold: result.ruinThreshold,
    ruinEquity: result.ruinEquity,
    bins: context.bins,
    observed: { ...result.observed },
    statistics: {
      finalReturn: { ...result.statistics.finalReturn },
      maxDrawdown: { ...result.statistics.maxDrawdown },
      longestLosingStreak: { ...result.statistics.longestLosingStreak },
    },
    probabilityOfRuin: result.probabilityOfRuin,
    histograms: {
      finalReturn: result.histograms.finalReturn.map((bin) => ({ ...bin })),
      maxDrawdown: result.histograms.maxDrawdown.map((bin) => ({ ...bin })),
      longestLosingStreak: result.histograms.longestLosingStreak.map((bin) => ({ ...bin })),
    },
    definitions: MONTE_CARLO_DEFINITIONS,
  };
}

/**
 * One row per simulated path, in simulation order: `run` (1-based), `finalEquity` [cash],
 * `finalReturn` and `maxDrawdown` [fractions], `longestLosingStreak` [trades], `ruined` (0/1).
 * Numbers are JavaScript's shortest round-trip decimals.
 */
export function distributionCsv(result: MonteCarloResult): string {
  const { paths } = result;
  const lines = ['run,finalEquity,finalReturn,maxDrawdown,longestLosingStreak,ruined'];
  for (let i = 0; i < result.runs; i++) {
    lines.push(`${i + 1},${paths.finalEquity[i]},${paths.finalReturn[i]},${paths.maxDrawdown[i]},${paths.longestLosingStreak[i]},${paths.ruined[i]}`);
  }
  return `${lines.join('\n')}\n`;
}
