/**
 * Peer-compatible conventions (`--compat backtesting.py|backtrader` and the individual switches
 * each preset sets). bt's defaults are unchanged by this module: a switch only acts when given
 * (flag or YAML key), and a preset only sets its switches; a switch given beside a preset wins.
 *
 * | switch | bt default | backtesting.py | backtrader |
 * |---|---|---|---|
 * | `closeAtEndPrice` (`--close-at-end-price`): price `--close-at-end` closes at | `close` | `open` (`finalize_trades=True` closes at the last bar's open, backtesting.py ≥ 0.6) | `close` |
 * | `firstDecision` (`--first-decision`): first bar `next` runs at | `after-warmup` (1 + warm-up) | `after-warmup` | `at-warmup` (backtrader calls `next` first at the bar where every indicator has its first value) |
 * | `sqn` (`--sqn`): SQN's standard deviation | `sample` (n − 1; null below 2 trades) | `sample` | `population` (divisor n; 0 below 2 trades, backtrader's `SQN` analyzer) |
 * | `brackets` (`--brackets`): when stop-loss / take-profit legs of an entry filled at the open become active | `next-bar` | `entry-bar` (`buy(sl=…, tp=…)` may exit within the entry bar) | `next-bar` (`buy_bracket`) |
 */
import { ConfigError, UsageError } from '../errors.js';
import type { ValueOrigin } from './values.js';

/** Preset names of `--compat`. */
export const COMPAT_PRESETS = ['backtesting.py', 'backtrader'] as const;
export type CompatPreset = (typeof COMPAT_PRESETS)[number];

/** The convention switches. */
export interface CompatSettings {
  readonly closeAtEndPrice: 'close' | 'open';
  readonly firstDecision: 'after-warmup' | 'at-warmup';
  readonly sqn: 'sample' | 'population';
  readonly brackets: 'next-bar' | 'entry-bar';
}

/** bt's own conventions. */
export const DEFAULT_COMPAT: CompatSettings = { closeAtEndPrice: 'close', firstDecision: 'after-warmup', sqn: 'sample', brackets: 'next-bar' };

/** What each preset sets. */
export const PRESET_SETTINGS: Readonly<Record<CompatPreset, CompatSettings>> = {
  'backtesting.py': { closeAtEndPrice: 'open', firstDecision: 'after-warmup', sqn: 'sample', brackets: 'entry-bar' },
  backtrader: { closeAtEndPrice: 'close', firstDecision: 'at-warmup', sqn: 'population', brackets: 'next-bar' },
};

/** Allowed values of each switch. */
export const COMPAT_CHOICES: Readonly<Record<keyof CompatSettings, readonly string[]>> = {
  closeAtEndPrice: ['close', 'open'],
  firstDecision: ['after-warmup', 'at-warmup'],
  sqn: ['sample', 'population'],
  brackets: ['next-bar', 'entry-bar'],
};

function invalid(origin: ValueOrigin, value: unknown, allowed: readonly string[]): never {
  const message = `${origin.label}: expected ${allowed.map((a) => `"${a}"`).join(' or ')}, got "${String(value)}"`;
  if (origin.file !== undefined) throw new ConfigError('BT_CONFIG_VALUE', message, { hint: `use one of: ${allowed.join(', ')}`, location: { file: origin.file, line: origin.line } });
  throw new UsageError('BT_BAD_VALUE', message, { hint: `use one of: ${allowed.join(', ')}`, location: { flag: origin.flag ?? origin.label } });
}

/**
 * Resolves the preset and the switches (each `[value, origin]` when given).
 * @throws UsageError `BT_BAD_VALUE` (flags) / ConfigError `BT_CONFIG_VALUE` (YAML) for an unknown preset or value.
 */
export function resolveCompat(
  preset: [unknown, ValueOrigin] | undefined,
  switches: { readonly [K in keyof CompatSettings]?: [unknown, ValueOrigin] },
): { readonly preset: CompatPreset | null; readonly settings: CompatSettings } {
  let name: CompatPreset | null = null;
  if (preset !== undefined) {
    if (!(COMPAT_PRESETS as readonly string[]).includes(String(preset[0]))) invalid(preset[1], preset[0], COMPAT_PRESETS);
    name = String(preset[0]) as CompatPreset;
  }
  const settings: Record<string, string> = { ...(name === null ? DEFAULT_COMPAT : PRESET_SETTINGS[name]) };
  for (const key of Object.keys(COMPAT_CHOICES) as (keyof CompatSettings)[]) {
    const given = switches[key];
    if (given === undefined) continue;
    if (!COMPAT_CHOICES[key].includes(String(given[0]))) invalid(given[1], given[0], COMPAT_CHOICES[key]);
    settings[key] = String(given[0]);
  }
  return { preset: name, settings: settings as unknown as CompatSettings };
}

/** True when `settings` are bt's own conventions. */
export function isDefaultCompat(settings: CompatSettings): boolean {
  return settings.closeAtEndPrice === 'close' && settings.firstDecision === 'after-warmup' && settings.sqn === 'sample' && settings.brackets === 'next-bar';
}
