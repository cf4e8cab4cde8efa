/**
 * Derived per-bar series drawn by the HTML report: the buy & hold benchmark and the underwater
 * (drawdown) curve. Pure; full length, before any downsampling.
 */

/**
 * Equity of holding the instrument with all the initial cash [cash], bar by bar:
 * initialCash × close[t] / close[W] for t ≥ W, and initialCash before W, where
 * W = max(0, firstDecisionBar − 1) is the bar before the first decision (the same base as the
 * `buyHoldReturn` metric, CONVENTIONS.md §3). Fractional units, no commission.
 */
export function buyAndHoldEquity(close: ArrayLike<number>, firstDecisionBar: number, initialCash: number): Float64Array {
  const n = close.length;
  const out = new Float64Array(n);
  const base = Math.min(Math.max(0, firstDecisionBar - 1), Math.max(0, n - 1));
  const reference = close[base];
  for (let t = 0; t < n; t++) out[t] = t < base ? initialCash : (initialCash * close[t]) / reference;
  return out;
}

/**
 * The underwater curve [fraction, ≤ 0]: equity[t] / max(equity[0..t]) − 1, so −0.25 is 25 %
 * below the running peak. It is the negated per-bar drawdown whose maximum is `maxDrawdown`.
 */
export function underwater(equity: ArrayLike<number>): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = -Infinity;
  for (let t = 0; t < equity.length; t++) {
    const value = equity[t];
    if (value > peak) peak = value;
    out[t] = peak > 0 ? value / peak - 1 : 0;
  }
  return out;
}
