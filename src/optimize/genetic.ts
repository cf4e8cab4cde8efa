/**
 * Genetic search over the discrete search space (a small, plain genetic algorithm; no library
 * fits a discrete, constrained grid with a seeded generator better than these few lines).
 *
 * A genome is one position per axis. Generation 0 is `population` distinct valid combinations
 * drawn at random. Each later generation keeps the `elite` best (default: the best tenth, at
 * least one) and fills the rest with children: two parents picked by 3-way tournaments; with
 * probability `crossoverRate` (default 1) uniform crossover (each gene from either parent with
 * probability ½), otherwise a copy of the first parent; then mutation of each gene with
 * probability `mutationRate` (default 1 / number of axes): half of the time a step of 1 … ⌈10 % of the axis⌉ positions up or down
 * (clamped), otherwise a uniformly drawn position. A child that breaks a constraint, or that is
 * already in the new generation, is redrawn (up to 20 times, then a random valid combination
 * is taken). Combinations already evaluated are not run again: their values are reused.
 * `generations` counts generation 0, so at most population × generations runs are made.
 *
 * Every random choice comes from one mulberry32(seed) stream consumed in a fixed order in the
 * calling thread, and evaluation results are keyed by combination, so the search is the same
 * for any number of workers.
 */
import { compareRuns, type Objective } from './objective.js';
import { mulberry32, type Random } from './prng.js';
import { genomeAt, indexOfGenome, type SearchSpace } from './search-space.js';

/** Settings of a genetic search. */
export interface GeneticOptions {
  readonly space: SearchSpace;
  /** Valid combination numbers, ascending. */
  readonly valid: readonly number[];
  /** Membership of every combination number (1 = valid). */
  readonly isValid: Uint8Array;
  readonly objective: Objective;
  /** Individuals per generation (≥ 2). */
  readonly population: number;
  /** Generations including the random first one (≥ 1). */
  readonly generations: number;
  readonly seed: number;
  /** Probability [0, 1] that a child is a crossover of its parents rather than a copy of one; default 1. */
  readonly crossoverRate?: number;
  /** Probability [0, 1] that each gene of a child mutates; default 1 / number of axes. */
  readonly mutationRate?: number;
  /** Best individuals carried into the next generation unchanged (0 … population − 1); default max(1, ⌊population / 10⌋). */
  readonly elite?: number;
}

/** The default elite of a population: the best tenth, at least one. */
export function defaultElite(population: number): number {
  return Math.max(1, Math.floor(population / 10));
}

/** What the search needs from its caller: running combinations and reading back their ranking data. */
export interface GeneticEvaluator {
  /**
   * Runs the combinations not evaluated before, in the order given; resolves false when the
   * optimization was interrupted (the search then stops).
   */
  evaluate(indices: readonly number[]): Promise<boolean>;
  /** Objective value and trial number of an evaluated combination. */
  rankOf(index: number): { readonly value: number | null; readonly trial: number };
}

const TOURNAMENT_SIZE = 3;
const REDRAWS = 20;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/**
 * Runs the search; the caller's evaluator records every run.
 * @returns false when interrupted, true when all generations ran.
 */
export async function geneticSearch(options: GeneticOptions, evaluator: GeneticEvaluator): Promise<boolean> {
  const { space, valid, isValid, objective } = options;
  const random = mulberry32(options.seed);
  const axes = space.axes.map((axis) => axis.values.length);
  const size = Math.min(options.population, valid.length);
  const compare = (a: number, b: number): number => compareRuns(objective, evaluator.rankOf(a), evaluator.rankOf(b));

  // Generation 0: distinct valid combinations (partial Fisher–Yates over the valid list).
  const shuffled = valid.slice();
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (shuffled.length - i));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  let population = shuffled.slice(0, size);
  if (!(await evaluator.evaluate(population))) return false;

  const evaluated = new Set<number>(population);
  const elite = options.elite === undefined ? defaultElite(size) : Math.min(size, options.elite);
  const mutationRate = options.mutationRate ?? 1 / axes.length;
  const crossoverRate = options.crossoverRate ?? 1;

  const tournament = (): number => {
    let best = pick(random, population);
    for (let k = 1; k < TOURNAMENT_SIZE; k++) {
      const other = pick(random, population);
      if (compare(other, best) < 0) best = other;
    }
    return best;
  };

  const breed = (): number => {
    const mother = genomeAt(space, tournament());
    const father = genomeAt(space, tournament());
    // At the default rate of 1 no number is drawn for the choice, so default searches keep their trials.
    const cross = crossoverRate >= 1 || random() < crossoverRate;
    const child = cross ? mother.map((gene, a) => (random() < 0.5 ? gene : father[a])) : mother.slice();
    for (let a = 0; a < axes.length; a++) {
      if (random() >= mutationRate) continue;
      if (random() < 0.5) {
        const reach = Math.max(1, Math.ceil(axes[a] * 0.1));
        const step = 1 + Math.floor(random() * reach);
        child[a] = Math.min(axes[a] - 1, Math.max(0, child[a] + (random() < 0.5 ? -step : step)));
      } else {
        child[a] = Math.floor(random() * axes[a]);
      }
    }
    return indexOfGenome(space, child);
  };

  for (let generation = 1; generation < options.generations; generation++) {
    if (evaluated.size >= valid.length) break;
    const ranked = [...population].sort(compare);
    const next = ranked.slice(0, elite);
    const members = new Set(next);
    while (next.length < size) {
      let child = -1;
      for (let attempt = 0; attempt < REDRAWS; attempt++) {
        const candidate = breed();
        if (isValid[candidate] === 1 && !members.has(candidate)) {
          child = candidate;
          if (!evaluated.has(candidate)) break;
        }
      }
      if (child < 0 || members.has(child)) {
        // Redraws failed: take a random valid combination not in this generation.
        do child = pick(random, valid);
        while (members.has(child) && members.size < valid.length);
      }
      next.push(child);
      members.add(child);
    }
    population = next;
    const fresh = population.filter((index) => !evaluated.has(index));
    for (const index of fresh) evaluated.add(index);
    if (fresh.length > 0 && !(await evaluator.evaluate(fresh))) return false;
  }
  return true;
}
