/**
 * The search space of an optimization: one axis of candidate values per searched parameter,
 * read from `--param` specs against the strategy's parameter schema, plus the fixed values of
 * the other parameters. Combinations are numbered in mixed radix with the first axis most
 * significant, so combination 0 is every axis at its first value and the numbering follows
 * the order the parameters were given (`--param fast=… --param slow=…`: fast varies slowest).
 *
 * Spec forms (`--param NAME=…`):
 * - `start:stop:step` — numbers from start to stop inclusive (`5:50:5` = 5, 10, … 50);
 * - `start:stop` — the same with the schema's `step` (1 for an int without one);
 * - `a,b,c` — a list (numbers, `true`/`false`, enum values);
 * - `v` — one value (the parameter is held at it);
 * - `NAME` alone — booleans: false, true; enums: every value; numbers: the schema's
 *   min … max by its step (an error when the schema has no min, max or step).
 * Every value is checked with the schema (`coerceParam`), so an int range may not hold 2.5.
 */
import { didYouMean } from '../config/suggest.js';
import { UsageError } from '../errors.js';
import { coerceParam, describeAllowed, type ParamSchema, type ParamSpec } from '../strategy/params.js';

/** A parameter value: a number, a boolean or an enum string. */
export type ParamValue = number | boolean | string;

/** One searched parameter and its candidate values, in search order. */
export interface ParamAxis {
  readonly name: string;
  readonly values: readonly ParamValue[];
}

/** The axes, the fixed values of the other parameters and the number of combinations. */
export interface SearchSpace {
  readonly axes: readonly ParamAxis[];
  /** Values of the parameters not searched (schema defaults, YAML and `--strat`), schema order. */
  readonly fixed: Readonly<Record<string, ParamValue>>;
  /** Parameter names in schema order: the key order of every params object built here. */
  readonly order: readonly string[];
  /** Number of combinations, the product of the axis lengths. */
  readonly size: number;
}

/** The largest search space `bt` enumerates (each combination is validated and its warm-up probed). */
export const MAX_SPACE_SIZE = 1_000_000;

/** Most values one axis may hold (a typo guard: `1:1e9:1`). */
const MAX_AXIS_VALUES = 100_000;

const NAME_PATTERN = /^[A-Za-z_$][\w$-]*$/;
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function syntaxError(spec: string, why: string): never {
  throw new UsageError('BT_PARAM_SYNTAX', `--param "${spec}": ${why}`, {
    hint: 'write --param NAME=START:STOP:STEP (inclusive), NAME=A,B,C, NAME=VALUE, or NAME alone for its schema range',
    location: { flag: '--param' },
  });
}

/** Decimal places of a number as written (`0.25` → 2, `1e-3` → 3), for rounding range steps. */
function decimals(text: string): number {
  const match = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (match === null) return 0;
  const fraction = match[2]?.length ?? 0;
  const exponent = Number(match[3] ?? 0);
  return Math.max(0, fraction - exponent);
}

/**
 * The inclusive range start, start + step, … ≤ stop. Values are start + i·step rounded to the
 * decimals of the inputs, so `0.1:0.3:0.1` gives 0.1, 0.2, 0.3 (not 0.30000000000000004).
 */
export function rangeValues(start: number, stop: number, step: number, places: number): number[] {
  const count = Math.floor((stop - start) / step + 1e-9) + 1;
  const values: number[] = [];
  const scale = 10 ** Math.min(places, 15);
  for (let i = 0; i < count; i++) {
    const raw = start + i * step;
    values.push(places > 0 ? Math.round(raw * scale) / scale : raw);
  }
  return values;
}

function parseNumber(spec: string, text: string): number {
  if (!NUMBER_PATTERN.test(text)) syntaxError(spec, `"${text}" is not a number`);
  return Number(text);
}

