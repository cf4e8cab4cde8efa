/**
 * Tree-structured Parzen Estimator search (`--method tpe`): Bergstra, Bardenet, Bengio & Kégl,
 * "Algorithms for Hyper-Parameter Optimization", NeurIPS 2011, §4, in the independent
 * (univariate) form that Optuna's `TPESampler` uses by default.
 *
 * The first `startupTrials` trials are distinct valid combinations drawn uniformly. After
 * that, the trials so far are split by their objective value: the best γ(n) = min(⌈0.1·n⌉, 25)
 * form the "good" set, the rest the "bad" set (runs without an objective value are bad). For
 * every searched axis, a Parzen estimator l(x) is fitted to the good values and g(x) to the
 * bad ones; 24 candidates are drawn from l, and the one with the largest Σ log l(x) − log g(x)
 * over the axes (the expected-improvement criterion of the paper, eq. 4) that is valid and not
 * yet tried is run next. When no candidate qualifies, a random untried valid combination is.
 *
 * Estimators (Optuna's defaults, restated):
 * - a numeric axis (int or number) works on the positions 0 … m−1 of its candidate values, on
 *   the interval [−0.5, m − 0.5]: a uniform mixture of Gaussians, one at each observed
 *   position plus a prior one at the centre with σ = m; each observed σ is the larger distance
 *   to its neighbours (the interval ends count as neighbours), clipped to
 *   [m / min(100, 1 + n), m] (the "magic clip"). A Gaussian is truncated to the interval, and a
 *   position's probability is the mass of [k − 0.5, k + 0.5];
 * - a categorical axis (enum, boolean) has p(k) = (1/m + count of k) / (1 + n).
 *
 * Parallel batches: trials are suggested `batch` at a time. Each suggestion within a batch
 * counts the trials still pending in the batch as bad ("constant liar" with the worst value;
 * Ginsbourger, Le Riche & Carraro 2010), so a batch spreads out instead of repeating one point.
 * The batch size is a setting, not the number of workers, so the search is the same for any
 * `--workers`.
 *
 * Every random choice comes from one mulberry32(seed) stream in a fixed order, and results are
 * keyed by combination, so the same seed gives the same trials everywhere.
 */
import type { Objective } from './objective.js';
import { mulberry32, type Random } from './prng.js';
import { genomeAt, indexOfGenome, type SearchSpace } from './search-space.js';

/** Settings of a TPE search. */
export interface TpeOptions {
  readonly space: SearchSpace;
  /** Valid combination numbers, ascending. */
  readonly valid: readonly number[];
  /** Membership of every combination number (1 = valid). */
  readonly isValid: Uint8Array;
  readonly objective: Objective;
  /** Trials in total (≥ 1; at most the valid combinations are run). */
  readonly trials: number;
  /** Random trials before the model is used (≥ 1). */
  readonly startupTrials: number;
  /** Trials suggested at once and run in parallel (≥ 1). */
  readonly batch: number;
  readonly seed: number;
}

/** What the search needs from its caller: running combinations and reading back their objective value. */
export interface TpeEvaluator {
  /** Runs the combinations in the order given; resolves false when interrupted (the search stops). */
  evaluate(indices: readonly number[]): Promise<boolean>;
  /** Objective value of an evaluated combination (null when it has none). */
  valueOf(index: number): number | null;
}

/** Candidates drawn from l(x) per suggestion (Optuna's `n_ei_candidates`). */
export const TPE_CANDIDATES = 24;
/** Rounds of candidates tried before falling back to a random untried combination. */
const CANDIDATE_ROUNDS = 4;

/** The size of the good set for n trials: min(⌈0.1·n⌉, 25), at least 1 (Optuna's default γ). */
export function goodCount(n: number): number {
  return Math.max(1, Math.min(Math.ceil(0.1 * n), 25));
}

/**
 * Φ(z) to a relative error below 1.2e-7 through the Chebyshev-fitted erfc of Press, Teukolsky,
 * Vetterling & Flannery, "Numerical Recipes in C", 2nd ed., §6.2 (`erfcc`): one exponential per
 * call, ample for the estimators' bin masses (`metrics/normal-distribution.ts` is the exact one).
 */
export function fastNormalCdf(z: number): number {
  const x = -z / Math.SQRT2;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.5 * a);
  const e =
    t *
    Math.exp(
      -a * a - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  const erfcx = x >= 0 ? e : 2 - e;
  return 0.5 * erfcx;
}

