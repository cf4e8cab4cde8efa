/**
 * `bt run` with several symbols (issue 6): --data NAME=FILE, a directory, a long-format file,
 * --benchmark, --timeframe, --tz, and the usage errors of mixing single-asset and portfolio.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const AAA = 'test/fixtures/portfolio/AAA.csv';
const BBB = 'test/fixtures/portfolio/BBB.csv';
const STOCKS = 'test/fixtures/data/stocks.csv';
const env = { BT_STORE: 'off' };
const run = (args: readonly string[]) => runCli(['run', '--no-store', ...args], { env });
const json = async (args: readonly string[]) => {
  const outcome = await run([...args, '--json']);
  expect(outcome.stderr, 'no error').toBe('');
  expect(outcome.code).toBe(0);
  return JSON.parse(outcome.stdout);
};

const out = mkdtempSync(join(tmpdir(), 'bt-portfolio-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('bt run with several feeds', () => {
  it('reads --data NAME=FILE twice, names trades by symbol and adds the portfolio section', async () => {
    const document = await json(['--data', `X=${AAA}`, '--data', `Y=${BBB}`, '--strategy', 'equal-weight', '--strat', 'rebalance=bars,every=2']);
    expect(document.schemaVersion).toBe(1);
    expect(document.portfolio.symbols).toEqual(['X', 'Y']);
    expect(document.portfolio.benchmark).toBe('X');
    expect(document.data.symbol).toBe('X,Y');
    expect(document.portfolio.bySymbol.map((s: { symbol: string; bars: number }) => [s.symbol, s.bars])).toEqual([
      ['X', 7],
      ['Y', 5],
    ]);
    expect(new Set([...document.trades, ...document.openTrades].map((t: { symbol: string }) => t.symbol))).toEqual(new Set(['X', 'Y']));
    expect(document.portfolio.feeds.map((f: { file: string }) => f.file)).toEqual([AAA, BBB]);
  });

  it('reads every file of a directory, symbols from the file names', async () => {
    const document = await json(['--data', 'test/fixtures/portfolio/', '--strategy', 'equal-weight']);
    expect(document.portfolio.symbols).toEqual(['AAA', 'BBB']);
  });

  it('reads a long-format file as one feed per symbol, --symbol keeping some', async () => {
    const all = await json(['--data', STOCKS, '--strategy', 'dual-momentum']);
    expect(all.portfolio.symbols).toEqual(['MSFT', 'AMZN', 'IBM', 'GOOG', 'AAPL']);
    const some = await json(['--data', STOCKS, '--symbol', 'IBM,AAPL', '--strategy', 'inverse-volatility']);
    expect(some.portfolio.symbols).toEqual(['IBM', 'AAPL']);
  });

  it('leaves out a symbol without bars in --from/--to (GOOG before its listing)', async () => {
    const document = await json(['--data', STOCKS, '--strategy', 'equal-weight', '--to', '2003-12-31']);
    expect(document.portfolio.symbols).toEqual(['MSFT', 'AMZN', 'IBM', 'AAPL']);
  });

  it('measures alpha and beta against --benchmark, a symbol or a file', async () => {
    const bySymbol = await json(['--data', STOCKS, '--strategy', 'equal-weight', '--benchmark', 'IBM']);
    expect(bySymbol.portfolio.benchmark).toBe('IBM');
    const defaulted = await json(['--data', STOCKS, '--strategy', 'equal-weight']);
    expect(bySymbol.metrics.beta).not.toBe(defaulted.metrics.beta);
    const byFile = await json(['--data', `${AAA}`, '--data', BBB, '--strategy', 'equal-weight', '--benchmark', BBB]);
    expect(byFile.portfolio.benchmarkSource).toBe(BBB);
    expect(byFile.portfolio.benchmark).toBe('BBB');
    const unknown = await run(['--data', STOCKS, '--strategy', 'equal-weight', '--benchmark', 'XOM']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error\[BT_BENCHMARK_UNKNOWN\]: benchmark "XOM" is neither a symbol of the run nor a file/);
  });

  it('writes symbols.csv with --out, and trades.csv names each trade\'s symbol', async () => {
    const { code } = await run(['--data', STOCKS, '--strategy', 'equal-weight', '--out', out, '-q']);
    expect(code).toBe(0);
    const symbols = readFileSync(join(out, 'symbols.csv'), 'utf8').split('\n');
    expect(symbols[0]).toBe('symbol,bars,start,end,exposure,averageWeight,tradeCount,realizedPnl,openPnl,contribution,commission');
    expect(symbols.slice(1, 6).map((line) => line.split(',')[0])).toEqual(['MSFT', 'AMZN', 'IBM', 'GOOG', 'AAPL']);
    const trades = readFileSync(join(out, 'trades.csv'), 'utf8').split('\n').slice(1).filter((l) => l !== '');
    expect(new Set(trades.map((line) => line.split(',')[1]))).toEqual(new Set(['MSFT', 'AMZN', 'IBM', 'GOOG', 'AAPL']));
  });

  it('prints the per-symbol table after the metrics', async () => {
    const { code, stdout } = await run(['--data', STOCKS, '--strategy', 'dual-momentum']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Symbol +│ +Bars │ First +│ Last +│ Exposure │ Avg weight │ Trades │ Contribution/);
    expect(stdout).toContain('MSFT (benchmark)');
  });
});

describe('bt run: single-asset and portfolio mixed up (exit 2)', () => {
  it('refuses a portfolio strategy on one symbol', async () => {
    const { code, stderr } = await run(['--data', AAA, '--strategy', 'equal-weight']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'error[BT_PORTFOLIO_ONE_SYMBOL]: a portfolio strategy needs at least two symbols, the data has only "AAA"\n' +
        'hint: give several feeds (--data AAPL=aapl.csv --data MSFT=msft.csv), a directory, or a long-format file with a symbol column; or run a single-asset strategy\n',
    );
  });

  it('refuses a single-asset strategy on several feeds', async () => {
    const { code, stderr } = await run(['--data', AAA, '--data', BBB, '--strategy', 'sma-cross']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error\[BT_DATA_SEVERAL_FEEDS\]: 2 data feeds given, but a single-asset strategy trades one series\nhint: use a portfolio strategy/);
  });

  it('still asks for --symbol when a single-asset strategy gets a long-format file', async () => {
    const { code, stderr } = await run(['--data', STOCKS, '--strategy', 'sma-cross']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error\[BT_SYMBOL_REQUIRED\]/);
  });

  it('runs a single-asset strategy on one NAME=FILE feed, naming the symbol', async () => {
    const document = await json(['--data', `ZZZ=${AAA}`, '--strategy', 'buy-and-hold']);
    expect(document.data.symbol).toBe('ZZZ');
    expect(document.portfolio).toBeUndefined();
  });
});

describe('bt run --timeframe and --tz', () => {
  it('resamples the bundled daily bars to weekly and monthly ones', async () => {
    const weekly = await json(['--strategy', 'buy-and-hold', '--timeframe', '1w']);
    expect(weekly.data.bars).toBeGreaterThan(1000);
    expect(weekly.data.bars).toBeLessThan(1100);
    expect(weekly.data.dialect).toMatch(/resampled to 1w$/);
    const monthly = await json(['--strategy', 'buy-and-hold', '--timeframe', '1M']);
    expect(monthly.data.bars).toBe(244);
  });

  it('resamples each feed of a portfolio', async () => {
    const document = await json(['--data', 'test/fixtures/portfolio/', '--strategy', 'equal-weight', '--timeframe', '1w']);
    expect(document.portfolio.timeframe).toBe('1w');
    expect(document.portfolio.timelineBars).toBe(2);
  });

  it('refuses a timeframe finer than the data, and a bad one (exit 2)', async () => {
    const finer = await run(['--strategy', 'buy-and-hold', '--timeframe', '1h']);
    expect(finer.code).toBe(2);
    expect(finer.stderr).toMatch(/^error\[BT_TIMEFRAME_TOO_FINE\]: timeframe "1h" is finer than the data's 1d bars/);
    const bad = await run(['--strategy', 'buy-and-hold', '--timeframe', 'weekly']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error\[BT_BAD_TIMEFRAME\]: --timeframe: expected a timeframe such as 1h, 4h, 1d, 1w, 1M, got "weekly"/);
  });

  it('refuses an unknown time zone (exit 2)', async () => {
    const { code, stderr } = await run(['--strategy', 'buy-and-hold', '--tz', 'Mars/Olympus']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error\[BT_BAD_TIME_ZONE\]: unknown time zone "Mars\/Olympus"/);
  });

  it('reads naive timestamps in --tz', async () => {
    const document = await json(['--strategy', 'buy-and-hold', '--tz', 'America/New_York', '--to', '2000-01-31']);
    expect(document.data.start).toBe(Date.parse('2000-01-03T05:00:00Z'));
    expect(document.data.dialect).toContain('tz=America/New_York');
  });
});

describe('bt run with a user portfolio strategy file', () => {
  it('runs the README example (definePortfolioStrategy from "bt")', async () => {
    const document = await json(['--data', STOCKS, '--strategy', 'test/fixtures/strategies/above-sma-portfolio.ts']);
    expect(document.strategy.name).toBe('above-sma');
    expect(document.strategy.kind).toBe('file');
    expect(document.portfolio.symbols).toHaveLength(5);
    expect(document.trades.length).toBeGreaterThan(0);
  });
});

describe('bt run --config with portfolio data', () => {
  it('reads data: as a map SYMBOL: path, relative to the YAML file, with tz and benchmark', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bt-portfolio-yaml-'));
    try {
      const yaml = join(dir, 'run.yaml');
      writeFileSync(
        yaml,
        `data:\n  ONE: ${join(process.cwd(), AAA)}\n  TWO: ${join(process.cwd(), BBB)}\nstrategy: equal-weight\ntz: Europe/London\nbenchmark: TWO\n`,
      );
      const document = await json(['--config', yaml]);
      expect(document.portfolio.symbols).toEqual(['ONE', 'TWO']);
      expect(document.portfolio.benchmark).toBe('TWO');
      expect(document.portfolio.timeZone).toBe('Europe/London');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses another shape of data:', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bt-portfolio-yaml-'));
    try {
      const yaml = join(dir, 'run.yaml');
      writeFileSync(yaml, 'data:\n  - 1\n  - 2\nstrategy: equal-weight\n');
      const { code, stderr } = await run(['--config', yaml]);
      expect(code).toBe(2);
      expect(stderr).toMatch(/BT_CONFIG_VALUE.*data: expected a path, a list of paths or a map SYMBOL: path/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
