#!/usr/bin/env node
/**
 * Bundles the command-line program into one file, `dist/cli.js` (what `bin/bt.js` imports), and
 * the optimizer's worker thread into `dist/worker.js`, with esbuild. Run after `tsc`, which still
 * emits `dist/src/**` and `dist/strategies/**` (the package's library entry points, their type
 * declarations, and the modules user strategy files import through `bt`).
 *
 * Why one file: Node resolves, reads and compiles every ES module separately, and `bt` loads about
 * 150 of its own modules plus commander, chalk, cli-table3, yaml and csv-parse; in one file that
 * start-up cost nearly disappears. Command modules stay lazy inside the bundle (esbuild evaluates a
 * dynamically imported module only when its import runs).
 *
 * Kept outside the bundle and loaded only by the commands that need them: better-sqlite3 (a
 * native module; only when a run is recorded or `bt runs` reads the store), tsx (only for a `.ts`
 * strategy file), piscina (only for worker threads, which load `dist/worker.js`), uplot (its files
 * are read only for `--report`), asciichart (terminal charts), yaml (only with `--config`) and
 * csv-parse (only for quoted or irregular CSV). Those are loaded with `require` or `import()`
 * where they are used, so leaving them out of the bundle also leaves them out of start-up.
 *
 *   node scripts/build.mjs
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/**
 * Packages loaded at run time from node_modules, never copied into the bundle: native modules,
 * packages that load files of their own, and the large market-data and columnar-format clients
 * that only `bt data` and `--data SOURCE:SYMBOL` / `.parquet` / `.arrow` inputs import.
 */
const EXTERNAL = [
  'better-sqlite3',
  'tsx',
  'tsx/*',
  'piscina',
  'esbuild',
  'uplot',
  'asciichart',
  'yaml',
  'csv-parse',
  'csv-parse/*',
  'typescript',
  'ccxt',
  'yahoo-finance2',
  'yahoo-finance2/*',
  'apache-arrow',
  'apache-arrow/*',
  'hyparquet',
  'hyparquet-writer',
];

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/bundle.ts', worker: 'src/optimize/worker-bundle.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  // Each bundle also exports the strategy API; the loader maps `import … from 'bt'` in user files
  // to the bundle itself, so user code and the engine share one SeriesView class.
  define: { BT_BUNDLED_API: 'true' },
  // CommonJS dependencies bundled into an ES module still call `require` for Node's built-ins.
  banner: { js: "import { createRequire as __btCreateRequire } from 'node:module';\nconst require = __btCreateRequire(import.meta.url);" },
  // Smaller and ASCII-only text is read and compiled faster at every start; names are kept
  // (identifiers are not minified) so that `--debug` stack traces stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
  legalComments: 'none',
  logLevel: 'warning',
});
