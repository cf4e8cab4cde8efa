/**
 * Names that are not own properties, nesting and size limits, and echoed input (issue 13,
 * items 8, 9, 12 and the YAML part of 13): each is a user error with its documented exit code
 * and one line (plus hint), never an internal error, a stack overflow or raw control bytes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

let dir: string;
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bt-bounds-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** stderr is exactly one `error[CODE]` line and one `hint:` line. */
function expectOneLine(stderr: string, code: string): void {
  expect(stderr).toMatch(new RegExp(`^error\\[${code}\\]: [^\\n]*\\nhint: [^\\n]*\\n$`));
  // eslint-disable-next-line no-control-regex
  expect(stderr.replace(/\n/g, ''), 'no control characters').not.toMatch(/[\u0000-\u001f\u007f]/);
}

describe('#13.8 names inherited from Object.prototype', () => {
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    it(`#13.8 --strategy ${name}: unknown strategy, exit 2`, async () => {
      const { code, stderr } = await runCli(['run', '--strategy', name]);
      expect(code).toBe(2);
      expect(stderr.split('\n')[0]).toBe(`error[BT_STRATEGY_UNKNOWN]: unknown strategy "${name}"`);
    });
  }

  it('#13.8 bt strategies __proto__: unknown strategy, exit 2', async () => {
    const { code, stderr } = await runCli(['strategies', '__proto__']);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('error[BT_STRATEGY_UNKNOWN]: unknown strategy "__proto__"');
  });

  it('#13.8 --strat __proto__=1 is an unknown parameter (exit 2), not silently dropped', async () => {
    const { code, stderr } = await runCli(['run', '--strategy', 'sma-cross', '--strat', '__proto__=1']);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('error[BT_PARAM_UNKNOWN]: unknown strategy parameter "__proto__"');
  });

  for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf']) {
    it(`#13.8 YAML top-level key "${key}": unknown key, exit 2`, async () => {
      const config = file(`proto-${key}.yaml`, `strategy: sma-cross\n${key}: 1\n`);
      const { code, stderr } = await runCli(['run', '--config', config]);
      expect(code).toBe(2);
      expect(stderr.split('\n')[0]).toMatch(new RegExp(`^error\\[BT_CONFIG_KEY\\]: .*proto-${key}\\.yaml:2: unknown key "${key}"( \\(did you mean "\\w+"\\?\\))?$`));
    });
  }

  it('#13.8 YAML params key __proto__ is an unknown parameter, exit 2', async () => {
    const config = file('proto-params.yaml', 'strategy: sma-cross\nparams:\n  __proto__: 3\n');
    const { code, stderr } = await runCli(['run', '--config', config]);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('error[BT_PARAM_UNKNOWN]: unknown strategy parameter "__proto__"');
  });
});

