// Accuracy of the running-window kernels on a long series: the golden tolerance is
// 1e-9 × max(1, |v|); the kernels must stay far inside it on 1,000,000 bars of a random walk
// around 100, compared with each window computed from scratch. (Measured for reference: a
// plain running sum drifts to ~3e-13 relative on this series; the compensated one stays at
// ~1e-15, the rounding of the from-scratch reference itself.)
import { describe, expect, it } from 'vitest';
import { cciBacktrader, kama, sma, stdev, wma } from './index.js';

/** Additive random walk reflected into [50, 150], from a fixed-seed LCG. */
function randomWalk(length: number): Float64Array {
  let state = 12345;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const out = new Float64Array(length);
  let price = 100;
  for (let t = 0; t < length; t++) {
    price += (random() - 0.5) * 0.5;
    if (price < 50) price = 100 - price;
    if (price > 150) price = 300 - price;
    out[t] = price + random() * 1e-6;
  }
  return out;
}

const N = 1_000_000;
const walk = randomWalk(N);
/** Bars checked: every 997th, plus the last. */
const sampled = (from: number): number[] => {
  const bars: number[] = [];
  for (let t = from; t < N; t += 997) bars.push(t);
  bars.push(N - 1);
  return bars;
};
const relative = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('long-series accuracy (1,000,000 bars)', () => {
  it('sma(20) and sma(200) stay within 1e-13 of each window summed from scratch', () => {
    for (const period of [20, 200]) {
      const out = sma(walk, period);
      let worst = 0;
      for (const t of sampled(period - 1)) {
        let sum = 0;
        for (let k = t - period + 1; k <= t; k++) sum += walk[k];
        worst = Math.max(worst, relative(out[t], sum / period));
      }
      expect(worst, `sma(${period})`).toBeLessThan(1e-13);
    }
  });

  it('wma(50) stays within 1e-13 of the direct weighted sum', () => {
    const out = wma(walk, 50);
    let worst = 0;
    for (const t of sampled(49)) {
      let weighted = 0;
      for (let m = 1; m <= 50; m++) weighted += m * walk[t - 50 + m];
      worst = Math.max(worst, relative(out[t], weighted / 1275));
    }
    expect(worst).toBeLessThan(1e-13);
  });

  it('stdev(20) stays within 1e-12 of a two-pass σ', () => {
    const out = stdev(walk, 20);
    let worst = 0;
    for (const t of sampled(19)) {
      let sum = 0;
      for (let k = t - 19; k <= t; k++) sum += walk[k];
      const mean = sum / 20;
      let squares = 0;
      for (let k = t - 19; k <= t; k++) squares += (walk[k] - mean) ** 2;
      worst = Math.max(worst, relative(out[t], Math.sqrt(squares / 20)));
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('kama(10) stays within 1e-12 of a computation that sums each window afresh', () => {
    const out = kama(walk, 10);
    const fast = 2 / 3;
    const slow = 2 / 31;
    let previous = walk[9];
    let worst = 0;
    for (let t = 10; t < N; t++) {
      let volatility = 0;
      for (let k = t - 9; k <= t; k++) volatility += Math.abs(walk[k] - walk[k - 1]);
      const change = Math.abs(walk[t] - walk[t - 10]);
      const efficiency = volatility > change ? change / volatility : 1;
      previous += (efficiency * (fast - slow) + slow) ** 2 * (walk[t] - previous);
      if (t % 997 === 0 || t === N - 1) worst = Math.max(worst, relative(out[t], previous));
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('cciBacktrader(20) stays within 1e-10 of windows computed afresh', () => {
    // H = L = C = walk, so TP = walk. CCI divides a difference of levels by 0.015 × MD, which
    // magnifies rounding: measured 6.7e-12, checked at 1e-10 (the golden tolerance is 1e-9).
    const out = cciBacktrader(walk, walk, walk, 20);
    const mean = (t: number): number => {
      let sum = 0;
      for (let k = t - 19; k <= t; k++) sum += walk[k];
      return sum / 20;
    };
    let worst = 0;
    for (const t of sampled(38)) {
      let deviation = 0;
      for (let k = t - 19; k <= t; k++) deviation += Math.abs(walk[k] - mean(k));
      const expected = (walk[t] - mean(t)) / (0.015 * (deviation / 20));
      worst = Math.max(worst, relative(out[t], expected));
    }
    if (process.env.BT_ORACLE_REPORT) console.log(`cciBacktrader worst ${worst}`);
    expect(worst).toBeLessThan(1e-10);
  });
});
