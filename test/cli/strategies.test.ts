/**
 * `bt strategies`: the built-ins grouped by family, `--category` / `--tag` filters with a
 * "did you mean" on bad values (exit 2), JSON and the Markdown catalogue (issue 17).
 */
import { describe, expect, it } from 'vitest';
import { renderCatalogueMarkdown } from '../../src/report/strategy-catalogue.js';
import { loadCatalogue } from '../../src/strategy/catalogue.js';
import { STRATEGY_FAMILIES } from '../../src/strategy/families.js';
import { runCli } from './run-cli.js';

const catalogue = await loadCatalogue();

/** Strategy names in the order the table prints them (second column). */
function listedNames(stdout: string): string[] {
  const names = catalogue.map((e) => e.name);
  return stdout
    .split('\n')
    .map((line) => line.split('│').map((cell) => cell.trim().replace(/ \(portfolio\)$/, ''))[2])
    .filter((name): name is string => name !== undefined && names.includes(name));
}

describe('bt strategies', () => {
  it('groups the built-ins by family in the family order, each family named once with its count', async () => {
    const { code, stdout, stderr } = await runCli(['strategies']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(listedNames(stdout)).toEqual(catalogue.map((e) => e.name));
    const headings = [...stdout.matchAll(/│ ([a-z-]+) \((\d+)\) +│/g)].map((m) => [m[1], Number(m[2])]);
    const families = STRATEGY_FAMILIES.filter((f) => catalogue.some((e) => e.category === f));
    expect(headings).toEqual(families.map((f) => [f, catalogue.filter((e) => e.category === f).length]));
    expect(stdout).toContain(`${catalogue.length} strategies.`);
  });

  it('wraps the tags and descriptions to the width of a terminal, and keeps one line per strategy when piped', async () => {
    const { stdout } = await runCli(['strategies'], { tty: true, columns: 100, env: { NO_COLOR: '1' } });
    const table = stdout.split('\n').filter((line) => /^[┌│└]/.test(line));
    for (const line of table) expect(line.length, line).toBeLessThanOrEqual(100);
    expect(table.length, 'wrapped rows').toBeGreaterThan(catalogue.length + 3);
    for (const { name } of catalogue) expect(stdout).toContain(` ${name} `);
    const piped = await runCli(['strategies']);
    expect(piped.stdout.split('\n').filter((line) => line.startsWith('│')).length, 'the head and one row per strategy').toBe(catalogue.length + 1);
  });

  it('keeps one family with --category, in any letter case', async () => {
    const { code, stdout } = await runCli(['strategies', '--category', 'Trend']);
    expect(code).toBe(0);
    const trend = catalogue.filter((e) => e.category === 'trend').map((e) => e.name);
    expect(trend).toContain('sma-cross');
    expect(listedNames(stdout)).toEqual(trend);
  });

  it('keeps the strategies carrying a tag with --tag, and combines it with --category', async () => {
    const tagged = await runCli(['strategies', '--tag', 'breakout']);
    const breakout = catalogue.filter((e) => e.tags.includes('breakout')).map((e) => e.name);
    expect(breakout).toEqual(expect.arrayContaining(['donchian-breakout', 'keltner-breakout']));
    expect(listedNames(tagged.stdout)).toEqual(breakout);
    const both = await runCli(['strategies', '--category', 'volatility', '--tag', 'breakout', '--json']);
    const json = JSON.parse(both.stdout) as { name: string; category: string; tags: string[]; kind: string }[];
    expect(json.length).toBeGreaterThan(0);
    expect(json.map((e) => e.name)).toEqual(catalogue.filter((e) => e.category === 'volatility' && e.tags.includes('breakout')).map((e) => e.name));
    for (const e of json) expect([e.category, e.tags.includes('breakout'), e.kind]).toEqual(['volatility', true, 'single']);
  });

  it('says so when a valid filter matches nothing', async () => {
    const { code, stdout } = await runCli(['strategies', '--category', 'benchmark', '--tag', 'crossover']);
    expect(code).toBe(0);
    expect(stdout).toBe('No built-in strategy matches. Run "bt strategies" for the full list.\n');
  });

  it('rejects an unknown family with a did-you-mean and the list of families (exit 2)', async () => {
    const { code, stdout, stderr } = await runCli(['strategies', '--category', 'mean-revertion']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'error[BT_CATEGORY_UNKNOWN]: unknown category "mean-revertion" (did you mean "mean-reversion"?)\n' +
        'hint: categories: trend, mean-reversion, momentum, volatility, pattern, calendar, multi-factor, benchmark\n',
    );
  });

  it('rejects an unknown tag with a did-you-mean and the tags in use (exit 2)', async () => {
    const { code, stderr } = await runCli(['strategies', '--tag', 'crosover']);
    expect(code).toBe(2);
    const [error, hint] = stderr.split('\n');
    expect(error).toBe('error[BT_TAG_UNKNOWN]: unknown tag "crosover" (did you mean "crossover"?)');
    expect(hint).toMatch(/^hint: tags: .*\bcrossover, .*\blong-short\b/);
  });

  it('rejects a filter given with a strategy name (exit 2)', async () => {
    const { code, stderr } = await runCli(['strategies', 'sma-cross', '--tag', 'rsi']);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('error[BT_FLAG_CONFLICT]: --category, --tag and --markdown filter the list of built-ins; they take no strategy name ("sma-cross")');
  });

  it('prints the Markdown catalogue with --markdown, filtered like the table', async () => {
    const all = await runCli(['strategies', '--markdown']);
    expect(all.stdout).toBe(renderCatalogueMarkdown(catalogue));
    expect(all.stdout.split('\n')[2]).toBe('| `sma-cross` | trend | single | crossover, moving-average, long-short | Fast/slow simple moving average crossover, long-only or always-in long/short |');
    const rsi = await runCli(['strategies', '--markdown', '--tag', 'rsi']);
    expect(rsi.stdout).toBe(renderCatalogueMarkdown(catalogue.filter((e) => e.tags.includes('rsi'))));
  });

  it('marks the portfolio strategies in the table', async () => {
    const { stdout } = await runCli(['strategies', '--category', 'benchmark']);
    expect(stdout).toMatch(/│ benchmark \(2\) +│ buy-and-hold +│/);
    expect(stdout).toMatch(/│ +│ equal-weight \(portfolio\) +│/);
  });

  it('shows a strategy\'s family and tags with its parameters', async () => {
    const text = await runCli(['strategies', 'sma-cross']);
    expect(text.stdout.split('\n')[0]).toBe('sma-cross (trend; crossover, moving-average, long-short): Fast/slow simple moving average crossover, long-only or always-in long/short');
    const json = JSON.parse((await runCli(['strategies', 'equal-weight', '--json'])).stdout);
    expect([json.category, json.kind, json.tags]).toEqual(['benchmark', 'portfolio', ['passive', 'weights', 'monthly']]);
  });
});
