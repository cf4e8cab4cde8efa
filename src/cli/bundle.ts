/**
 * Entry of the bundled command-line program (`dist/cli.js`, built by scripts/build.mjs):
 * {@link main} for `bin/bt.js`, and the whole strategy API, so that a user's strategy file
 * importing `bt` shares this bundle's modules (see `src/strategy/loader.ts`).
 */
export { main } from './main.js';
export * from '../api.js';
