// Indicator contract, run once per registered line and parameter set (INDICATORS):
// output length equals input length, the leading NaN run is exactly the declared warm-up
// (and nothing after it is NaN), inputs are not modified, and causality: computing on the
// first k bars gives bit-for-bit the first k values of the full computation.
import { describe, expect, it } from 'vitest';
import * as indicators from '../../src/indicators/index.js';
import { INDICATORS, type IndicatorInput, type IndicatorParams } from '../../src/indicators/index.js';
import { mulberry32 } from '../../src/optimize/prng.js';

const HOUR_MS = 3_600_000;

/**
 * Hourly random-walk bars around 100 (several UTC days, so session VWAP restarts), with a
 * 40-bar stretch where every price is equal: windows with no range and no movement exercise
 * the zero-denominator rules (RSI 50, %K 0, %R −100, CCI 0, DX 0).
 */
function syntheticBars(length: number, seed: number): IndicatorInput {
  const random = mulberry32(seed);
  const time = new Float64Array(length);
  const open = new Float64Array(length);
  const high = new Float64Array(length);
  const low = new Float64Array(length);
  const close = new Float64Array(length);
  const volume = new Float64Array(length);
  let price = 100;
  const start = Date.UTC(2024, 0, 1, 5);
  for (let t = 0; t < length; t++) {
    time[t] = start + t * HOUR_MS;
    const isFlat = t >= 150 && t < 190;
    const o = price;
    const c = isFlat ? o : o * Math.exp((random() - 0.5) * 0.04);
    open[t] = o;
    close[t] = c;
    high[t] = isFlat ? o : Math.max(o, c) * (1 + random() * 0.01);
    low[t] = isFlat ? o : Math.min(o, c) * (1 - random() * 0.01);
    volume[t] = 1000 + Math.floor(random() * 9000);
    price = c;
  }
  return { time, open, high, low, close, volume };
}

function prefix(input: IndicatorInput, k: number): IndicatorInput {
  return {
    time: input.time.subarray(0, k),
    open: input.open.subarray(0, k),
    high: input.high.subarray(0, k),
    low: input.low.subarray(0, k),
    close: input.close.subarray(0, k),
    volume: input.volume.subarray(0, k),
  };
}

function copy(input: IndicatorInput): IndicatorInput {
  return {
    time: input.time.slice(),
    open: input.open.slice(),
    high: input.high.slice(),
    low: input.low.slice(),
    close: input.close.slice(),
    volume: input.volume.slice(),
  };
}

function leadingNaNs(values: Float64Array): number {
  let count = 0;
  while (count < values.length && Number.isNaN(values[count])) count++;
  return count;
}

function describeParams(params: IndicatorParams): string {
  const entries = Object.entries(params);
  return entries.length === 0 ? '()' : `(${entries.map(([k, v]) => `${k}=${v}`).join(', ')})`;
}

const LENGTH = 400;
const bars = syntheticBars(LENGTH, 20240101);

describe('indicator contract', () => {
  for (const spec of INDICATORS) {
    for (const params of [spec.defaults, ...spec.variants]) {
      describe(`${spec.name}${describeParams(params)}`, () => {
        const warmup = spec.warmup(params);
        const full = spec.compute(bars, params);

        it('returns one value per bar', () => {
          expect(full).toBeInstanceOf(Float64Array);
          expect(full.length).toBe(LENGTH);
        });

        it('is NaN exactly during the declared warm-up and defined after it', () => {
          expect(warmup, 'the warm-up leaves bars to check').toBeLessThan(LENGTH);
          expect(leadingNaNs(full)).toBe(warmup);
          const laterNaN = full.findIndex((v, t) => t >= warmup && Number.isNaN(v));
          expect(laterNaN, 'first NaN after the warm-up').toBe(-1);
        });

        it('leaves its inputs unchanged', () => {
          const before = copy(bars);
          spec.compute(bars, params);
          expect(bars).toEqual(before);
        });

        it('is causal: a prefix of the bars gives the prefix of the values, bit for bit', () => {
          const cuts = new Set([0, 1, 2, warmup, warmup + 1, warmup + 2, 155, 170, 191, 250, LENGTH - 1]);
          for (const k of cuts) {
            if (k > LENGTH) continue;
            const part = spec.compute(prefix(bars, k), params);
            expect(part.length).toBe(k);
            const firstDifference = Array.from(part).findIndex((v, t) => !Object.is(v, full[t]));
            expect(firstDifference, `first differing bar when computed on ${k} bars`).toBe(-1);
          }
        });
      });
    }
  }

  it('registers every indicator kernel exported by src/indicators', () => {
    const helpers = new Set(['crossover', 'crossunder', 'barsSince', 'vwapAnchored']);
    const kernels = Object.entries(indicators)
      .filter(([name, value]) => typeof value === 'function' && !helpers.has(name))
      .map(([name]) => name)
      .sort();
    const registered = [...new Set(INDICATORS.map((spec) => spec.name.split('.')[0]))].sort();
    expect(registered).toEqual(kernels);
  });

  it('has unique names', () => {
    const names = INDICATORS.map((spec) => spec.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
