/**
 * Parsing of the value forms used by flags and YAML: rates (`0.1%` or `0.001`), money,
 * counts. Each parser names the flag (or YAML key) in its error.
 */
import { UsageError } from '../errors.js';

/** Where a value came from: a flag like `--commission` or a YAML key like `commission`. */
export interface ValueOrigin {
  /** `--flag` or `config key "x"`, for messages. */
  readonly label: string;
  readonly flag?: string;
  readonly file?: string;
  readonly line?: number;
}

function fail(origin: ValueOrigin, message: string, hint: string): never {
  throw new UsageError('BT_BAD_VALUE', `${origin.label}: ${message}`, {
    hint,
    location: origin.file !== undefined ? { file: origin.file, line: origin.line } : { flag: origin.flag ?? origin.label },
  });
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a rate: `0.1%` (percent) or `0.001` (fraction) → 0.001 [fraction].
 * A bare number above `maxFraction` is refused as a likely percent typo.
 * @throws UsageError `BT_BAD_VALUE` naming the flag, with a hint showing both forms.
 */
export function parseRate(raw: unknown, origin: ValueOrigin, maxFraction = 1): number {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 0) fail(origin, `expected a rate ≥ 0, got "${raw}"`, 'write 0.1% or 0.001');
    if (raw > maxFraction) fail(origin, `"${raw}" is ${raw * 100} %, which is too large`, `write ${raw}% for ${raw} percent`);
    return raw;
  }
  const text = String(raw).trim();
  const isPercent = text.endsWith('%');
  const body = isPercent ? text.slice(0, -1).trim() : text;
  if (!NUMBER.test(body)) fail(origin, `expected a rate like "0.1%" or "0.001", got "${text}"`, 'write 0.1% or 0.001 (a fraction)');
  const value = isPercent ? Number(body) / 100 : Number(body);
  if (value < 0) fail(origin, `a rate cannot be negative, got "${text}"`, 'use 0 for none');
  if (!isPercent && value > maxFraction) {
    fail(origin, `"${text}" would be ${value * 100} %`, `write ${text}% if you meant ${text} percent`);
  }
  if (isPercent && value > maxFraction) fail(origin, `"${text}" is too large`, `use at most ${maxFraction * 100}%`);
  return value;
}

/**
 * Parses a positive (or, with `allowZero`, non-negative) finite number, e.g. cash or units,
 * within `[min, max]` when given (0 itself is allowed with `allowZero`).
 * @throws UsageError `BT_BAD_VALUE`.
 */
export function parsePositive(raw: unknown, origin: ValueOrigin, options: { allowZero?: boolean; integer?: boolean; min?: number; max?: number } = {}): number {
  const text = typeof raw === 'number' ? String(raw) : String(raw).trim().replace(/_/g, '');
  const value = Number(text);
  const ok = NUMBER.test(text) && Number.isFinite(value) && (options.allowZero ? value >= 0 : value > 0);
  if (!ok) fail(origin, `expected a ${options.allowZero ? 'non-negative' : 'positive'} number, got "${String(raw)}"`, 'e.g. 100000');
  if (options.integer && !Number.isInteger(value)) fail(origin, `expected a whole number, got "${String(raw)}"`, 'e.g. 10');
  const { min, max } = options;
  if ((max !== undefined && value > max) || (min !== undefined && value !== 0 && value < min)) {
    fail(origin, `"${String(raw)}" is out of range`, `use ${options.allowZero ? '0 or ' : ''}${min ?? 0} … ${max ?? 'any'}`);
  }
  return value;
}

/**
 * Accepted range of money amounts (cash, fixed commission) [cash]: large enough for any
 * account, small enough that sums of prices × units stay exact to the cent in a double
 * (2^53 ≈ 9.007e15).
 */
export const MONEY_RANGE = { min: 1e-6, max: 1e15 } as const;

/** Accepted range of an order size in units (`--size`, `sizing: { units }`). */
export const UNITS_RANGE = { min: 1e-8, max: 1e12 } as const;
