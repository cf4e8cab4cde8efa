/**
 * `RunConfig`: everything one `bt run` needs, merged as defaults < YAML (`--config`) < flags.
 */
import { resolveCompat, type CompatPreset, type CompatSettings } from './compat.js';
import { createRequire } from 'node:module';
import type { Node as YamlNode } from 'yaml';
import { ALL_IN_FRACTION } from '../engine/broker.js';
import type { ExitLevel, Sizing, TrailDistance } from '../engine/types.js';
import { ConfigError, UsageError } from '../errors.js';
import { parseStratArgs } from '../strategy/params.js';
import { didYouMean } from './suggest.js';
import { MONEY_RANGE, parsePositive, parseRate, UNITS_RANGE, type ValueOrigin } from './values.js';
import { parseFeedSpec, type FeedSpec } from '../data/load-feeds.js';
import { isDataSpec } from '../data/sources/data-spec.js';

/** Output choices of a run. */
export interface OutputConfig {
  /** Print one JSON document to stdout instead of tables. */
  readonly json: boolean;
  /** Directory for summary.json, trades.csv, equity.csv, orders.csv. */
  readonly out: string | undefined;
  /** Self-contained HTML report file. */
  readonly report: string | undefined;
  /** Add a trades table to the terminal output. */
  readonly trades: boolean;
  /** Only the metrics table (no header, no chart). */
  readonly quiet: boolean;
  /** Exit 1 when any order was rejected. */
  readonly strict: boolean;
}

/** A fully resolved run configuration (units in brackets). */
export interface RunConfig {
  /**
   * Data path of a single-feed run as given (`-` = stdin; the FILE of `NAME=FILE`); undefined
   * = the bundled S&P 500 file, or several feeds (see `feeds`).
   */
  readonly data: string | undefined;
  /** Every `--data` value (or YAML `data:` entry) in order; empty = the bundled file. */
  readonly feeds: readonly FeedSpec[];
  /**
   * `--timeframe`: resample the bars to this timeframe (`1h`, `4h`, `1d`, `1w`, `1M`…); with a
   * `SOURCE:SYMBOL` data spec, the bar length fetched.
   */
  readonly timeframe: string | undefined;
  /** `--offline`: data specs use the local cache only (also `BT_OFFLINE=1`). */
  readonly offline: boolean;
  /** `--adjust`: data specs give split- and dividend-adjusted OHLC (Yahoo). */
  readonly adjust: boolean;
  /** `--tz`: IANA zone of naive timestamps and of days/sessions; undefined = UTC. */
  readonly timeZone: string | undefined;
  /** `--benchmark`: a symbol of the run or a data file; undefined = the first symbol. */
  readonly benchmark: string | undefined;
  readonly symbol: string | undefined;
  readonly sort: boolean;
  /** Inclusive date range [ms UTC]. */
  readonly from: number | undefined;
  readonly to: number | undefined;
  /** Built-in name or path of a user strategy file. */
  readonly strategy: string | undefined;
  /** Raw parameter overrides, in increasing precedence (YAML, then flags). */
  readonly params: readonly { readonly values: Readonly<Record<string, unknown>>; readonly origin: 'yaml' | 'flag' }[];
  /** Starting cash [cash]. */
  readonly cash: number;
  /** Commission per fill [fraction of traded value]. */
  readonly commissionRate: number;
  /** Commission per fill [cash]. */
  readonly commissionFixed: number;
  /** Adverse slippage [fraction of price]. */
  readonly slippageRate: number;
  readonly fillAt: 'next-open' | 'close';
  /** Default order sizing. */
  readonly sizing: Sizing;
  readonly fractional: boolean;
  readonly closeAtEnd: boolean;
  readonly stopLoss: ExitLevel | undefined;
  readonly takeProfit: ExitLevel | undefined;
  readonly trailingStop: TrailDistance | undefined;
  /** `--compat` preset (null: none) and the convention switches (`config/compat.ts`). */
  readonly compatPreset: CompatPreset | null;
  readonly compat: CompatSettings;
  readonly output: OutputConfig;
}

