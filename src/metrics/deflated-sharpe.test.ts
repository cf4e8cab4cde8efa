/**
 * The Deflated Sharpe Ratio (issue 16) against the numerical example of Bailey & López de
 * Prado (2014, "The Deflated Sharpe Ratio", §"A numerical example"), and against an
 * independent implementation written here from the formulas: Φ by Simpson integration of the
 * density, Φ⁻¹ by bisection on it.
 */
import { describe, expect, it } from 'vitest';
import { deflatedSharpe, EULER_MASCHERONI, expectedMaxSharpe, probabilisticSharpe, returnMoments } from './deflated-sharpe.js';
import { normalCdf, normalQuantile } from './normal-distribution.js';

/** Φ(z) = ½ + ∫₀^z φ, by composite Simpson's rule with 20,000 intervals. */
function cdfByIntegration(z: number): number {
  const n = 20_000;
  const h = z / n;
  const phi = (x: number) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
  let sum = phi(0) + phi(z);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * phi(i * h);
  return 0.5 + (sum * h) / 3;
}

/** Φ⁻¹(p) by bisection on {@link cdfByIntegration}. */
function quantileByBisection(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (cdfByIntegration(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('normal distribution', () => {
  it('matches published values of Φ and Φ⁻¹', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 15);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    expect(normalCdf(-10) / 7.61985302416047e-24).toBeCloseTo(1, 12);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263478740408408, 13);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 11);
  });

  it('agrees with integration of the density and bisection', () => {
    for (const z of [-3.7, -2, -0.3, 0.8, 2.5, 4.2]) expect(normalCdf(z)).toBeCloseTo(cdfByIntegration(z), 12);
    for (const p of [0.001, 0.2, 0.6, 0.99, 0.9999]) expect(normalQuantile(p)).toBeCloseTo(quantileByBisection(p), 9);
  });
});

describe('Deflated Sharpe Ratio', () => {
  // Bailey & López de Prado (2014): N = 100 trials, variance of the annualised Sharpe ratios 1/2,
  // 250 returns a year, T = 1,250 daily returns, annualised SR 2.5, skewness −3, kurtosis 10:
  // SR₀ = 0.1132 per day and DSR = 0.9004.
  const example = { sharpe: 2.5 / Math.sqrt(250), observations: 1250, skewness: -3, kurtosis: 10, trials: 100, sharpeVariance: 0.5 / 250 };

  it('reproduces the paper\'s numerical example: SR0 = 0.1132, DSR = 0.9004', () => {
    const result = deflatedSharpe(example);
    expect(result.expectedMaxSharpe).toBeCloseTo(0.1132, 4);
    expect(result.value).toBeCloseTo(0.9004, 4);
    expect(result.nullReason).toBeNull();
  });

  it('equals an independent implementation of eq. 2 and the PSR', () => {
    for (const [trials, variance, sharpe, t, skew, kurt] of [
      [100, 0.002, 0.158, 1250, -3, 10],
      [7, 0.0004, 0.05, 400, 0.4, 5],
      [1000, 0.00001, 0.02, 5000, -0.2, 12],
    ]) {
      const sr0 = Math.sqrt(variance) * ((1 - EULER_MASCHERONI) * quantileByBisection(1 - 1 / trials) + EULER_MASCHERONI * quantileByBisection(1 - 1 / (trials * Math.E)));
      const z = ((sharpe - sr0) * Math.sqrt(t - 1)) / Math.sqrt(1 - skew * sharpe + ((kurt - 1) / 4) * sharpe ** 2);
      const result = deflatedSharpe({ sharpe, observations: t, skewness: skew, kurtosis: kurt, trials, sharpeVariance: variance });
      expect(result.expectedMaxSharpe).toBeCloseTo(sr0, 9);
      expect(result.value!).toBeCloseTo(cdfByIntegration(z), 9);
    }
  });

  it('does not deflate a single trial, and is null when the non-normality term is not positive', () => {
    expect(expectedMaxSharpe(1, 0.5)).toBe(0);
    expect(deflatedSharpe({ ...example, trials: 1 }).value).toBeCloseTo(probabilisticSharpe(example.sharpe, 0, 1250, -3, 10)!, 15);
    expect(deflatedSharpe({ ...example, sharpe: 2, skewness: 3, kurtosis: 1 })).toMatchObject({ value: null, nullReason: 'the non-normality term 1 − skewness·SR + (kurtosis − 1)/4·SR² is not above 0' });
    expect(deflatedSharpe({ ...example, observations: 1 }).nullReason).toBe('fewer than 2 returns');
  });

  it('computes moments: skewness and kurtosis of a hand-made sample', () => {
    // 1, 2, 3, 10: mean 4, deviations −3, −2, −1, 6: m2 = 50/4, m3 = 180/4, m4 = 1394/4 (population).
    const m = returnMoments([1, 2, 3, 10]);
    expect(m.mean).toBe(4);
    expect(m.stdev).toBeCloseTo(Math.sqrt(50 / 3), 15);
    expect(m.skewness).toBeCloseTo(45 / 12.5 ** 1.5, 15);
    expect(m.kurtosis).toBeCloseTo(348.5 / 12.5 ** 2, 15);
  });
});
