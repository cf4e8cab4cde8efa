/**
 * The `next` context the look-ahead audit hands to a strategy: the engine's own context with
 * one change, `lastBar` reports the last bar of the full data even on a truncated copy. End-of-
 * data logic (buy-and-hold sells on `ctx.lastBar - 1`) then behaves the same on every copy, so
 * the audit only sees decisions that depend on the bars themselves.
 *
 * A Proxy rather than a wrapper class, so that it serves single-asset and portfolio contexts
 * alike and every member the contexts gain later: reads go to the real context (methods bound
 * to it, as its `#private` fields require), only `lastBar` is answered here.
 */

/** Anything with the two strategy verbs (single-asset or portfolio). */
interface StrategyLike {
  readonly name: string;
  init(ctx: never): unknown;
  next(ctx: never, state: never): void;
}

/** `ctx` as seen through the audit: the same object except for `lastBar`. */
function overrideLastBar<T extends object>(ctx: T, lastBar: number): T {
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(ctx, {
    get(target, property) {
      if (property === 'lastBar') return lastBar;
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let method = bound.get(property);
      if (method === undefined) {
        method = (value as (...args: unknown[]) => unknown).bind(target);
        bound.set(property, method);
      }
      return method;
    },
  });
}

/**
 * Wraps `strategy` so that its `next` sees `ctx.lastBar` as `reportedLastBar` [bar index].
 * The proxy is created once per run (the engines reuse one context for every bar).
 */
export function withReportedLastBar<S extends StrategyLike>(strategy: S, reportedLastBar: number): S {
  let inner: object | undefined;
  let proxy: object | undefined;
  const next = strategy.next as (ctx: object, state: unknown) => void;
  return {
    ...strategy,
    init: strategy.init.bind(strategy),
    next(ctx: object, state: unknown): void {
      if (ctx !== inner || proxy === undefined) {
        inner = ctx;
        proxy = overrideLastBar(ctx, reportedLastBar);
      }
      next.call(strategy, proxy, state);
    },
  };
}
