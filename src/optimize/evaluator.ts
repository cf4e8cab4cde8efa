/**
 * Where trials run: the {@link TrialEvaluator} interface, and its in-process implementation
 * for `--workers 1` (the pool in `pool.ts` is the other). Both run `evaluateTrials`, so a
 * trial gives the same numbers wherever it ran.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { sliceBars, type BarSeries } from '../data/bar-series.js';
import type { Strategy } from '../strategy/define-strategy.js';
import { evaluateTrials, type ReturnBlocksSpec, type TrialBatch, type TrialRunOptions } from './evaluate.js';
import { probeWarmups } from './warmup.js';

/** A range of bars `[start, end)` of the loaded series that trials run on. */
export interface BarWindow {
  readonly start: number;
  readonly end: number;
}

/** Runs batches of trials. */
export interface TrialEvaluator {
  /** Batches that may run at once (1 in-process, the number of workers in the pool). */
  readonly parallelism: number;
  /**
   * Runs each of `paramsList` on the bars of `window`, every run deciding from
   * `firstDecisionBar` (an index within the window; 0 = each from its own) or later.
   * @returns encoded metric values (see `evaluate.ts`), and the return blocks of `returns`.
   * @throws an `AbortError` (name) when `signal` aborts; BtError from a run.
   */
  evaluate(window: BarWindow, firstDecisionBar: number, paramsList: readonly Readonly<Record<string, unknown>>[], signal?: AbortSignal, returns?: ReturnBlocksSpec): Promise<TrialBatch>;
  /**
   * Warm-up [bars] of each of `paramsList` on the bars of `window` (`probeWarmups`).
   * @throws an `AbortError` when `signal` aborts; BtError from `init`.
   */
  warmups(window: BarWindow, paramsList: readonly Readonly<Record<string, unknown>>[], signal?: AbortSignal): Promise<Int32Array>;
  /** Releases threads; safe to call more than once. */
  close(): Promise<void>;
}

/** The error an evaluator throws when its signal aborts. */
export function abortError(): Error {
  const error = new Error('the optimization was interrupted');
  error.name = 'AbortError';
  return error;
}

/** True for the error of an aborted evaluation. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * Runs trials in the calling thread, one batch at a time, yielding to the event loop before
 * each batch so that progress is drawn and Ctrl-C is handled between batches.
 */
export class InProcessEvaluator implements TrialEvaluator {
  readonly parallelism = 1;
  readonly #bars: BarSeries;
  readonly #strategy: Strategy;
  readonly #options: TrialRunOptions;
  #window: BarWindow | undefined;
  #slice: BarSeries | undefined;

  constructor(bars: BarSeries, strategy: Strategy, options: TrialRunOptions) {
    this.#bars = bars;
    this.#strategy = strategy;
    this.#options = options;
  }

  async evaluate(window: BarWindow, firstDecisionBar: number, paramsList: readonly Readonly<Record<string, unknown>>[], signal?: AbortSignal, returns?: ReturnBlocksSpec): Promise<TrialBatch> {
    await yieldToEventLoop();
    if (signal?.aborted === true) throw abortError();
    return evaluateTrials(this.#barsOf(window), this.#strategy, this.#options, firstDecisionBar, paramsList, returns);
  }

  async warmups(window: BarWindow, paramsList: readonly Readonly<Record<string, unknown>>[], signal?: AbortSignal): Promise<Int32Array> {
    await yieldToEventLoop();
    if (signal?.aborted === true) throw abortError();
    return probeWarmups(this.#barsOf(window), this.#strategy, paramsList, this.#options.timeZone);
  }

  #barsOf(window: BarWindow): BarSeries {
    if (this.#window?.start !== window.start || this.#window.end !== window.end) {
      this.#window = window;
      this.#slice = window.start === 0 && window.end === this.#bars.length ? this.#bars : sliceBars(this.#bars, window.start, window.end);
    }
    return this.#slice!;
  }

  async close(): Promise<void> {
    // nothing to release
  }
}
