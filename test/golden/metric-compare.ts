/**
 * Comparing `bt` metrics with backtesting.py 0.6.6's statistics table of a golden file
 * (reference CONVENTIONS.md §10–11): numbers within 1e-9 relative (1e-9 absolute near zero)
 * in backtesting.py's own units, timestamps and durations exactly, `null` where it has NaN or
 * ±inf, and `Commissions [$]` absent when 0.
 */
import { expect } from 'vitest';
import type { Metrics } from '../../src/metrics/index.js';
import { metricRegistry } from '../../src/metrics/registry.js';

/** Parses a golden timestamp (`YYYY-MM-DD[ HH:MM:SS]`, UTC) to epoch ms. */
export function parseUtc(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?$/.exec(text);
  if (match === null) throw new Error(`unrecognised timestamp "${text}"`);
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  return Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
}

/** A pandas Timedelta string such as `121 days 00:00:00` or `0 days 07:57:00` → ms. */
export function parseTimedelta(text: string): number {
  const match = /^(-?\d+) days (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/.exec(text);
  if (match === null) throw new Error(`unrecognised duration "${text}"`);
  const [, days, hours, minutes, seconds, fraction = ''] = match;
  const ms = Number(fraction.padEnd(9, '0').slice(0, 3));
  return ((+days * 24 + +hours) * 60 + +minutes) * 60_000 + +seconds * 1000 + ms;
}

/** Golden metrics negated by backtesting.py (it prints drawdowns as negative percentages). */
const NEGATED = new Set(['maxDrawdown', 'avgDrawdown']);

/** Asserts that `metrics` reproduce the golden `metrics` table of case `caseId`. */
export function expectGoldenMetrics(caseId: string, goldenMetrics: Readonly<Record<string, string | number | null>>, metrics: Metrics): void {
  const { values, nullReasons } = metrics;
  const golden = { metrics: goldenMetrics };
  const files = { id: caseId };
  const compared = new Set<string>();
  for (const definition of metricRegistry) {
    const name = definition.backtestingPy;
    if (name === undefined) continue;
    const key = definition.key;
    const ours = values[key];
    const label = `${files.id}: ${key} (${name})`;
    compared.add(name);

    if (!(name in golden.metrics)) {
      expect(name, `${label}: only Commissions may be absent`).toBe('Commissions [$]');
      expect(ours, `${label}: absent in backtesting.py means 0`).toBe(0);
      continue;
    }
    const expected = golden.metrics[name];
    if (expected === null) {
      expect(ours, `${label}: backtesting.py has NaN/inf`).toBeNull();
      expect(nullReasons[key], `${label}: a null has a reason`).toBeTruthy();
      continue;
    }
    if (definition.unit === 'time') {
      expect(ours, label).toBe(parseUtc(String(expected)));
      continue;
    }
    if (definition.unit === 'ms') {
      if (typeof expected === 'number') {
        // backtesting.py's degenerate drawdown case prints dd fractions as durations; ours is
        // null with a reason (a deliberate difference, see drawdownMetrics).
        expect(ours, `${label}: degenerate drawdown durations are null`).toBeNull();
        expect(nullReasons[key], label).toBeTruthy();
      } else {
        expect(ours, label).toBe(parseTimedelta(expected));
      }
      continue;
    }
    expect(typeof expected, label).toBe('number');
    expect(ours, `${label}: ${nullReasons[key] ?? ''}`).not.toBeNull();
    const scale = name.endsWith('[%]') ? 100 : 1;
    const inGoldenUnits = (NEGATED.has(key) ? -1 : 1) * (ours as number) * scale;
    const want = expected as number;
    const tolerance = Math.max(1e-9, 1e-9 * Math.max(Math.abs(inGoldenUnits), Math.abs(want)));
    expect(Math.abs(inGoldenUnits - want), `${label}: ours ${inGoldenUnits}, golden ${want}`).toBeLessThanOrEqual(
      tolerance,
    );
  }
  for (const name of Object.keys(golden.metrics)) {
    expect(compared.has(name), `${files.id}: golden metric "${name}" is mapped in the registry`).toBe(true);
  }
}
