/**
 * Commission and slippage models, as plain functions configured once per run.
 */

/** Commission settings: a fraction of traded value plus a fixed amount per fill. */
export interface CommissionConfig {
  /** Fraction of |units| × price charged on every fill [fraction, e.g. 0.001 = 0.1 %]. */
  readonly rate: number;
  /** Cash charged per fill, in addition [cash]. */
  readonly fixed: number;
}

/**
 * Commission of one fill [cash]: `(|units| × price) × rate + fixed`. The product order
 * follows backtesting.py 0.6.6 (CONVENTIONS.md §4), so golden values match to the last bit.
 */
export function commissionOf(config: CommissionConfig, quantity: number, price: number): number {
  const variable = config.rate === 0 ? 0 : quantity * price * config.rate;
  return config.fixed === 0 ? variable : variable + config.fixed;
}

/**
 * Executed price after slippage [price]: `reference × (1 + rate)` for buys and
 * `reference × (1 − rate)` for sells (always adverse to the order side).
 */
export function slippedPrice(rate: number, isBuy: boolean, reference: number): number {
  if (rate === 0) return reference;
  return isBuy ? reference * (1 + rate) : reference * (1 - rate);
}

/**
 * Python's float floor division `a // b` (CPython `float_divmod`), which is the floor of the
 * exact quotient; `Math.floor(a / b)` can differ when a / b rounds up to a whole number.
 * Used by all-in sizing (CONVENTIONS.md §7.1).
 */
export function floorDivide(a: number, b: number): number {
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) {
    mod += b;
    div -= 1;
  }
  if (div === 0) return 0 * (a / b);
  let floor = Math.floor(div);
  if (div - floor > 0.5) floor += 1;
  return floor;
}