function rangeAxis(spec: string, name: string, param: ParamSpec, parts: readonly string[]): number[] {
  if (param.type !== 'int' && param.type !== 'number') {
    syntaxError(spec, `"${name}" is ${param.type === 'boolean' ? 'a boolean' : 'an enum'}; a range needs a number parameter (list its values: ${name}=${param.type === 'boolean' ? 'true,false' : param.values.join(',')})`);
  }
  const [startText, stopText, stepText] = parts.map((p) => p.trim());
  const start = parseNumber(spec, startText);
  const stop = parseNumber(spec, stopText);
  let step: number;
  let places = Math.max(decimals(startText), decimals(stopText));
  if (stepText !== undefined) {
    step = parseNumber(spec, stepText);
    places = Math.max(places, decimals(stepText));
  } else if (param.step !== undefined) {
    step = param.step;
    places = Math.max(places, decimals(String(param.step)));
  } else if (param.type === 'int') step = 1;
  else syntaxError(spec, `"${name}" has no default step in its schema; give one: ${name}=${startText}:${stopText}:STEP`);
  if (!(step > 0)) syntaxError(spec, `the step must be above 0, got "${stepText ?? step}"`);
  if (stop < start) syntaxError(spec, `the range runs backwards (${start} > ${stop}); write START:STOP with START ≤ STOP`);
  if ((stop - start) / step + 1 > MAX_AXIS_VALUES) syntaxError(spec, `the range has more than ${MAX_AXIS_VALUES.toLocaleString('en-US')} values; use a larger step`);
  return rangeValues(start, stop, step, places);
}

function schemaAxis(name: string, param: ParamSpec): ParamValue[] {
  switch (param.type) {
    case 'boolean':
      return [false, true];
    case 'enum':
      return [...param.values];
    default: {
      if (param.min === undefined || param.max === undefined || (param.step === undefined && param.type === 'number')) {
        const missing = [param.min === undefined ? 'min' : '', param.max === undefined ? 'max' : '', param.step === undefined && param.type === 'number' ? 'step' : '']
          .filter((x) => x !== '')
          .join(', ');
        throw new UsageError('BT_PARAM_RANGE', `--param ${name}: the schema gives no ${missing} for "${name}", so its range cannot be derived`, {
          hint: `give the range yourself: --param ${name}=START:STOP:STEP (${describeAllowed(param)})`,
          location: { flag: '--param', param: name },
        });
      }
      const step = param.step ?? 1;
      if ((param.max - param.min) / step + 1 > MAX_AXIS_VALUES) {
        throw new UsageError('BT_PARAM_RANGE', `--param ${name}: the schema range ${param.min} … ${param.max} by ${step} has too many values`, {
          hint: `give a narrower range: --param ${name}=START:STOP:STEP`,
          location: { flag: '--param', param: name },
        });
      }
      return rangeValues(param.min, param.max, step, decimals(String(step)));
    }
  }
}

/** Checks one value with the schema, naming `--param` in the error. */
function checkValue(name: string, param: ParamSpec, raw: unknown): ParamValue {
  try {
    return coerceParam(name, param, raw, 'optimizer');
  } catch {
    throw new UsageError('BT_PARAM_INVALID', `--param ${name}: value "${String(raw)}" is not allowed: "${name}" must be ${describeAllowed(param)}`, {
      hint: `${param.description}; default ${String(param.default)}`,
      location: { flag: '--param', param: name },
    });
  }
}

/**
 * Parses one `--param` spec into an axis.
 * @throws UsageError `BT_PARAM_SYNTAX` (malformed), `BT_PARAM_UNKNOWN` (not in the schema, with
 *   did-you-mean), `BT_PARAM_INVALID` (a value the schema refuses), `BT_PARAM_RANGE` (no range
 *   derivable from the schema).
 */
export function parseParamSpec(spec: string, schema: ParamSchema): ParamAxis {
  const text = spec.trim();
  const eq = text.indexOf('=');
  const name = (eq < 0 ? text : text.slice(0, eq)).trim();
  if (name === '' || !NAME_PATTERN.test(name)) syntaxError(spec, `expected a parameter name before "=", got "${name}"`);
  const param = Object.hasOwn(schema, name) ? schema[name] : undefined;
  if (param === undefined) {
    const names = Object.keys(schema);
    throw new UsageError('BT_PARAM_UNKNOWN', `--param: unknown strategy parameter "${name}"${didYouMean(name, names)}`, {
      hint: `valid parameters: ${names.length > 0 ? names.join(', ') : '(this strategy has no parameters)'}`,
      location: { flag: '--param', param: name },
    });
  }
  if (eq < 0) return { name, values: schemaAxis(name, param) };
  const body = text.slice(eq + 1).trim();
  if (body === '') syntaxError(spec, `no values after "${name}="`);
  let raw: unknown[];
  if (body.includes(':')) {
    const parts = body.split(':');
    if (parts.length > 3 || parts.some((p) => p.trim() === '')) syntaxError(spec, `expected START:STOP or START:STOP:STEP, got "${body}"`);
    if (body.includes(',')) syntaxError(spec, 'mix of a range (":") and a list (",")');
    raw = rangeAxis(spec, name, param, parts);
  } else {
    raw = body.split(',').map((part) => part.trim());
    if (raw.some((part) => part === '')) syntaxError(spec, `empty item in the list "${body}"`);
  }
  const values: ParamValue[] = [];
  for (const item of raw) {
    const value = checkValue(name, param, item);
    if (!values.includes(value)) values.push(value);
  }
  return { name, values };
}

