/**
 * Probability of Backtest Overfitting by CSCV (issue 16): against an independent brute-force
 * implementation written here from Bailey, Borwein, López de Prado & Zhu (§2), working on the
 * raw return matrix (rows sliced and concatenated, Sharpe ratios from the returns themselves),
 * and on matrices whose answer is known: one trial that dominates every block (PBO 0), one that
 * is best in sample only by luck (PBO 1), and pure noise (PBO near ½).
 */
import { describe, expect, it } from 'vitest';
import { blockCounts, writeReturnBlocks, type ReturnBlocksSpec } from './evaluate.js';
import { binomial, probabilityOfOverfitting, type BlockMatrix } from './pbo.js';
import { mulberry32 } from './prng.js';

/** Trial returns (one array per trial) → equity curves with a first value of 100, then blocks. */
function matrixOf(returns: readonly number[][], splits: number): BlockMatrix {
  const spec: ReturnBlocksSpec = { from: 1, splits };
  const blocks = returns.map((series) => {
    const equity = new Float64Array(series.length + 1);
    equity[0] = 100;
    series.forEach((r, t) => (equity[t + 1] = equity[t] * (1 + r)));
    const out = new Float64Array(2 * splits + 2);
    writeReturnBlocks(equity, spec, out, 0);
    return out;
  });
  return { counts: blockCounts(spec, returns[0].length + 1), blocks };
}

function sharpe(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return variance > 0 ? mean / Math.sqrt(variance) : 0;
}

/** CSCV straight from the definition, on the returns themselves. */
function bruteForce(returns: readonly number[][], splits: number): { pbo: number; logits: number[] } {
  const t = returns[0].length;
  const bounds = Array.from({ length: splits + 1 }, (_, b) => Math.floor((b * t) / splits));
  const logits: number[] = [];
  const choose = (start: number, chosen: number[]): void => {
    if (chosen.length === splits / 2) {
      const rows = (inSample: boolean) => {
        const picked: number[] = [];
        for (let b = 0; b < splits; b++) if (chosen.includes(b) === inSample) for (let r = bounds[b]; r < bounds[b + 1]; r++) picked.push(r);
        return picked;
      };
      const isRows = rows(true);
      const oosRows = rows(false);
      const is = returns.map((series) => sharpe(isRows.map((r) => series[r])));
      const oos = returns.map((series) => sharpe(oosRows.map((r) => series[r])));
      const best = is.indexOf(Math.max(...is));
      const below = oos.filter((v) => v < oos[best]).length;
      const equal = oos.filter((v) => v === oos[best]).length;
      const omega = (below + (equal + 1) / 2) / (returns.length + 1);
      logits.push(Math.log(omega / (1 - omega)));
      return;
    }
    for (let b = start; b < splits; b++) choose(b + 1, [...chosen, b]);
  };
  choose(0, []);
  return { pbo: logits.filter((l) => l <= 0).length / logits.length, logits };
}

function noise(trials: number, rows: number, seed: number, drift: (trial: number, row: number) => number = () => 0): number[][] {
  const random = mulberry32(seed);
  return Array.from({ length: trials }, (_, i) => Array.from({ length: rows }, (_, r) => (random() - 0.5) * 0.02 + drift(i, r)));
}

describe('probabilityOfOverfitting (CSCV)', () => {
  it('counts C(S, S/2) combinations', () => {
    expect(binomial(16, 8)).toBe(12870);
    expect(binomial(8, 4)).toBe(70);
    expect(binomial(20, 10)).toBe(184756);
  });

  it('equals a brute-force CSCV on the raw returns (PBO, every logit, sorted)', () => {
    for (const [trials, rows, splits, seed] of [
      [6, 64, 8, 1],
      [9, 101, 6, 2],
      [3, 40, 4, 3],
    ]) {
      const returns = noise(trials, rows, seed, (i, r) => (i === 1 && r < rows / 2 ? 0.002 : 0));
      const result = probabilityOfOverfitting(matrixOf(returns, splits), 10);
      const reference = bruteForce(returns, splits);
      expect(result.combinations).toBe(binomial(splits, splits / 2));
      expect(result.pbo).toBe(reference.pbo);
      const sorted = [...reference.logits].sort((a, b) => a - b);
      expect(result.logits.quantiles.p50).toBeCloseTo(sorted.length % 2 === 1 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2, 9);
      expect(result.logits.mean).toBeCloseTo(reference.logits.reduce((a, b) => a + b, 0) / reference.logits.length, 9);
      expect(result.logits.histogram.counts.reduce((a, b) => a + b, 0)).toBe(result.combinations);
    }
  });

  it('is 0 when one trial is best in every block, with no loss out of sample', () => {
    const returns = noise(10, 320, 4, (i) => (i === 0 ? 0.01 : 0));
    const result = probabilityOfOverfitting(matrixOf(returns, 16));
    expect(result.pbo).toBe(0);
    expect(result.probabilityOfLoss).toBe(0);
    expect(result.logits.quantiles.p05, 'the selected trial is always ranked first out of sample').toBeCloseTo(Math.log(10 / 11 / (1 - 10 / 11)), 12);
  });

  it('is 1 when the in-sample best is always the out-of-sample worst', () => {
    // Trial 0 earns in the first half and loses in the second, trial 1 the reverse; the others are small noise.
    const returns = noise(5, 160, 5).map((series, i) => series.map((r, row) => (i === 0 ? (row < 80 ? 0.02 : -0.02) + r / 10 : i === 1 ? (row < 80 ? -0.02 : 0.02) + r / 10 : r / 100)));
    const result = probabilityOfOverfitting(matrixOf(returns, 2));
    expect(result.combinations).toBe(2);
    expect(result.pbo).toBe(1);
    expect(result.probabilityOfLoss).toBe(1);
    expect(result.logits.quantiles.p50, 'ranked last of 5').toBeCloseTo(Math.log(1 / 6 / (5 / 6)), 12);
  });

  it('is near 1/2 for pure noise, and its performance degradation slope is not positive', () => {
    const result = probabilityOfOverfitting(matrixOf(noise(40, 800, 6), 16));
    expect(result.pbo).toBeGreaterThan(0.25);
    expect(result.pbo).toBeLessThan(0.75);
    expect(result.degradation.slope!).toBeLessThanOrEqual(0);
  });

  it('refuses an odd number of splits and a single trial', () => {
    expect(() => probabilityOfOverfitting(matrixOf(noise(3, 40, 1), 3))).toThrow('CSCV needs an even number of splits from 2 to 20, got 3');
    expect(() => probabilityOfOverfitting(matrixOf(noise(1, 40, 1), 4))).toThrow('CSCV needs at least 2 trials, got 1');
  });
});
