/**
 * Resolves `--strategy`: a built-in name (`sma-cross`) or the path of a user's TypeScript or
 * JavaScript file, loaded at run time through tsx (no build step).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import Module, { register } from 'node:module';
import { join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { didYouMean } from '../config/suggest.js';
import { StrategyError, UsageError } from '../errors.js';
import { BUILTIN_NAMES, BUILTIN_STRATEGIES } from './builtins.js';
import type { Strategy } from './define-strategy.js';
import { validateParamSchema } from './params.js';
import { packageRoot } from './package-root.js';

/** A loaded strategy and where it came from. */
export interface LoadedStrategy {
  readonly strategy: Strategy;
  /** `builtin` or `file`. */
  readonly kind: 'builtin' | 'file';
  /** The name or path as the user gave it. */
  readonly source: string;
  /** SHA-256 (hex) of the strategy's source file. */
  readonly sha256: string;
}

/** True when `spec` names a file rather than a built-in. */
export function isStrategyFile(spec: string): boolean {
  return /[\\/]/.test(spec) || /\.[cm]?[jt]s$/.test(spec);
}

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Checks that `value` has the shape of a strategy (name, params, init, next).
 * @returns a message saying what is missing, or undefined.
 */
export function strategyShapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'it is not an object';
  const v = value as Record<string, unknown>;
  if (typeof v.name !== 'string' || v.name === '') return 'it has no "name"';
  if (typeof v.params !== 'object' || v.params === null) return 'it has no "params" object';
  if (typeof v.init !== 'function') return 'it has no "init" function';
  if (typeof v.next !== 'function') return 'it has no "next" function';
  return undefined;
}

/**
 * Defined as `true` by scripts/build.mjs in the bundled CLI and worker (`dist/cli.js`,
 * `dist/worker.js`), which export the strategy API themselves; undefined when running from
 * `dist/src` or `src`.
 */
declare const BT_BUNDLED_API: boolean | undefined;

/**
 * Files that `bt` and `bt/indicators` resolve to in a user's strategy file: this bundle when
 * running bundled (one copy of every class for the engine and the user's code), else the
 * compiled API under `dist/src`.
 */
function apiFiles(root: string): { readonly api: string; readonly indicators: string } {
  if (typeof BT_BUNDLED_API !== 'undefined' && BT_BUNDLED_API) {
    const self = fileURLToPath(import.meta.url);
    return { api: self, indicators: self };
  }
  return { api: join(root, 'dist/src/api.js'), indicators: join(root, 'dist/src/indicators/index.js') };
}

let aliasRegistered = false;
let tsxRegistered = false;

/**
 * Registers tsx's ESM and CommonJS hooks once, globally (not namespaced), so a user's file and
 * the `bt` API it imports share this process's module instances (one SeriesView class).
 */
async function registerTsx(): Promise<void> {
  if (tsxRegistered) return;
  tsxRegistered = true;
  const [{ register: registerEsm }, { register: registerCjs }] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
  registerEsm();
  registerCjs();
}

/**
 * Lets user files `import … from 'bt'` (or `bt/indicators`) wherever they are on disk: an ESM
 * resolve hook (bt-alias-hook.ts) for files tsx loads as ES modules, and a CommonJS resolver
 * alias for files it compiles to CommonJS (a .ts file outside a `"type": "module"` package).
 */
async function registerBtAlias(): Promise<void> {
  if (aliasRegistered) return;
  aliasRegistered = true;
  const root = packageRoot();
  const { api, indicators } = apiFiles(root);
  const hook = join(root, 'dist/src/strategy/bt-alias-hook.js');
  if (!existsSync(hook) || !existsSync(api)) return;
  register(pathToFileURL(hook), { data: { api: pathToFileURL(api).href, indicators: pathToFileURL(indicators).href } });
  // CommonJS: resolve `bt` to the API file and pre-fill the require cache with the ES module
  // instances this process already uses, so `require('bt')` never loads a second copy.
  type CjsModule = typeof Module & {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
    _cache: Record<string, unknown>;
  };
  const cjs = Module as unknown as CjsModule;
  for (const [file, url] of [
    [api, pathToFileURL(api).href],
    [indicators, pathToFileURL(indicators).href],
  ] as const) {
    const cached = new Module(file) as unknown as { filename: string; loaded: boolean; exports: unknown };
    cached.filename = file;
    cached.loaded = true;
    cached.exports = await import(url);
    cjs._cache[file] = cached;
  }
  const original = cjs._resolveFilename;
  cjs._resolveFilename = function resolveBt(this: unknown, request: string, ...rest: unknown[]): string {
    if (request === 'bt') return api;
    if (request === 'bt/indicators') return indicators;
    return original.call(this, request, ...rest);
  };
}

