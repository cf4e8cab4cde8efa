/**
 * The keys that `--assert` expressions and `bt diff` compare: every metric of the registry
 * (`metrics` in the JSON result) followed by the account figures (`account` in the JSON
 * result). Help text and README are generated from this list.
 */
import { metricRegistry, type MetricUnit } from '../metrics/registry.js';

/** Where a key's value lives in the JSON result document. */
export type CheckKeyGroup = 'metrics' | 'account';

/** One comparable number of a run result. */
export interface CheckKey {
  /** Key as written in `--assert` and in the JSON document (`sharpe`, `rejectedOrderCount`). */
  readonly key: string;
  readonly group: CheckKeyGroup;
  /** How to read (and print) the value; see {@link MetricUnit}. */
  readonly unit: MetricUnit;
  /** Short human label for tables. */
  readonly label: string;
  /** One sentence: what it measures. */
  readonly description: string;
}

/**
 * The `account` object of the JSON result (src/report/json.ts `buildRunDocument`), in
 * document order. Money in the data's quote currency.
 */
export const ACCOUNT_KEYS: readonly CheckKey[] = [
  { key: 'finalCash', group: 'account', unit: 'cash', label: 'Final cash', description: 'Cash after the last bar [cash].' },
  { key: 'finalEquity', group: 'account', unit: 'cash', label: 'Final equity', description: 'Cash plus open positions marked at the last close [cash].' },
  { key: 'commissionPaid', group: 'account', unit: 'cash', label: 'Commission paid', description: 'Commission charged on every fill, open trades included [cash].' },
  { key: 'slippagePaid', group: 'account', unit: 'cash', label: 'Slippage paid', description: 'Cost of slippage on every fill [cash].' },
  { key: 'openTradeCount', group: 'account', unit: 'count', label: 'Open trades', description: 'Trades still open after the last bar.' },
  { key: 'rejectedOrderCount', group: 'account', unit: 'count', label: 'Rejected orders', description: 'Orders the broker could not execute (e.g. not enough cash).' },
];

/** Every key `--assert` accepts, in output order: the metric registry, then {@link ACCOUNT_KEYS}. */
export const CHECK_KEYS: readonly CheckKey[] = [
  ...metricRegistry.map((definition) => ({
    key: definition.key,
    group: 'metrics' as const,
    unit: definition.unit,
    label: definition.label,
    description: definition.description,
  })),
  ...ACCOUNT_KEYS,
];

const BY_KEY: ReadonlyMap<string, CheckKey> = new Map(CHECK_KEYS.map((entry) => [entry.key, entry]));

/** The definition of `key`, or undefined when it is not a check key. */
export function findCheckKey(key: string): CheckKey | undefined {
  return BY_KEY.get(key);
}

/** All check key names, in output order. */
export const CHECK_KEY_NAMES: readonly string[] = CHECK_KEYS.map((entry) => entry.key);
