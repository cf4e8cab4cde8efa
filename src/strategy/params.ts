/**
 * Strategy parameter schemas: parameters are data, and one schema drives `--strat k=v`
 * validation, YAML validation, `bt strategies NAME` help and the optimizer's search ranges.
 */
import { StrategyError, UsageError } from '../errors.js';
import { didYouMean } from '../config/suggest.js';

/** A whole-number parameter (lengths in bars, counts). */
export interface IntParam {
  readonly type: 'int';
  readonly default: number;
  readonly min?: number;
  readonly max?: number;
  /** Default step of optimizer ranges. */
  readonly step?: number;
  readonly description: string;
}

/** A real-number parameter (thresholds, multipliers, fractions). */
export interface NumberParam {
  readonly type: 'number';
  readonly default: number;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly description: string;
}

/** A true/false switch. */
export interface BooleanParam {
  readonly type: 'boolean';
  readonly default: boolean;
  readonly description: string;
}

/** One of a fixed list of strings. */
export interface EnumParam<V extends string = string> {
  readonly type: 'enum';
  readonly values: readonly V[];
  readonly default: V;
  readonly description: string;
}

/** Any parameter specification. */
export type ParamSpec = IntParam | NumberParam | BooleanParam | EnumParam;

/** A strategy's parameters by name, in declaration order. */
export type ParamSchema = Readonly<Record<string, ParamSpec>>;

/** The resolved value type of one parameter spec. */
export type ParamValue<P> = P extends BooleanParam
  ? boolean
  : P extends EnumParam<infer V>
    ? V
    : number;

/** Resolved parameter values of a schema, fully typed (enums as their string unions). */
export type ParamValues<S extends ParamSchema> = { readonly [K in keyof S]: ParamValue<S[K]> };

/** Where a raw value came from, for error messages. */
export type ParamOrigin = 'flag' | 'yaml' | 'default' | 'optimizer';

const INT_PATTERN = /^[+-]?\d+$/;
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$/;

/** Formats a spec's allowed values for messages: `int 2..500`, `one of long-only, long-short`. */
export function describeAllowed(spec: ParamSpec): string {
  switch (spec.type) {
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    default: {
      const range =
        spec.min !== undefined && spec.max !== undefined
          ? ` from ${spec.min} to ${spec.max}`
          : spec.min !== undefined
            ? ` ≥ ${spec.min}`
            : spec.max !== undefined
              ? ` ≤ ${spec.max}`
              : '';
      return `${spec.type === 'int' ? 'a whole number' : 'a number'}${range}`;
    }
  }
}

/**
 * Converts one raw value (a string from `--strat`, or a YAML scalar) to the spec's type and
 * checks its range.
 * @throws UsageError `BT_PARAM_INVALID` naming the parameter, the value and what is allowed.
 */
export function coerceParam(name: string, spec: ParamSpec, raw: unknown, origin: ParamOrigin): number | boolean | string {
  const fail = (): never => {
    const where = origin === 'flag' ? '--strat' : origin === 'yaml' ? 'config params' : origin;
    throw new UsageError('BT_PARAM_INVALID', `${where}: parameter "${name}" must be ${describeAllowed(spec)}, got "${String(raw)}"`, {
      hint: `${spec.description}; default ${String(spec.default)}`,
      location: { param: name },
    });
  };
  switch (spec.type) {
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const text = String(raw).trim().toLowerCase();
      if (['true', 'yes', '1', 'on'].includes(text)) return true;
      if (['false', 'no', '0', 'off'].includes(text)) return false;
      return fail();
    }
    case 'enum': {
      const text = String(raw).trim();
      const match = spec.values.find((v) => v.toLowerCase() === text.toLowerCase());
      if (match === undefined) {
        throw new UsageError(
          'BT_PARAM_INVALID',
          `parameter "${name}" must be ${describeAllowed(spec)}, got "${text}"${didYouMean(text, spec.values)}`,
          { hint: spec.description, location: { param: name } },
        );
      }
      return match;
    }
    case 'int':
    case 'number': {
      let value: number;
      if (typeof raw === 'number') value = raw;
      else {
        const text = String(raw).trim();
        if (spec.type === 'int' ? !INT_PATTERN.test(text) : !NUMBER_PATTERN.test(text)) return fail();
        value = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
      }
      if (!Number.isFinite(value)) return fail();
      if (spec.type === 'int' && !Number.isInteger(value)) return fail();
      if (spec.min !== undefined && value < spec.min) return fail();
      if (spec.max !== undefined && value > spec.max) return fail();
      return value;
    }
  }
}

/**
 * Resolves parameter values: schema defaults, overridden by `overrides` (in order; later
 * objects win). Each override value is coerced and range-checked.
 * @throws UsageError `BT_PARAM_UNKNOWN` for a name not in the schema (listing the valid names,
 *   with a did-you-mean), `BT_PARAM_INVALID` for a bad value.
 */
