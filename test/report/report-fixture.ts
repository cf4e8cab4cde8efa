/**
 * A real run for the report tests: `strategies/sma-cross.ts` over the bundled
 * data/sp500-2000.csv, with its metrics, meta and JSON document. The CSV is parsed minimally
 * here (date,open,high,low,close,adjclose,volume) so these tests do not depend on src/data.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BarSeries } from '../../src/data/bar-series.js';
import { ALL_IN_FRACTION } from '../../src/engine/broker.js';
import { runBacktest, type RunOptions, type RunResult } from '../../src/engine/run-backtest.js';
import { computeMetrics, type Metrics } from '../../src/metrics/index.js';
import { buildRunDocument, type RunMeta } from '../../src/report/json.js';
import { resolveParams } from '../../src/strategy/params.js';
import smaCross from '../../strategies/sma-cross.js';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const DATA_FILE = 'data/sp500-2000.csv';
const STRATEGY_FILE = 'strategies/sma-cross.ts';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Parses `date,open,high,low,close,adjclose,volume` rows (daily, UTC) into a series. */
export function parseDailyCsv(text: string, file: string, symbol = 'SPX'): BarSeries {
  const lines = text.trim().split('\n').slice(1);
  const n = lines.length;
  const column = () => new Float64Array(n);
  const bars = { time: column(), open: column(), high: column(), low: column(), close: column(), volume: column() };
  lines.forEach((line, i) => {
    const f = line.split(',');
    bars.time[i] = Date.parse(`${f[0]}T00:00:00Z`);
    bars.open[i] = Number(f[1]);
    bars.high[i] = Number(f[2]);
    bars.low[i] = Number(f[3]);
    bars.close[i] = Number(f[4]);
    bars.volume[i] = Number(f[6]);
  });
  return { symbol, ...bars, length: n, extra: {}, intraday: false, source: { file, dialect: 'csv:date,open,high,low,close,adjclose,volume', sha256: sha256(text) } };
}

/** Everything `renderHtmlReport` takes. */
export interface ReportFixture {
  readonly run: RunResult;
  readonly metrics: Metrics;
  readonly meta: RunMeta;
  readonly document: Record<string, unknown>;
}

/** Run options matching `bt run`'s defaults (all-in sizing, 10,000 cash, 0.2 % commission). */
export function defaultOptions(initialCash = 10_000): RunOptions {
  return {
    broker: {
      initialCash,
      commission: { rate: 0.002, fixed: 0 },
      slippageRate: 0,
      fractional: false,
      fillAt: 'next-open',
      defaultStopLoss: undefined,
      defaultTakeProfit: undefined,
      defaultTrailingStop: undefined,
    },
    defaultSizing: { kind: 'fraction', fraction: ALL_IN_FRACTION },
    closeAtEnd: false,
  };
}

/** Builds the meta of a run of sma-cross over `bars` with `options`. */
export function fixtureMeta(bars: BarSeries, options: RunOptions): RunMeta {
  const b = options.broker;
  return {
    btVersion: '0.1.0',
    strategy: { name: 'sma-cross', source: STRATEGY_FILE, kind: 'builtin', sha256: sha256(readFileSync(`${projectRoot}${STRATEGY_FILE}`, 'utf8')) },
    data: { file: bars.source.file, sha256: bars.source.sha256, dialect: bars.source.dialect },
    conventions: {
      initialCash: b.initialCash,
      commissionRate: b.commission.rate,
      commissionFixed: b.commission.fixed,
      slippageRate: b.slippageRate,
      fill: b.fillAt,
      sizing: options.defaultSizing,
      fractional: b.fractional,
      closeAtEnd: options.closeAtEnd,
      stopLoss: b.defaultStopLoss,
      takeProfit: b.defaultTakeProfit,
      trailingStop: b.defaultTrailingStop,
      from: undefined,
      to: undefined,
    },
  };
}

/** Runs sma-cross over `bars` and assembles the report input. */
export function fixtureFor(bars: BarSeries, params: Record<string, unknown> = {}): ReportFixture {
  const options = defaultOptions();
  const run = runBacktest(bars, smaCross, resolveParams(smaCross.params, { values: params, origin: 'flag' }), options);
  const metrics = computeMetrics({ time: bars.time, close: bars.close, equity: run.equity, trades: run.trades, firstDecisionBar: run.firstDecisionBar });
  const meta = fixtureMeta(bars, options);
  return { run, metrics, meta, document: buildRunDocument(run, metrics, meta) };
}

/** sma-cross over data/sp500-2000.csv (5,104 daily bars). */
export function sp500Fixture(params: Record<string, unknown> = {}): ReportFixture {
  const bars = parseDailyCsv(readFileSync(`${projectRoot}${DATA_FILE}`, 'utf8'), DATA_FILE);
  return fixtureFor(bars, params);
}
