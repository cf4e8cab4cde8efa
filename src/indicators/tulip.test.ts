// Published reference values from Tulip Indicators 0.9: the 15-bar sample and expected
// outputs of tests/untest.txt,
// https://github.com/TulipCharts/tulipindicators/blob/28c63a715996ebb1b2c73a95d59cbad2dd408cfb/tests/untest.txt
// Tulip prints three decimals, so each value must match within 0.0005. Tulip returns only
// defined values; they are right-aligned to the bars here. Only indicators whose definition
// matches Tulip's are compared (Tulip seeds EMA, DEMA, TEMA, MACD with the first value and
// starts ATR/ADX smoothing at bar 0, which CONVENTIONS §12 does not).
import { describe, expect, it } from 'vitest';
import {
  aroon,
  bollinger,
  cci,
  highest,
  hma,
  kama,
  lowest,
  momentum,
  obv,
  parabolicSar,
  roc,
  rsi,
  sma,
  stdev,
  stochastic,
  trueRange,
  williamsR,
  wma,
} from './index.js';

const high = new Float64Array([82.15, 81.89, 83.03, 83.3, 83.85, 83.9, 83.33, 84.3, 84.84, 85.0, 85.9, 86.58, 86.98, 88.0, 87.87]);
const low = new Float64Array([81.29, 80.64, 81.31, 82.65, 83.07, 83.11, 82.49, 82.3, 84.15, 84.11, 84.03, 85.39, 85.76, 87.17, 87.01]);
const close = new Float64Array([81.59, 81.06, 82.87, 83.0, 83.61, 83.15, 82.84, 83.99, 84.55, 84.36, 85.53, 86.54, 86.89, 87.77, 87.29]);
const volume = new Float64Array([
  5653100, 6447400, 7690900, 3831400, 4455100, 3798000, 3936200, 4732000, 4841300, 3915300, 6830800, 6694100,
  5293600, 7985800, 4807900,
]);

/** Expects the last `expected.length` bars of `actual` to match Tulip's 3-decimal values and
 *  the bars before to be undefined (unless `definedBefore`, where Tulip starts later). */
function expectTulip(actual: Float64Array, expected: readonly number[], definedBefore = false): void {
  const offset = actual.length - expected.length;
  const tail = Array.from(actual.subarray(offset));
  tail.forEach((value, i) => {
    expect(Math.abs(value - expected[i]), `bar ${offset + i}: ${value} vs ${expected[i]}`).toBeLessThanOrEqual(0.0005 + 1e-9);
  });
  if (!definedBefore) {
    expect(Array.from(actual.subarray(0, offset)).every(Number.isNaN), 'warm-up bars are NaN').toBe(true);
  }
}