/** Defaults: 100 000 cash, 0.1 % commission, all-in sizing, next-open fills (the s1 golden case's setup). */
export const DEFAULTS = {
  cash: 100_000,
  commissionRate: 0.001,
  commissionFixed: 0,
  slippageRate: 0,
  fillAt: 'next-open' as const,
  sizing: { kind: 'fraction', fraction: ALL_IN_FRACTION } as Sizing,
} as const;

/** Flag values as commander gives them (undefined = not given). */
export interface RunFlags {
  /** One value, or several when `--data` is repeated. */
  data?: string | string[];
  timeframe?: string;
  offline?: boolean;
  adjust?: boolean;
  tz?: string;
  benchmark?: string;
  symbol?: string;
  sort?: boolean;
  from?: string;
  to?: string;
  strategy?: string;
  strat?: string[];
  config?: string;
  cash?: string;
  commission?: string;
  commissionFixed?: string;
  slippage?: string;
  fill?: string;
  size?: string;
  sizeFraction?: string;
  fractional?: boolean;
  closeAtEnd?: boolean;
  stopLoss?: string;
  takeProfit?: string;
  trailingStop?: string;
  compat?: string;
  closeAtEndPrice?: string;
  firstDecision?: string;
  sqn?: string;
  brackets?: string;
  json?: boolean;
  out?: string;
  report?: string;
  trades?: boolean;
  quiet?: boolean;
  strict?: boolean;
}

/** The YAML keys `--config` accepts, with what each holds. */
export const YAML_KEYS: Readonly<Record<string, string>> = {
  data: 'data file path (relative to the YAML file), or - for stdin; a list of paths, or a map SYMBOL: path, for several feeds',
  timeframe: 'resample to this timeframe: 1h, 4h, 1d, 1w, 1M',
  tz: 'IANA time zone of naive timestamps and of days/sessions, e.g. Europe/London',
  benchmark: 'portfolio benchmark: a symbol of the run or a data file',
  symbol: 'symbol to pick from a multi-symbol file',
  sort: 'sort bars by time (true/false)',
  from: 'first date, YYYY-MM-DD',
  to: 'last date, YYYY-MM-DD',
  strategy: 'built-in name or strategy file (relative to the YAML file)',
  params: 'map of strategy parameters',
  cash: 'starting cash',
  commission: 'commission rate: 0.1% or 0.001',
  commissionFixed: 'commission per fill [cash]',
  slippage: 'slippage rate: 0.05% or 0.0005',
  sizing: 'all-in | {units: N} | {fraction: F}',
  fill: 'next-open | close',
  fractional: 'allow fractional units (true/false)',
  closeAtEnd: 'close open trades at the last close (true/false)',
  stopLoss: 'stop-loss distance for every entry: 5% or 0.05',
  takeProfit: 'take-profit distance for every entry',
  trailingStop: 'trailing-stop distance for every entry',
  compat: 'peer conventions preset: backtesting.py | backtrader',
  closeAtEndPrice: 'price closeAtEnd closes at: close | open (backtesting.py)',
  firstDecision: 'first decision bar: after-warmup | at-warmup (backtrader)',
  sqn: 'SQN standard deviation: sample | population (backtrader)',
  brackets: 'stop-loss/take-profit of an entry filled at the open active from: next-bar | entry-bar (backtesting.py)',
  outputs: 'map: json (bool), out (dir), report (file.html), trades (bool), quiet (bool), strict (bool)',
};

const OUTPUT_KEYS = ['json', 'out', 'report', 'trades', 'quiet', 'strict'];

/** Largest `--config` file accepted [bytes]; a run's config is a few hundred. */
export const YAML_MAX_BYTES = 256 * 1024;

/** Most mapping keys a `--config` file may hold (parsing time grows faster than linearly with keys). */
export const YAML_MAX_KEYS = 2000;

/** Largest number of alias expansions (`*name`) the YAML parser performs before refusing (an alias bomb). */
export const YAML_MAX_ALIAS_COUNT = 100;

function configTooLarge(file: string, why: string): ConfigError {
  return new ConfigError('BT_CONFIG_TOO_LARGE', `${file}: config file too large: ${why}`, {
    hint: `a config holds at most ${YAML_MAX_KEYS} keys in ${YAML_MAX_BYTES / 1024} KiB; put search ranges in --param flags`,
    location: { file },
  });
}