export function resolveParams<S extends ParamSchema>(
  schema: S,
  ...overrides: readonly { readonly values: Readonly<Record<string, unknown>>; readonly origin: ParamOrigin }[]
): ParamValues<S> {
  const resolved: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) resolved[name] = spec.default;
  const names = Object.keys(schema);
  for (const { values, origin } of overrides) {
    for (const [name, raw] of Object.entries(values)) {
      const spec = Object.hasOwn(schema, name) ? schema[name] : undefined;
      if (spec === undefined) {
        const valid = names.length > 0 ? names.join(', ') : '(this strategy has no parameters)';
        throw new UsageError('BT_PARAM_UNKNOWN', `unknown strategy parameter "${name}"${didYouMean(name, names)}`, {
          hint: `valid parameters: ${valid}`,
          location: { param: name },
        });
      }
      resolved[name] = coerceParam(name, spec, raw, origin);
    }
  }
  return resolved as ParamValues<S>;
}

/**
 * Parses `--strat` values: each item is `k=v` pairs separated by commas
 * (`fast=10,slow=30`); items may repeat (`--strat fast=10 --strat slow=30`).
 * @throws UsageError `BT_STRAT_SYNTAX` for an item without `=`.
 */
export function parseStratArgs(items: readonly string[]): Record<string, string> {
  // A Map, so that names like "__proto__" or "constructor" stay plain keys (and then unknown parameters).
  const result = new Map<string, string>();
  for (const item of items) {
    for (const part of item.split(',')) {
      const text = part.trim();
      if (text === '') continue;
      const eq = text.indexOf('=');
      if (eq <= 0) {
        throw new UsageError('BT_STRAT_SYNTAX', `--strat: expected name=value, got "${text}"`, {
          hint: 'write parameters as --strat fast=10,slow=30',
          location: { flag: '--strat' },
        });
      }
      result.set(text.slice(0, eq).trim(), text.slice(eq + 1).trim());
    }
  }
  return Object.fromEntries(result);
}

/** The parameter types a schema may declare. */
export const PARAM_TYPES: readonly string[] = ['int', 'number', 'boolean', 'enum'];

/**
 * What is wrong with one parameter spec of a strategy's schema, or undefined when it is sound:
 * a known `type`; a `default` of that type; finite `min` ≤ `max` with the default between them
 * (whole numbers for `int`); a positive `step`; a non-empty list of enum `values` holding the
 * default.
 */
export function paramSpecProblem(spec: unknown): string | undefined {
  if (typeof spec !== 'object' || spec === null) return 'it is not an object';
  const s = spec as Record<string, unknown>;
  if (typeof s.type !== 'string' || !PARAM_TYPES.includes(s.type)) return `type "${String(s.type)}" is not one of ${PARAM_TYPES.join(', ')}`;
  if (s.description !== undefined && typeof s.description !== 'string') return 'description is not a string';
  switch (s.type) {
    case 'boolean':
      return typeof s.default === 'boolean' ? undefined : `default "${String(s.default)}" is not true or false`;
    case 'enum': {
      if (!Array.isArray(s.values) || s.values.length === 0 || !s.values.every((v) => typeof v === 'string')) return 'values is not a non-empty list of strings';
      return (s.values as unknown[]).includes(s.default) ? undefined : `default "${String(s.default)}" is not one of its values (${s.values.join(', ')})`;
    }
    default: {
      const isInt = s.type === 'int';
      const kind = isInt ? 'a whole number' : 'a finite number';
      const bad = (value: unknown): boolean => typeof value !== 'number' || !Number.isFinite(value) || (isInt && !Number.isInteger(value));
      if (bad(s.default)) return `default "${String(s.default)}" is not ${kind}`;
      for (const key of ['min', 'max'] as const) if (s[key] !== undefined && bad(s[key])) return `${key} "${String(s[key])}" is not ${kind}`;
      if (s.step !== undefined && (typeof s.step !== 'number' || !Number.isFinite(s.step) || s.step <= 0)) return `step "${String(s.step)}" is not a positive number`;
      const min = s.min as number | undefined;
      const max = s.max as number | undefined;
      const value = s.default as number;
      if (min !== undefined && max !== undefined && min > max) return `min ${min} is above max ${max}`;
      if (min !== undefined && value < min) return `default ${value} is below min ${min}`;
      if (max !== undefined && value > max) return `default ${value} is above max ${max}`;
      return undefined;
    }
  }
}

/**
 * Checks a strategy's parameter schema when it is loaded, so that a broken schema fails at once
 * instead of giving an empty search space or silently accepting any value.
 * @throws StrategyError `BT_STRATEGY_PARAMS` naming `source` and the parameter (exit 4).
 */
export function validateParamSchema(schema: unknown, source: string): void {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new StrategyError('BT_STRATEGY_PARAMS', `${source}: "params" is not an object of parameter specs`, {
      hint: "declare parameters as params: { fast: { type: 'int', default: 10, min: 2, description: 'fast SMA length [bars]' } }",
      location: { file: source },
    });
  }
  for (const [name, spec] of Object.entries(schema)) {
    const problem = paramSpecProblem(spec);
    if (problem !== undefined) {
      throw new StrategyError('BT_STRATEGY_PARAMS', `${source}: parameter "${name}": ${problem}`, {
        hint: "fix the parameter's spec: type int | number | boolean | enum, a default of that type, min ≤ default ≤ max",
        location: { file: source, param: name },
      });
    }
  }
}
