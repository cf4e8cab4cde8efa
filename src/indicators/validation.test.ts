import { describe, expect, it } from 'vitest';
import {
  adx,
  aroon,
  atr,
  bollinger,
  cci,
  cciBacktrader,
  dema,
  donchian,
  ema,
  highest,
  hma,
  ichimoku,
  kama,
  keltner,
  lowest,
  macd,
  momentum,
  obv,
  parabolicSar,
  roc,
  rsi,
  sma,
  stdev,
  stochastic,
  tema,
  trueRange,
  vwap,
  vwapAnchored,
  williamsR,
  wma,
} from './index.js';

const x = Float64Array.from([1, 2, 3, 4, 5, 6]);
const short = Float64Array.from([1, 2]);

/** [call, parameter the message must name]. */
const invalidCalls: readonly [string, () => unknown, string][] = [
  ['sma period 0', () => sma(x, 0), 'period'],
  ['sma period 2.5', () => sma(x, 2.5), 'period'],
  ['sma period NaN', () => sma(x, NaN), 'period'],
  ['ema period -1', () => ema(x, -1), 'period'],
  ['wma period 0', () => wma(x, 0), 'period'],
  ['dema period 0', () => dema(x, 0), 'period'],
  ['tema period 1.5', () => tema(x, 1.5), 'period'],
  ['hma period 1', () => hma(x, 1), 'period'],
  ['kama period 0', () => kama(x, 0), 'period'],
  ['kama fastPeriod 0', () => kama(x, 10, 0), 'fastPeriod'],
  ['kama slowPeriod 2.5', () => kama(x, 10, 2, 2.5), 'slowPeriod'],
  ['rsi period 0', () => rsi(x, 0), 'period'],
  ['macd fastPeriod 0', () => macd(x, 0), 'fastPeriod'],
  ['macd slowPeriod Infinity', () => macd(x, 12, Infinity), 'slowPeriod'],
  ['macd signalPeriod 0', () => macd(x, 12, 26, 0), 'signalPeriod'],
  ['macd fast ≥ slow', () => macd(x, 26, 12), 'fastPeriod'],
  ['bollinger period 0', () => bollinger(x, 0), 'period'],
  ['bollinger k NaN', () => bollinger(x, 20, NaN), 'k'],
  ['trueRange lengths', () => trueRange(x, short, x), 'low'],
  ['atr period 0', () => atr(x, x, x, 0), 'period'],
  ['atr lengths', () => atr(x, x, short), 'close'],
  ['stochastic kPeriod 0', () => stochastic(x, x, x, 0), 'kPeriod'],
  ['stochastic dPeriod 0', () => stochastic(x, x, x, 14, 0), 'dPeriod'],
  ['stochastic slowing 0.5', () => stochastic(x, x, x, 14, 3, 0.5), 'slowing'],
  ['williamsR period 0', () => williamsR(x, x, x, 0), 'period'],
  ['cci period 0', () => cci(x, x, x, 0), 'period'],
  ['cciBacktrader period 0', () => cciBacktrader(x, x, x, 0), 'period'],
  ['cci lengths', () => cci(short, x, x), 'low'],
  ['roc period 0', () => roc(x, 0), 'period'],
  ['momentum period 0', () => momentum(x, 0), 'period'],
  ['adx period 0', () => adx(x, x, x, 0), 'period'],
  ['aroon period 0', () => aroon(x, x, 0), 'period'],
  ['donchian period 0', () => donchian(x, x, 0), 'period'],
  ['keltner emaPeriod 0', () => keltner(x, x, x, 0), 'emaPeriod'],
  ['keltner atrPeriod 0', () => keltner(x, x, x, 20, 0), 'atrPeriod'],
  ['keltner k Infinity', () => keltner(x, x, x, 20, 10, Infinity), 'k'],
  ['obv lengths', () => obv(x, short), 'volume'],
  ['vwap sessionMs 0', () => vwap(x, x, x, x, x, 0), 'sessionMs'],
  ['vwap time length', () => vwap(x, x, x, x, short), 'time'],
  ['vwapAnchored flags length', () => vwapAnchored(x, x, x, x, [true]), 'sessionStart'],
  ['stdev ddof 2', () => stdev(x, 5, 2 as 0 | 1), 'ddof'],
  ['stdev sample with period 1', () => stdev(x, 1, 1), 'period'],
  ['highest period 0', () => highest(x, 0), 'period'],
  ['lowest period 0', () => lowest(x, 0), 'period'],
  ['parabolicSar afStart 0', () => parabolicSar(x, x, 0), 'afStart'],
  ['parabolicSar afStep -1', () => parabolicSar(x, x, 0.02, -1), 'afStep'],
  ['parabolicSar afStart > afMax', () => parabolicSar(x, x, 0.3, 0.02, 0.2), 'afStart'],
  ['ichimoku tenkanPeriod 0', () => ichimoku(x, x, 0), 'tenkanPeriod'],
  ['ichimoku displacement -1', () => ichimoku(x, x, 9, 26, 52, -1), 'displacement'],
];

describe('parameter validation', () => {
  for (const [label, call, parameter] of invalidCalls) {
    it(`rejects ${label} with a RangeError naming "${parameter}"`, () => {
      expect(call).toThrow(RangeError);
      expect(call).toThrow(new RegExp(`\\b${parameter}\\b`));
    });
  }

  it('quotes the offending value and the rule', () => {
    expect(() => sma(x, 0)).toThrow('sma: period must be an integer >= 1, got "0"');
  });

  it('accepts the smallest valid values', () => {
    expect(() => sma(x, 1)).not.toThrow();
    expect(() => hma(x, 2)).not.toThrow();
    expect(() => ichimoku(x, x, 1, 1, 1, 0)).not.toThrow();
    expect(() => stdev(x, 2, 1)).not.toThrow();
    expect(() => parabolicSar(x, x, 0.2, 0.2, 0.2)).not.toThrow();
  });

  it('handles empty input', () => {
    const empty = new Float64Array(0);
    expect(sma(empty, 3).length).toBe(0);
    expect(parabolicSar(empty, empty).length).toBe(0);
    expect(vwap(empty, empty, empty, empty).length).toBe(0);
    expect(adx(empty, empty, empty).adx.length).toBe(0);
  });
});
