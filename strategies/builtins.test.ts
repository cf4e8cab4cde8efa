import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BarSeries } from '../src/data/bar-series.js';
import { BUILTIN_NAMES, BUILTIN_STRATEGIES } from '../src/strategy/builtins.js';
import type { Strategy } from '../src/strategy/define-strategy.js';
import { resolveParams } from '../src/strategy/params.js';
import { isPortfolioStrategy } from '../src/strategy/define-portfolio-strategy.js';
import { familyRank, STRATEGY_FAMILIES, TAG_PATTERN } from '../src/strategy/families.js';
import { loadSp500, runStrategy } from './test-helpers.js';

const STRATEGY_DIR = fileURLToPath(new URL('./', import.meta.url));
const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const strategies: [string, Strategy][] = await Promise.all(
  BUILTIN_NAMES.map(async (name): Promise<[string, Strategy]> => [name, (await BUILTIN_STRATEGIES[name]()).default]),
);
const singleAsset = strategies.filter(([, s]) => !isPortfolioStrategy(s));
const portfolio = strategies.filter(([, s]) => isPortfolioStrategy(s));

describe('the built-in strategy registry', () => {
  it('registers every strategy file in strategies/, and nothing else', () => {
    const files = readdirSync(STRATEGY_DIR)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'test-helpers.ts')
      .map((f) => f.slice(0, -'.ts'.length))
      .sort();
    expect([...BUILTIN_NAMES].sort()).toEqual(files);
  });

  it('lists them by family (trend, mean-reversion, momentum, volatility, pattern, calendar, multi-factor, benchmark), single-asset before portfolio within a family', () => {
    const ranks = strategies.map(([, s]) => familyRank(s.category, isPortfolioStrategy(s)));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(strategies[0][0]).toBe('sma-cross');
    expect(strategies.at(-1)?.[0]).toBe('equal-weight');
  });

  it('keeps the portfolio kind apart from the family: the portfolio strategies sit in their own families', () => {
    expect(portfolio.map(([name, s]) => `${name}:${s.category}`)).toEqual([
      'pairs-zscore:mean-reversion',
      'dual-momentum:momentum',
      'cross-sectional-momentum:momentum',
      'inverse-volatility:volatility',
      'risk-parity:volatility',
      'equal-weight:benchmark',
    ]);
    expect(singleAsset.length + portfolio.length).toBe(strategies.length);
  });

  it('keeps the benchmark family for buy-and-hold and equal-weight only', () => {
    expect(strategies.filter(([, s]) => s.category === 'benchmark').map(([name]) => name)).toEqual(['buy-and-hold', 'equal-weight']);
  });
});

describe.each(strategies)('built-in %s', (name, strategy) => {
  it('has a unique kebab-case name equal to its file name', () => {
    expect(strategy.name).toBe(name);
    expect(name).toMatch(KEBAB_CASE);
    expect(existsSync(`${STRATEGY_DIR}${name}.ts`)).toBe(true);
    expect(strategies.filter(([, s]) => s.name === name)).toHaveLength(1);
  });

  it('has a family, kebab-case tags, and a one-line description', () => {
    expect(STRATEGY_FAMILIES).toContain(strategy.category);
    expect(strategy.tags.length, 'at least one tag').toBeGreaterThan(0);
    for (const tag of strategy.tags) expect(tag).toMatch(TAG_PATTERN);
    expect(new Set(strategy.tags).size, 'no repeated tag').toBe(strategy.tags.length);
    const direction = strategy.params.direction;
    const canShort = direction?.type === 'enum' && direction.values.includes('long-short');
    expect(strategy.tags.includes('long-short'), 'tagged long-short exactly when it offers direction=long-short').toBe(canShort);
    expect(strategy.description.length).toBeGreaterThan(10);
    expect(strategy.description.length, 'fits a table column').toBeLessThanOrEqual(100);
    expect(strategy.description).not.toMatch(/\n/);
  });

  it('describes every parameter, with its default inside [min, max] and a positive step', () => {
    for (const [param, spec] of Object.entries(strategy.params)) {
      expect(spec.description.length, `${param} description`).toBeGreaterThan(0);
      expect(param, `${param} is camelCase`).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      if (spec.type === 'int' || spec.type === 'number') {
        expect(spec.min, `${param} min`).toBeDefined();
        expect(spec.max, `${param} max`).toBeDefined();
        expect(spec.default, `${param} default ≥ min`).toBeGreaterThanOrEqual(spec.min!);
        expect(spec.default, `${param} default ≤ max`).toBeLessThanOrEqual(spec.max!);
        if (spec.type === 'int') expect(Number.isInteger(spec.default), `${param} default is whole`).toBe(true);
        if (spec.step !== undefined) expect(spec.step, `${param} step`).toBeGreaterThan(0);
      } else if (spec.type === 'enum') {
        expect(spec.values, `${param} values`).toContain(spec.default);
      }
    }
    const defaults = resolveParams(strategy.params);
    expect(strategy.validate?.(defaults), 'the defaults are a valid combination').toBeUndefined();
  });

  it.skipIf(isPortfolioStrategy(strategy))('runs on the S&P 500 data without throwing, with every enum value', () => {
    const bars = loadSp500();
    expect(() => runStrategy(strategy, bars)).not.toThrow();
    for (const [param, spec] of Object.entries(strategy.params)) {
      if (spec.type !== 'enum') continue;
      for (const value of spec.values) expect(() => runStrategy(strategy, bars, { [param]: value })).not.toThrow();
    }
  });

  it.skipIf(isPortfolioStrategy(strategy))('does not look ahead: changing the bars after bar 2500 leaves every fill up to it unchanged', () => {
    const bars = loadSp500();
    const cut = 2500;
    const scale = (column: Float64Array): Float64Array =>
      column.map((value, t) => (t > cut ? value * (1 + 0.3 * Math.sin(t / 7)) : value));
    const changed: BarSeries = { ...bars, open: scale(bars.open), high: scale(bars.high), low: scale(bars.low), close: scale(bars.close) };
    // Long-short where offered, so that short entries are checked too.
    const params = 'direction' in strategy.params ? { direction: 'long-short' } : {};
    const before = runStrategy(strategy, bars, params);
    const after = runStrategy(strategy, changed, params);
    const upToCut = (fills: typeof before.fills) => fills.filter((f) => f.bar <= cut);
    expect(upToCut(after.fills)).toEqual(upToCut(before.fills));
  });
});
