/**
 * `OptimizeResult` and its JSON document (`bt optimize --json`, `trials.json`, `bt merge`).
 *
 * The result always has the same shape, `{ best, runs: { params, metrics }[], objective, seed }`:
 * `runs` are ranked best first (objective value by the direction, runs without a value last,
 * ties by trial number), `best` is the first run when it has an objective value and `null`
 * otherwise. The document adds what was searched, on what, and how, ahead of those fields, in
 * a fixed key order. Nothing in it depends on the number of workers, the order in which runs
 * finished or the wall clock, so the same inputs and seed give byte-identical JSON, and merged
 * shards give exactly the unsharded document.
 */
import type { MetricValuesRecord } from './evaluate.js';
import type { OverfittingReport } from './overfitting.js';
import { compareRuns, objectiveValue, type Objective } from './objective.js';
import type { ParamValue } from './search-space.js';

/** Version of the optimize document layout; bumped on any incompatible change. */
export const OPTIMIZE_SCHEMA_VERSION = 2;

/** Where the runs of a search start deciding (see `OptimizeHeader.start`). */
export type DecisionStart = 'per-trial' | 'common';

/** The search methods. */
export type SearchMethod = 'grid' | 'random' | 'genetic' | 'tpe';

/** One evaluated combination. */
export interface OptimizeRun {
  /** Every parameter of the strategy, searched and fixed, in schema order. */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Every registry metric, `null` where unavailable. */
  readonly metrics: MetricValuesRecord;
}

/** A run with its trial number (position in the search order), before ranking. */
export interface TrialRun extends OptimizeRun {
  readonly trial: number;
  /** The run's return blocks when the search collected them (`ReturnBlocksSpec`; never in documents). */
  readonly blocks?: Float64Array;
}

/** The result of an optimization (STYLE.md: always this shape). */
export interface OptimizeResult {
  readonly best: OptimizeRun | null;
  /** Ranked, best first. */
  readonly runs: readonly OptimizeRun[];
  readonly objective: Objective;
  /** Seed of the random and genetic methods; null for the grid. */
  readonly seed: number | null;
}

/**
 * What was searched and how: everything in the document before the results. Shards of one
 * search have equal headers.
 */
export interface OptimizeHeader {
  readonly btVersion: string;
  readonly strategy: { readonly name: string; readonly source: string; readonly kind: 'builtin' | 'file'; readonly sha256: string };
  readonly data: {
    readonly file: string;
    readonly sha256: string;
    readonly dialect: string;
    readonly symbol: string;
    readonly bars: number;
    readonly start: number | null;
    readonly end: number | null;
  };
  /** The run conventions (as in the `bt run` document, without warm-up fields). */
  readonly conventions: Readonly<Record<string, unknown>>;
  readonly search: {
    readonly method: SearchMethod;
    /** Candidate values of each searched parameter, in search order. */
    readonly params: Readonly<Record<string, readonly ParamValue[]>>;
    /** Values of the parameters not searched. */
    readonly fixed: Readonly<Record<string, ParamValue>>;
    readonly constraints: readonly string[];
    /** Combinations in the space (product of the axis lengths). */
    readonly combinations: number;
    /** Combinations meeting the constraints and the strategy's own check. */
    readonly valid: number;
    readonly ruledOutByConstraint: number;
    readonly ruledOutByStrategy: number;
    /** Runs the method plans: valid combinations (grid), min(--trials, valid) (random), or at most population × generations (genetic). */
    readonly plannedTrials: number;
    readonly population: number | null;
    readonly generations: number | null;
    /** Genetic: crossover probability [fraction], per-gene mutation probability [fraction], individuals kept; null otherwise. */
    readonly crossoverRate: number | null;
    readonly mutationRate: number | null;
    readonly elite: number | null;
    /** TPE: random trials before the model, and trials suggested at once; null otherwise. */
    readonly startupTrials: number | null;
    readonly batch: number | null;
  };
  /**
   * Where each run starts deciding: `per-trial` (the default) at its own first decision bar,
   * 1 + its own warm-up, exactly as `bt run` with its parameters, so a row reproduces with
   * `bt run`; `common` (`--common-start`) every run from 1 + the largest warm-up in the search
   * space, so all runs cover the same window.
   */
  readonly start: DecisionStart;
  /** Largest warm-up in the search space [bars]. */
  readonly warmupBars: number;
  /** With `start: 'common'`, the first decision bar of every run (1 + warmupBars); null per trial. */
  readonly firstDecisionBar: number | null;
  readonly objective: Objective;
  readonly seed: number | null;
}

/** The full document: header, counts, the incomplete flag and the result. */
export interface OptimizeDocument extends OptimizeHeader, OptimizeResult {
  readonly schemaVersion: number;
  readonly kind: 'optimize';
  /** True when the search was interrupted (Ctrl-C) or merged from an interrupted shard. */
  readonly incomplete: boolean;
  readonly counts: {
    /** Runs made. */
    readonly evaluated: number;
    /** Runs without an objective value (metric unavailable, or fewer trades than minTrades). */
    readonly withoutObjective: number;
  };
  /**
   * Deflated Sharpe Ratio and PBO (`optimize/overfitting.ts`); null where the bars are not at
   * hand (`bt merge`, which otherwise gives the unsharded document).
   */
  readonly overfitting: OverfittingReport | null;
}

/** Ranks trial runs best first (see the module comment). */
export function rankRuns(objective: Objective, runs: readonly TrialRun[]): TrialRun[] {
  const keyed = runs.map((run) => ({ run, value: objectiveValue(objective, run.metrics), trial: run.trial }));
  keyed.sort((a, b) => compareRuns(objective, a, b));
  return keyed.map((entry) => entry.run);
}

/** Builds the result from unranked trial runs. */
export function buildOptimizeResult(objective: Objective, seed: number | null, runs: readonly TrialRun[]): OptimizeResult {
  const ranked = rankRuns(objective, runs).map(({ params, metrics }) => ({ params, metrics }));
  const first = ranked[0];
  const best = first !== undefined && objectiveValue(objective, first.metrics) !== null ? first : null;
  return { best, runs: ranked, objective, seed };
}

/** Builds the document (fixed key order) from the header and unranked trial runs. */
export function buildOptimizeDocument(header: OptimizeHeader, runs: readonly TrialRun[], incomplete: boolean, overfitting: OverfittingReport | null = null): OptimizeDocument {
  const result = buildOptimizeResult(header.objective, header.seed, runs);
  return {
    schemaVersion: OPTIMIZE_SCHEMA_VERSION,
    kind: 'optimize',
    btVersion: header.btVersion,
    strategy: header.strategy,
    data: header.data,
    conventions: header.conventions,
    search: header.search,
    start: header.start,
    warmupBars: header.warmupBars,
    firstDecisionBar: header.firstDecisionBar,
    objective: header.objective,
    seed: header.seed,
    incomplete,
    counts: {
      evaluated: runs.length,
      withoutObjective: runs.filter((run) => objectiveValue(header.objective, run.metrics) === null).length,
    },
    overfitting,
    best: result.best,
    runs: result.runs,
  };
}
