/**
 * Property-based fuzzing of the input parsers through the CLI (issue 13): the CSV loader, the
 * `--strat` parser, the `--constraint` / `--assert` parsers and the YAML config. Every outcome
 * must have an exit code of the documented set other than "internal" (0 success, 1 check
 * failed, 2 usage/config, 3 data, 4 strategy, 5 output); on failure exactly one `error[CODE]`
 * line and one `hint:` line on stderr (a constraint's syntax error adds its two-line caret
 * display), no stack trace, nothing on stdout and no output file. Fixed seeds and bounded run
 * counts keep it deterministic and to a few seconds.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliOutcome } from '../cli/run-cli.js';

let dir: string;
let counter = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bt-fuzz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh path in the fuzz folder. */
const fresh = (name: string): string => join(dir, `${counter++}-${name}`);

const DOCUMENTED = [0, 1, 2, 3, 4, 5];
const ONE_ERROR = /^error\[BT_[A-Z0-9_]+\]: [^\n]*\n(?: {2}[^\n]*\n {2}[^\n]*\n)?hint: [^\n]*\n$/;

/** The properties every CLI outcome must have; `out` is an output folder that must not appear on failure. */
function expectCleanOutcome(outcome: CliOutcome, out?: string): void {
  expect(DOCUMENTED, `exit ${outcome.code}: ${outcome.stderr}`).toContain(outcome.code);
  expect(outcome.stderr, 'no stack trace').not.toMatch(/\n\s+at .+:\d+/);
  if (outcome.code === 0 || outcome.code === 1) return;
  const errorLines = outcome.stderr.split('\n').filter((line) => line.startsWith('error['));
  expect(errorLines, outcome.stderr).toHaveLength(1);
  const error = outcome.stderr.slice(outcome.stderr.indexOf('error['));
  expect(error, 'one error line and a hint').toMatch(ONE_ERROR);
  if (!error.startsWith('error[BT_CONSTRAINT_SYNTAX]')) expect(error.split('\n')).toHaveLength(3);
  // eslint-disable-next-line no-control-regex
  expect(outcome.stderr.replace(/\n/g, ''), 'no control characters').not.toMatch(/[\u0000-\u001f\u007f]/);
  expect(outcome.stdout, 'no partial output').toBe('');
  if (out !== undefined) expect(existsSync(out) ? readdirSync(out) : [], 'no output file').toEqual([]);
}

/** Text with the troublesome characters: delimiters, quotes, control bytes, non-ASCII. */
const nasty = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', ' ', '"', '""', ',', ';', '\t', '\r\n', '\u001b[2J', '\u0000', 'NaN', 'Infinity', '-1', '1e308', '1e-320', '0x10', '١٢٣', '__proto__', 'constructor'),
  fc.double().map(String),
  fc.integer().map(String),
);

