/**
 * Runs a search: plans the trials of the method (grid, random or genetic), takes this shard's
 * slice, sends batches of trials to the evaluator (in-process or the worker pool), and
 * collects each run under its trial number. Results are keyed by trial number, never by the
 * order batches finish in, so they are the same for any number of workers.
 *
 * Trial numbers are positions in the search order: the valid combinations in combination
 * order (grid), the draw order (random), the evaluation order (genetic, TPE). Shard K of N takes the
 * trials whose number is K − 1 modulo N, a strided slice that spreads cheap and expensive
 * regions of the space evenly over the shards.
 */
import { sliceBars, type BarSeries } from '../data/bar-series.js';
import { UsageError } from '../errors.js';
import { blockWidth, decodeMetrics, type ReturnBlocksSpec } from './evaluate.js';
import { isAbortError, type BarWindow, type TrialEvaluator } from './evaluator.js';
import { geneticSearch } from './genetic.js';
import { objectiveValue, type Objective } from './objective.js';
import { randomTrials } from './random.js';
import { tpeSearch } from './tpe.js';
import type { SearchMethod, TrialRun } from './result.js';
import { paramsAt, type ParamValue, type SearchSpace } from './search-space.js';
import type { ValidCombinations } from './valid-combinations.js';
import { summarizeWarmups, type SearchWarmup } from './warmup.js';

/** The method and its settings. */
export type MethodSettings =
  | { readonly method: 'grid' }
  | { readonly method: 'random'; readonly trials: number; readonly seed: number }
  | {
      readonly method: 'genetic';
      readonly population: number;
      readonly generations: number;
      readonly seed: number;
      /** Probability [0, 1] of crossover; undefined = 1. */
      readonly crossoverRate?: number;
      /** Per-gene mutation probability [0, 1]; undefined = 1 / axes. */
      readonly mutationRate?: number;
      /** Individuals kept unchanged; undefined = max(1, ⌊population / 10⌋). */
      readonly elite?: number;
    }
  | { readonly method: 'tpe'; readonly trials: number; readonly startupTrials: number; readonly batch: number; readonly seed: number };

/** Methods whose next trials depend on the results of earlier ones (they cannot be sharded). */
export function isSequentialMethod(method: MethodSettings): boolean {
  return method.method === 'genetic' || method.method === 'tpe';
}

/** Shard K of N (K from 1). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Everything a search runs from. */
export interface SearchPlan {
  readonly space: SearchSpace;
  readonly valid: ValidCombinations;
  readonly method: MethodSettings;
  readonly objective: Objective;
  /** Bars the trials run on. */
  readonly window: BarWindow;
  /** First decision bar of every run, within the window. */
  readonly firstDecisionBar: number;
  readonly shard?: Shard;
  /** Collect each run's return blocks (for PBO and the Deflated Sharpe Ratio) into `TrialRun.blocks`. */
  readonly returns?: ReturnBlocksSpec;
}

/** How the search reports and stops. */
export interface SearchControl {
  readonly evaluator: TrialEvaluator;
  /** Aborting stops the search; the runs finished so far are returned with `incomplete`. */
  readonly signal?: AbortSignal;
  /** Called after each batch with the runs done and the runs planned. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What a search produced. */
export interface SearchOutcome {
  /** Runs by trial number, ascending. */
  readonly runs: readonly TrialRun[];
  /** True when the search was interrupted. */
  readonly incomplete: boolean;
}

/** Runs the method plans in total (before sharding): see `OptimizeHeader.search.plannedTrials`. */
export function plannedTrials(method: MethodSettings, validCount: number): number {
  switch (method.method) {
    case 'grid':
      return validCount;
    case 'random':
    case 'tpe':
      return Math.min(method.trials, validCount);
    case 'genetic':
      return Math.min(method.population * method.generations, validCount);
  }
}

/** The seed of the method, null for the grid. */
export function methodSeed(method: MethodSettings): number | null {
  return method.method === 'grid' ? null : method.seed;
}

/** The method's name. */
export function methodName(method: MethodSettings): SearchMethod {
  return method.method;
}

/**
 * Trials in the next task, given the trials not yet handed out (guided self-scheduling): a
 * share of the rest, so early tasks are large enough to amortise messaging and the last ones
 * small enough that no worker idles long at the end; 1 … 64 trials. In-process: 8 (a yield to
 * the event loop every few milliseconds, for progress and Ctrl-C).
 */
export function batchSize(remaining: number, parallelism: number): number {
  if (parallelism <= 1) return 8;
  return Math.min(64, Math.max(1, Math.ceil(remaining / (parallelism * 4))));
}

/**
 * The shared first decision bar of `combinations` (full parameter values, in search order) on
 * the bars `window` of `bars`, probed on the evaluator in batches (in parallel on the pool).
 * @returns undefined when `signal` aborted.
 * @throws DataError `BT_DATA_TOO_SHORT` (see `summarizeWarmups`); BtError from `init`.
 */
export async function probeSearchWarmup(
  evaluator: TrialEvaluator,
  bars: BarSeries,
  window: BarWindow,
  combinations: readonly Readonly<Record<string, unknown>>[],
  signal?: AbortSignal,
): Promise<SearchWarmup | undefined> {
  const parallelism = evaluator.parallelism;
  const size = parallelism <= 1 ? 512 : Math.min(4096, Math.max(16, Math.ceil(combinations.length / (parallelism * 4))));
  const warmups = new Int32Array(combinations.length);
  let next = 0;
  let failure: unknown;
  let interrupted = false;
  const lane = async (): Promise<void> => {
    while (next < combinations.length && failure === undefined && !interrupted) {
      const from = next;
      next = Math.min(combinations.length, next + size);
      try {
        warmups.set(await evaluator.warmups(window, combinations.slice(from, next), signal), from);
      } catch (error) {
        if (isAbortError(error) || signal?.aborted === true) interrupted = true;
        else failure ??= error;
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallelism * 2) }, lane));
  if (failure !== undefined) throw failure;
  if (interrupted || signal?.aborted === true) return undefined;
  const windowBars = window.start === 0 && window.end === bars.length ? bars : sliceBars(bars, window.start, window.end);
  return summarizeWarmups(windowBars, warmups, combinations);
}

