/**
 * Market data in: load OHLCV bars from CSV (any common dialect) or JSON into columnar
 * {@link BarSeries}, pick a symbol, cut a date window.
 */
export { barAt, formatTime, sliceBars, type Bar, type BarSeries, type BarSource } from './bar-series.js';
export { loadBars, type LoadOptions } from './load-bars.js';
export { parseBars, symbolFromFile, type ParseOptions } from './parse-bars.js';
export { parseDateArg, type DateArgOptions } from './parse-date-arg.js';
export { restrictDates } from './restrict-dates.js';
export { selectSymbol } from './select-symbol.js';
