/**
 * Probability of Backtest Overfitting by combinatorially symmetric cross-validation (CSCV):
 * Bailey, Borwein, López de Prado & Zhu, "The Probability of Backtest Overfitting", Journal of
 * Computational Finance 20(4), 2017 (working paper 2013–2015), §2.
 *
 * The T × N matrix M holds the per-bar returns of N trials over the T bars they share. Its rows
 * are cut into S consecutive blocks (S even). For every one of the C(S, S/2) ways to choose S/2
 * blocks as the in-sample set J (the other blocks, J̄, are out of sample):
 * 1. each trial's Sharpe ratio (mean / sample standard deviation of its returns; 0 when they do
 *    not vary) is computed on J and on J̄;
 * 2. n* is the trial with the best in-sample Sharpe ratio (the lowest trial number on ties);
 * 3. ω̄ = rank of n*'s out-of-sample Sharpe ratio among the N (1 = worst, ties get their mean
 *    rank) / (N + 1), and the logit λ = ln(ω̄ / (1 − ω̄)).
 * PBO is the share of combinations with λ ≤ 0: the in-sample best ranks at or below the median
 * out of sample. The performance degradation is the least-squares line of n*'s out-of-sample
 * Sharpe ratio on its in-sample one over the combinations (§2, "performance degradation"), and
 * the probability of loss the share of combinations where n*'s out-of-sample Sharpe ratio is
 * below 0.
 *
 * Only each block's sum of returns and sum of squared returns per trial are needed (the Sharpe
 * ratio of a union of blocks follows from them), so the cost is O(C(S, S/2) · N · S), not · T.
 */

/** Largest number of splits accepted (C(20, 10) = 184,756 combinations). */
export const MAX_PBO_SPLITS = 20;

/** Per-trial block statistics: for trial i, `blocks[i]` holds S sums then S sums of squares (anything after them is ignored). */
export interface BlockMatrix {
  /** Rows in each block. */
  readonly counts: Float64Array;
  readonly blocks: readonly Float64Array[];
}

/** Quantiles and histogram of the logits. */
export interface LogitDistribution {
  readonly mean: number;
  readonly quantiles: { readonly p05: number; readonly p25: number; readonly p50: number; readonly p75: number; readonly p95: number };
  /** `bins` + 1 ascending edges and the combinations in each bin (the last bin includes its right edge). */
  readonly histogram: { readonly edges: readonly number[]; readonly counts: readonly number[] };
}

/** The result of CSCV. */
export interface PboResult {
  readonly splits: number;
  readonly combinations: number;
  readonly trials: number;
  /** Rows (bars) of the return matrix. */
  readonly bars: number;
  /** Probability of backtest overfitting [fraction]. */
  readonly pbo: number;
  readonly logits: LogitDistribution;
  /** OOS Sharpe ≈ intercept + slope · IS Sharpe of the selected trial (per bar). */
  readonly degradation: { readonly slope: number | null; readonly intercept: number | null };
  /** Share of combinations whose selected trial has an out-of-sample Sharpe ratio below 0. */
  readonly probabilityOfLoss: number;
}

/** Sharpe ratio per row from count c, sum s and sum of squares q: mean / sample stdev, 0 without variation. */
export function sharpeFromSums(c: number, s: number, q: number): number {
  if (c < 2) return 0;
  const mean = s / c;
  const variance = (q - s * mean) / (c - 1);
  return variance > 1e-300 ? mean / Math.sqrt(variance) : 0;
}

/** Number of ways to choose k of n. */
export function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return Math.round(result);
}

