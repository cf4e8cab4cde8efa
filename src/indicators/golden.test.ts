// Golden values: every column of backtrader's indicator files (CONVENTIONS §12) within
// |a − b| ≤ 1e-9 × max(1, |b|) and with the same empty (undefined) cells. The S&P 500 file
// ships with the project (test/fixtures/golden, copied from ../shared/ref/golden); the GOOG
// file is read from ../shared and skipped in a fresh clone.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  adx,
  atr,
  bollinger,
  cciBacktrader,
  donchian,
  ema,
  macd,
  roc,
  rsi,
  sma,
  stochastic,
  williamsR,
  wma,
} from './index.js';

const root = new URL('../../', import.meta.url);
const shared = new URL('../shared/', root);
const hasShared =
  existsSync(new URL('ref/golden/indicators_GOOG.csv', shared)) && existsSync(new URL('data/GOOG.csv', shared));

interface Columns {
  readonly dates: string[];
  readonly byName: Map<string, string[]>;
}

/** Minimal CSV reader: comma-separated, no quoting (true of these files). */
function readCsv(url: URL): Columns {
  const lines = readFileSync(url, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',').map((name) => name.trim().toLowerCase());
  const byName = new Map<string, string[]>(header.map((name) => [name, []]));
  const dates: string[] = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    dates.push(cells[0]);
    header.forEach((name, i) => byName.get(name)?.push(cells[i] ?? ''));
  }
  return { dates, byName };
}

function numbers(cells: readonly string[]): Float64Array {
  return Float64Array.from(cells, (cell) => (cell === '' ? NaN : Number(cell)));
}

interface Hlc {
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
}

const GOLDEN_COLUMNS: Readonly<Record<string, (bars: Hlc) => Float64Array>> = {
  sma20: (b) => sma(b.close, 20),
  ema20: (b) => ema(b.close, 20),
  rsi14: (b) => rsi(b.close, 14),
  macd: (b) => macd(b.close, 12, 26, 9).macd,
  macd_signal: (b) => macd(b.close, 12, 26, 9).signal,
  macd_hist: (b) => macd(b.close, 12, 26, 9).histogram,
  bb_mid: (b) => bollinger(b.close, 20, 2).middle,
  bb_top: (b) => bollinger(b.close, 20, 2).upper,
  bb_bot: (b) => bollinger(b.close, 20, 2).lower,
  atr14: (b) => atr(b.high, b.low, b.close, 14),
  stoch_k: (b) => stochastic(b.high, b.low, b.close, 14, 3, 3).k,
  stoch_d: (b) => stochastic(b.high, b.low, b.close, 14, 3, 3).d,
  wma20: (b) => wma(b.close, 20),
  cci20: (b) => cciBacktrader(b.high, b.low, b.close, 20),
  willr14: (b) => williamsR(b.high, b.low, b.close, 14),
  roc10: (b) => roc(b.close, 10),
  adx14: (b) => adx(b.high, b.low, b.close, 14).adx,
  plus_di14: (b) => adx(b.high, b.low, b.close, 14).plusDi,
  minus_di14: (b) => adx(b.high, b.low, b.close, 14).minusDi,
  donchian20_high: (b) => donchian(b.high, b.low, 20).upper,
  donchian20_low: (b) => donchian(b.high, b.low, 20).lower,
};

/** Rows where `actual` breaks the golden tolerance or definedness, as readable strings. */
function mismatches(dates: readonly string[], expected: Float64Array, actual: Float64Array): string[] {
  const bad: string[] = [];
  for (let t = 0; t < expected.length; t++) {
    const e = expected[t];
    const a = actual[t];
    const ok = Number.isNaN(e) ? Number.isNaN(a) : Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e));
    if (!ok) bad.push(`bar ${t} (${dates[t]}): expected ${e}, got ${a}`);
  }
  return bad;
}

function checkDataset(dataUrl: URL, goldenUrl: URL): void {
  // Read on first use, not at collection: a skipped suite must not touch missing files.
  let cache: { data: Columns; golden: Columns; bars: Hlc } | undefined;
  const load = (): { data: Columns; golden: Columns; bars: Hlc } => {
    if (cache === undefined) {
      const data = readCsv(dataUrl);
      const golden = readCsv(goldenUrl);
      const bars: Hlc = {
        high: numbers(data.byName.get('high') ?? []),
        low: numbers(data.byName.get('low') ?? []),
        close: numbers(data.byName.get('close') ?? []),
      };
      cache = { data, golden, bars };
    }
    return cache;
  };

  it('has one golden row per bar, same dates', () => {
    const { data, golden } = load();
    expect(golden.dates).toEqual(data.dates);
  });

  it('maps every golden column to a kernel', () => {
    const { golden } = load();
    expect([...golden.byName.keys()].filter((name) => name !== 'date').sort()).toEqual(
      Object.keys(GOLDEN_COLUMNS).sort(),
    );
  });

  for (const [column, compute] of Object.entries(GOLDEN_COLUMNS)) {
    it(`reproduces ${column}`, () => {
      const { golden, bars } = load();
      const expected = numbers(golden.byName.get(column) ?? []);
      const bad = mismatches(golden.dates, expected, compute(bars));
      expect(bad.slice(0, 5), `${bad.length} of ${expected.length} bars differ`).toEqual([]);
    });
  }
}

describe('golden indicators, S&P 500 (backtrader, bundled fixture)', () => {
  checkDataset(new URL('data/sp500-2000.csv', root), new URL('test/fixtures/golden/indicators_sp500.csv', root));
});

describe.skipIf(!hasShared)('golden indicators, GOOG (backtrader, needs ../shared; skipped when absent)', () => {
  checkDataset(new URL('data/GOOG.csv', shared), new URL('ref/golden/indicators_GOOG.csv', shared));
});
