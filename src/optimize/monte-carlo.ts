/**
 * Monte Carlo resampling of a run's closed trades (`bt montecarlo`): how much of the result is
 * the order (shuffle) or the luck of the draw (bootstrap) of its trades?
 *
 * Each trade is one *step* of a trade-by-trade equity path that starts at the initial cash:
 *
 * - `compound` model: the step is the trade's return on account equity, r = pnl / E_entry,
 *   where E_entry = initial cash + Σ pnl of the trades closed at or before the trade's entry
 *   bar; a path applies E ← E × (1 + r). For one position at a time this is exactly the
 *   equity before the entry, so the trades in their own order rebuild the run's closed-trade
 *   equity, and a trade keeps its size relative to equity wherever it is drawn. Right for
 *   sizing by a fraction of equity (all-in, `--size-fraction`, risk sizing).
 * - `additive` model: the step is the trade's pnl [cash]; a path applies E ← E + pnl. Right
 *   for a fixed size (`--size` units, cash sizing), where a trade's P&L does not scale with
 *   the account.
 *
 * Per path: `finalReturn` = E_n / E_0 − 1 [fraction]; `maxDrawdown` = max over the points
 * E_0 … E_n of 1 − E_i / max(E_0 … E_i) [fraction] (the trade-by-trade path, not bars);
 * `longestLosingStreak` = most consecutive trades with a negative step [trades] (a trade with
 * zero pnl ends a streak); `ruined` = E_i < (1 − ruinThreshold) × E_0 at any i. A path whose
 * equity reaches zero or less is bust: it stays at 0 and takes no more trades (drawdown 1,
 * ruined at any threshold).
 *
 * Methods: `bootstrap` draws n trades with replacement (index ⌊u·n⌋ for u from the PRNG);
 * `shuffle` permutes all n trades (Fisher–Yates, Durstenfeld's form, j = ⌊u·(i+1)⌋ from the
 * end). Shuffling cannot change the product (or sum) of the steps, so every shuffled path that
 * is not bust ends at the same equity; it is taken from the trades in their own order, so the
 * final-return distribution is exactly degenerate rather than spread over the last bits of
 * floating-point rounding.
 *
 * Percentiles: linear interpolation between closest ranks (numpy's default `linear`, Hyndman &
 * Fan type 7): for sorted x_0 … x_{N−1} and p in [0, 1], h = (N − 1)·p and
 * P = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋).
 *
 * Pure and deterministic: the PRNG is mulberry32 seeded with `seed`; the same steps and
 * options give the same numbers on every machine.
 */
import { DataError, UsageError } from '../errors.js';
import { mulberry32 } from './prng.js';

/** How trades are resampled: with replacement, or as a permutation of all of them. */
export type MonteCarloMethod = 'bootstrap' | 'shuffle';

/** How a trade changes the equity of a simulated path (see the module comment). */
export type EquityModel = 'compound' | 'additive';

/** The statistics reported per path and over paths. */
export type MonteCarloStatistic = 'finalReturn' | 'maxDrawdown' | 'longestLosingStreak';

/** The statistics in output order. */
export const MONTE_CARLO_STATISTICS: readonly MonteCarloStatistic[] = ['finalReturn', 'maxDrawdown', 'longestLosingStreak'];

/** The fields of a closed trade that {@link tradeSteps} reads (a `Trade` has them). */
export interface TradeOutcome {
  /** Net P&L [cash]. */
  readonly pnl: number;
  /** Bar index of the entry fill. */
  readonly entryBar: number;
  /** Bar index of the exit fill. */
  readonly exitBar: number;
}

/** Options of {@link monteCarlo}. */
export interface MonteCarloOptions {
  /** Number of simulated paths [integer ≥ 1]. */
  readonly runs: number;
  /** PRNG seed [integer; reduced to 32 bits]. */
  readonly seed: number;
  readonly method: MonteCarloMethod;
  /** What the steps are: equity returns (`compound`) or P&L in cash (`additive`). */
  readonly model: EquityModel;
  /** Starting equity of every path [cash, > 0]. */
  readonly initialCash: number;
  /** Loss that counts as ruin [fraction of initial cash, 0 < x ≤ 1]; 0.5 = a 50 % loss. */
  readonly ruinThreshold: number;
  /** Histogram bins per statistic [integer ≥ 1]; default {@link DEFAULT_BINS}. */
  readonly bins?: number;
}

/** Default number of histogram bins. */
export const DEFAULT_BINS = 20;

