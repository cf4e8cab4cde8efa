import { describe, expect, it } from 'vitest';
import { equalRiskContribution } from './equal-risk-contribution.js';

/** Σ from volatilities and a correlation matrix: Σ_ij = ρ_ij σ_i σ_j. */
function covarianceOf(vol: readonly number[], rho: readonly (readonly number[])[]): number[][] {
  return rho.map((row, i) => row.map((r, j) => r * vol[i] * vol[j]));
}

function riskContributions(cov: readonly (readonly number[])[], w: Float64Array): number[] {
  return cov.map((row, i) => w[i] * row.reduce((sum, v, j) => sum + v * w[j], 0));
}

const inverseVolatility = (vol: readonly number[]): number[] => {
  const total = vol.reduce((s, v) => s + 1 / v, 0);
  return vol.map((v) => 1 / v / total);
};

describe('equalRiskContribution', () => {
  it('is inverse volatility for two assets, whatever their correlation (Maillard, Roncalli, Teïletche 2010, §2.1)', () => {
    for (const rho of [-0.6, 0, 0.3, 0.9]) {
      const w = equalRiskContribution(covarianceOf([0.1, 0.25], [[1, rho], [rho, 1]]));
      expect(w[0]).toBeCloseTo(0.25 / 0.35, 12);
      expect(w[1]).toBeCloseTo(0.1 / 0.35, 12);
    }
  });

  it('is inverse volatility when every pair has the same correlation (Maillard et al. 2010, §2.2)', () => {
    const vol = [0.1, 0.2, 0.3, 0.4];
    const rho = [[1, 0.5, 0.5, 0.5], [0.5, 1, 0.5, 0.5], [0.5, 0.5, 1, 0.5], [0.5, 0.5, 0.5, 1]];
    const w = equalRiskContribution(covarianceOf(vol, rho));
    inverseVolatility(vol).forEach((expected, i) => expect(w[i]).toBeCloseTo(expected, 12));
  });

  it('gives every asset the same risk contribution w_i (Σw)_i under an uneven correlation matrix', () => {
    const cov = covarianceOf([0.1, 0.2, 0.3, 0.4], [[1, 0.8, 0, 0], [0.8, 1, -0.2, 0], [0, -0.2, 1, 0.5], [0, 0, 0.5, 1]]);
    const w = equalRiskContribution(cov);
    expect(w.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
    for (const v of w) expect(v).toBeGreaterThan(0);
    const contributions = riskContributions(cov, w);
    for (const c of contributions) expect(Math.abs(c / contributions[0] - 1)).toBeLessThan(1e-10);
    // Unlike inverse volatility, ERC cuts the low-volatility asset of the highly correlated pair (0 and 1).
    expect(w[0]).toBeLessThan(inverseVolatility([0.1, 0.2, 0.3, 0.4])[0]);
  });

  it('rejects a non-square matrix and a non-positive variance', () => {
    expect(() => equalRiskContribution([[1, 0], [0]])).toThrow('equalRiskContribution: row 1 has 1 values, expected 2');
    expect(() => equalRiskContribution([[0]])).toThrow('variance 0 must be a positive finite number, got "0"');
  });
});
