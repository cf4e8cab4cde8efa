/**
 * Parameter and input checks shared by the indicator kernels. Every kernel validates its
 * arguments before it allocates, so a bad call fails fast with a message that names the
 * indicator, the parameter and the rule it broke.
 */

/**
 * Checks that `value` is an integer ≥ `min` (a window length or lag [bars]).
 * @throws RangeError naming `indicator` and `name`, e.g. `sma: period must be an integer >= 1, got "0"`.
 */
export function assertPeriod(indicator: string, name: string, value: number, min = 1): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${indicator}: ${name} must be an integer >= ${min}, got "${String(value)}"`);
  }
}

/**
 * Checks that `value` is a finite number strictly greater than `exclusiveMin` (a band width
 * multiplier, an acceleration factor).
 * @throws RangeError naming `indicator` and `name`.
 */
export function assertFinite(indicator: string, name: string, value: number, exclusiveMin = -Infinity): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > exclusiveMin)) {
    const rule = exclusiveMin === -Infinity ? 'a finite number' : `a finite number > ${exclusiveMin}`;
    throw new RangeError(`${indicator}: ${name} must be ${rule}, got "${String(value)}"`);
  }
}

/**
 * Checks that every input column has the length of the first and returns that length.
 * `names` and `columns` are parallel lists, e.g. `['high', 'low', 'close']`.
 * @throws RangeError naming the first column whose length differs.
 */
export function assertSameLength(
  indicator: string,
  names: readonly string[],
  columns: readonly ArrayLike<unknown>[],
): number {
  const length = columns[0].length;
  for (let i = 1; i < columns.length; i++) {
    if (columns[i].length !== length) {
      throw new RangeError(
        `${indicator}: ${names[i]} has ${columns[i].length} values but ${names[0]} has ${length}; pass columns of one series`,
      );
    }
  }
  return length;
}
