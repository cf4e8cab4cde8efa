/**
 * Market data in: load OHLCV bars from CSV (any common dialect) or JSON into columnar
 * {@link BarSeries}, pick a symbol, cut a date window; several feeds on one timeline, time zones
 * and timeframes.
 */
export { barAt, formatTime, sliceBars, type Bar, type BarSeries, type BarSource } from './bar-series.js';
export { loadBars, type LoadOptions } from './load-bars.js';
export { parseBars, symbolFromFile, type ParseOptions } from './parse-bars.js';
export { parseDateArg, type DateArgOptions } from './parse-date-arg.js';
export { restrictDates } from './restrict-dates.js';
export { selectSymbol } from './select-symbol.js';
export { alignFeeds, spreadToTimeline, type AlignedFeeds, type AlignedSymbol } from './align.js';
export { loadFeeds, parseFeedSpec, type FeedSpec } from './load-feeds.js';
export { higherTimeframe, parseTimeframe, resampleBars, type HigherTimeframe, type Timeframe } from './timeframe.js';
export { timeZone, type TimeZone } from './time-zone.js';
