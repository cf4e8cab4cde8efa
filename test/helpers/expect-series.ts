/**
 * Assertions for indicator outputs written as plain number lists in tests.
 */
import { expect } from 'vitest';

/** A `Float64Array` of `values`, for writing inputs inline. */
export const f64 = (values: readonly number[]): Float64Array => Float64Array.from(values);

/** Expects `actual` to equal `expected` (NaN where expected is NaN) within `digits` decimals. */
export function expectSeries(actual: Float64Array, expected: readonly number[], digits = 12): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, t) => {
    if (Number.isNaN(e)) expect(actual[t], `bar ${t} is undefined`).toBeNaN();
    else expect(actual[t], `bar ${t}`).toBeCloseTo(e, digits);
  });
}
