/**
 * Loading the golden cases (backtesting.py 0.6.6 / backtrader 1.9.78.123 results, CONVENTIONS.md)
 * and mapping each case to a `bt` strategy and run options. The S&P 500 cases (s1–s5) are in
 * test/fixtures/golden and always run; the others read ../shared/ref and are skipped when it
 * is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALL_IN_FRACTION } from '../../src/engine/broker.js';
import type { RunOptions } from '../../src/engine/run-backtest.js';
import { sma } from '../../src/indicators/sma.js';
import { defineStrategy, type Strategy } from '../../src/strategy/define-strategy.js';
import type { ParamSchema } from '../../src/strategy/params.js';
import { crossedAbove } from '../../src/strategy/series-view.js';
import buyAndHold from '../../strategies/buy-and-hold.js';
import rsiReversion from '../../strategies/rsi-reversion.js';
import smaCross from '../../strategies/sma-cross.js';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const sharedRef = fileURLToPath(new URL('../../../shared/ref/', import.meta.url));
export const sharedData = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
export const fixtureGolden = fileURLToPath(new URL('../fixtures/golden/', import.meta.url));
/** True when ../shared (reference results and local-only data) is beside the project. */
export const hasShared = existsSync(`${sharedRef}cases.json`);

export interface GoldenTrade {
  entry_bar: number;
  exit_bar: number;
  entry_time: string;
  exit_time: string;
  side: 'long' | 'short';
  size: number;
  entry_price: number;
  exit_price: number;
  pnl_gross: number;
  commission: number;
  pnl: number;
}

export interface GoldenResult {
  case: string;
  n_bars: number;
  first_decision_bar: number;
  trades: GoldenTrade[];
  open_trades: { entry_bar: number; side: 'long' | 'short'; size: number; entry_price: number; entry_commission: number }[];
  final_equity: number;
  total_commission: number;
  metrics: Record<string, number | string | null>;
}

export interface GoldenCase {
  id: string;
  data: string;
  cash: number;
  commission_rate: number;
  strategy: Record<string, string | number>;
  sizing: { type: 'fixed'; units: number } | { type: 'allin'; fraction: number };
}

interface CasesFile {
  datasets: Record<string, { file: string; rows: number }>;
  cases: GoldenCase[];
}

/** One golden case with its files resolved. */
export interface LoadedCase {
  readonly spec: GoldenCase;
  /** Absolute path of the case's data file. */
  readonly dataFile: string;
  readonly golden: GoldenResult;
  /** `time,equity` rows of the golden equity curve. */
  readonly equity: { time: string; equity: number }[];
}

function readCases(dir: string, file: string): { dir: string; cases: CasesFile } {
  return { dir, cases: JSON.parse(readFileSync(`${dir}${file}`, 'utf8')) as CasesFile };
}

function loadCase(dir: string, cases: CasesFile, spec: GoldenCase, dataFileOf: (name: string) => string): LoadedCase {
  const golden = JSON.parse(readFileSync(`${dir}${spec.id}.json`, 'utf8')) as GoldenResult;
  const equity = readFileSync(`${dir}${spec.id}.equity.csv`, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const comma = line.lastIndexOf(',');
      return { time: line.slice(0, comma), equity: Number(line.slice(comma + 1)) };
    });
  return { spec, golden, equity, dataFile: dataFileOf(cases.datasets[spec.data].file) };
}

/** The s1–s5 cases from the project's fixtures (data: the bundled data/sp500-2000.csv). */
export function fixtureCases(): LoadedCase[] {
  const { dir, cases } = readCases(fixtureGolden, 'cases-sp500.json');
  return cases.cases.map((spec) => loadCase(dir, cases, spec, () => `${projectRoot}data/sp500-2000.csv`));
}