/** Summary of one equity path. */
export interface PathSummary {
  /** Equity after the last trade [cash]. */
  readonly finalEquity: number;
  /** finalEquity / initialCash − 1 [fraction]. */
  readonly finalReturn: number;
  /** Largest fall below the running peak of the trade-by-trade path [fraction, 0 … 1]. */
  readonly maxDrawdown: number;
  /** Most consecutive losing trades [trades]. */
  readonly longestLosingStreak: number;
  /** Whether equity fell below the ruin level (or to zero) at any point. */
  readonly ruined: boolean;
}

/** Mean, extremes and 5/50/95 percentiles of one statistic over all paths. */
export interface Distribution {
  readonly mean: number;
  readonly min: number;
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

/**
 * One histogram bin. Continuous statistics: [lower, upper), the last bin [lower, upper]. Streaks
 * (integers): every integer from lower to upper inclusive.
 */
export interface HistogramBin {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
}

/** Per-path values, one entry per simulation in simulation order. */
export interface MonteCarloPaths {
  readonly finalEquity: Float64Array;
  readonly finalReturn: Float64Array;
  readonly maxDrawdown: Float64Array;
  readonly longestLosingStreak: Float64Array;
  /** 1 = ruined, 0 = not. */
  readonly ruined: Uint8Array;
}

/** Everything {@link monteCarlo} computes. */
export interface MonteCarloResult {
  readonly method: MonteCarloMethod;
  readonly model: EquityModel;
  readonly runs: number;
  readonly seed: number;
  /** Trades per path (n). */
  readonly tradeCount: number;
  readonly initialCash: number;
  readonly ruinThreshold: number;
  /** (1 − ruinThreshold) × initialCash [cash]: a path is ruined below this equity. */
  readonly ruinEquity: number;
  /** The trades in their given order: the path the run actually took. */
  readonly observed: PathSummary;
  readonly paths: MonteCarloPaths;
  readonly statistics: Readonly<Record<MonteCarloStatistic, Distribution>>;
  /** Share of paths that were ruined [fraction]. */
  readonly probabilityOfRuin: number;
  readonly histograms: Readonly<Record<MonteCarloStatistic, readonly HistogramBin[]>>;
}

/** The model that suits a sizing rule, and why (the CLI's `--model auto`). */
export function defaultEquityModel(sizing: { readonly kind: string }): { model: EquityModel; reason: string } {
  if (sizing.kind === 'units' || sizing.kind === 'cash') {
    return { model: 'additive', reason: `sizing "${sizing.kind}" is a fixed size, so each trade adds its P&L to equity` };
  }
  return { model: 'compound', reason: `sizing "${sizing.kind}" scales with equity, so each trade multiplies equity by 1 + pnl / equity at entry` };
}

/**
 * The step of each trade under `model`, in the given order: its pnl [cash] (`additive`), or
 * its return on the account equity at entry [fraction] (`compound`; see the module comment).
 * @throws DataError `BT_MC_BAD_TRADE` for a non-finite pnl, or when the equity before a
 *   trade's entry is not positive (compound).
 */
export function tradeSteps(trades: readonly TradeOutcome[], initialCash: number, model: EquityModel): Float64Array {
  const n = trades.length;
  const steps = new Float64Array(n);
  trades.forEach((trade, k) => {
    if (!Number.isFinite(trade.pnl)) {
      throw new DataError('BT_MC_BAD_TRADE', `trade ${k + 1} has pnl "${String(trade.pnl)}", not a finite number`, { hint: 'resample the trades of a complete bt run result' });
    }
  });
  if (model === 'additive') {
    trades.forEach((trade, k) => (steps[k] = trade.pnl));
    return steps;
  }
  // Closed P&L by exit bar: cumulative[m] = Σ pnl of the m earliest exits (ties in trade order).
  const byExit = trades.map((_, k) => k).sort((a, b) => trades[a].exitBar - trades[b].exitBar || a - b);
  const exitBars = byExit.map((k) => trades[k].exitBar);
  const cumulative = new Float64Array(n + 1);
  byExit.forEach((k, m) => (cumulative[m + 1] = cumulative[m] + trades[k].pnl));
  trades.forEach((trade, k) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (exitBars[mid] <= trade.entryBar) lo = mid + 1;
      else hi = mid;
    }
    const own = trade.exitBar <= trade.entryBar ? trade.pnl : 0;
    const equity = initialCash + cumulative[lo] - own;
    if (!(equity > 0)) {
      throw new DataError('BT_MC_BAD_TRADE', `the equity before trade ${k + 1} is "${equity}", so its return on equity is undefined`, {
        hint: 'use --model additive to resample the trades\' P&L instead',
      });
    }
    steps[k] = trade.pnl / equity;
  });
  return steps;
}