/**
 * Builds the search space from `--param` specs; the other parameters keep their values from
 * `fixed` (resolved from the schema defaults, YAML and `--strat`).
 * @throws UsageError as {@link parseParamSpec}; `BT_PARAM_DUPLICATE` for a parameter given
 *   twice; `BT_SEARCH_EMPTY` for no `--param`; `BT_SEARCH_TOO_LARGE` above {@link MAX_SPACE_SIZE}.
 */
export function buildSearchSpace(specs: readonly string[], schema: ParamSchema, fixed: Readonly<Record<string, ParamValue>>): SearchSpace {
  if (specs.length === 0) {
    const names = Object.keys(schema);
    throw new UsageError('BT_SEARCH_EMPTY', 'nothing to optimize: no --param given', {
      hint: names.length > 0 ? `search at least one parameter, e.g. --param ${names[0]}=START:STOP:STEP (parameters: ${names.join(', ')})` : 'this strategy has no parameters to optimize',
      location: { flag: '--param' },
    });
  }
  const axes: ParamAxis[] = [];
  for (const spec of specs) {
    const axis = parseParamSpec(spec, schema);
    if (axes.some((other) => other.name === axis.name)) {
      throw new UsageError('BT_PARAM_DUPLICATE', `--param: parameter "${axis.name}" is given twice`, {
        hint: `give each parameter once; list values with commas: --param ${axis.name}=A,B,C`,
        location: { flag: '--param', param: axis.name },
      });
    }
    axes.push(axis);
  }
  let size = 1;
  for (const axis of axes) size *= axis.values.length;
  if (size > MAX_SPACE_SIZE) {
    throw new UsageError('BT_SEARCH_TOO_LARGE', `the search space has ${size.toLocaleString('en-US')} combinations, above the limit of ${MAX_SPACE_SIZE.toLocaleString('en-US')}`, {
      hint: `use larger steps or fewer values (${axes.map((a) => `${a.name}: ${a.values.length}`).join(', ')})`,
      location: { flag: '--param' },
    });
  }
  const searched = new Set(axes.map((axis) => axis.name));
  const rest: Record<string, ParamValue> = {};
  for (const name of Object.keys(schema)) if (!searched.has(name)) rest[name] = fixed[name] ?? (schema[name].default as ParamValue);
  return { axes, fixed: rest, order: Object.keys(schema), size };
}

/** The axis positions of combination `index` (mixed radix, first axis most significant). */
export function genomeAt(space: SearchSpace, index: number): number[] {
  const genome = new Array<number>(space.axes.length);
  let rest = index;
  for (let a = space.axes.length - 1; a >= 0; a--) {
    const base = space.axes[a].values.length;
    genome[a] = rest % base;
    rest = Math.floor(rest / base);
  }
  return genome;
}

/** The combination number of axis positions `genome` (inverse of {@link genomeAt}). */
export function indexOfGenome(space: SearchSpace, genome: readonly number[]): number {
  let index = 0;
  for (let a = 0; a < space.axes.length; a++) index = index * space.axes[a].values.length + genome[a];
  return index;
}

/** Full parameter values (searched and fixed) of combination `index`, in schema key order. */
export function paramsAt(space: SearchSpace, index: number): Record<string, ParamValue> {
  const genome = genomeAt(space, index);
  const searched: Record<string, ParamValue> = {};
  space.axes.forEach((axis, a) => (searched[axis.name] = axis.values[genome[a]]));
  const params: Record<string, ParamValue> = {};
  for (const name of space.order) params[name] = name in searched ? searched[name] : space.fixed[name];
  return params;
}

/** Only the searched values of `params`, in axis order (for tables and CSV). */
export function searchedValues(space: SearchSpace, params: Readonly<Record<string, unknown>>): ParamValue[] {
  return space.axes.map((axis) => params[axis.name] as ParamValue);
}
