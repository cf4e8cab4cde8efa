/**
 * Golden test: `computeMetrics` against backtesting.py 0.6.6's statistics (`metrics` in each
 * golden file), computed from the golden data alone: the equity curve (`<case>.equity.csv`),
 * the closes of the case's data file, the golden closed trades and `first_decision_bar`.
 *
 * Tolerances (reference CONVENTIONS.md §10): numbers within 1e-9 relative, or 1e-9 absolute
 * near zero, compared in backtesting.py's own units (percent where its label says `[%]`);
 * timestamps and durations exactly; `null` where it has NaN or ±inf; `Commissions [$]` absent
 * when it is 0 (ours is then 0).
 *
 * The S&P 500 cases read `test/fixtures/golden/` and always run; the others read
 * `../shared/ref/` next to the project and are skipped, with a message, when it is absent.
 */

import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Trade } from '../../src/engine/types.js';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
import { expectGoldenMetrics, parseUtc } from './metric-compare.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const fixturesDir = resolve(projectRoot, 'test/fixtures/golden');
const sharedRefDir = resolve(projectRoot, '../shared/ref');
const hasShared = existsSync(resolve(sharedRefDir, 'cases.json'));

interface DatasetEntry {
  readonly file: string;
  readonly columns: Readonly<Record<string, number>>;
}
interface CaseEntry {
  readonly id: string;
  readonly data: string;
}
interface CasesFile {
  readonly datasets: Readonly<Record<string, DatasetEntry>>;
  readonly cases: readonly CaseEntry[];
}
interface GoldenTrade {
  readonly entry_bar: number;
  readonly exit_bar: number;
  readonly side: 'long' | 'short';
  readonly size: number;
  readonly entry_price: number;
  readonly exit_price: number;
  readonly pnl_gross: number;
  readonly commission: number;
  readonly pnl: number;
}
interface GoldenCase {
  readonly case: string;
  readonly n_bars: number;
  readonly first_decision_bar: number;
  readonly trades: readonly GoldenTrade[];
  readonly metrics: Readonly<Record<string, string | number | null>>;
}

/** Where one case's files are: its golden directory and the resolved data file. */
interface CaseFiles {
  readonly id: string;
  readonly goldenDir: string;
  readonly dataFile: string;
  readonly closeColumn: number;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

function caseFiles(casesFile: string, goldenDir: string, dataDir: string): CaseFiles[] {
  const cases = readJson<CasesFile>(casesFile);
  return cases.cases.map((entry) => {
    const dataset = cases.datasets[entry.data];
    return {
      id: entry.id,
      goldenDir,
      dataFile: resolve(dataDir, basename(dataset.file)),
      closeColumn: dataset.columns.close,
    };
  });
}

/** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, read as UTC → epoch ms. */
function readEquityCsv(file: string): { time: Float64Array; equity: Float64Array } {
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const time = new Float64Array(lines.length);
  const equity = new Float64Array(lines.length);
  lines.forEach((line, i) => {
    const comma = line.indexOf(',');
    time[i] = parseUtc(line.slice(0, comma));
    equity[i] = Number(line.slice(comma + 1));
  });
  return { time, equity };
}

/** Closes of a data file: the header is skipped, `column` is the 0-based close column. */
function readCloses(file: string, column: number): Float64Array {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1);
  return Float64Array.from(lines, (line) => Number(line.split(',')[column]));
}

/** A golden trade as a `Trade`; netReturn is backtesting.py's `ReturnPct` formula. */
function toTrade(golden: GoldenTrade, id: number, time: Float64Array): Trade {
  const sign = golden.side === 'long' ? 1 : -1;
  return {
    id,
    symbol: 0,
    side: golden.side,
    quantity: golden.size,
    entryBar: golden.entry_bar,
    entryTime: time[golden.entry_bar],
    entryPrice: golden.entry_price,
    exitBar: golden.exit_bar,
    exitTime: time[golden.exit_bar],
    exitPrice: golden.exit_price,
    grossPnl: golden.pnl_gross,
    commission: golden.commission,
    slippage: 0,
    pnl: golden.pnl,
    netReturn:
      sign * (golden.exit_price / golden.entry_price - 1) - golden.commission / (golden.size * golden.entry_price),
    barsHeld: golden.exit_bar - golden.entry_bar,
    exitReason: 'signal',
    tag: undefined,
  };
}

/** Golden metrics negated by backtesting.py (it prints drawdowns as negative percentages). */
const NEGATED = new Set(['maxDrawdown', 'avgDrawdown']);

function checkCase(files: CaseFiles): void {
  const golden = readJson<GoldenCase>(resolve(files.goldenDir, `${files.id}.json`));
  const { time, equity } = readEquityCsv(resolve(files.goldenDir, `${files.id}.equity.csv`));
  const close = readCloses(files.dataFile, files.closeColumn);
  expect(equity.length, 'equity CSV has one row per bar').toBe(golden.n_bars);
  expect(close.length, 'data file has one row per bar').toBe(golden.n_bars);

  const trades = golden.trades.map((trade, j) => toTrade(trade, j + 1, time));
  expectGoldenMetrics(files.id, golden.metrics, computeMetrics({
    time,
    close,
    equity,
    trades,
    firstDecisionBar: golden.first_decision_bar,
  }));
}

const sp500Cases = caseFiles(resolve(fixturesDir, 'cases-sp500.json'), fixturesDir, resolve(projectRoot, 'data'));

describe('metrics reproduce backtesting.py 0.6.6 on the bundled S&P 500 cases', () => {
  it.each(sp500Cases.map((files) => [files.id, files] as const))('%s', (_id, files) => checkCase(files));
});

if (!hasShared) {
  console.warn(`metrics golden: skipping the local reference cases, "${sharedRefDir}" not found`);
}

describe.skipIf(!hasShared)('metrics reproduce backtesting.py 0.6.6 on the local reference cases (../shared/ref)', () => {
  const sharedCases = hasShared
    ? caseFiles(
        resolve(sharedRefDir, 'cases.json'),
        resolve(sharedRefDir, 'golden'),
        resolve(sharedRefDir, '../data'),
      ).filter((files) => !sp500Cases.some((bundled) => bundled.id === files.id))
    : [];

  it.each(sharedCases.map((files) => [files.id, files] as const))('%s', (_id, files) => checkCase(files));

  it('bundled fixtures are unchanged copies of the reference set', () => {
    for (const files of sp500Cases) {
      for (const suffix of ['.json', '.equity.csv']) {
        const name = `${files.id}${suffix}`;
        expect(readFileSync(resolve(fixturesDir, name), 'utf8'), name).toBe(
          readFileSync(resolve(sharedRefDir, 'golden', name), 'utf8'),
        );
      }
    }
    expect(readFileSync(resolve(fixturesDir, 'indicators_sp500.csv'), 'utf8')).toBe(
      readFileSync(resolve(sharedRefDir, 'golden/indicators_sp500.csv'), 'utf8'),
    );
    expect(readFileSync(resolve(projectRoot, 'data/sp500-2000.csv'), 'utf8')).toBe(
      readFileSync(resolve(sharedRefDir, '../data/sp500-2000.csv'), 'utf8'),
    );
  });
});
