import { getStandardDeviation } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { loadSp500 } from '../../test/helpers/bundled-data.js';
import { realizedVolatility } from './realized-volatility.js';

describe('realizedVolatility', () => {
  it('is the sample σ of log returns times √P (hand-computed, n = 2)', () => {
    // Returns ln 2, ln 0.5 = ±0.6931…: mean 0, sample variance (2 × 0.4805) / 1 → σ = ln 2 × √2.
    const close = Float64Array.from([1, 2, 1, 1]);
    const out = realizedVolatility(close, 2, 4);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(Math.LN2 * Math.SQRT2 * 2, 14);
    // Returns ln 0.5 and 0: mean −ln2/2, deviations ±ln2/2 → σ = ln 2 / √2, × √4.
    expect(out[3]).toBeCloseTo((Math.LN2 / Math.SQRT2) * 2, 14);
  });

  it('matches trading-signals getStandardDeviation of each window of log returns (population σ × √(n / (n − 1))) on the S&P 500', () => {
    // A two-pass σ per window, so the two agree to rounding (technicalindicators SD keeps a
    // running mean whose drift on returns near zero reaches 1e-4 relative, too loose for an oracle).
    const { close } = loadSp500();
    const returns = Array.from(close.subarray(1), (c, i) => Math.log(c / close[i]));
    const ours = realizedVolatility(close, 20, 252);
    for (let t = 20; t < close.length; t++) {
      const expected = getStandardDeviation(returns.slice(t - 20, t)) * Math.sqrt(20 / 19) * Math.sqrt(252);
      expect(Math.abs(ours[t] - expected) / expected, `bar ${t}`).toBeLessThan(1e-9);
    }
  });
});
