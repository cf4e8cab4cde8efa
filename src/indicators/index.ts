/**
 * Causal indicator kernels over `Float64Array` columns. Every function is pure, returns new
 * arrays as long as its inputs, writes NaN during its warm-up and reads only bars ≤ t to
 * produce bar t. `INDICATORS` lists every line with its declared warm-up.
 */
export { adx, type AdxResult } from './adx.js';
export { aroon, type AroonResult } from './aroon.js';
export { atr } from './atr.js';
export { bollinger, type BollingerResult } from './bollinger.js';
export { engulfing, insideBar } from './candlestick.js';
export { cci, cciBacktrader } from './cci.js';
export { connorsRsi } from './connors-rsi.js';
export { barsSince, crossover, crossunder, type SeriesOrLevel } from './cross.js';
export { dema } from './dema.js';
export { donchian, type DonchianResult } from './donchian.js';
export { ema } from './ema.js';
export { highest } from './highest.js';
export { hma } from './hma.js';
export { ibs } from './ibs.js';
export { ichimoku, type IchimokuResult } from './ichimoku.js';
export { kama, kamaBacktrader } from './kama.js';
export { keltner, type KeltnerResult } from './keltner.js';
export { lowest } from './lowest.js';
export { macd, type MacdResult } from './macd.js';
export { momentum } from './momentum.js';
export { narrowestRange } from './narrowest-range.js';
export { obv } from './obv.js';
export { parabolicSar } from './parabolic-sar.js';
export { percentRank } from './percent-rank.js';
export { INDICATORS, type IndicatorInput, type IndicatorParams, type IndicatorSpec } from './registry.js';
export { realizedVolatility } from './realized-volatility.js';
export { roc } from './roc.js';
export { rmi } from './rmi.js';
export { rollingBeta } from './rolling-beta.js';
export { rsi } from './rsi.js';
export { sma } from './sma.js';
export { stdev } from './stdev.js';
export { stochastic, type StochasticResult } from './stochastic.js';
export { streak } from './streak.js';
export { supertrend, type SupertrendResult } from './supertrend.js';
export { tema } from './tema.js';
export { trueRange } from './true-range.js';
export { DAY_MS, vwap, vwapAnchored } from './vwap.js';
export { williamsR } from './williams-r.js';
export { wma } from './wma.js';
export { zScore } from './zscore.js';