describe('#13.9 nesting', () => {
  it('#13.9 a JSON data file nested 5,000 deep: data error (exit 3), one short line', async () => {
    const data = file('deep.json', `${'['.repeat(5000)}${']'.repeat(5000)}`);
    const { code, stderr } = await runCli(['run', '--strategy', 'sma-cross', '--data', data]);
    expect(code, stderr).toBe(3);
    expectOneLine(stderr, 'BT_DATA_BAD_JSON');
    expect(stderr.length, 'the input is not echoed whole').toBeLessThan(400);
  });

  it('#13.9 --constraint with 200 nested parentheses: syntax error (exit 2), not a stack overflow', async () => {
    const deep = `${'('.repeat(200)}fast < slow${')'.repeat(200)}`;
    const { code, stderr } = await runCli(['optimize', '--strategy', 'sma-cross', '--param', 'fast=5:6', '--constraint', deep]);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(`error[BT_CONSTRAINT_SYNTAX]: --constraint "${'('.repeat(80)}…": nested more than 50 levels deep at column 51`);
  });

  it('#13.9 --constraint with 1,000 nested parentheses: syntax error (exit 2)', async () => {
    const deep = `${'('.repeat(1000)}fast < slow${')'.repeat(1000)}`;
    const { code, stderr } = await runCli(['optimize', '--strategy', 'sma-cross', '--param', 'fast=5:6', '--constraint', deep]);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(`error[BT_CONSTRAINT_SYNTAX]: --constraint "${'('.repeat(80)}…": longer than 500 names, numbers and operators at column 501`);
    expect(stderr.split('\n')).toHaveLength(5);
  });

  it('#13.9 --assert with 1,000 nested parentheses: syntax error (exit 2), expression cut to 80 characters', async () => {
    const deep = `${'('.repeat(1000)}sharpe > 1${')'.repeat(1000)}`;
    const { code, stderr } = await runCli(['run', '--strategy', 'sma-cross', '--assert', deep]);
    expect(code).toBe(2);
    expectOneLine(stderr, 'BT_ASSERT_SYNTAX');
    expect(stderr.split('\n')[0]).toBe(`error[BT_ASSERT_SYNTAX]: --assert "${'('.repeat(80)}…": unexpected "(" (column 1)`);
  });

  it('#13.9 a YAML alias bomb: config error (exit 2), not internal', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const config = file('bomb.yaml', `strategy: sma-cross\nparams:\n${levels.map((l) => `  ${l}`).join('\n')}\n`);
    const { code, stderr } = await runCli(['run', '--config', config]);
    expect(code).toBe(2);
    expectOneLine(stderr, 'BT_CONFIG_YAML');
  });
});

describe('#13.12 echoed input', () => {
  it('#13.12 ANSI escapes in a CSV header are escaped, not sent to the terminal', async () => {
    const data = file('ansi.csv', 'da\u001b]0;pwned\u0007te,open,high,low,clo\u001b[2Jse\n2020-01-01,1,2,1,1.5\n');
    const { code, stderr } = await runCli(['run', '--strategy', 'sma-cross', '--data', data]);
    expect(code).toBe(3);
    expectOneLine(stderr, 'BT_DATA_COLUMNS');
    expect(stderr).toContain('found columns "da\\x1b]0;pwned\\x07te", "open", "high", "low", "clo\\x1b[2Jse"');
  });

  it('#13.12 a 1 MB single-line file: one line of at most 1,000 characters', async () => {
    const data = file('long.csv', 'x'.repeat(1_000_000));
    const { code, stderr } = await runCli(['run', '--strategy', 'sma-cross', '--data', data]);
    expect(code).toBe(3);
    expectOneLine(stderr, 'BT_DATA_COLUMNS');
    expect(stderr.split('\n')[0].length).toBeLessThan(1100);
  });
});

describe('#13.13 config size caps', () => {
  it('#13.13 a YAML config with 16,000 parameter keys is refused at once (exit 2)', async () => {
    const keys = Array.from({ length: 16_000 }, (_, i) => `  k${i}: ${i}`).join('\n');
    const config = file('keys.yaml', `strategy: sma-cross\nparams:\n${keys}\n`);
    const { code, stderr } = await runCli(['run', '--config', config]);
    expect(code).toBe(2);
    expect(stderr).toBe(`error[BT_CONFIG_TOO_LARGE]: ${config}: config file too large: it has more than 2000 keys\nhint: a config holds at most 2000 keys in 256 KiB; put search ranges in --param flags\n`);
  });

  it.skipIf(process.platform === 'win32')('#13.13 --config /dev/zero is read only up to the cap and refused (exit 2)', async () => {
    const { code, stderr } = await runCli(['run', '--config', '/dev/zero']);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('error[BT_CONFIG_TOO_LARGE]: /dev/zero: config file too large: it has more than 262144 characters');
  });

  it('#13.13 a config larger than 256 KiB is refused by size (exit 2)', async () => {
    const config = file('big.yaml', `strategy: sma-cross\n# ${'x'.repeat(300 * 1024)}\n`);
    const { code, stderr } = await runCli(['run', '--config', config]);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(`error[BT_CONFIG_TOO_LARGE]: ${config}: config file too large: it has more than 262144 characters`);
  });
});
