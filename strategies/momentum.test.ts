import { describe, expect, it } from 'vitest';
import { roc } from '../src/indicators/roc.js';
import { resolveParams } from '../src/strategy/params.js';
import strategy from './momentum.js';
import { expectFirstTradesFollow, expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('momentum on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays its first three trades by hand: 20-bar change above 2 %, exit below 0', () => {
    const change = roc(bars.close, 20);
    expect(result.firstDecisionBar, 'ROC(20) warm-up 20, plus one').toBe(21);
    expectFirstTradesFollow(result, 3, (t) => change[t] / 100 > 0.02, (t) => change[t] / 100 < 0);
  });

  it('makes 129 trades and ends at 87647.81', () => {
    expect(result.trades.length).toBe(129);
    expectRelativelyClose(finalEquity(result), 87647.81417917095);
  });

  it('accepts thresholds written as percentages through the schema', () => {
    expect(resolveParams(strategy.params, { values: { threshold: '2%' }, origin: 'flag' }).threshold).toBe(0.02);
  });
});
