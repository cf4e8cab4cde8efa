import { describe, expect, it } from 'vitest';
import { realizedVolatility } from '../src/indicators/realized-volatility.js';
import strategy from './volatility-target.js';
import { expectRelativelyClose, finalEquity, loadSp500, runStrategy } from './test-helpers.js';

describe('volatility-target on the S&P 500 with the defaults', () => {
  const bars = loadSp500();
  const result = runStrategy(strategy, bars);

  it('replays every rebalance by hand: weight = min(0.95, 10 % / realized σ(20)), traded when 0.2 away from the held weight', () => {
    const { close } = bars;
    const sigma = realizedVolatility(close, 20, 252);
    expect(result.firstDecisionBar, '20 returns of warm-up, plus one').toBe(21);
    const fillsByBar = new Map<number, number>();
    for (const fill of result.fills) fillsByBar.set(fill.bar, (fillsByBar.get(fill.bar) ?? 0) + (fill.side === 'buy' ? fill.quantity : -fill.quantity));
    let held = 0;
    let rebalances = 0;
    for (let t = result.firstDecisionBar; t < bars.length - 1; t++) {
      held += fillsByBar.get(t) ?? 0;
      const equity = result.equity[t];
      const desired = Math.min(0.95, 0.1 / sigma[t]);
      const weight = (held * close[t]) / equity;
      const expected = Math.abs(desired - weight) > 0.2 ? Math.floor((desired * equity) / close[t]) - held : 0;
      expect(fillsByBar.get(t + 1) ?? 0, `units traded at bar ${t + 1}`).toBe(expected);
      if (expected !== 0) rebalances++;
    }
    expect(rebalances).toBe(111);
  });

  it('makes 107 trades and ends at 179476.29', () => {
    expect(result.trades.length).toBe(107);
    expectRelativelyClose(finalEquity(result), 179476.28832340203);
  });
});
