/**
 * `signalMode` of the crossover strategies: act on the crossing bar only (`crossover`), or hold
 * the position the current side calls for (`position`).
 *
 * - `crossover` (default): enter when the fast line crosses above the slow one, exit (or reverse)
 *   when it crosses below. Crossings are strict (backtesting.py's `crossover`): a bar where the
 *   two are equal is neither above nor below. A run that starts with the fast line already above
 *   waits for the next crossing.
 * - `position`: be long while fast > slow and out (or short, with `direction: long-short`)
 *   while fast < slow, so a run that starts with the fast line above enters on its first
 *   decision bar. A bar where the two are equal keeps the current position. This is the
 *   "position" reading of a moving-average signal (e.g. Brock, Lakonishok and LeBaron, 1992,
 *   "Simple Technical Trading Rules", variable-length moving average rules: long while the
 *   short average is above the long one).
 */
import type { EnumParam } from './params.js';
import { crossedAbove, crossedBelow, type SeriesView } from './series-view.js';

/** The two signal modes. */
export type SignalMode = 'crossover' | 'position';

/** The `signalMode` parameter spec shared by the crossover strategies (default `crossover`). */
export const SIGNAL_MODE_PARAM: EnumParam<SignalMode> = {
  type: 'enum',
  values: ['crossover', 'position'],
  default: 'crossover',
  description: 'crossover acts on the crossing bar only; position holds long while fast > slow (short while below with long-short), entering on the first bar if already above',
};

/**
 * The bullish signal at the current bar: a strict cross of `fast` above `slow` (crossover mode),
 * or `fast` above `slow` (position mode).
 */
export function bullishSignal(mode: SignalMode, fast: SeriesView, slow: SeriesView): boolean {
  return mode === 'position' ? fast.current > slow.current : crossedAbove(fast, slow);
}

/**
 * The bearish signal at the current bar: a strict cross of `fast` below `slow` (crossover mode),
 * or `fast` below `slow` (position mode).
 */
export function bearishSignal(mode: SignalMode, fast: SeriesView, slow: SeriesView): boolean {
  return mode === 'position' ? fast.current < slow.current : crossedBelow(fast, slow);
}
