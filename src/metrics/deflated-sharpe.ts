/**
 * The Deflated Sharpe Ratio: Bailey & López de Prado, "The Deflated Sharpe Ratio: Correcting
 * for Selection Bias, Backtest Overfitting and Non-Normality", Journal of Portfolio Management
 * 40(5), 2014. All Sharpe ratios here are per period (per bar: mean / standard deviation of the
 * bar returns), not annualised.
 *
 * - Expected maximum Sharpe ratio of N trials whose Sharpe ratios have variance V, when every
 *   true Sharpe ratio is 0 (eq. 2 of the paper, from the false strategy theorem):
 *   SR₀ = √V · ((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))), γ = Euler–Mascheroni constant.
 * - Probabilistic Sharpe Ratio of an observed SR* over T returns with skewness γ₃ and (non-excess)
 *   kurtosis γ₄ against a benchmark SR₀ (Bailey & López de Prado 2012, eq. 9):
 *   PSR = Φ((SR* − SR₀)·√(T − 1) / √(1 − γ₃·SR* + (γ₄ − 1)/4 · SR*²)).
 * - DSR = PSR with SR₀ the expected maximum above: the probability that the best trial's true
 *   Sharpe ratio is above 0 after accounting for how many trials were tried.
 */
import { normalCdf, normalQuantile } from './normal-distribution.js';

/** The Euler–Mascheroni constant γ. */
export const EULER_MASCHERONI = 0.5772156649015329;

/** Inputs of the Deflated Sharpe Ratio. */
export interface DeflatedSharpeInputs {
  /** The selected trial's Sharpe ratio per period, SR*. */
  readonly sharpe: number;
  /** Number of returns T of the selected trial (≥ 2). */
  readonly observations: number;
  /** Skewness γ₃ of its returns. */
  readonly skewness: number;
  /** Kurtosis γ₄ of its returns (3 for a normal distribution; not the excess). */
  readonly kurtosis: number;
  /** Number of independent trials N (≥ 1). */
  readonly trials: number;
  /** Variance V of the trials' Sharpe ratios per period. */
  readonly sharpeVariance: number;
}

/** The Deflated Sharpe Ratio and its parts; `value` null (with `nullReason`) when undefined. */
export interface DeflatedSharpe {
  /** DSR, a probability in [0, 1]. */
  readonly value: number | null;
  /** SR₀, the expected maximum Sharpe ratio per period of N trials with no skill. */
  readonly expectedMaxSharpe: number;
  readonly nullReason: string | null;
}

/** SR₀ of N trials with Sharpe-ratio variance V (see the module comment); 0 for a single trial. */
export function expectedMaxSharpe(trials: number, sharpeVariance: number): number {
  if (trials <= 1) return 0;
  const g = EULER_MASCHERONI;
  return Math.sqrt(sharpeVariance) * ((1 - g) * normalQuantile(1 - 1 / trials) + g * normalQuantile(1 - 1 / (trials * Math.E)));
}

/**
 * The Probabilistic Sharpe Ratio of SR* against `benchmark` (see the module comment).
 * @returns null when T < 2 or the variance term 1 − γ₃·SR* + (γ₄ − 1)/4·SR*² is not above 0.
 */
export function probabilisticSharpe(sharpe: number, benchmark: number, observations: number, skewness: number, kurtosis: number): number | null {
  const spread = 1 - skewness * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  if (observations < 2 || !(spread > 0)) return null;
  return normalCdf(((sharpe - benchmark) * Math.sqrt(observations - 1)) / Math.sqrt(spread));
}

/** The Deflated Sharpe Ratio of `inputs` (see the module comment). */
export function deflatedSharpe(inputs: DeflatedSharpeInputs): DeflatedSharpe {
  const sr0 = expectedMaxSharpe(inputs.trials, inputs.sharpeVariance);
  if (inputs.observations < 2) return { value: null, expectedMaxSharpe: sr0, nullReason: 'fewer than 2 returns' };
  const value = probabilisticSharpe(inputs.sharpe, sr0, inputs.observations, inputs.skewness, inputs.kurtosis);
  if (value === null) return { value: null, expectedMaxSharpe: sr0, nullReason: 'the non-normality term 1 − skewness·SR + (kurtosis − 1)/4·SR² is not above 0' };
  return { value, expectedMaxSharpe: sr0, nullReason: null };
}

/** Mean, standard deviation (sample, n − 1), skewness and kurtosis (population moments m₃/m₂^1.5, m₄/m₂²) of `values`. */
export function returnMoments(values: ArrayLike<number>): { mean: number; stdev: number; skewness: number; kurtosis: number; count: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = n > 0 ? sum / n : 0;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const stdev = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { mean, stdev, skewness: m2 > 0 ? m3 / m2 ** 1.5 : 0, kurtosis: m2 > 0 ? m4 / (m2 * m2) : 3, count: n };
}
