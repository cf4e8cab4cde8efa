/**
 * The overfitting statistics of an optimization (`overfitting` in the optimize document): the
 * Deflated Sharpe Ratio of the best run (always) and the Probability of Backtest Overfitting by
 * CSCV (`--pbo`). Both work on the per-bar returns of equity over the rows every trial shares,
 * bars `from` … n − 1 with `from` = 1 + the largest warm-up in the search space (see
 * `ReturnBlocksSpec`), and on the Sharpe ratio per bar, mean / sample standard deviation of
 * those returns (not the annualised `sharpe` metric).
 */
import { deflatedSharpe, returnMoments } from '../metrics/deflated-sharpe.js';
import type { ReturnBlocksSpec } from './evaluate.js';
import { probabilityOfOverfitting, sharpeFromSums, type PboResult } from './pbo.js';
import type { TrialRun } from './result.js';

/** The Deflated Sharpe Ratio section. */
export interface DeflatedSharpeReport {
  /** DSR of the best run [probability]; null with `nullReason`. */
  readonly value: number | null;
  /** The best run's Sharpe ratio per bar, SR*. */
  readonly sharpe: number;
  /** SR₀: the expected maximum Sharpe ratio per bar of this many trials with no skill. */
  readonly expectedMaxSharpe: number;
  /** Trials N with a Sharpe ratio. */
  readonly trials: number;
  /** Variance of the trials' Sharpe ratios per bar. */
  readonly sharpeVariance: number;
  readonly skewness: number;
  /** Kurtosis (3 for normal returns). */
  readonly kurtosis: number;
  /** Returns T of the best run. */
  readonly observations: number;
  readonly nullReason: string | null;
}

/** The `overfitting` section of the optimize document. */
export interface OverfittingReport {
  /** The rows: first bar (epoch ms, and index) and number of bar returns. */
  readonly returns: { readonly from: number; readonly fromBar: number; readonly bars: number; readonly statistic: string };
  readonly deflatedSharpe: DeflatedSharpeReport | null;
  readonly deflatedSharpeNullReason: string | null;
  /** PBO by CSCV; null without --pbo or when it cannot be computed (`pboNullReason`). */
  readonly pbo: PboResult | null;
  readonly pboNullReason: string | null;
}

/** Description of the statistic, for the document. */
const STATISTIC = 'Sharpe ratio per bar: mean / sample standard deviation of the bar returns of equity';

/** Each run's Sharpe ratio per bar from the totals of its blocks (one entry per run that has blocks). */
export function trialSharpes(runs: readonly TrialRun[], counts: Float64Array): number[] {
  const splits = counts.length;
  let rows = 0;
  for (const count of counts) rows += count;
  const out: number[] = [];
  for (const run of runs) {
    if (run.blocks === undefined) continue;
    out.push(sharpeFromSums(rows, run.blocks[2 * splits], run.blocks[2 * splits + 1]));
  }
  return out;
}

/** Sample variance (n − 1) of `values`; 0 below two values. */
function variance(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
}

/**
 * Builds the section.
 * @param runs every run of the search, with the blocks of `spec`.
 * @param counts rows per block (`blockCounts(spec, bars)`).
 * @param time bar times [ms], for `returns.from`.
 * @param bestEquity the best run's equity curve (rerun), or null without a best run.
 * @param pbo whether `--pbo` asked for CSCV (then `spec.splits` is its S).
 */
export function overfittingReport(runs: readonly TrialRun[], spec: ReturnBlocksSpec, counts: Float64Array, time: Float64Array, bestEquity: Float64Array | null, pbo: boolean): OverfittingReport {
  const rows = time.length - spec.from;
  const sharpes = trialSharpes(runs, counts);
  let dsr: DeflatedSharpeReport | null = null;
  let dsrNull: string | null = null;
  if (bestEquity === null) dsrNull = 'no run has an objective value';
  else if (rows < 2) dsrNull = 'fewer than 2 bar returns';
  else {
    const returns = new Float64Array(rows);
    for (let t = spec.from; t < time.length; t++) returns[t - spec.from] = bestEquity[t] / bestEquity[t - 1] - 1;
    const moments = returnMoments(returns);
    const sharpe = moments.stdev > 0 ? moments.mean / moments.stdev : 0;
    const sharpeVariance = variance(sharpes);
    const result = deflatedSharpe({ sharpe, observations: rows, skewness: moments.skewness, kurtosis: moments.kurtosis, trials: sharpes.length, sharpeVariance });
    dsr = {
      value: moments.stdev > 0 ? result.value : null,
      sharpe,
      expectedMaxSharpe: result.expectedMaxSharpe,
      trials: sharpes.length,
      sharpeVariance,
      skewness: moments.skewness,
      kurtosis: moments.kurtosis,
      observations: rows,
      nullReason: moments.stdev > 0 ? result.nullReason : (result.nullReason ?? 'the best run\'s returns do not vary'),
    };
  }
  let pboResult: PboResult | null = null;
  let pboNull: string | null = null;
  if (!pbo) pboNull = 'not requested (--pbo)';
  else if (sharpes.length < 2) pboNull = 'CSCV needs at least 2 runs';
  else if (rows < 2 * spec.splits) pboNull = `${rows} bar returns are too few for ${spec.splits} splits (at least 2 per split)`;
  else pboResult = probabilityOfOverfitting({ counts, blocks: runs.filter((run) => run.blocks !== undefined).map((run) => run.blocks!) });
  return {
    returns: { from: time[spec.from], fromBar: spec.from, bars: Math.max(0, rows), statistic: STATISTIC },
    deflatedSharpe: dsr,
    deflatedSharpeNullReason: dsrNull,
    pbo: pboResult,
    pboNullReason: pboNull,
  };
}
