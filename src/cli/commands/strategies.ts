/**
 * `bt strategies [NAME]`: lists the built-in strategies grouped by family (name, kind, tags,
 * description), filtered by `--category` and `--tag`, or as the README's Markdown table with
 * `--markdown`; or prints one strategy's parameter table (built-in name or file path).
 * `--json` for both.
 */
import Table from 'cli-table3';
import { renderCatalogueMarkdown, renderCatalogueTable } from '../../report/strategy-catalogue.js';
import { COMPACT_CHARS, makeChalk } from '../../report/table.js';
import { filterCatalogue, loadCatalogue } from '../../strategy/catalogue.js';
import { isPortfolioStrategy } from '../../strategy/define-portfolio-strategy.js';
import { loadStrategy } from '../../strategy/loader.js';
import { describeAllowed, type ParamSpec } from '../../strategy/params.js';
import { useColour, type CliIo } from '../io.js';
import type { GlobalFlags } from './run.js';
import { UsageError } from '../../errors.js';

function paramJson(name: string, spec: ParamSpec): Record<string, unknown> {
  return {
    name,
    type: spec.type,
    default: spec.default,
    min: 'min' in spec ? (spec.min ?? null) : null,
    max: 'max' in spec ? (spec.max ?? null) : null,
    step: 'step' in spec ? (spec.step ?? null) : null,
    values: spec.type === 'enum' ? spec.values : null,
    description: spec.description,
  };
}

/** Options of `bt strategies`. */
export interface StrategiesOptions {
  readonly json?: boolean;
  /** Only this family (list only). */
  readonly category?: string;
  /** Only strategies with this tag (list only). */
  readonly tag?: string;
  /** Print the catalogue as a Markdown table (list only). */
  readonly markdown?: boolean;
}

/**
 * Runs the command; returns the exit code.
 * @throws UsageError for an unknown strategy (`BT_STRATEGY_UNKNOWN`), category
 *   (`BT_CATEGORY_UNKNOWN`) or tag (`BT_TAG_UNKNOWN`), or a filter given with NAME (`BT_FLAG_CONFLICT`).
 */
export async function strategiesCommand(name: string | undefined, options: StrategiesOptions, globals: GlobalFlags, io: CliIo): Promise<number> {
  const chalk = makeChalk(useColour(io, globals.color));
  if (name === undefined) {
    const entries = filterCatalogue(await loadCatalogue(), { category: options.category, tag: options.tag });
    if (options.json) {
      io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
      return 0;
    }
    if (options.markdown) {
      io.stdout.write(renderCatalogueMarkdown(entries));
      return 0;
    }
    if (entries.length === 0) {
      io.stdout.write('No built-in strategy matches. Run "bt strategies" for the full list.\n');
      return 0;
    }
    const table = renderCatalogueTable(entries, chalk, { maxWidth: io.stdoutIsTTY ? io.columns : undefined });
    const footer = `${entries.length} strategies. Run "bt strategies NAME" for a strategy's parameters, "bt run --strategy NAME" to backtest it.`;
    io.stdout.write(`${table}\n${footer}\n`);
    return 0;
  }
  if (options.category !== undefined || options.tag !== undefined || options.markdown) {
    throw new UsageError('BT_FLAG_CONFLICT', `--category, --tag and --markdown filter the list of built-ins; they take no strategy name ("${name}")`, {
      hint: `run "bt strategies ${name}" for its parameters, or "bt strategies --category trend" for a family`,
      location: { flag: options.category !== undefined ? '--category' : options.tag !== undefined ? '--tag' : '--markdown' },
    });
  }
  const { strategy } = await loadStrategy(name);
  const params = Object.entries(strategy.params);
  if (options.json) {
    const document = {
      name: strategy.name,
      category: strategy.category,
      kind: isPortfolioStrategy(strategy) ? 'portfolio' : 'single',
      tags: strategy.tags,
      description: strategy.description,
      params: params.map(([n, spec]) => paramJson(n, spec)),
    };
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return 0;
  }
  const tags = strategy.tags.length > 0 ? `; ${strategy.tags.join(', ')}` : '';
  const lines = [`${chalk.bold(strategy.name)} (${strategy.category}${tags}): ${strategy.description}`];
  if (params.length === 0) lines.push('This strategy has no parameters.');
  else {
    const table = new Table({ head: ['Parameter', 'Type', 'Default', 'Allowed', 'Description'].map((h) => chalk.bold(h)), chars: COMPACT_CHARS, style: { head: [], border: [] } });
    for (const [n, spec] of params) table.push([n, spec.type, String(spec.default), describeAllowed(spec), spec.description]);
    lines.push(table.toString());
    const example = params
      .slice(0, 2)
      .map(([n, spec]) => `${n}=${String(spec.default)}`)
      .join(',');
    lines.push(`Example: bt run --strategy ${name} --strat ${example}`);
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
