import { it } from 'vitest';
import { BUILTIN_NAMES, BUILTIN_STRATEGIES } from '../src/strategy/builtins.js';
import { finalEquity, runStrategy } from './test-helpers.js';
it('prints', async () => {
  for (const name of BUILTIN_NAMES) {
    const s = (await BUILTIN_STRATEGIES[name]()).default;
    const r = runStrategy(s);
    console.log(name, r.firstDecisionBar, r.trades.length, r.openTrades.length, finalEquity(r), r.rejectedOrders.length, r.trades.slice(0, 3).map((t) => `${t.entryBar}@${t.entryPrice}->${t.exitBar}@${t.exitPrice}:${t.exitReason}`).join(' | '));
  }
});
