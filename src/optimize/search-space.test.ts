import { describe, expect, it } from 'vitest';
import { BtError } from '../errors.js';
import type { ParamSchema } from '../strategy/params.js';
import { buildSearchSpace, genomeAt, indexOfGenome, paramsAt, parseParamSpec, rangeValues } from './search-space.js';

const schema = {
  fast: { type: 'int', default: 10, min: 1, max: 30, step: 5, description: 'fast SMA length [bars]' },
  slow: { type: 'int', default: 30, min: 2, max: 2000, description: 'slow SMA length [bars]' },
  threshold: { type: 'number', default: 0.5, min: 0, max: 1, description: 'threshold' },
  loose: { type: 'number', default: 1, description: 'no range' },
  short: { type: 'boolean', default: false, description: 'allow shorts' },
  direction: { type: 'enum', values: ['long-only', 'long-short'], default: 'long-only', description: 'direction' },
} as const satisfies ParamSchema;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BtError);
    expect((error as BtError).exitCode, 'usage errors exit 2').toBe(2);
    return (error as BtError).code;
  }
  throw new Error('expected an error');
}

describe('parseParamSpec', () => {
  it('reads an inclusive start:stop:step range', () => {
    expect(parseParamSpec('fast=5:30:5', schema).values).toEqual([5, 10, 15, 20, 25, 30]);
    expect(parseParamSpec('fast=5:29:5', schema).values, 'stop is included only when on the grid').toEqual([5, 10, 15, 20, 25]);
  });

  it('rounds decimal steps to the decimals written', () => {
    expect(parseParamSpec('threshold=0.1:0.3:0.1', schema).values).toEqual([0.1, 0.2, 0.3]);
    expect(rangeValues(0, 1, 0.25, 2)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('takes the schema step for start:stop, and 1 for an int without one', () => {
    expect(parseParamSpec('fast=5:20', schema).values).toEqual([5, 10, 15, 20]);
    expect(parseParamSpec('slow=2:5', schema).values).toEqual([2, 3, 4, 5]);
  });

  it('reads lists, single values, booleans and enum values (case-insensitive), without duplicates', () => {
    expect(parseParamSpec('fast=3,7,3', schema).values).toEqual([3, 7]);
    expect(parseParamSpec('fast=12', schema).values).toEqual([12]);
    expect(parseParamSpec('short=true,false', schema).values).toEqual([true, false]);
    expect(parseParamSpec('direction=LONG-SHORT', schema).values).toEqual(['long-short']);
  });

  it('derives a named parameter from the schema: booleans, enums, and min..max by step', () => {
    expect(parseParamSpec('short', schema).values).toEqual([false, true]);
    expect(parseParamSpec('direction', schema).values).toEqual(['long-only', 'long-short']);
    expect(parseParamSpec('fast', schema).values).toEqual([1, 6, 11, 16, 21, 26]);
  });

  it('refuses a numeric parameter named alone when the schema gives no range or step', () => {
    expect(codeOf(() => parseParamSpec('loose', schema))).toBe('BT_PARAM_RANGE');
    expect(codeOf(() => parseParamSpec('threshold', schema))).toBe('BT_PARAM_RANGE');
  });

  it('names an unknown parameter with a did-you-mean', () => {
    expect(() => parseParamSpec('fsat=1:5', schema)).toThrow(/unknown strategy parameter "fsat".*did you mean "fast"/);
    expect(codeOf(() => parseParamSpec('fsat=1:5', schema))).toBe('BT_PARAM_UNKNOWN');
  });

  it('refuses bad syntax: empty values, too many colons, zero or negative steps, backwards ranges, ranges of enums', () => {
    for (const spec of ['fast=', 'fast=1:2:3:4', 'fast=1::2', 'fast=5:1:1', 'fast=1:5:0', 'fast=1:5:-1', 'fast=a:b', 'fast=1,,2', 'direction=1:2', '=5', 'fast=1:5,7']) {
      expect(codeOf(() => parseParamSpec(spec, schema)), spec).toBe('BT_PARAM_SYNTAX');
    }
  });

  it('checks every value with the schema', () => {
    expect(codeOf(() => parseParamSpec('fast=0:10:5', schema)), 'below min').toBe('BT_PARAM_INVALID');
    expect(codeOf(() => parseParamSpec('fast=2.5', schema)), 'not an int').toBe('BT_PARAM_INVALID');
    expect(codeOf(() => parseParamSpec('direction=sideways', schema))).toBe('BT_PARAM_INVALID');
    expect(() => parseParamSpec('fast=0:10:5', schema)).toThrow(/--param fast: value "0" is not allowed: "fast" must be a whole number from 1 to 30/);
  });
});

describe('buildSearchSpace', () => {
  it('numbers combinations in mixed radix, the first parameter varying slowest, with fixed values in schema order', () => {
    const space = buildSearchSpace(['slow=20,40', 'fast=5:15:5'], schema, { direction: 'long-short' });
    expect(space.size).toBe(6);
    expect(paramsAt(space, 0)).toEqual({ fast: 5, slow: 20, threshold: 0.5, loose: 1, short: false, direction: 'long-short' });
    expect(Object.keys(paramsAt(space, 0)), 'schema key order').toEqual(['fast', 'slow', 'threshold', 'loose', 'short', 'direction']);
    expect([0, 1, 2, 3].map((i) => [paramsAt(space, i).slow, paramsAt(space, i).fast])).toEqual([[20, 5], [20, 10], [20, 15], [40, 5]]);
    for (let i = 0; i < space.size; i++) expect(indexOfGenome(space, genomeAt(space, i))).toBe(i);
  });

  it('refuses no --param, a parameter given twice and a space above the limit', () => {
    expect(codeOf(() => buildSearchSpace([], schema, {}))).toBe('BT_SEARCH_EMPTY');
    expect(codeOf(() => buildSearchSpace(['fast=1,2', 'fast=3'], schema, {}))).toBe('BT_PARAM_DUPLICATE');
    expect(codeOf(() => buildSearchSpace(['slow=2:2000:1', 'fast=1:30:1', 'threshold=0:1:0.05'], schema, {}))).toBe('BT_SEARCH_TOO_LARGE');
  });
});

describe('parameter names', () => {
  it('are looked up in the schema only, not in Object.prototype', () => {
    expect(() => parseParamSpec('constructor=1', schema)).toThrow(/unknown strategy parameter "constructor"/);
  });
});
