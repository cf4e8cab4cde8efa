/**
 * A real run for the report tests: `strategies/sma-cross.ts` over the bundled
 * data/sp500-2000.csv with `bt run`'s default options, with its metrics, meta and JSON document.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BarSeries } from '../../src/data/bar-series.js';
import { runBacktest, type RunOptions, type RunResult } from '../../src/engine/run-backtest.js';
import { computeMetrics, type Metrics } from '../../src/metrics/index.js';
import { buildRunDocument, type RunMeta } from '../../src/report/json.js';
import { resolveParams } from '../../src/strategy/params.js';
import smaCross from '../../strategies/sma-cross.js';
import { DEFAULT_RUN_OPTIONS, loadSp500 } from '../helpers/bundled-data.js';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const STRATEGY_FILE = 'strategies/sma-cross.ts';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Everything `renderHtmlReport` takes. */
export interface ReportFixture {
  readonly run: RunResult;
  readonly metrics: Metrics;
  readonly meta: RunMeta;
  readonly document: Record<string, unknown>;
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

/** Runs sma-cross over `bars` with `bt run`'s default options and assembles the report input. */
export function fixtureFor(bars: BarSeries, params: Record<string, unknown> = {}): ReportFixture {
  const run = runBacktest(bars, smaCross, resolveParams(smaCross.params, { values: params, origin: 'flag' }), DEFAULT_RUN_OPTIONS);
  const metrics = computeMetrics({ time: bars.time, close: bars.close, equity: run.equity, trades: run.trades, firstDecisionBar: run.firstDecisionBar });
  const meta = fixtureMeta(bars, DEFAULT_RUN_OPTIONS);
  return { run, metrics, meta, document: buildRunDocument(run, metrics, meta) };
}

/** sma-cross over data/sp500-2000.csv (5,105 daily bars). */
export function sp500Fixture(params: Record<string, unknown> = {}): ReportFixture {
  return fixtureFor(loadSp500(), params);
}
