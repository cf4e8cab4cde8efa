/**
 * `bt strategies [NAME]`: lists the built-in strategies (name, category, description), or
 * prints one strategy's parameter table (built-in name or file path). `--json` for both.
 */
import Table from 'cli-table3';
import { COMPACT_CHARS, makeChalk } from '../../report/table.js';
import { BUILTIN_NAMES, BUILTIN_STRATEGIES } from '../../strategy/builtins.js';
import { loadStrategy } from '../../strategy/loader.js';
import { describeAllowed, type ParamSpec } from '../../strategy/params.js';
import { useColour, type CliIo } from '../io.js';
import type { GlobalFlags } from './run.js';

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

/** Runs the command; returns the exit code. @throws UsageError for an unknown strategy. */
export async function strategiesCommand(name: string | undefined, options: { json?: boolean }, globals: GlobalFlags, io: CliIo): Promise<number> {
  const chalk = makeChalk(useColour(io, globals.color));
  if (name === undefined) {
    const strategies = await Promise.all(BUILTIN_NAMES.map(async (n) => (await BUILTIN_STRATEGIES[n]()).default));
    if (options.json) {
      const list = strategies.map((s) => ({ name: s.name, category: s.category, description: s.description, params: Object.keys(s.params) }));
      io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    const table = new Table({ head: ['Strategy', 'Category', 'Description'].map((h) => chalk.bold(h)), chars: COMPACT_CHARS, style: { head: [], border: [] } });
    for (const s of strategies) table.push([s.name, s.category, s.description]);
    io.stdout.write(`${table.toString()}\nRun "bt strategies NAME" for a strategy's parameters, "bt run --strategy NAME" to backtest it.\n`);
    return 0;
  }
  const { strategy } = await loadStrategy(name);
  const params = Object.entries(strategy.params);
  if (options.json) {
    const document = {
      name: strategy.name,
      category: strategy.category,
      description: strategy.description,
      params: params.map(([n, spec]) => paramJson(n, spec)),
    };
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return 0;
  }
  const lines = [`${chalk.bold(strategy.name)} (${strategy.category}): ${strategy.description}`];
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
