/**
 * Node module-resolution hook (registered with `module.register` before a user strategy file
 * is imported): maps the bare specifiers `bt` and `bt/indicators` to this installation's
 * compiled API, so `import { defineStrategy } from 'bt'` works in a strategy file anywhere on
 * disk, with or without `bt` in that folder's node_modules.
 */
interface HookData {
  readonly api: string;
  readonly indicators: string;
}

let targets: HookData | undefined;

/** Receives the API module URLs from `register(..., { data })`. */
export function initialize(data: HookData): void {
  targets = data;
}

type NextResolve = (specifier: string, context: unknown) => Promise<{ url: string }>;

/** Resolves `bt` / `bt/indicators`; defers everything else. */
export async function resolve(specifier: string, context: unknown, nextResolve: NextResolve): Promise<{ url: string; shortCircuit?: boolean }> {
  if (targets !== undefined) {
    if (specifier === 'bt') return { url: targets.api, shortCircuit: true };
    if (specifier === 'bt/indicators') return { url: targets.indicators, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