/** The cases only in ../shared/ref (GOOG, ORCL, EURUSD, 5-minute); empty without ../shared. */
export function sharedOnlyCases(): LoadedCase[] {
  if (!hasShared) return [];
  const { cases } = readCases(sharedRef, 'cases.json');
  const golden = `${sharedRef}golden/`;
  return cases.cases
    .filter((spec) => !spec.id.startsWith('s'))
    .map((spec) => loadCase(golden, cases, spec, (file) => `${sharedData}${file.replace('../data/', '')}`));
}

/** The bracket case s4 written with the public strategy API: SMA cross entry, exits only by bracket. */
export const smaBracket = defineStrategy({
  name: 'sma-bracket',
  description: 'SMA cross entries with a stop-loss and take-profit bracket (golden case s4)',
  params: {
    fast: { type: 'int', default: 10, min: 1, description: 'fast SMA [bars]' },
    slow: { type: 'int', default: 30, min: 2, description: 'slow SMA [bars]' },
    stopLoss: { type: 'number', default: 0.01, min: 0, description: 'stop-loss distance [fraction of entry]' },
    takeProfit: { type: 'number', default: 0.02, min: 0, description: 'take-profit distance [fraction of entry]' },
  },
  init(ctx) {
    return {
      fast: ctx.indicator('fast', sma(ctx.close, ctx.params.fast)),
      slow: ctx.indicator('slow', sma(ctx.close, ctx.params.slow)),
    };
  },
  next(ctx, { fast, slow }) {
    if (crossedAbove(fast, slow) && ctx.position.isFlat) {
      ctx.buy({ stopLossFraction: ctx.params.stopLoss, takeProfitFraction: ctx.params.takeProfit });
    }
  },
});

/** The strategy, its parameter overrides and run options of a golden case. */
export function caseRun(spec: GoldenCase): { strategy: Strategy<ParamSchema, unknown>; params: Record<string, unknown>; options: RunOptions } {
  const s = spec.strategy;
  const direction = s.direction === 'long_short' ? 'long-short' : 'long-only';
  let strategy: Strategy<ParamSchema, unknown>;
  let params: Record<string, unknown>;
  switch (s.type) {
    case 'sma_cross':
      strategy = smaCross as unknown as Strategy<ParamSchema, unknown>;
      params = { fast: s.fast, slow: s.slow, direction };
      break;
    case 'rsi_threshold':
      strategy = rsiReversion as unknown as Strategy<ParamSchema, unknown>;
      params = { period: s.period, lower: s.lower, upper: s.upper, direction, exitAtMiddle: false };
      break;
    case 'sma_cross_bracket':
      strategy = smaBracket as unknown as Strategy<ParamSchema, unknown>;
      params = { fast: s.fast, slow: s.slow, stopLoss: s.sl_pct, takeProfit: s.tp_pct };
      break;
    case 'buy_and_hold':
      strategy = buyAndHold as unknown as Strategy<ParamSchema, unknown>;
      params = {};
      break;
    default:
      throw new Error(`unknown golden strategy type ${String(s.type)}`);
  }
  return {
    strategy,
    params,
    options: {
      broker: {
        initialCash: spec.cash,
        commission: { rate: spec.commission_rate, fixed: 0 },
        slippageRate: 0,
        fractional: false,
        fillAt: 'next-open',
        defaultStopLoss: undefined,
        defaultTakeProfit: undefined,
        defaultTrailingStop: undefined,
      },
      defaultSizing:
        spec.sizing.type === 'fixed' ? { kind: 'units', units: spec.sizing.units } : { kind: 'fraction', fraction: ALL_IN_FRACTION },
      closeAtEnd: false,
    },
  };
}

/** |a − b| ≤ max(abs, rel × max(|a|, |b|)) — the tolerance form of CONVENTIONS.md §10. */
export function near(a: number, b: number, rel: number, abs = rel): boolean {
  return Math.abs(a - b) <= Math.max(abs, rel * Math.max(Math.abs(a), Math.abs(b)));
}