function checkOptions(n: number, options: MonteCarloOptions): void {
  const bad = (what: string, value: unknown, hint: string): never => {
    throw new UsageError('BT_MC_OPTION', `${what} must be ${hint}, got "${String(value)}"`);
  };
  if (n === 0) {
    throw new DataError('BT_MC_NO_TRADES', 'no closed trades to resample', { hint: 'a Monte Carlo run needs at least one closed trade' });
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) bad('runs', options.runs, 'a whole number ≥ 1');
  if (!Number.isInteger(options.seed)) bad('seed', options.seed, 'a whole number');
  if (!(options.initialCash > 0) || !Number.isFinite(options.initialCash)) bad('initialCash', options.initialCash, 'a positive number');
  if (!(options.ruinThreshold > 0 && options.ruinThreshold <= 1)) bad('ruinThreshold', options.ruinThreshold, 'above 0 and at most 1');
  const bins = options.bins ?? DEFAULT_BINS;
  if (!Number.isInteger(bins) || bins < 1) bad('bins', bins, 'a whole number ≥ 1');
  if (options.method !== 'bootstrap' && options.method !== 'shuffle') bad('method', options.method, '"bootstrap" or "shuffle"');
  if (options.model !== 'compound' && options.model !== 'additive') bad('model', options.model, '"compound" or "additive"');
}

/** Mutable per-path accumulator, reused across paths to keep the loop allocation-free. */
interface PathState {
  equity: number;
  peak: number;
  maxDrawdown: number;
  streak: number;
  longestStreak: number;
  ruined: boolean;
  bust: boolean;
}

/**
 * Walks one path over `n` steps taken as `steps[order[k]]` (or `steps[k]` without `order`).
 * `settledFinal`, when given, replaces the final equity of a path that did not go bust
 * (shuffle: the order-independent end point).
 */
function walk(
  state: PathState,
  steps: Float64Array,
  order: Int32Array | undefined,
  compound: boolean,
  initialCash: number,
  ruinEquity: number,
  settledFinal: number | undefined,
): void {
  const n = steps.length;
  state.equity = initialCash;
  state.peak = initialCash;
  state.maxDrawdown = 0;
  state.streak = 0;
  state.longestStreak = 0;
  state.ruined = false;
  state.bust = false;
  let equity = initialCash;
  for (let k = 0; k < n; k++) {
    const step = steps[order === undefined ? k : order[k]];
    equity = compound ? equity * (1 + step) : equity + step;
    if (step < 0) {
      state.streak++;
      if (state.streak > state.longestStreak) state.longestStreak = state.streak;
    } else state.streak = 0;
    if (!(equity > 0)) {
      equity = 0;
      state.bust = true;
    } else if (k === n - 1 && settledFinal !== undefined && settledFinal > 0) {
      equity = settledFinal;
    }
    if (equity > state.peak) state.peak = equity;
    const drawdown = 1 - equity / state.peak;
    if (drawdown > state.maxDrawdown) state.maxDrawdown = drawdown;
    if (equity < ruinEquity || state.bust) state.ruined = true;
    if (state.bust) break;
  }
  state.equity = equity;
}

function summarize(state: PathState, initialCash: number): PathSummary {
  return {
    finalEquity: state.equity,
    finalReturn: state.equity / initialCash - 1,
    maxDrawdown: state.maxDrawdown,
    longestLosingStreak: state.longestStreak,
    ruined: state.ruined,
  };
}

/**
 * Simulates `options.runs` equity paths by resampling `steps` (from {@link tradeSteps}) and
 * summarizes them: per-path values, distributions (mean, min, 5/50/95 percentiles, max),
 * the probability of ruin and histograms. See the module comment for every definition.
 * @throws DataError `BT_MC_NO_TRADES` when `steps` is empty; UsageError `BT_MC_OPTION` for an
 *   option out of range.
 */
