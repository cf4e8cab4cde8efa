/**
 * Equal-risk-contribution (ERC) weights from a covariance matrix: the long-only, fully
 * invested weights w (Σ w = 1, w > 0) under which every asset contributes the same share of
 * portfolio risk, w_i · (Σ w)_i = σ²(w) / n for all i (S. Maillard, T. Roncalli and
 * J. Teïletche, "The Properties of Equally Weighted Risk Contribution Portfolios", Journal of
 * Portfolio Management, 2010).
 *
 * Solved by cyclical coordinate descent on min ½ xᵀΣx − Σ ln(x_i) / n (F. Griveau-Billion,
 * J.-C. Richard and T. Roncalli, "A Fast Algorithm for Computing High-Dimensional Risk Parity
 * Portfolios", 2013): each sweep sets x_i = (−c_i + √(c_i² + 4 Σ_ii / n)) / (2 Σ_ii) with
 * c_i = Σ_{j≠i} Σ_ij x_j, and w = x / Σ x at the end. With two assets, or uncorrelated ones,
 * ERC is inverse volatility.
 *
 * @param covariance n × n symmetric positive-definite matrix, row-major rows [return²]
 * @param tolerance stop when no x_i moves by more than this relative amount in a sweep (default 1e-12)
 * @param maxSweeps at most this many sweeps (default 10 000)
 * @returns n weights [fraction], summing to 1
 * @throws RangeError when the matrix is not square or a variance is not positive and finite
 */
export function equalRiskContribution(covariance: readonly ArrayLike<number>[], tolerance = 1e-12, maxSweeps = 10_000): Float64Array {
  const n = covariance.length;
  for (let i = 0; i < n; i++) {
    if (covariance[i].length !== n) throw new RangeError(`equalRiskContribution: row ${i} has ${covariance[i].length} values, expected ${n}`);
    const variance = covariance[i][i];
    if (!(variance > 0 && Number.isFinite(variance))) {
      throw new RangeError(`equalRiskContribution: variance ${i} must be a positive finite number, got "${variance}"`);
    }
  }
  const budget = 1 / n;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = 1 / Math.sqrt(covariance[i][i]);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let largestMove = 0;
    for (let i = 0; i < n; i++) {
      const row = covariance[i];
      let c = 0;
      for (let j = 0; j < n; j++) if (j !== i) c += row[j] * x[j];
      const next = (-c + Math.sqrt(c * c + 4 * row[i] * budget)) / (2 * row[i]);
      largestMove = Math.max(largestMove, Math.abs(next - x[i]) / next);
      x[i] = next;
    }
    if (largestMove <= tolerance) break;
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += x[i];
  for (let i = 0; i < n; i++) x[i] /= total;
  return x;
}