/** A standard normal draw (Box–Muller, one value per pair of uniforms). */
function gaussian(random: Random): number {
  const u = 1 - random(); // (0, 1]
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A univariate estimator over the positions 0 … m−1 of one axis. */
interface Estimator {
  /** log P(position k). */
  logProbability(k: number): number;
  /** Draws a position. */
  sample(random: Random): number;
}

/** The truncated Gaussian mixture over [−0.5, m − 0.5] of observed positions `observed`. */
export function numericEstimator(m: number, observed: readonly number[]): Estimator {
  const low = -0.5;
  const high = m - 0.5;
  const span = high - low;
  const n = observed.length;
  const mus = [...observed, (low + high) / 2];
  const sigmas = new Array<number>(n + 1);
  const order = observed.map((_, i) => i).sort((a, b) => observed[a] - observed[b] || a - b);
  const minSigma = span / Math.min(100, 1 + n);
  order.forEach((i, rank) => {
    const left = rank === 0 ? observed[i] - low : observed[i] - observed[order[rank - 1]];
    const right = rank === n - 1 ? high - observed[i] : observed[order[rank + 1]] - observed[i];
    sigmas[i] = Math.min(span, Math.max(minSigma, Math.max(left, right)));
  });
  sigmas[n] = span;
  const weight = 1 / (n + 1);
  const mass = mus.map((mu, i) => fastNormalCdf((high - mu) / sigmas[i]) - fastNormalCdf((low - mu) / sigmas[i]));
  const probability = new Float64Array(m);
  const edges = new Float64Array(m + 1);
  for (let i = 0; i <= n; i++) {
    // Φ at the bin edges k − 0.5, k = 0 … m, far tails skipped (Φ is 0 or 1 to double precision).
    for (let k = 0; k <= m; k++) {
      const z = (k - 0.5 - mus[i]) / sigmas[i];
      edges[k] = z < -38 ? 0 : z > 9 ? 1 : fastNormalCdf(z);
    }
    const scale = weight / mass[i];
    for (let k = 0; k < m; k++) probability[k] += (edges[k + 1] - edges[k]) * scale;
  }
  return {
    logProbability: (k) => Math.log(Math.max(probability[k], 1e-300)),
    sample: (random) => {
      const i = Math.min(n, Math.floor(random() * (n + 1)));
      let x = mus[i];
      for (let attempt = 0; attempt < 64; attempt++) {
        const draw = mus[i] + sigmas[i] * gaussian(random);
        if (draw >= low && draw <= high) {
          x = draw;
          break;
        }
      }
      return Math.min(m - 1, Math.max(0, Math.round(x)));
    },
  };
}

/** The categorical estimator over m categories of observed categories `observed`. */
export function categoricalEstimator(m: number, observed: readonly number[]): Estimator {
  const weights = new Float64Array(m).fill(1 / m);
  for (const k of observed) weights[k] += 1;
  const total = 1 + observed.length;
  return {
    logProbability: (k) => Math.log(weights[k] / total),
    sample: (random) => {
      let u = random() * total;
      for (let k = 0; k < m; k++) {
        u -= weights[k];
        if (u < 0) return k;
      }
      return m - 1;
    },
  };
}

/**
 * Runs the search; the caller's evaluator records every run.
 * @returns false when interrupted, true when all trials ran.
 */
export async function tpeSearch(options: TpeOptions, evaluator: TpeEvaluator): Promise<boolean> {
  const { space, valid, isValid, objective } = options;
  const random = mulberry32(options.seed);
  const total = Math.min(options.trials, valid.length);
  const axes = space.axes.map((axis) => ({ size: axis.values.length, numeric: axis.values.every((value) => typeof value === 'number') }));
  const tried = new Set<number>();
  const order: number[] = [];

  // Startup: distinct valid combinations by a partial Fisher–Yates shuffle.
  const startup = Math.min(Math.max(1, options.startupTrials), total);
  const shuffled = valid.slice();
  for (let i = 0; i < startup; i++) {
    const j = i + Math.floor(random() * (shuffled.length - i));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  const first = shuffled.slice(0, startup);
  for (const index of first) {
    tried.add(index);
    order.push(index);
  }
  if (!(await evaluator.evaluate(first))) return false;

  /** Goodness of a finished trial: larger is better; null values are worst. */
  const goodness = (index: number): number => {
    const value = evaluator.valueOf(index);
    if (value === null) return -Infinity;
    return objective.direction === 'maximize' ? value : -value;
  };

  const randomUntried = (): number => {
    for (let attempt = 0; attempt < 64; attempt++) {
      const index = valid[Math.floor(random() * valid.length)];
      if (!tried.has(index)) return index;
    }
    const rest = valid.filter((index) => !tried.has(index));
    return rest[Math.floor(random() * rest.length)];
  };

  while (order.length < total) {
    const size = Math.min(Math.max(1, options.batch), total - order.length);
    const finished = order.slice();
    // Best first; equal values keep the trial order.
    const ranked = finished.map((index, trial) => ({ index, trial, score: goodness(index) })).sort((a, b) => (b.score === a.score ? a.trial - b.trial : b.score > a.score ? 1 : -1));
    const batch: number[] = [];
    for (let s = 0; s < size; s++) {
      const good = ranked.slice(0, goodCount(finished.length + batch.length));
      // Constant liar: the pending members of this batch count as bad.
      const bad = [...ranked.slice(good.length).map((entry) => entry.index), ...batch];
      const goodGenomes = good.map((entry) => genomeAt(space, entry.index));
      const badGenomes = bad.map((index) => genomeAt(space, index));
      const estimators = axes.map((axis, a) => {
        const make = axis.numeric ? numericEstimator : categoricalEstimator;
        return {
          good: make(axis.size, goodGenomes.map((genome) => genome[a])),
          bad: make(axis.size, badGenomes.map((genome) => genome[a])),
        };
      });
      let chosen = -1;
      let chosenScore = -Infinity;
      for (let round = 0; round < CANDIDATE_ROUNDS && chosen < 0; round++) {
        for (let c = 0; c < TPE_CANDIDATES; c++) {
          const genome = estimators.map((estimator, a) => (axes[a].size === 1 ? 0 : estimator.good.sample(random)));
          const index = indexOfGenome(space, genome);
          if (isValid[index] !== 1 || tried.has(index)) continue;
          let score = 0;
          genome.forEach((k, a) => {
            if (axes[a].size > 1) score += estimators[a].good.logProbability(k) - estimators[a].bad.logProbability(k);
          });
          if (score > chosenScore) {
            chosen = index;
            chosenScore = score;
          }
        }
      }
      if (chosen < 0) chosen = randomUntried();
      tried.add(chosen);
      batch.push(chosen);
    }
    for (const index of batch) order.push(index);
    if (!(await evaluator.evaluate(batch))) return false;
  }
  return true;
}
