/**
 * CSV renderings of a run: trades, equity curve and orders. Times are written as the data's
 * own strings (`YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, UTC); numbers as shortest round-trip
 * decimals; ratios as fractions.
 */
import { stringify } from 'csv-stringify/sync';
import { formatTime } from '../data/bar-series.js';
import { DAY_MS } from '../data/parse-date.js';
import type { RunResult } from '../engine/run-backtest.js';
import { symbolNames } from './symbol-names.js';

function csv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify([header, ...rows], {
    cast: { number: (n) => (Number.isFinite(n) ? String(n) : '') },
  });
}

/** `trades.csv`: one row per closed trade, then the open trades (exitBar empty). */
export function tradesCsv(run: RunResult): string {
  const { bars } = run;
  const names = symbolNames(run);
  const t = (ms: number) => formatTime(ms, bars.intraday);
  const rows: unknown[][] = run.trades.map((trade) => [
    trade.id,
    names[trade.symbol] ?? bars.symbol,
    trade.side,
    trade.quantity,
    trade.entryBar,
    t(trade.entryTime),
    trade.entryPrice,
    trade.exitBar,
    t(trade.exitTime),
    trade.exitPrice,
    trade.grossPnl,
    trade.commission,
    trade.slippage,
    trade.pnl,
    trade.netReturn,
    trade.barsHeld,
    trade.exitReason,
    trade.tag ?? '',
  ]);
  for (const open of run.openTrades) {
    rows.push([
      open.id,
      names[open.symbol] ?? bars.symbol,
      open.side,
      open.quantity,
      open.entryBar,
      t(open.entryTime),
      open.entryPrice,
      '',
      '',
      open.markPrice,
      open.unrealizedPnl,
      open.entryCommission,
      '',
      open.unrealizedPnl - open.entryCommission,
      '',
      bars.length - 1 - open.entryBar,
      'open',
      open.tag ?? '',
    ]);
  }
  return csv(
    [
      'id',
      'symbol',
      'side',
      'quantity',
      'entryBar',
      'entryTime',
      'entryPrice',
      'exitBar',
      'exitTime',
      'exitPrice',
      'grossPnl',
      'commission',
      'slippage',
      'pnl',
      'netReturn',
      'barsHeld',
      'exitReason',
      'tag',
    ],
    rows,
  );
}

/** Rows of equity.csv per chunk. */
const EQUITY_ROWS_PER_CHUNK = 8192;

/** `equity.csv`: bar, time, close, equity [cash] and drawdown [fraction below the running peak]. */
export function equityCsv(run: RunResult): string {
  return [...equityCsvChunks(run)].join('');
}

/** A CSV cell of a number, as `csv()` casts it: shortest round-trip decimal, empty when not finite. */
const cell = (n: number): string => (Number.isFinite(n) ? String(n) : '');

/**
 * {@link equityCsv} in chunks of {@link EQUITY_ROWS_PER_CHUNK} rows, for writing a run of
 * millions of bars as a stream. Its cells never need quoting (numbers and times), so each row
 * is written directly, as csv-stringify writes it.
 */
export function* equityCsvChunks(run: RunResult): Generator<string> {
  const { bars, equity } = run;
  const { time, close, intraday } = bars;
  yield 'bar,time,close,equity,drawdown\n';
  let peak = -Infinity;
  let day = NaN;
  let date = '';
  let chunk = '';
  for (let i = 0; i < equity.length; i++) {
    if (equity[i] > peak) peak = equity[i];
    // The date text changes once a day: format it then, and the time of day by arithmetic.
    const ms = time[i];
    const today = Math.floor(ms / DAY_MS);
    if (today !== day) {
      day = today;
      date = formatTime(today * DAY_MS, false);
    }
    let stamp = date;
    if (intraday) {
      const seconds = Math.floor((ms - today * DAY_MS) / 1000);
      stamp = `${date} ${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
    }
    chunk += `${i},${Math.abs(ms) <= 8.64e15 ? stamp : formatTime(ms, intraday)},${cell(close[i])},${cell(equity[i])},${cell(peak > 0 ? 1 - equity[i] / peak : 0)}\n`;
    if ((i + 1) % EQUITY_ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `orders.csv`: every order with its final status and the reason for it. */
export function ordersCsv(run: RunResult): string {
  const { bars } = run;
  const names = symbolNames(run);
  const rows = run.orders.map(({ order, status, closedBar, reason }) => {
    const sizing = order.sizing;
    const size =
      sizing.kind === 'units'
        ? `${sizing.units} units`
        : sizing.kind === 'capped-units'
        ? `up to ${sizing.units} units`
        : sizing.kind === 'fraction'
          ? `fraction ${sizing.fraction}`
          : sizing.kind === 'cash'
            ? `cash ${sizing.cash}`
            : sizing.kind === 'risk'
              ? `risk ${sizing.riskFraction}`
              : 'close position';
    return [
      order.id,
      names[order.symbol] ?? bars.symbol,
      order.side,
      order.type,
      size,
      order.limitPrice ?? '',
      order.stopPrice ?? '',
      order.submittedBar,
      formatTime(bars.time[order.submittedBar], bars.intraday),
      status,
      closedBar ?? '',
      reason ?? '',
      order.role ?? '',
      order.parentTradeId ?? '',
      order.tag ?? '',
    ];
  });
  return csv(
    ['id', 'symbol', 'side', 'type', 'size', 'limitPrice', 'stopPrice', 'submittedBar', 'submittedTime', 'status', 'closedBar', 'reason', 'role', 'parentTradeId', 'tag'],
    rows,
  );
}