/** A parsed YAML config: plain values plus the line of each top-level key. */
export interface YamlConfig {
  readonly file: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly lines: Readonly<Record<string, number>>;
}

/**
 * Parses the text of a `--config` YAML file and checks its keys.
 * @throws ConfigError `BT_CONFIG_TOO_LARGE` (over {@link YAML_MAX_BYTES} or {@link YAML_MAX_KEYS}),
 *   `BT_CONFIG_YAML` (malformed, with line:column; an alias bomb), `BT_CONFIG_KEY`
 *   (unknown key, with did-you-mean), `BT_CONFIG_SHAPE` (not a mapping).
 */
export function parseRunYaml(text: string, file: string): YamlConfig {
  if (text.length > YAML_MAX_BYTES) throw configTooLarge(file, `it has more than ${YAML_MAX_BYTES} characters`);
  // Mapping keys, counted before parsing: a `word:` followed by a space or the end of a line.
  let keys = 0;
  for (const _ of text.matchAll(/[^\s:]:(?=\s|$)/gm)) if (++keys > YAML_MAX_KEYS) throw configTooLarge(file, `it has more than ${YAML_MAX_KEYS} keys`);
  // Required here, not imported: only a run with --config pays for loading the YAML parser.
  const { parseDocument, LineCounter, isMap, isScalar } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const pos = lineCounter.linePos(error.pos[0]);
    throw new ConfigError('BT_CONFIG_YAML', `${file}:${pos.line}: invalid YAML: ${error.message.split('\n')[0]}`, {
      hint: 'check indentation and quoting near that line',
      location: { file, line: pos.line },
    });
  }
  if (doc.contents === null) return { file, values: {}, lines: {} };
  if (!isMap(doc.contents)) {
    throw new ConfigError('BT_CONFIG_SHAPE', `${file}:1: the config must be a mapping of keys to values`, {
      hint: 'write one "key: value" per line, e.g. "strategy: sma-cross"',
      location: { file, line: 1 },
    });
  }
  const lines: Record<string, number> = {};
  for (const item of doc.contents.items) {
    const keyNode = item.key as YamlNode | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const line = keyNode?.range ? lineCounter.linePos(keyNode.range[0]).line : 1;
    lines[key] = line;
    if (!Object.hasOwn(YAML_KEYS, key)) {
      throw new ConfigError('BT_CONFIG_KEY', `${file}:${line}: unknown key "${key}"${didYouMean(key, Object.keys(YAML_KEYS))}`, {
        hint: `valid keys: ${Object.keys(YAML_KEYS).join(', ')}`,
        location: { file, line },
      });
    }
  }
  let values: Record<string, unknown>;
  try {
    values = doc.toJS({ json: true, mapAsMap: false, maxAliasCount: YAML_MAX_ALIAS_COUNT }) as Record<string, unknown>;
  } catch (error) {
    // The yaml library refuses an alias bomb (aliases expanding exponentially) here.
    throw new ConfigError('BT_CONFIG_YAML', `${file}: invalid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, {
      hint: 'use fewer aliases (*name); a config needs none',
      location: { file },
    });
  }
  return { file, values, lines };
}

function exitLevel(raw: unknown, origin: ValueOrigin): ExitLevel {
  return { fraction: parseRate(raw, origin) };
}

function parseDate(raw: string, origin: ValueOrigin): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?Z?$/.exec(raw.trim());
  const ms = match
    ? Date.UTC(+match[1], +match[2] - 1, +match[3], +(match[4] ?? 0), +(match[5] ?? 0), +(match[6] ?? 0))
    : NaN;
  if (!match || Number.isNaN(ms) || new Date(ms).getUTCDate() !== +match[3]) {
    throw new UsageError('BT_BAD_VALUE', `${origin.label}: expected a date like 2010-01-31, got "${raw}"`, {
      hint: 'write dates as YYYY-MM-DD (optionally with HH:MM[:SS])',
      location: origin.file !== undefined ? { file: origin.file, line: origin.line } : { flag: origin.flag },
    });
  }
  return ms;
}

/**
 * Merges defaults < YAML < flags into a {@link RunConfig}. `resolvePath` turns a path written
 * in the YAML file into one relative to the working directory.
 * @throws UsageError / ConfigError naming the flag or YAML `file:line` of a bad value.
 */
export function buildRunConfig(flags: RunFlags, yaml: YamlConfig | undefined, resolvePath: (path: string) => string): RunConfig {
  const y = yaml?.values ?? {};
  const yo = (key: string): ValueOrigin => ({ label: `${yaml?.file}:${yaml?.lines[key] ?? 1}: ${key}`, file: yaml?.file, line: yaml?.lines[key] });
  const fo = (flag: string): ValueOrigin => ({ label: flag, flag });
  /** Picks the flag value, else the YAML value, with the origin to blame. */
  const pick = (flag: string, flagValue: unknown, key: string): [unknown, ValueOrigin] | undefined => {
    if (flagValue !== undefined) return [flagValue, fo(flag)];
    if (y[key] !== undefined && y[key] !== null) return [y[key], yo(key)];
    return undefined;
  };
  const bool = (flag: boolean | undefined, key: string): boolean => {
    if (flag !== undefined) return flag;
    const value = y[key];
    if (value === undefined || value === null) return false;
    if (typeof value !== 'boolean') {
      throw new ConfigError('BT_CONFIG_VALUE', `${yo(key).label}: expected true or false, got "${String(value)}"`, {
        hint: `write "${key}: true" or "${key}: false"`,
        location: { file: yaml?.file, line: yaml?.lines[key] },
      });
    }
    return value;
  };
  const rate = (flag: string, flagValue: string | undefined, key: string, fallback: number, max = 1): number => {
    const picked = pick(flag, flagValue, key);
    return picked === undefined ? fallback : parseRate(picked[0], picked[1], max);
  };
  const level = (flag: string, flagValue: string | undefined, key: string): ExitLevel | undefined => {
    const picked = pick(flag, flagValue, key);
    return picked === undefined ? undefined : exitLevel(picked[0], picked[1]);
  };

  const cashPicked = pick('--cash', flags.cash, 'cash');
  const cash = cashPicked === undefined ? DEFAULTS.cash : parsePositive(cashPicked[0], cashPicked[1], MONEY_RANGE);

  let sizing: Sizing = DEFAULTS.sizing;
  if (flags.size !== undefined && flags.sizeFraction !== undefined) {
    throw new UsageError('BT_FLAG_CONFLICT', '--size and --size-fraction cannot be used together', {
      hint: 'give a fixed number of units (--size 10) or a fraction of equity (--size-fraction 0.5)',
      location: { flag: '--size' },
    });
  }
  if (flags.size !== undefined) sizing = { kind: 'units', units: parsePositive(flags.size, fo('--size'), UNITS_RANGE) };
  else if (flags.sizeFraction !== undefined) {
    sizing = { kind: 'fraction', fraction: parseRate(flags.sizeFraction, fo('--size-fraction')) };
    if (sizing.fraction === 0) throw new UsageError('BT_BAD_VALUE', '--size-fraction: must be above 0', { location: { flag: '--size-fraction' } });
  } else if (y.sizing !== undefined && y.sizing !== null) sizing = yamlSizing(y.sizing, yo('sizing'));

  const fillPicked = pick('--fill', flags.fill, 'fill');
  let fillAt: 'next-open' | 'close' = DEFAULTS.fillAt;
  if (fillPicked !== undefined) {
    const value = String(fillPicked[0]);
    if (value === 'next-open' || value === 'open') fillAt = 'next-open';
    else if (value === 'close') fillAt = 'close';
    else {
      throw new UsageError('BT_BAD_VALUE', `${fillPicked[1].label}: expected "next-open" or "close", got "${value}"${didYouMean(value, ['next-open', 'close'])}`, {
        hint: 'next-open (default) fills at the next bar\'s open; close fills at the signal bar\'s close (less realistic)',
        location: fillPicked[1].file !== undefined ? { file: fillPicked[1].file, line: fillPicked[1].line } : { flag: '--fill' },
      });
    }
  }

  const fromPicked = pick('--from', flags.from, 'from');
  const toPicked = pick('--to', flags.to, 'to');
  const from = fromPicked === undefined ? undefined : parseDate(String(fromPicked[0]), fromPicked[1]);
  let to = toPicked === undefined ? undefined : parseDate(String(toPicked[0]), toPicked[1]);
  // A bare date for --to includes that whole day.
  if (to !== undefined && toPicked !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(String(toPicked[0]).trim())) to += 86_400_000 - 1;
  if (from !== undefined && to !== undefined && from > to) {
    throw new UsageError('BT_BAD_VALUE', `--from (${String(fromPicked![0])}) is after --to (${String(toPicked![0])})`, {
      hint: 'swap the dates',
      location: { flag: '--from' },
    });
  }

  const params: { values: Record<string, unknown>; origin: 'yaml' | 'flag' }[] = [];
  if (y.params !== undefined && y.params !== null) {
    if (typeof y.params !== 'object' || Array.isArray(y.params)) {
      throw new ConfigError('BT_CONFIG_VALUE', `${yo('params').label}: expected a mapping of parameter names to values`, {
        hint: 'write e.g.\nparams:\n  fast: 10\n  slow: 30',
        location: { file: yaml?.file, line: yaml?.lines.params },
      });
    }
    params.push({ values: y.params as Record<string, unknown>, origin: 'yaml' });
  }

  const outputs = (y.outputs ?? {}) as Record<string, unknown>;
  if (typeof outputs !== 'object' || Array.isArray(outputs)) {
    throw new ConfigError('BT_CONFIG_VALUE', `${yo('outputs').label}: expected a mapping`, { location: { file: yaml?.file, line: yaml?.lines.outputs } });
  }
  for (const key of Object.keys(outputs)) {
    if (!OUTPUT_KEYS.includes(key)) {
      throw new ConfigError('BT_CONFIG_KEY', `${yo('outputs').label}: unknown key "${key}"${didYouMean(key, OUTPUT_KEYS)}`, {
        hint: `valid keys: ${OUTPUT_KEYS.join(', ')}`,
        location: { file: yaml?.file, line: yaml?.lines.outputs },
      });
    }
  }
  const yamlOut = typeof outputs.out === 'string' ? resolvePath(outputs.out) : undefined;

  const feeds = feedSpecs(flags.data, y.data, yo('data'), resolvePath);
  const dataRaw = feeds.length === 1 ? feeds[0].path : undefined;
  const stringValue = (flag: string, flagValue: string | undefined, key: string): string | undefined => {
    const picked = pick(flag, flagValue, key);
    return picked === undefined ? undefined : String(picked[0]);
  };
  const benchmarkRaw = stringValue('--benchmark', flags.benchmark, 'benchmark');
  const strategyRaw =
    flags.strategy ??
    (typeof y.strategy === 'string' ? (/[\\/]|\.[cm]?[jt]s$/.test(y.strategy) ? resolvePath(y.strategy) : y.strategy) : undefined);

  return {
    data: dataRaw,
    feeds,
    timeframe: stringValue('--timeframe', flags.timeframe, 'timeframe'),
    offline: flags.offline === true,
    adjust: flags.adjust === true,
    timeZone: stringValue('--tz', flags.tz, 'tz'),
    benchmark:
      benchmarkRaw === undefined || flags.benchmark !== undefined || !/[\\/]|\.(csv|txt|json)$/i.test(benchmarkRaw) ? benchmarkRaw : resolvePath(benchmarkRaw),
    symbol: flags.symbol ?? (y.symbol === undefined ? undefined : String(y.symbol)) ?? (feeds.length === 1 ? feeds[0].symbol : undefined),
    sort: bool(flags.sort, 'sort'),
    from,
    to,
    strategy: strategyRaw,
    params: flags.strat && flags.strat.length > 0 ? [...params, { values: parseStratArgs(flags.strat), origin: 'flag' }] : params,
    cash,
    commissionRate: rate('--commission', flags.commission, 'commission', DEFAULTS.commissionRate, 0.5),
    commissionFixed: (() => {
      const picked = pick('--commission-fixed', flags.commissionFixed, 'commissionFixed');
      return picked === undefined ? DEFAULTS.commissionFixed : parsePositive(picked[0], picked[1], { allowZero: true, ...MONEY_RANGE });
    })(),
    slippageRate: rate('--slippage', flags.slippage, 'slippage', DEFAULTS.slippageRate, 0.5),
    fillAt,
    sizing,
    fractional: bool(flags.fractional, 'fractional'),
    closeAtEnd: bool(flags.closeAtEnd, 'closeAtEnd'),
    stopLoss: level('--stop-loss', flags.stopLoss, 'stopLoss'),
    takeProfit: level('--take-profit', flags.takeProfit, 'takeProfit'),
    trailingStop: (() => {
      const picked = pick('--trailing-stop', flags.trailingStop, 'trailingStop');
      return picked === undefined ? undefined : { fraction: parseRate(picked[0], picked[1]) };
    })(),
    ...(() => {
      const { preset, settings } = resolveCompat(pick('--compat', flags.compat, 'compat'), {
        closeAtEndPrice: pick('--close-at-end-price', flags.closeAtEndPrice, 'closeAtEndPrice'),
        firstDecision: pick('--first-decision', flags.firstDecision, 'firstDecision'),
        sqn: pick('--sqn', flags.sqn, 'sqn'),
        brackets: pick('--brackets', flags.brackets, 'brackets'),
      });
      return { compatPreset: preset, compat: settings };
    })(),
    output: {
      json: flags.json ?? outputs.json === true,
      out: flags.out ?? yamlOut,
      report: flags.report ?? (typeof outputs.report === 'string' ? resolvePath(outputs.report) : undefined),
      trades: flags.trades ?? outputs.trades === true,
      quiet: flags.quiet ?? outputs.quiet === true,
      strict: flags.strict ?? outputs.strict === true,
    },
  };
}

function yamlSizing(raw: unknown, origin: ValueOrigin): Sizing {
  if (raw === 'all-in' || raw === 'allin') return DEFAULTS.sizing;
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const map = raw as Record<string, unknown>;
    if (map.units !== undefined) return { kind: 'units', units: parsePositive(map.units, origin, UNITS_RANGE) };
    if (map.fraction !== undefined) return { kind: 'fraction', fraction: parseRate(map.fraction, origin) };
  }
  throw new ConfigError('BT_CONFIG_VALUE', `${origin.label}: expected "all-in", {units: N} or {fraction: F}, got ${JSON.stringify(raw)}`, {
    hint: 'e.g. "sizing: {units: 10}" or "sizing: {fraction: 0.5}"',
    location: { file: origin.file, line: origin.line },
  });
}

/**
 * The feeds of `--data` (repeatable; `NAME=FILE` names the symbol) or of YAML `data:` (a path,
 * a list of paths, or a map of symbol to path; paths relative to the YAML file). Flags win.
 * @throws ConfigError `BT_CONFIG_VALUE` for another YAML shape.
 */
function feedSpecs(flag: string | string[] | undefined, yaml: unknown, origin: ValueOrigin, resolvePath: (path: string) => string): FeedSpec[] {
  if (flag !== undefined) return (Array.isArray(flag) ? flag : [flag]).map(parseFeedSpec);
  // A data spec (binance:BTC/USDT) names no file: it is not resolved against the YAML folder.
  const fromYaml = (path: string): string => (path === '-' || isDataSpec(path) ? path : resolvePath(path));
  if (yaml === undefined || yaml === null) return [];
  if (typeof yaml === 'string') {
    const spec = parseFeedSpec(yaml);
    return [{ ...spec, path: fromYaml(spec.path) }];
  }
  if (Array.isArray(yaml) && yaml.every((entry) => typeof entry === 'string')) {
    return (yaml as string[]).map((entry) => {
      const spec = parseFeedSpec(entry);
      return { ...spec, path: fromYaml(spec.path) };
    });
  }
  if (typeof yaml === 'object' && !Array.isArray(yaml) && Object.values(yaml).every((entry) => typeof entry === 'string')) {
    return Object.entries(yaml as Record<string, string>).map(([symbol, path]) => ({ symbol, path: fromYaml(path) }));
  }
  throw new ConfigError('BT_CONFIG_VALUE', `${origin.label}: expected a path, a list of paths or a map SYMBOL: path`, {
    hint: 'e.g. "data: prices.csv", "data: [aapl.csv, msft.csv]" or "data: {AAPL: aapl.csv, MSFT: msft.csv}"',
    location: { file: origin.file, line: origin.line },
  });
}
