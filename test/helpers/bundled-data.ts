/**
 * Shared test set-up: the bundled S&P 500 bars read by the real loader, `bt run`'s default
 * run options, and hand-made series. Tests that must not depend on `src/data` (the golden
 * metric and indicator tests) read their reference files their own way instead.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BarSeries } from '../../src/data/bar-series.js';
import { parseBars } from '../../src/data/parse-bars.js';
import { ALL_IN_FRACTION, type BrokerConfig } from '../../src/engine/broker.js';
import type { RunOptions } from '../../src/engine/run-backtest.js';

/** The bundled data file as a user gives it, relative to the project root. */
export const SP500_FILE = 'data/sp500-2000.csv';

/** Absolute path of {@link SP500_FILE}. */
export const SP500_PATH = fileURLToPath(new URL(`../../${SP500_FILE}`, import.meta.url));

let sp500: BarSeries | undefined;

/**
 * The bundled daily S&P 500 bars (5,105 bars, 2000-01-03 → 2020-04-17) as
 * `parseBars` reads them: symbol `SP500-2000`, `source.file` {@link SP500_FILE}, adjusted
 * close in `extra.adjclose`. Cached and shared by every test in a file: treat as read-only.
 */
export function loadSp500(): BarSeries {
  sp500 ??= parseBars(readFileSync(SP500_PATH, 'utf8'), { file: SP500_FILE })[0];
  return sp500;
}

/**
 * The broker of `bt run` with no flags: 100,000 cash, 0.1 % commission and no fixed fee, no
 * slippage, whole units, market orders filled at the next open, no default exits.
 */
export const DEFAULT_BROKER: BrokerConfig = {
  initialCash: 100_000,
  commission: { rate: 0.001, fixed: 0 },
  slippageRate: 0,
  fractional: false,
  fillAt: 'next-open',
  defaultStopLoss: undefined,
  defaultTakeProfit: undefined,
  defaultTrailingStop: undefined,
};

/** All-in sizing, `bt run`'s default: a fraction of equity of {@link ALL_IN_FRACTION} (backtesting.py's `buy()` size). */
export const ALL_IN_SIZING = { kind: 'fraction', fraction: ALL_IN_FRACTION } as const;

/** The run options of `bt run` with no flags: {@link DEFAULT_BROKER}, all-in sizing, open trades left open at the end. */
export const DEFAULT_RUN_OPTIONS: RunOptions = {
  broker: DEFAULT_BROKER,
  defaultSizing: ALL_IN_SIZING,
  closeAtEnd: false,
};

/** Columns of a hand-made series: times as UTC epoch ms [bar open], prices, volume. */
export interface BarColumns {
  readonly time: ArrayLike<number>;
  readonly open: ArrayLike<number>;
  readonly high: ArrayLike<number>;
  readonly low: ArrayLike<number>;
  readonly close: ArrayLike<number>;
  readonly volume: ArrayLike<number>;
}

/**
 * A {@link BarSeries} from hand-made columns (copied), named `symbol` (default `TEST`) and
 * read from `file` with dialect `test` and no hash; intraday when any time is not midnight UTC.
 */
export function makeBars(columns: BarColumns, file: string, symbol = 'TEST'): BarSeries {
  const time = Float64Array.from(columns.time);
  return {
    symbol,
    time,
    open: Float64Array.from(columns.open),
    high: Float64Array.from(columns.high),
    low: Float64Array.from(columns.low),
    close: Float64Array.from(columns.close),
    volume: Float64Array.from(columns.volume),
    length: time.length,
    extra: {},
    intraday: time.some((t) => t % 86_400_000 !== 0),
    source: { file, dialect: 'test', sha256: '' },
  };
}
