import { adx } from './adx.js';
import { aroon } from './aroon.js';
import { atr } from './atr.js';
import { bollinger } from './bollinger.js';
import { engulfing, insideBar } from './candlestick.js';
import { cci, cciBacktrader } from './cci.js';
import { connorsRsi } from './connors-rsi.js';
import { dema } from './dema.js';
import { donchian } from './donchian.js';
import { ema } from './ema.js';
import { highest } from './highest.js';
import { hma } from './hma.js';
import { ibs } from './ibs.js';
import { ichimoku } from './ichimoku.js';
import { kama, kamaBacktrader } from './kama.js';
import { keltner } from './keltner.js';
import { lowest } from './lowest.js';
import { macd } from './macd.js';
import { momentum } from './momentum.js';
import { narrowestRange } from './narrowest-range.js';
import { obv } from './obv.js';
import { parabolicSar } from './parabolic-sar.js';
import { percentRank } from './percent-rank.js';
import { realizedVolatility } from './realized-volatility.js';
import { roc } from './roc.js';
import { rmi } from './rmi.js';
import { rollingBeta } from './rolling-beta.js';
import { rsi } from './rsi.js';
import { sma } from './sma.js';
import { stdev } from './stdev.js';
import { stochastic } from './stochastic.js';
import { streak } from './streak.js';
import { supertrend } from './supertrend.js';
import { tema } from './tema.js';
import { trueRange } from './true-range.js';
import { vwap } from './vwap.js';
import { williamsR } from './williams-r.js';
import { wma } from './wma.js';
import { zScore } from './zscore.js';