/**
 * Runs the search.
 * @throws UsageError `BT_SHARD_GENETIC` for a sharded genetic or TPE search; BtError from a run.
 */
export async function runSearch(plan: SearchPlan, control: SearchControl): Promise<SearchOutcome> {
  const { space, method } = plan;
  const records = new Map<number, TrialRun>();
  let done = 0;
  let failure: unknown;
  let interrupted = false;

  /** Runs `items` (trial number, combination) in batches on the evaluator's lanes. */
  const runItems = async (items: readonly { trial: number; combination: number }[], total: number): Promise<boolean> => {
    const parallelism = control.evaluator.parallelism;
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < items.length && failure === undefined && !interrupted) {
        const size = batchSize(items.length - next, parallelism);
        const batch = items.slice(next, next + size);
        next += batch.length;
        const params = batch.map((item) => paramsAt(space, item.combination));
        let values: Float64Array;
        let blocks: Float64Array | undefined;
        try {
          ({ values, blocks } = await control.evaluator.evaluate(plan.window, plan.firstDecisionBar, params, control.signal, plan.returns));
        } catch (error) {
          if (isAbortError(error) || control.signal?.aborted === true) interrupted = true;
          else failure ??= error;
          return;
        }
        const width = plan.returns === undefined ? 0 : blockWidth(plan.returns);
        batch.forEach((item, t) => {
          const run: TrialRun = { trial: item.trial, params: params[t] as Record<string, ParamValue>, metrics: decodeMetrics(values, t) };
          records.set(item.trial, blocks === undefined ? run : { ...run, blocks: blocks.slice(t * width, (t + 1) * width) });
        });
        done += batch.length;
        control.onProgress?.(done, total);
      }
    };
    // Two tasks per worker in flight, so a worker never waits for the next one.
    const lanes = Math.max(1, parallelism * 2);
    await Promise.all(Array.from({ length: lanes }, lane));
    if (failure !== undefined) throw failure;
    if (control.signal?.aborted === true) interrupted = true;
    return !interrupted;
  };

  const total = plannedTrials(method, plan.valid.indices.length);
  if (isSequentialMethod(method)) {
    if (plan.shard !== undefined) throw shardSequentialError(method.method);
  }
  const combinationTrial = new Map<number, number>();
  /** Runs combinations in the order a sequential method asks for them, numbering the trials. */
  const evaluateInOrder = async (indices: readonly number[]): Promise<boolean> => {
    const items = indices.map((combination) => {
      const trial = combinationTrial.size;
      combinationTrial.set(combination, trial);
      return { trial, combination };
    });
    return runItems(items, total);
  };
  if (method.method === 'tpe') {
    const completed = await tpeSearch(
      { space, valid: plan.valid.indices, isValid: plan.valid.isValid, objective: plan.objective, trials: method.trials, startupTrials: method.startupTrials, batch: method.batch, seed: method.seed },
      {
        evaluate: evaluateInOrder,
        valueOf: (combination) => {
          const run = records.get(combinationTrial.get(combination)!);
          return run === undefined ? null : objectiveValue(plan.objective, run.metrics);
        },
      },
    );
    return { runs: sortedRuns(records), incomplete: !completed };
  }
  if (method.method === 'genetic') {
    const completed = await geneticSearch(
      {
        space,
        valid: plan.valid.indices,
        isValid: plan.valid.isValid,
        objective: plan.objective,
        population: method.population,
        generations: method.generations,
        seed: method.seed,
        crossoverRate: method.crossoverRate,
        mutationRate: method.mutationRate,
        elite: method.elite,
      },
      {
        evaluate: evaluateInOrder,
        rankOf: (combination) => {
          const trial = combinationTrial.get(combination)!;
          const run = records.get(trial);
          return { trial, value: run === undefined ? null : objectiveValue(plan.objective, run.metrics) };
        },
      },
    );
    return { runs: sortedRuns(records), incomplete: !completed };
  }

  const combinations = method.method === 'grid' ? plan.valid.indices : randomTrials(plan.valid.indices, method.trials, method.seed);
  const items: { trial: number; combination: number }[] = [];
  combinations.forEach((combination, trial) => {
    if (plan.shard === undefined || trial % plan.shard.count === plan.shard.index - 1) items.push({ trial, combination });
  });
  const completed = await runItems(items, items.length);
  return { runs: sortedRuns(records), incomplete: !completed };
}

/** The error of `--shard` with a method whose trials depend on earlier results. */
export function shardSequentialError(method: string): UsageError {
  const why = method === 'tpe' ? 'each suggestion depends on the results before it' : 'each generation depends on the results of the one before';
  return new UsageError('BT_SHARD_GENETIC', `--shard cannot split a ${method === 'tpe' ? 'TPE' : 'genetic'} search: ${why}`, {
    hint: `shard a grid or random search (--method grid|random), or run the ${method === 'tpe' ? 'TPE' : 'genetic'} search on one machine`,
    location: { flag: '--shard' },
  });
}

function sortedRuns(records: ReadonlyMap<number, TrialRun>): TrialRun[] {
  return [...records.values()].sort((a, b) => a.trial - b.trial);
}
