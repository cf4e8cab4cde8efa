/**
 * CSV renderings of a run: trades, equity curve and orders. Times are written as the data's
 * own strings (`YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, UTC); numbers as shortest round-trip
 * decimals; ratios as fractions.
 */
import { stringify } from 'csv-stringify/sync';
import { formatTime } from '../data/bar-series.js';
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

/** `equity.csv`: bar, time, close, equity [cash] and drawdown [fraction below the running peak]. */
export function equityCsv(run: RunResult): string {
  const { bars, equity } = run;
  const rows: unknown[][] = new Array(equity.length);
  let peak = -Infinity;
  for (let i = 0; i < equity.length; i++) {
    if (equity[i] > peak) peak = equity[i];
    rows[i] = [i, formatTime(bars.time[i], bars.intraday), bars.close[i], equity[i], peak > 0 ? 1 - equity[i] / peak : 0];
  }
  return csv(['bar', 'time', 'close', 'equity', 'drawdown'], rows);
}

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
