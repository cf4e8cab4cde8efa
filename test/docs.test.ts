/**
 * Docs as tests: every metric key, exit code, `bt run` flag and built-in strategy appears in
 * README.md, and its starter-strategy example is exactly what `bt init-strategy` writes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_CODE_HELP } from '../src/cli/program.js';
import { EXIT_CODES } from '../src/errors.js';
import { metricRegistry } from '../src/metrics/registry.js';
import { readmeCatalogue, renderCatalogueMarkdown } from '../src/report/strategy-catalogue.js';
import { BUILTIN_NAMES } from '../src/strategy/builtins.js';
import { loadCatalogue } from '../src/strategy/catalogue.js';
import { starterStrategySource } from '../src/strategy/starter-template.js';
import { runCli } from './cli/run-cli.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README.md', () => {
  it('starts with the two set-up commands', () => {
    expect(readme).toContain('```sh\nnpm ci && npx bt run --strategy sma-cross --strat fast=15\nnpm test\n```');
  });

  it('documents every metric key with its label', () => {
    for (const { key, label } of metricRegistry) expect(readme, key).toContain(`| \`${key}\` | ${label} |`);
  });

  it('documents every exit code, as --help does', () => {
    for (const code of Object.values(EXIT_CODES)) {
      expect(readme, `exit ${code}`).toMatch(new RegExp(`\\n\\| ${code} \\|`));
      expect(EXIT_CODE_HELP, `exit ${code}`).toMatch(new RegExp(`\\n  ${code} +\\S`));
    }
  });

  it('documents every bt run flag', async () => {
    const { stdout } = await runCli(['run', '--help']);
    const flags = [...stdout.matchAll(/(?:^|\s)(--[a-z][a-z-]+)/g)].map((m) => m[1]).filter((f) => f !== '--help');
    expect(flags.length).toBeGreaterThan(20);
    for (const flag of new Set(flags)) expect(readme, flag).toContain(flag);
  });

  it('lists every built-in strategy', () => {
    for (const name of BUILTIN_NAMES) expect(readme, name).toContain(`\`${name}\``);
  });

  it('holds the strategy catalogue generated from the registry (run "npm run docs:strategies" to update it)', async () => {
    expect(readmeCatalogue(readme), 'the catalogue markers').toBeDefined();
    expect(readmeCatalogue(readme)).toBe(renderCatalogueMarkdown(await loadCatalogue()));
  });

  it('shows exactly the starter strategy that bt init-strategy writes', () => {
    expect(readme).toContain(`\`\`\`ts\n${starterStrategySource('my-strategy').trimEnd()}\n\`\`\``);
  });
});
