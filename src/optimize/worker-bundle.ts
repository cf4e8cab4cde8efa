/**
 * Entry of the bundled optimizer worker (`dist/worker.js`, built by scripts/build.mjs): the
 * piscina task function of `worker.ts`, and the strategy API for user strategy files loaded in
 * the worker thread (see `src/strategy/loader.ts`).
 */
export { default } from './worker.js';
export * from '../api.js';