const cell = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 0.01, max: 1000, noNaN: true }).map((v) => v.toFixed(2)) },
  { weight: 1, arbitrary: nasty },
);
const dateCell = fc.oneof(
  { weight: 4, arbitrary: fc.date({ min: new Date('1990-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  { weight: 1, arbitrary: fc.integer({ min: -1e10, max: 1e13 }).map(String) },
  { weight: 1, arbitrary: nasty },
);
const header = fc.oneof(
  fc.constant(['date', 'open', 'high', 'low', 'close', 'volume']),
  fc.constant(['Date', 'Close']),
  fc.array(fc.oneof(fc.constantFrom('date', 'time', 'open', 'high', 'low', 'close', 'volume', 'price'), nasty), { minLength: 0, maxLength: 7 }),
);

describe('fuzz: CSV loader (#13)', () => {
  it('random CSV files: documented exit code, one error line, no partial output', async () => {
    await fc.assert(
      fc.asyncProperty(
        header,
        fc.array(fc.tuple(dateCell, fc.array(cell, { minLength: 0, maxLength: 7 })), { minLength: 0, maxLength: 40 }),
        fc.constantFrom(',', ';', '\t', '|'),
        async (columns, rows, delimiter) => {
          const data = fresh('data.csv');
          const lines = [columns.join(delimiter), ...rows.map(([date, cells]) => [date, ...cells].join(delimiter))];
          writeFileSync(data, `${lines.join('\n')}\n`);
          const out = fresh('out');
          expectCleanOutcome(await runCli(['run', '--strategy', 'buy-and-hold', '--data', data, '--json', '--out', out]), out);
        },
      ),
      { seed: 1313, numRuns: 60, endOnFailure: true },
    );
  });
});

describe('fuzz: --strat parser (#13)', () => {
  it('random --strat values: documented exit code, one error line', async () => {
    const pair = fc.tuple(fc.oneof(fc.constantFrom('fast', 'slow', 'direction', 'fast ', '', '='), nasty), fc.oneof(fc.constantFrom('5', '10', '30', '1e2', '5%', 'long-only', 'true'), nasty));
    await fc.assert(
      fc.asyncProperty(fc.array(pair, { minLength: 1, maxLength: 3 }), fc.constantFrom(',', '='), async (pairs, joiner) => {
        const value = pairs.map(([k, v]) => `${k}${joiner === ',' ? '=' : joiner}${v}`).join(',');
        expectCleanOutcome(await runCli(['run', '--strategy', 'sma-cross', '--strat', value, '--quiet', '--json']));
      }),
      { seed: 1314, numRuns: 60, endOnFailure: true },
    );
  });
});

describe('fuzz: --constraint and --assert parsers (#13)', () => {
  const token = fc.oneof(
    fc.constantFrom('fast', 'slow', 'direction', 'sharpe', 'maxDrawdown', 'tradeCount', 'totalReturn', '5', '0.5', '10%', '"long-only"', 'true', 'and', 'or', 'not'),
    fc.constantFrom('<', '<=', '>', '>=', '==', '!=', '=', '=>', '+', '-', '*', '/', '%', '(', ')', '!', '&&', '||'),
    nasty,
  );
  const expression = fc.array(token, { minLength: 0, maxLength: 12 }).map((tokens) => tokens.join(' '));

  it('random --constraint expressions: documented exit code, one error line (plus caret display)', async () => {
    await fc.assert(
      fc.asyncProperty(expression, async (text) => {
        expectCleanOutcome(await runCli(['optimize', '--strategy', 'sma-cross', '--param', 'fast=5:6', '--param', 'slow=20:21', '--constraint', text, '--json', '--quiet']));
      }),
      { seed: 1315, numRuns: 50, endOnFailure: true },
    );
  });

  it('random --assert expressions: documented exit code, one error line', async () => {
    await fc.assert(
      fc.asyncProperty(expression, async (text) => {
        expectCleanOutcome(await runCli(['run', '--strategy', 'sma-cross', '--assert', text, '--quiet']));
      }),
      { seed: 1316, numRuns: 50, endOnFailure: true },
    );
  });
});

describe('fuzz: YAML config (#13)', () => {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('strategy', 'params', 'cash', 'commission', 'commissionFixed', 'slippage', 'sizing', 'fill', 'fractional', 'closeAtEnd', 'stopLoss', 'takeProfit', 'trailingStop', 'from', 'to', 'timeframe', 'tz', 'symbol', 'sort') },
    { weight: 1, arbitrary: nasty },
  );
  const value: fc.Arbitrary<unknown> = fc.oneof(
    fc.constantFrom('sma-cross', 'buy-and-hold', 'all-in', 'next-open', 'close', '1%', '0.001', '1e308', '2010-01-31', '1d', 'UTC', true, false, null, 0, -1, 100000),
    nasty,
    fc.dictionary(fc.oneof(fc.constantFrom('fast', 'slow', 'units', 'fraction', 'json', 'quiet'), nasty), fc.oneof(fc.integer(), nasty), { maxKeys: 3 }),
    fc.array(fc.oneof(fc.integer(), nasty), { maxLength: 3 }),
  );

  it('random YAML configs (structured and raw): documented exit code, one error line', async () => {
    const structured = fc.dictionary(key, value, { maxKeys: 6 }).map((object) => stringify(object));
    const raw = fc.array(fc.oneof(fc.constantFrom('strategy: sma-cross', 'params:', '  fast: 5', '- x', '&a [1]', '*a', '{', '}', ': :', '\t', '"'), nasty), { maxLength: 8 }).map((lines) => lines.join('\n'));
    await fc.assert(
      fc.asyncProperty(fc.oneof(structured, raw), async (text) => {
        const config = fresh('config.yaml');
        writeFileSync(config, text);
        expectCleanOutcome(await runCli(['run', '--config', config, '--quiet', '--json']));
      }),
      { seed: 1317, numRuns: 60, endOnFailure: true },
    );
  });
});