function quantile(sorted: Float64Array, p: number): number {
  // Linear interpolation between order statistics (type 7, the default of R and NumPy).
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Runs CSCV over `matrix` (see the module comment) with `bins` histogram bins.
 * @throws RangeError when S is odd, below 2 or above {@link MAX_PBO_SPLITS}, or there are fewer
 *   than 2 trials (callers report these as usage or null results).
 */
export function probabilityOfOverfitting(matrix: BlockMatrix, bins = 20): PboResult {
  const splits = matrix.counts.length;
  const trials = matrix.blocks.length;
  if (splits < 2 || splits % 2 !== 0 || splits > MAX_PBO_SPLITS) throw new RangeError(`CSCV needs an even number of splits from 2 to ${MAX_PBO_SPLITS}, got ${splits}`);
  if (trials < 2) throw new RangeError(`CSCV needs at least 2 trials, got ${trials}`);
  const half = splits / 2;
  const sums = new Float64Array(trials * splits);
  const squares = new Float64Array(trials * splits);
  const totalSum = new Float64Array(trials);
  const totalSquares = new Float64Array(trials);
  matrix.blocks.forEach((row, i) => {
    for (let b = 0; b < splits; b++) {
      sums[i * splits + b] = row[b];
      squares[i * splits + b] = row[splits + b];
      totalSum[i] += row[b];
      totalSquares[i] += row[splits + b];
    }
  });
  let totalCount = 0;
  for (let b = 0; b < splits; b++) totalCount += matrix.counts[b];

  const combinations = binomial(splits, half);
  const logits = new Float64Array(combinations);
  const isSelected = new Float64Array(combinations);
  const oosSelected = new Float64Array(combinations);
  const sharpeJ = new Float64Array(trials);
  const sharpeRest = new Float64Array(trials);
  const chosen = new Int32Array(half);
  let c = 0;
  /** Records the combination with in-sample Sharpe ratios `is` and out-of-sample `oos`. */
  const record = (is: Float64Array, oos: Float64Array): void => {
    let best = 0;
    for (let i = 1; i < trials; i++) if (is[i] > is[best]) best = i;
    const selected = oos[best];
    let below = 0;
    let equal = 0;
    for (let i = 0; i < trials; i++) {
      if (oos[i] < selected) below++;
      else if (oos[i] === selected) equal++;
    }
    const omega = (below + (equal + 1) / 2) / (trials + 1);
    logits[c] = Math.log(omega / (1 - omega));
    isSelected[c] = is[best];
    oosSelected[c] = selected;
    c++;
  };
  // Each set J without the last block is visited once with its complement J̄: both
  // combinations (in sample J, and in sample J̄) come from one pass over the trials.
  for (let mask = 0; mask < 1 << (splits - 1); mask++) {
    let bits = 0;
    for (let m = mask; m !== 0; m &= m - 1) bits++;
    if (bits !== half) continue;
    let k = 0;
    let count = 0;
    for (let b = 0; b < splits; b++) {
      if ((mask >> b) & 1) {
        chosen[k++] = b;
        count += matrix.counts[b];
      }
    }
    const restCount = totalCount - count;
    for (let i = 0; i < trials; i++) {
      let s = 0;
      let q = 0;
      const base = i * splits;
      for (let j = 0; j < half; j++) {
        s += sums[base + chosen[j]];
        q += squares[base + chosen[j]];
      }
      sharpeJ[i] = sharpeFromSums(count, s, q);
      sharpeRest[i] = sharpeFromSums(restCount, totalSum[i] - s, totalSquares[i] - q);
    }
    record(sharpeJ, sharpeRest);
    record(sharpeRest, sharpeJ);
  }

  let overfit = 0;
  let losses = 0;
  let sum = 0;
  for (let k = 0; k < combinations; k++) {
    if (logits[k] <= 0) overfit++;
    if (oosSelected[k] < 0) losses++;
    sum += logits[k];
  }
  const sorted = logits.slice().sort();
  const low = sorted[0];
  const high = sorted[combinations - 1];
  const width = high > low ? (high - low) / bins : 1;
  const edges = Array.from({ length: bins + 1 }, (_, k) => (high > low ? low + k * width : low - bins / 2 + k));
  const counts = new Array<number>(bins).fill(0);
  for (let k = 0; k < combinations; k++) counts[Math.min(bins - 1, Math.max(0, Math.floor((logits[k] - edges[0]) / width)))]++;

  // Least-squares line of out-of-sample on in-sample Sharpe ratio of the selected trial.
  let mx = 0;
  let my = 0;
  for (let k = 0; k < combinations; k++) {
    mx += isSelected[k];
    my += oosSelected[k];
  }
  mx /= combinations;
  my /= combinations;
  let sxx = 0;
  let sxy = 0;
  for (let k = 0; k < combinations; k++) {
    sxx += (isSelected[k] - mx) ** 2;
    sxy += (isSelected[k] - mx) * (oosSelected[k] - my);
  }
  const slope = sxx > 0 ? sxy / sxx : null;
  return {
    splits,
    combinations,
    trials,
    bars: totalCount,
    pbo: overfit / combinations,
    logits: {
      mean: sum / combinations,
      quantiles: { p05: quantile(sorted, 0.05), p25: quantile(sorted, 0.25), p50: quantile(sorted, 0.5), p75: quantile(sorted, 0.75), p95: quantile(sorted, 0.95) },
      histogram: { edges, counts },
    },
    degradation: { slope, intercept: slope === null ? null : my - slope * mx },
    probabilityOfLoss: losses / combinations,
  };
}
