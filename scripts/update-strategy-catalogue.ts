// Rewrites the built-in strategy table of README.md from the strategy registry (the same table
// `bt strategies --markdown` prints). Run with `npm run docs:strategies`; test/docs.test.ts
// fails while README.md and the registry differ.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { renderCatalogueMarkdown, spliceReadmeCatalogue } from '../src/report/strategy-catalogue.js';
import { loadCatalogue } from '../src/strategy/catalogue.js';

const readmeUrl = new URL('../README.md', import.meta.url);
const before = readFileSync(readmeUrl, 'utf8');
const after = spliceReadmeCatalogue(before, renderCatalogueMarkdown(await loadCatalogue()));
if (after === before) {
  console.log('README.md strategy catalogue is up to date');
} else {
  const temporary = new URL(`../README.md.${process.pid}.tmp`, import.meta.url);
  writeFileSync(temporary, after);
  renameSync(temporary, readmeUrl);
  console.log('README.md strategy catalogue updated');
}
