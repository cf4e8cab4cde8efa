import { describe, expect, it } from 'vitest';
import { metricDefinition, metricKeys, metricRegistry } from './registry.js';

describe('metricRegistry', () => {
  it('lists the metrics in output order', () => {
    expect(metricKeys).toEqual([
      'start',
      'end',
      'durationMs',
      'exposure',
      'equityFinal',
      'equityPeak',
      'commissions',
      'totalReturn',
      'buyHoldReturn',
      'annualReturn',
      'annualVolatility',
      'cagr',
      'sharpe',
      'sortino',
      'calmar',
      'alpha',
      'beta',
      'maxDrawdown',
      'avgDrawdown',
      'maxDrawdownDurationMs',
      'avgDrawdownDurationMs',
      'maxDrawdownBars',
      'tradeCount',
      'winRate',
      'bestTrade',
      'worstTrade',
      'avgTrade',
      'maxTradeDurationMs',
      'avgTradeDurationMs',
      'profitFactor',
      'expectancy',
      'sqn',
      'kellyCriterion',
    ]);
  });

  it('gives every metric a unique key and label, a description and a source', () => {
    expect(new Set(metricKeys).size).toBe(metricKeys.length);
    expect(new Set(metricRegistry.map((definition) => definition.label)).size).toBe(metricRegistry.length);
    for (const definition of metricRegistry) {
      expect(definition.description.length, definition.key).toBeGreaterThan(10);
      expect(definition.source.length, definition.key).toBeGreaterThan(0);
    }
  });

  it('names durations *Ms with unit ms, and bar counts *Bars with unit bars', () => {
    for (const definition of metricRegistry) {
      expect(definition.key.endsWith('Ms'), definition.key).toBe(definition.unit === 'ms');
      expect(definition.key.endsWith('Bars'), definition.key).toBe(definition.unit === 'bars');
    }
  });

  it('maps backtesting.py statistics one to one', () => {
    const names = metricRegistry.flatMap((definition) => definition.backtestingPy ?? []);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(metricRegistry.length - 1); // all but maxDrawdownBars
  });

  it('looks up a definition by key', () => {
    expect(metricDefinition('sharpe')).toMatchObject({ label: 'Sharpe ratio', unit: 'ratio', higherIsBetter: true });
  });
});
