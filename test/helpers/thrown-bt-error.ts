/**
 * Catching the typed error a call must throw, so tests can assert its code, message and location.
 */
import { expect } from 'vitest';
import { BtError } from '../../src/errors.js';

/**
 * The {@link BtError} that `run` throws; fails the test when it throws anything else.
 * @throws {Error} when `run` returns normally.
 */
export function thrownBtError(run: () => unknown): BtError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BtError);
    return error as BtError;
  }
  throw new Error('did not throw');
}
