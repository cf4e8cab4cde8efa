/**
 * The trial pool: piscina worker threads that run batches of trials in parallel. The bars are
 * copied once into SharedArrayBuffers (`shared-bars.ts`) and every worker reads the same
 * memory; each worker loads the strategy itself. Tasks are batches of trials, so the messaging
 * cost is paid per batch, not per run.
 *
 * Workers start when the pool is created, so they load while the main thread reads the data
 * and probes warm-ups. The worker module is the compiled `dist/src/optimize/worker.js` (also
 * when bt's own tests run from the TypeScript sources).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BarSeries } from '../data/bar-series.js';
import { BtError, InternalError, type ErrorLocation } from '../errors.js';
import { packageRoot } from '../strategy/package-root.js';
import type { ReturnBlocksSpec, TrialBatch, TrialRunOptions } from './evaluate.js';
import { abortError, type BarWindow, type TrialEvaluator } from './evaluator.js';
import { shareBars, type SharedBars } from './shared-bars.js';

/** What every worker is started with. */
export interface WorkerSetup {
  /** Built-in strategy name or absolute path of the user's strategy file. */
  readonly strategy: string;
  readonly options: TrialRunOptions;
}

/** One task: a batch of trials (runs, or warm-up probes) on a window of the shared bars. */
export interface TrialTask {
  /** `runs`: run and measure each; `warmups`: only find each one's warm-up. */
  readonly kind: 'runs' | 'warmups';
  /** Identifies `bars` so a worker builds its views once. */
  readonly barsKey: number;
  readonly bars: SharedBars;
  readonly window: BarWindow;
  readonly firstDecisionBar: number;
  readonly params: readonly Readonly<Record<string, unknown>>[];
  /** Return blocks to collect of each run (runs only). */
  readonly returns?: ReturnBlocksSpec;
}

/** An error as data, to cross the thread boundary. */
export interface SerializedError {
  readonly code: string;
  readonly exitCode: number;
  readonly message: string;
  readonly hint?: string;
  readonly location?: ErrorLocation;
  readonly stack?: string;
}

/** A task's outcome: encoded metric values (runs) or warm-ups, or the error of the first failing trial. */
export type TrialTaskResult =
  | { readonly values: Float64Array; readonly blocks?: Float64Array; readonly warmups?: undefined; readonly error?: undefined }
  | { readonly warmups: Int32Array; readonly values?: undefined; readonly blocks?: undefined; readonly error?: undefined }
  | { readonly error: SerializedError; readonly values?: undefined; readonly blocks?: undefined; readonly warmups?: undefined };

type PiscinaInstance = {
  run(task: unknown, options?: { signal?: AbortSignal }): Promise<unknown>;
  destroy(): Promise<void>;
};

/** Path of the compiled worker module. */
function workerFile(): string {
  const here = new URL('./worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.ts') && existsSync(fileURLToPath(here))) return here.href;
  const built = join(packageRoot(), 'dist/src/optimize/worker.js');
  if (!existsSync(built)) {
    throw new InternalError('BT_INTERNAL_WORKER_MISSING', `the worker module "${built}" is missing`, { hint: 'run "npm run build" first' });
  }
  return pathToFileURL(built).href;
}

let nextBarsKey = 0;

/** Runs trials on `workers` piscina threads. */
export class TrialPool implements TrialEvaluator {
  readonly parallelism: number;
  readonly #pool: PiscinaInstance;
  #bars: SharedBars | undefined;
  #barsKey = -1;
  #closed = false;

  private constructor(pool: PiscinaInstance, workers: number) {
    this.#pool = pool;
    this.parallelism = workers;
  }

  /**
   * Starts `workers` threads, each loading `setup.strategy`.
   * @throws InternalError when the compiled worker module is missing.
   */
  static async start(workers: number, setup: WorkerSetup): Promise<TrialPool> {
    const { Piscina } = await import('piscina');
    const pool = new Piscina({ filename: workerFile(), minThreads: workers, maxThreads: workers, idleTimeout: 60_000, workerData: setup });
    return new TrialPool(pool as unknown as PiscinaInstance, workers);
  }

  /** Shares `bars` with the workers (copied once into shared memory). */
  setBars(bars: BarSeries): void {
    this.#bars = shareBars(bars);
    this.#barsKey = nextBarsKey++;
  }

  async evaluate(window: BarWindow, firstDecisionBar: number, paramsList: readonly Readonly<Record<string, unknown>>[], signal?: AbortSignal, returns?: ReturnBlocksSpec): Promise<TrialBatch> {
    const result = await this.#run('runs', window, firstDecisionBar, paramsList, signal, returns);
    return { values: result.values!, blocks: result.blocks };
  }

  async warmups(window: BarWindow, paramsList: readonly Readonly<Record<string, unknown>>[], signal?: AbortSignal): Promise<Int32Array> {
    return (await this.#run('warmups', window, 0, paramsList, signal)).warmups!;
  }

  async #run(kind: TrialTask['kind'], window: BarWindow, firstDecisionBar: number, paramsList: readonly Readonly<Record<string, unknown>>[], signal: AbortSignal | undefined, returns?: ReturnBlocksSpec): Promise<TrialTaskResult> {
    if (this.#bars === undefined) throw new InternalError('BT_INTERNAL_NO_BARS', 'the trial pool has no bars (call setBars first)');
    if (signal?.aborted === true) throw abortError();
    const task: TrialTask = { kind, barsKey: this.#barsKey, bars: this.#bars, window, firstDecisionBar, params: paramsList, ...(returns === undefined ? {} : { returns }) };
    let result: TrialTaskResult;
    try {
      result = (await this.#pool.run(task, signal === undefined ? undefined : { signal })) as TrialTaskResult;
    } catch (error) {
      // The signal may have aborted while the task ran (TypeScript narrowed it above).
      if ((signal as AbortSignal | undefined)?.aborted === true) throw abortError();
      throw error;
    }
    if (result.error !== undefined) {
      const { code, exitCode, message, hint, location, stack } = result.error;
      const error = new BtError(code, exitCode, message, { hint, location });
      if (stack !== undefined) error.stack = stack;
      throw error;
    }
    return result;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.destroy();
  }
}
