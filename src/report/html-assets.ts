/**
 * The uPlot chart library (npm `uplot`, MIT), read from its installed package so the HTML
 * report can inline it and be viewed offline. This is the report's only file read, and it reads
 * bt's own dependency, never user data.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { InternalError } from '../errors.js';

/** The minified browser build and stylesheet of uPlot, and its version. */
export interface UplotAssets {
  readonly version: string;
  /** `dist/uPlot.iife.min.js`: defines the global `uPlot`. */
  readonly script: string;
  /** `dist/uPlot.min.css`. */
  readonly css: string;
}

let cached: UplotAssets | undefined;

/**
 * Returns uPlot's browser assets (read once per process).
 * @throws InternalError `BT_INTERNAL_ASSET_MISSING` when the `uplot` package cannot be read
 *   (a broken installation).
 */
export function uplotAssets(): UplotAssets {
  if (cached !== undefined) return cached;
  try {
    const packageJson = createRequire(import.meta.url).resolve('uplot/package.json');
    const root = dirname(packageJson);
    const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
    cached = {
      version,
      script: readFileSync(join(root, 'dist', 'uPlot.iife.min.js'), 'utf8'),
      css: readFileSync(join(root, 'dist', 'uPlot.min.css'), 'utf8'),
    };
    return cached;
  } catch (error) {
    throw new InternalError('BT_INTERNAL_ASSET_MISSING', `cannot read the chart library "uplot": ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'reinstall bt (npm ci) so that node_modules/uplot is present',
      cause: error,
    });
  }
}
