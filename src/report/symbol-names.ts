/** Symbol names of a run's trades, fills and orders (which carry a symbol index). */
import type { RunResult } from '../engine/run-backtest.js';

/** The run's symbols by index: a portfolio's symbols, or the single series' symbol. */
export function symbolNames(run: RunResult): readonly string[] {
  return (run as { readonly symbols?: readonly string[] }).symbols ?? [run.bars.symbol];
}
