/**
 * What portfolio runs add to the reports: the `portfolio` section of the JSON document, the
 * per-symbol table and `symbols.csv`. The rest of a portfolio result renders as a single-asset
 * one does (its `bars` being the benchmark's close on the timeline).
 */
import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import { formatTime } from '../data/bar-series.js';
import type { PortfolioRunResult } from '../engine/run-portfolio.js';
import type { SymbolContribution } from '../metrics/portfolio-breakdown.js';
import { COMPACT_CHARS, formatCash, formatPercent } from './table.js';

/** Where one feed came from. */
export interface FeedMeta {
  readonly symbol: string;
  readonly file: string;
  readonly sha256: string;
  readonly dialect: string;
}

/** Facts about a portfolio run beyond {@link RunMeta}. */
export interface PortfolioMeta {
  readonly feeds: readonly FeedMeta[];
  /** `--timeframe`, or null. */
  readonly timeframe: string | null;
  /** `--tz`, `UTC` by default. */
  readonly timeZone: string;
  /** The benchmark as given (`--benchmark`), or null for the default (the first symbol). */
  readonly benchmarkSource: string | null;
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/**
 * The `portfolio` section of the result document (appended after the single-asset keys):
 * symbols, benchmark, feeds, timeline facts, and per symbol its bars, exposure, average weight,
 * trades and contribution. Ratios are fractions, money in cash, times UTC epoch ms.
 */
export function portfolioSection(run: PortfolioRunResult, contributions: readonly SymbolContribution[], meta: PortfolioMeta): Record<string, unknown> {
  return {
    symbols: run.symbols,
    benchmark: run.benchmark,
    benchmarkSource: meta.benchmarkSource,
    timeframe: meta.timeframe,
    timeZone: meta.timeZone,
    timelineBars: run.feeds.length,
    feeds: meta.feeds.map((f) => ({ symbol: f.symbol, file: f.file, sha256: f.sha256, dialect: f.dialect })),
    bySymbol: contributions.map((c) => ({
      symbol: c.symbol,
      bars: c.bars,
      start: c.start,
      end: c.end,
      exposure: finite(c.exposure),
      averageWeight: finite(c.averageWeight),
      tradeCount: c.tradeCount,
      realizedPnl: finite(c.realizedPnl),
      openPnl: finite(c.openPnl),
      contribution: finite(c.contribution),
      commission: finite(c.commission),
    })),
  };
}

/** The per-symbol table printed after the metrics of a portfolio run. */
export function renderSymbolTable(run: PortfolioRunResult, contributions: readonly SymbolContribution[], chalk: ChalkInstance): string {
  const t = (ms: number) => formatTime(ms, run.feeds.intraday);
  const table = new Table({
    head: ['Symbol', 'Bars', 'First', 'Last', 'Exposure', 'Avg weight', 'Trades', 'Contribution'].map((h) => chalk.bold(h)),
    chars: COMPACT_CHARS,
    style: { head: [], border: [] },
    colAligns: ['left', 'right', 'left', 'left', 'right', 'right', 'right', 'right'],
  });
  for (const c of contributions) {
    const money = formatCash(c.contribution);
    table.push([
      c.symbol + (c.symbol === run.benchmark ? chalk.dim(' (benchmark)') : ''),
      c.bars,
      t(c.start),
      t(c.end),
      formatPercent(c.exposure),
      formatPercent(c.averageWeight),
      c.tradeCount,
      c.contribution >= 0 ? chalk.green(money) : chalk.red(money),
    ]);
  }
  return table.toString();
}

/** `symbols.csv` (portfolio runs with `--out`): the per-symbol figures, one row per symbol. */
export function symbolsCsv(run: PortfolioRunResult, contributions: readonly SymbolContribution[]): string {
  const t = (ms: number) => formatTime(ms, run.feeds.intraday);
  return stringify(
    [
      ['symbol', 'bars', 'start', 'end', 'exposure', 'averageWeight', 'tradeCount', 'realizedPnl', 'openPnl', 'contribution', 'commission'],
      ...contributions.map((c) => [c.symbol, c.bars, t(c.start), t(c.end), c.exposure, c.averageWeight, c.tradeCount, c.realizedPnl, c.openPnl, c.contribution, c.commission]),
    ],
    { cast: { number: (n) => (Number.isFinite(n) ? String(n) : '') } },
  );
}