export function monteCarlo(steps: ArrayLike<number>, options: MonteCarloOptions): MonteCarloResult {
  const n = steps.length;
  checkOptions(n, options);
  const values = Float64Array.from(steps);
  for (let k = 0; k < n; k++) {
    if (!Number.isFinite(values[k])) throw new DataError('BT_MC_BAD_TRADE', `step ${k + 1} is "${String(values[k])}", not a finite number`);
  }
  const { runs, method, model, initialCash, ruinThreshold } = options;
  const compound = model === 'compound';
  const ruinEquity = (1 - ruinThreshold) * initialCash;
  const state: PathState = { equity: 0, peak: 0, maxDrawdown: 0, streak: 0, longestStreak: 0, ruined: false, bust: false };

  walk(state, values, undefined, compound, initialCash, ruinEquity, undefined);
  const observed = summarize(state, initialCash);
  // The unclamped end point of the trades in their own order; shuffling cannot change it.
  let settled = initialCash;
  for (let k = 0; k < n; k++) settled = compound ? settled * (1 + values[k]) : settled + values[k];
  const settledFinal = method === 'shuffle' ? settled : undefined;

  const paths: MonteCarloPaths = {
    finalEquity: new Float64Array(runs),
    finalReturn: new Float64Array(runs),
    maxDrawdown: new Float64Array(runs),
    longestLosingStreak: new Float64Array(runs),
    ruined: new Uint8Array(runs),
  };
  const random = mulberry32(options.seed);
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  let ruinedCount = 0;
  for (let run = 0; run < runs; run++) {
    if (method === 'bootstrap') {
      for (let k = 0; k < n; k++) order[k] = Math.floor(random() * n);
    } else {
      // Permuting the previous permutation is as uniform as permuting 0 … n − 1.
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        const swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
    }
    walk(state, values, order, compound, initialCash, ruinEquity, settledFinal);
    paths.finalEquity[run] = state.equity;
    paths.finalReturn[run] = state.equity / initialCash - 1;
    paths.maxDrawdown[run] = state.maxDrawdown;
    paths.longestLosingStreak[run] = state.longestStreak;
    if (state.ruined) {
      paths.ruined[run] = 1;
      ruinedCount++;
    }
  }

  const bins = options.bins ?? DEFAULT_BINS;
  const sorted = {
    finalReturn: sortedCopy(paths.finalReturn),
    maxDrawdown: sortedCopy(paths.maxDrawdown),
    longestLosingStreak: sortedCopy(paths.longestLosingStreak),
  };
  return {
    method,
    model,
    runs,
    seed: options.seed,
    tradeCount: n,
    initialCash,
    ruinThreshold,
    ruinEquity,
    observed,
    paths,
    statistics: {
      finalReturn: describeSorted(sorted.finalReturn),
      maxDrawdown: describeSorted(sorted.maxDrawdown),
      longestLosingStreak: describeSorted(sorted.longestLosingStreak),
    },
    probabilityOfRuin: ruinedCount / runs,
    histograms: {
      finalReturn: histogram(sorted.finalReturn, bins),
      maxDrawdown: histogram(sorted.maxDrawdown, bins),
      longestLosingStreak: integerHistogram(sorted.longestLosingStreak, bins),
    },
  };
}

function sortedCopy(values: Float64Array): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * The p-quantile of ascending `sorted` by linear interpolation between closest ranks (numpy
 * `percentile(..., method='linear')`, Hyndman & Fan type 7). NaN for an empty input.
 * @param p quantile in [0, 1] (0.05 for the 5th percentile).
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lower = Math.floor(h);
  if (lower >= n - 1) return sorted[n - 1];
  const fraction = h - lower;
  return fraction === 0 ? sorted[lower] : sorted[lower] + fraction * (sorted[lower + 1] - sorted[lower]);
}

/** Mean (summed in ascending order), extremes and 5/50/95 percentiles of ascending `sorted` (N ≥ 1). */
export function describeSorted(sorted: ArrayLike<number>): Distribution {
  const n = sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  return {
    mean: sum / n,
    min: sorted[0],
    p5: percentileOfSorted(sorted, 0.05),
    p50: percentileOfSorted(sorted, 0.5),
    p95: percentileOfSorted(sorted, 0.95),
    max: sorted[n - 1],
  };
}

/**
 * `bins` equal-width bins from the minimum to the maximum of ascending `sorted` (N ≥ 1);
 * one bin when every value is the same.
 */
export function histogram(sorted: ArrayLike<number>, bins: number): HistogramBin[] {
  const n = sorted.length;
  const min = sorted[0];
  const max = sorted[n - 1];
  if (!(max > min)) return [{ lower: min, upper: max, count: n }];
  const width = (max - min) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) counts[Math.min(bins - 1, Math.floor((sorted[i] - min) / width))]++;
  return counts.map((count, k) => ({ lower: min + k * width, upper: k === bins - 1 ? max : min + (k + 1) * width, count }));
}

/**
 * Bins of whole numbers for integer-valued `sorted` (ascending, N ≥ 1): at most `bins` bins of
 * equal integer width, bin k holding lower … upper inclusive.
 */
export function integerHistogram(sorted: ArrayLike<number>, bins: number): HistogramBin[] {
  const n = sorted.length;
  const min = sorted[0];
  const max = sorted[n - 1];
  const width = Math.ceil((max - min + 1) / bins);
  const count = Math.ceil((max - min + 1) / width);
  const counts = new Array<number>(count).fill(0);
  for (let i = 0; i < n; i++) counts[Math.floor((sorted[i] - min) / width)]++;
  return counts.map((c, k) => ({ lower: min + k * width, upper: Math.min(max, min + (k + 1) * width - 1), count: c }));
}