/** The OHLCV columns an indicator may read. A `BarSeries` satisfies it. */
export interface IndicatorInput {
  /** Bar open times [UTC epoch ms]. */
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** Numeric parameters by the kernel's parameter names, e.g. `{ period: 14 }`. */
export type IndicatorParams = Readonly<Record<string, number>>;

/** One output line of one indicator, described as data. */
export interface IndicatorSpec {
  /** The kernel's export name, plus `.line` for one line of a multi-line result (`macd.signal`). */
  readonly name: string;
  /** What it computes, in one line. */
  readonly description: string;
  /** Default parameters (the kernel's defaults, or common ones where it has none). */
  readonly defaults: IndicatorParams;
  /** Further parameter sets worth checking (edge values); the contract test runs them all. */
  readonly variants: readonly IndicatorParams[];
  /** Number of leading NaN values for `params` [bars], on a series long enough to end it. */
  readonly warmup: (params: IndicatorParams) => number;
  /** Computes the line over the whole input: a new array of the input's length. */
  readonly compute: (input: IndicatorInput, params: IndicatorParams) => Float64Array;
}

type Spec = IndicatorSpec;

function single(
  name: string,
  description: string,
  defaults: IndicatorParams,
  variants: readonly IndicatorParams[],
  warmup: Spec['warmup'],
  compute: Spec['compute'],
): Spec {
  return { name, description, defaults, variants, warmup, compute };
}

/** One spec per line of a multi-line kernel; `lines` maps line names to their warm-up. */
function multi<R extends { readonly [K in keyof R]: Float64Array }>(
  name: string,
  description: string,
  defaults: IndicatorParams,
  variants: readonly IndicatorParams[],
  lines: { readonly [K in keyof R & string]: Spec['warmup'] },
  compute: (input: IndicatorInput, params: IndicatorParams) => R,
): Spec[] {
  return (Object.keys(lines) as (keyof R & string)[]).map((line) => ({
    name: `${name}.${line}`,
    description: `${description}: ${line}`,
    defaults,
    variants,
    warmup: lines[line],
    compute: (input, params) => compute(input, params)[line],
  }));
}

/**
 * Every indicator line with its parameters and declared warm-up. `vwapAnchored` is not listed
 * (its session flags are not an OHLCV column; `vwap.session` covers the same kernel).
 */
export const INDICATORS: readonly IndicatorSpec[] = [
  single('sma', 'simple moving average of the close', { period: 20 }, [{ period: 1 }, { period: 5 }],
    (p) => p.period - 1, (b, p) => sma(b.close, p.period)),
  single('ema', 'exponential moving average of the close, SMA-seeded', { period: 20 }, [{ period: 1 }, { period: 3 }],
    (p) => p.period - 1, (b, p) => ema(b.close, p.period)),
  single('wma', 'linearly weighted moving average of the close', { period: 20 }, [{ period: 1 }, { period: 7 }],
    (p) => p.period - 1, (b, p) => wma(b.close, p.period)),
  single('dema', 'double exponential moving average of the close', { period: 20 }, [{ period: 1 }, { period: 4 }],
    (p) => 2 * (p.period - 1), (b, p) => dema(b.close, p.period)),
  single('tema', 'triple exponential moving average of the close', { period: 20 }, [{ period: 1 }, { period: 4 }],
    (p) => 3 * (p.period - 1), (b, p) => tema(b.close, p.period)),
  single('hma', 'Hull moving average of the close', { period: 20 }, [{ period: 2 }, { period: 9 }],
    (p) => p.period + Math.floor(Math.sqrt(p.period)) - 2, (b, p) => hma(b.close, p.period)),
  single('kama', "Kaufman's adaptive moving average of the close",
    { period: 10, fastPeriod: 2, slowPeriod: 30 }, [{ period: 1, fastPeriod: 2, slowPeriod: 30 }, { period: 4, fastPeriod: 3, slowPeriod: 20 }],
    (p) => p.period, (b, p) => kama(b.close, p.period, p.fastPeriod, p.slowPeriod)),
  single('kamaBacktrader', "Kaufman's adaptive moving average of the close, backtrader's (seeded with the SMA)",
    { period: 10, fastPeriod: 2, slowPeriod: 30 }, [{ period: 1, fastPeriod: 2, slowPeriod: 30 }, { period: 4, fastPeriod: 3, slowPeriod: 20 }],
    (p) => p.period, (b, p) => kamaBacktrader(b.close, p.period, p.fastPeriod, p.slowPeriod)),
  single('rsi', "Wilder's RSI of the close", { period: 14 }, [{ period: 1 }, { period: 2 }],
    (p) => p.period, (b, p) => rsi(b.close, p.period)),
  ...multi('macd', 'MACD of the close', { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 },
    [{ fastPeriod: 1, slowPeriod: 2, signalPeriod: 1 }, { fastPeriod: 3, slowPeriod: 7, signalPeriod: 4 }],
    {
      macd: (p) => p.slowPeriod - 1,
      signal: (p) => p.slowPeriod + p.signalPeriod - 2,
      histogram: (p) => p.slowPeriod + p.signalPeriod - 2,
    },
    (b, p) => macd(b.close, p.fastPeriod, p.slowPeriod, p.signalPeriod)),
  ...multi('bollinger', 'Bollinger Bands of the close', { period: 20, k: 2 }, [{ period: 1, k: 2 }, { period: 5, k: 1.5 }],
    { middle: (p) => p.period - 1, upper: (p) => p.period - 1, lower: (p) => p.period - 1 },
    (b, p) => bollinger(b.close, p.period, p.k)),
  single('trueRange', 'true range', {}, [],
    () => 1, (b) => trueRange(b.high, b.low, b.close)),
  single('atr', "Wilder's average true range", { period: 14 }, [{ period: 1 }, { period: 3 }],
    (p) => p.period, (b, p) => atr(b.high, b.low, b.close, p.period)),
  ...multi('stochastic', 'stochastic oscillator', { kPeriod: 14, dPeriod: 3, slowing: 3 },
    [{ kPeriod: 5, dPeriod: 3, slowing: 1 }, { kPeriod: 1, dPeriod: 1, slowing: 1 }, { kPeriod: 9, dPeriod: 2, slowing: 4 }],
    {
      k: (p) => p.kPeriod + p.slowing - 2,
      d: (p) => p.kPeriod + p.slowing + p.dPeriod - 3,
    },
    (b, p) => stochastic(b.high, b.low, b.close, p.kPeriod, p.dPeriod, p.slowing)),
  single('williamsR', 'Williams %R', { period: 14 }, [{ period: 1 }, { period: 5 }],
    (p) => p.period - 1, (b, p) => williamsR(b.high, b.low, b.close, p.period)),
  single('cci', 'commodity channel index, classic (Lambert, TA-Lib)', { period: 20 }, [{ period: 1 }, { period: 5 }],
    (p) => p.period - 1, (b, p) => cci(b.high, b.low, b.close, p.period)),
  single('cciBacktrader', "commodity channel index, backtrader's", { period: 20 }, [{ period: 1 }, { period: 5 }],
    (p) => 2 * p.period - 2, (b, p) => cciBacktrader(b.high, b.low, b.close, p.period)),
  single('roc', 'rate of change of the close, in percent', { period: 10 }, [{ period: 1 }],
    (p) => p.period, (b, p) => roc(b.close, p.period)),
  single('momentum', 'momentum of the close', { period: 10 }, [{ period: 1 }],
    (p) => p.period, (b, p) => momentum(b.close, p.period)),
  ...multi('adx', 'directional movement system', { period: 14 }, [{ period: 1 }, { period: 3 }],
    { adx: (p) => 2 * p.period - 1, plusDi: (p) => p.period, minusDi: (p) => p.period },
    (b, p) => adx(b.high, b.low, b.close, p.period)),
  ...multi('aroon', 'Aroon', { period: 14 }, [{ period: 1 }, { period: 5 }],
    { up: (p) => p.period, down: (p) => p.period, oscillator: (p) => p.period },
    (b, p) => aroon(b.high, b.low, p.period)),
  ...multi('donchian', 'Donchian channel, current bar included', { period: 20 }, [{ period: 1 }, { period: 5 }],
    { upper: (p) => p.period - 1, lower: (p) => p.period - 1, middle: (p) => p.period - 1 },
    (b, p) => donchian(b.high, b.low, p.period)),
  ...multi('keltner', 'Keltner channel (EMA ± k·ATR)', { emaPeriod: 20, atrPeriod: 10, k: 2 },
    [{ emaPeriod: 3, atrPeriod: 8, k: 1 }, { emaPeriod: 1, atrPeriod: 1, k: 2 }],
    {
      middle: (p) => p.emaPeriod - 1,
      upper: (p) => Math.max(p.emaPeriod - 1, p.atrPeriod),
      lower: (p) => Math.max(p.emaPeriod - 1, p.atrPeriod),
    },
    (b, p) => keltner(b.high, b.low, b.close, p.emaPeriod, p.atrPeriod, p.k)),
  single('obv', 'on-balance volume', {}, [],
    () => 0, (b) => obv(b.close, b.volume)),
  single('vwap', 'cumulative volume-weighted average price', {}, [],
    () => 0, (b) => vwap(b.high, b.low, b.close, b.volume)),
  single('vwap.session', 'volume-weighted average price, restarted each session', { sessionMs: 86_400_000 },
    [{ sessionMs: 3_600_000 }],
    () => 0, (b, p) => vwap(b.high, b.low, b.close, b.volume, b.time, p.sessionMs)),
  single('stdev', 'rolling standard deviation of the close', { period: 20, ddof: 0 },
    [{ period: 1, ddof: 0 }, { period: 2, ddof: 1 }, { period: 10, ddof: 1 }],
    (p) => p.period - 1, (b, p) => stdev(b.close, p.period, p.ddof as 0 | 1)),
  single('highest', 'highest high', { period: 20 }, [{ period: 1 }, { period: 3 }],
    (p) => p.period - 1, (b, p) => highest(b.high, p.period)),
  single('lowest', 'lowest low', { period: 20 }, [{ period: 1 }, { period: 3 }],
    (p) => p.period - 1, (b, p) => lowest(b.low, p.period)),
  single('parabolicSar', "Wilder's parabolic SAR", { afStart: 0.02, afStep: 0.02, afMax: 0.2 },
    [{ afStart: 0.01, afStep: 0.03, afMax: 0.3 }],
    () => 1, (b, p) => parabolicSar(b.high, b.low, p.afStart, p.afStep, p.afMax)),
  ...multi('ichimoku', 'Ichimoku, spans stored at the bar they are plotted on',
    { tenkanPeriod: 9, kijunPeriod: 26, senkouBPeriod: 52, displacement: 26 },
    [{ tenkanPeriod: 3, kijunPeriod: 5, senkouBPeriod: 8, displacement: 0 }, { tenkanPeriod: 7, kijunPeriod: 2, senkouBPeriod: 4, displacement: 3 }],
    {
      tenkan: (p) => p.tenkanPeriod - 1,
      kijun: (p) => p.kijunPeriod - 1,
      senkouA: (p) => Math.max(p.tenkanPeriod, p.kijunPeriod) - 1 + p.displacement,
      senkouB: (p) => p.senkouBPeriod - 1 + p.displacement,
    },
    (b, p) => ichimoku(b.high, b.low, p.tenkanPeriod, p.kijunPeriod, p.senkouBPeriod, p.displacement)),
  single('rmi', "Altman's relative momentum index of the close", { period: 14, momentum: 5 },
    [{ period: 1, momentum: 1 }, { period: 3, momentum: 2 }],
    (p) => p.momentum + p.period - 1, (b, p) => rmi(b.close, p.period, p.momentum)),
  single('streak', 'up/down streak of the close', {}, [],
    () => 1, (b) => streak(b.close)),
  single('percentRank', 'percent rank of the close among the bars before it', { period: 100 }, [{ period: 1 }, { period: 7 }],
    (p) => p.period, (b, p) => percentRank(b.close, p.period)),
  single('connorsRsi', 'ConnorsRSI of the close', { rsiPeriod: 3, streakPeriod: 2, rankPeriod: 100 },
    [{ rsiPeriod: 1, streakPeriod: 1, rankPeriod: 1 }, { rsiPeriod: 9, streakPeriod: 3, rankPeriod: 4 }],
    (p) => Math.max(p.rsiPeriod, p.streakPeriod + 1, p.rankPeriod + 1),
    (b, p) => connorsRsi(b.close, p.rsiPeriod, p.streakPeriod, p.rankPeriod)),
  single('ibs', 'internal bar strength', {}, [],
    () => 0, (b) => ibs(b.high, b.low, b.close)),
  single('zScore', 'rolling z-score of the close', { period: 20 }, [{ period: 2 }, { period: 5 }],
    (p) => p.period - 1, (b, p) => zScore(b.close, p.period)),
  single('rollingBeta', 'rolling OLS slope of the close on the open', { period: 60 }, [{ period: 2 }, { period: 5 }],
    (p) => p.period - 1, (b, p) => rollingBeta(b.close, b.open, p.period)),
  ...multi('supertrend', 'SuperTrend ATR trailing stop', { period: 10, multiplier: 3 }, [{ period: 1, multiplier: 1 }, { period: 5, multiplier: 0.5 }],
    { line: (p) => p.period, direction: (p) => p.period },
    (b, p) => supertrend(b.high, b.low, b.close, p.period, p.multiplier)),
  single('narrowestRange', 'NR-n: 1 when the bar has the narrowest range of the last n', { period: 7 }, [{ period: 1 }, { period: 4 }],
    (p) => p.period - 1, (b, p) => narrowestRange(b.high, b.low, p.period)),
  single('engulfing', 'engulfing candlestick pattern: +1 bullish, −1 bearish, 0 none', {}, [],
    () => 1, (b) => engulfing(b.open, b.close)),
  single('insideBar', 'inside bar: 1 when the range lies inside the previous bar', {}, [],
    () => 1, (b) => insideBar(b.high, b.low)),
  single('realizedVolatility', 'annualized close-to-close volatility (sample σ of log returns)', { period: 20, periodsPerYear: 252 },
    [{ period: 2, periodsPerYear: 252 }, { period: 5, periodsPerYear: 1 }],
    (p) => p.period, (b, p) => realizedVolatility(b.close, p.period, p.periodsPerYear)),
];
