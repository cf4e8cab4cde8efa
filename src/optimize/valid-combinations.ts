/**
 * Which combinations of a search space may run: those that meet every `--constraint` and that
 * the strategy's own `validate()` accepts. The others are skipped and counted, never run.
 */
import { UsageError } from '../errors.js';
import type { Constraint } from './constraint.js';
import { paramsAt, type SearchSpace } from './search-space.js';

/** The valid combinations of a space and how many were ruled out, by what. */
export interface ValidCombinations {
  /** Combination numbers that may run, ascending. */
  readonly indices: readonly number[];
  /** Membership of every combination number (1 = valid), for the genetic search. */
  readonly isValid: Uint8Array;
  /** Combinations ruled out by a `--constraint`. */
  readonly ruledOutByConstraint: number;
  /** Combinations that met the constraints but the strategy's `validate()` refused. */
  readonly ruledOutByStrategy: number;
}

/** The strategy's check of a combination: a message saying what is wrong, or undefined. */
export type StrategyValidate = (params: Readonly<Record<string, unknown>>) => string | undefined;

/**
 * Scans the whole space in combination order.
 * @throws UsageError `BT_SEARCH_EMPTY` when no combination is valid, saying how many each
 *   rule removed and giving the strategy's first refusal.
 */
export function validCombinations(space: SearchSpace, constraints: readonly Constraint[], validate: StrategyValidate | undefined): ValidCombinations {
  const indices: number[] = [];
  const isValid = new Uint8Array(space.size);
  let byConstraint = 0;
  let byStrategy = 0;
  let firstRefusal: string | undefined;
  for (let index = 0; index < space.size; index++) {
    const params = paramsAt(space, index);
    if (!constraints.every((constraint) => constraint.test(params))) {
      byConstraint++;
      continue;
    }
    const problem = validate?.(params);
    if (problem !== undefined) {
      byStrategy++;
      firstRefusal ??= problem;
      continue;
    }
    indices.push(index);
    isValid[index] = 1;
  }
  if (indices.length === 0) {
    const reasons = [
      byConstraint > 0 ? `${byConstraint} by --constraint` : '',
      byStrategy > 0 ? `${byStrategy} by the strategy's own check (first: ${firstRefusal})` : '',
    ].filter((x) => x !== '');
    throw new UsageError('BT_SEARCH_EMPTY', `the search space is empty: all ${space.size} combination(s) are ruled out (${reasons.join('; ')})`, {
      hint: 'widen the --param ranges or relax the --constraint',
      location: { flag: '--param' },
    });
  }
  return { indices, isValid, ruledOutByConstraint: byConstraint, ruledOutByStrategy: byStrategy };
}