/** Finds the strategy among a module's exports: `default`, then `strategy`, then any one. */
function pickExport(loaded: Record<string, unknown>): unknown {
  // A file compiled to CommonJS arrives as { default: module.exports }.
  const inner = loaded.default as Record<string, unknown> | undefined;
  const module =
    inner !== undefined && inner !== null && typeof inner === 'object' && strategyShapeProblem(inner) !== undefined && ('default' in inner || 'strategy' in inner)
      ? inner
      : loaded;
  if (module.default !== undefined && strategyShapeProblem(module.default) === undefined) return module.default;
  if (module.strategy !== undefined) return module.strategy;
  const candidates = Object.values(module).filter((v) => strategyShapeProblem(v) === undefined);
  if (candidates.length === 1) return candidates[0];
  return module.default;
}

/** The essential sentence of a load error (esbuild's `ERROR: …`, or the first line). */
function loadMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const esbuild = /ERROR: (.*)/.exec(text);
  if (esbuild !== null) return esbuild[1].trim();
  return (text.split('\n').find((line) => line.trim() !== '' && !/^Transform failed/.test(line)) ?? text).trim();
}

/** First `file:line:column` in an esbuild/tsx or V8 error, for load failures. */
function errorLocation(error: unknown, file: string): string | undefined {
  const text = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
  const base = file.replace(/^.*[\\/]/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`([^\\s()'"]*${base}):(\\d+)(?::(\\d+))?`).exec(text);
  return match === null ? undefined : `${file}:${match[2]}${match[3] === undefined ? '' : `:${match[3]}`}`;
}

/**
 * Loads a built-in by name or a user file by path.
 * @throws UsageError `BT_STRATEGY_UNKNOWN` (no such built-in or file; did-you-mean),
 *   StrategyError `BT_STRATEGY_LOAD` (syntax or import error, with file:line),
 *   `BT_STRATEGY_NO_EXPORT` (the file exports no strategy), `BT_STRATEGY_PARAMS` (a broken
 *   parameter schema, see validateParamSchema).
 */
export async function loadStrategy(spec: string): Promise<LoadedStrategy> {
  if (!isStrategyFile(spec)) {
    const load = Object.hasOwn(BUILTIN_STRATEGIES, spec) ? BUILTIN_STRATEGIES[spec] : undefined;
    if (load === undefined) {
      throw new UsageError('BT_STRATEGY_UNKNOWN', `unknown strategy "${spec}"${didYouMean(spec, BUILTIN_NAMES)}`, {
        hint: `built-in strategies: ${BUILTIN_NAMES.join(', ')} (bt strategies lists them); or give a file: --strategy ./my-strategy.ts`,
        location: { flag: '--strategy' },
      });
    }
    const module = await load();
    validateParamSchema(module.default.params, `strategies/${spec}.ts`);
    const root = packageRoot();
    const sourceFile = [join(root, 'strategies', `${spec}.ts`), join(root, 'dist/strategies', `${spec}.js`)].find((f) => existsSync(f));
    return {
      strategy: module.default,
      kind: 'builtin',
      source: spec,
      sha256: sourceFile === undefined ? '' : sha256(readFileSync(sourceFile)),
    };
  }
  const absolute = resolvePath(spec);
  if (!existsSync(absolute) || !statSync(absolute).isFile()) {
    throw new UsageError('BT_STRATEGY_UNKNOWN', `strategy file "${spec}" not found`, {
      hint: 'check the path, or run "bt init-strategy my-strategy" to create a starter file',
      location: { flag: '--strategy' },
    });
  }
  const source = readFileSync(absolute);
  await registerBtAlias();
  let module: Record<string, unknown>;
  try {
    await registerTsx();
    module = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    const where = errorLocation(error, spec);
    throw new StrategyError('BT_STRATEGY_LOAD', `${where ?? spec}: cannot load strategy: ${loadMessage(error)}`, {
      hint: 'fix the error in the strategy file; run with --debug for details',
      location: { file: where ?? spec },
      cause: error,
    });
  }
  const exported = pickExport(module);
  const problem = strategyShapeProblem(exported);
  if (problem !== undefined) {
    throw new StrategyError('BT_STRATEGY_NO_EXPORT', `${spec}: no strategy exported (${problem})`, {
      hint: "export default defineStrategy({ name, description, params, init, next }) from the file (import { defineStrategy } from 'bt')",
      location: { file: spec },
    });
  }
  const strategy = exported as Strategy;
  validateParamSchema(strategy.params, spec);
  const withDefaults: Strategy = {
    ...strategy,
    category: strategy.category ?? 'user',
    tags: Array.isArray(strategy.tags) ? strategy.tags : [],
    description: strategy.description ?? '',
  };
  return { strategy: withDefaults, kind: 'file', source: spec, sha256: sha256(source) };
}

/**
 * The 1-based line of `file` where `pattern` first matches, for errors found at run time that
 * belong to a place in a user's strategy file (an `async next`).
 */
export function sourceLineOf(file: string, pattern: RegExp): number | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const index = text.split('\n').findIndex((line) => pattern.test(line));
  return index < 0 ? undefined : index + 1;
}