describe('Tulip Indicators reference values', () => {
  it('sma 5', () => {
    expectTulip(sma(close, 5), [82.426, 82.738, 83.094, 83.318, 83.628, 83.778, 84.254, 84.994, 85.574, 86.218, 86.804]);
  });

  it('wma 5', () => {
    expectTulip(wma(close, 5), [82.825, 83.066, 83.1, 83.399, 83.809, 84.053, 84.637, 85.399, 86.031, 86.763, 87.121]);
  });

  it('hma 5', () => {
    expectTulip(hma(close, 5), [83.69, 83.038, 83.472, 84.55, 84.835, 85.36, 86.552, 87.346, 87.965, 87.916]);
  });

  it('kama 5 (Tulip also outputs the seed C[4] = 83.61 at bar 4)', () => {
    expectTulip(kama(close, 5), [83.56, 83.452, 83.506, 83.647, 83.686, 84.126, 85.026, 85.69, 86.447, 86.673]);
  });

  it('rsi 5', () => {
    expectTulip(rsi(close, 5), [72.034, 64.927, 75.936, 79.796, 74.713, 83.033, 87.478, 88.755, 91.483, 78.498]);
  });

  it('stoch 5 3 3 (%K and %D)', () => {
    const { k, d } = stochastic(high, low, close, 5, 3, 3);
    // Tulip outputs %K only where %D is defined too.
    expectTulip(k, [77.385, 83.126, 84.867, 88.361, 95.246, 96.74, 91.091], true);
    expectTulip(d, [75.702, 78.011, 81.793, 85.452, 89.491, 93.449, 94.359]);
  });

  it('willr 5', () => {
    expectTulip(williamsR(high, low, close, 5), [
      -7.477, -23.006, -40.927, -15.5, -11.417, -23.704, -10.278, -0.935, -3.051, -5.793, -17.884,
    ]);
  });

  it('cci 5, the classic definition (Tulip starts output at bar 2n − 2, we at n − 1)', () => {
    expectTulip(cci(high, low, close, 5), [166.667, 82.02, 95.501, 130.912, 99.163, 116.342, 71.928], true);
  });

  it('roc 5 (Tulip gives a fraction, we percent)', () => {
    const fraction = roc(close, 5).map((v) => v / 100);
    expectTulip(fraction, [0.019, 0.022, 0.014, 0.019, 0.009, 0.029, 0.045, 0.035, 0.038, 0.035]);
  });

  it('mom 5', () => {
    expectTulip(momentum(close, 5), [1.56, 1.78, 1.12, 1.55, 0.75, 2.38, 3.7, 2.9, 3.22, 2.93]);
  });

  it('aroon 5 (down, up) and aroonosc 5', () => {
    const result = aroon(high, low, 5);
    expectTulip(result.down, [20, 0, 0, 80, 60, 40, 20, 0, 40, 20]);
    expectTulip(result.up, [100, 80, 100, 100, 100, 100, 100, 100, 100, 80]);
    expectTulip(result.oscillator, [80, 80, 100, 20, 40, 60, 80, 100, 60, 60]);
  });

  it('bbands 5 2 (lower, middle, upper)', () => {
    const bands = bollinger(close, 5, 2);
    expectTulip(bands.lower, [80.53, 80.987, 82.533, 82.472, 82.418, 82.435, 82.511, 83.143, 83.536, 83.87, 85.289]);
    expectTulip(bands.middle, [82.426, 82.738, 83.094, 83.318, 83.628, 83.778, 84.254, 84.994, 85.574, 86.218, 86.804]);
    expectTulip(bands.upper, [84.322, 84.489, 83.655, 84.164, 84.838, 85.121, 85.997, 86.845, 87.612, 88.566, 88.319]);
  });

  it('stddev 5 (population)', () => {
    expectTulip(stdev(close, 5), [0.948, 0.875, 0.28, 0.423, 0.605, 0.671, 0.871, 0.926, 1.019, 1.174, 0.758]);
  });

  it('max 5 and min 5', () => {
    expectTulip(highest(close, 5), [83.61, 83.61, 83.61, 83.99, 84.55, 84.55, 85.53, 86.54, 86.89, 87.77, 87.77]);
    expectTulip(lowest(close, 5), [81.06, 81.06, 82.84, 82.84, 82.84, 82.84, 82.84, 83.99, 84.36, 84.36, 85.53]);
  });

  it('tr (Tulip uses H − L at bar 0, where we have no TR)', () => {
    expectTulip(trueRange(high, low, close).subarray(1), [
      1.25, 1.97, 0.65, 0.85, 0.79, 0.84, 2.0, 0.85, 0.89, 1.87, 1.19, 1.22, 1.11, 0.86,
    ]);
  });

  it('obv', () => {
    expectTulip(obv(close, volume), [
      0, -6447400, 1243500, 5074900, 9530000, 5732000, 1795800, 6527800, 11369100, 7453800, 14284600, 20978700,
      26272300, 34258100, 29450200,
    ]);
  });

  it('psar .2 2 (acceleration 0.2, maximum 2)', () => {
    expectTulip(parabolicSar(high, low, 0.2, 0.2, 2), [
      82.15, 80.64, 80.64, 81.31, 82.65, 83.9, 82.3, 82.3, 82.3, 83.92, 84.03, 84.03, 85.39, 85.76,
    ]);
  });
});
