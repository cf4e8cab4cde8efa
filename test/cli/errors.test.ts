/**
 * Bad input: every case gets one `error[CODE]` line naming the file:line, flag or parameter,
 * a `hint:` line, its documented exit code, no stack trace, nothing on stdout and no partial
 * output file (issue 2, "Bad input").
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from './run-cli.js';

let dir: string;
const file = (name: string) => join(dir, name);
const HEADER = 'date,open,high,low,close\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bt-errors-'));
  const write = (name: string, text: string) => writeFileSync(file(name), text);
  write('empty.csv', '');
  write('header-only.csv', HEADER);
  write('no-close.csv', 'date,foo,bar\n2020-01-01,1,2\n');
  write('bad-date.csv', `${HEADER}2020-01-01,1,2,1,1.5\n2020-13-45,1,2,1,1.5\n`);
  write('non-numeric.csv', `${HEADER}2020-01-01,1,2,1,1.5\n2020-01-02,1,abc,1,1.5\n`);
  write('negative.csv', `${HEADER}2020-01-01,1,2,1,1.5\n2020-01-02,-1,2,1,1.5\n`);
  write('high-low.csv', `${HEADER}2020-01-01,1,2,1,1.5\n2020-01-02,10.3,10.2,10.5,10.4\n`);
  write('duplicate.csv', `${HEADER}2020-01-01,1,2,1,1.5\n2020-01-01,1,2,1,1.5\n`);
  write('unsorted.csv', `${HEADER}2020-01-02,1,2,1,1.5\n2020-01-01,1,2,1,1.5\n`);
  const rows = Array.from({ length: 20 }, (_, i) => `2020-02-${String(i + 1).padStart(2, '0')},10,11,9,10.5`);
  write('short.csv', `${HEADER}${rows.join('\n')}\n`);
  write('bad.yaml', 'strategy: sma-cross\nparams:\n  fast: [1,\n');
  write('unknown-key.yaml', 'strategy: sma-cross\ncomision: 0.1%\n');
  write('in-the-way', 'a file where a folder should be');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Case {
  readonly name: string;
  readonly args: () => string[];
  readonly code: number;
  readonly error: RegExp;
  readonly hint: RegExp;
}

const run = (data: string, ...rest: string[]) => ['run', '--data', file(data), '--strategy', 'sma-cross', ...rest];

const CASES: readonly Case[] = [
  { name: 'missing file', args: () => run('missing.csv'), code: 3, error: /^error\[BT_DATA_NOT_FOUND\]: .*missing\.csv: data file ".*missing\.csv" does not exist$/, hint: /check the path/ },
  { name: 'empty file', args: () => run('empty.csv'), code: 3, error: /^error\[BT_DATA_EMPTY\]: .*empty\.csv: the file is empty$/, hint: /header line and at least one bar/ },
  { name: 'header only', args: () => run('header-only.csv'), code: 3, error: /^error\[BT_DATA_EMPTY\]: .*header-only\.csv(:\d+)?: /, hint: /./ },
  { name: 'header without OHLC/close columns', args: () => run('no-close.csv'), code: 3, error: /^error\[BT_DATA_COLUMNS\]: .*no-close\.csv:1: found columns "date", "foo", "bar"; need a close column \(close or price\)$/, hint: /date,open,high,low,close/ },
  { name: 'unparseable date', args: () => run('bad-date.csv'), code: 3, error: /^error\[BT_DATA_BAD_DATE\]: .*bad-date\.csv:3: date "2020-13-45" is not a valid date$/, hint: /YYYY-MM-DD/ },
  { name: 'non-numeric price', args: () => run('non-numeric.csv'), code: 3, error: /^error\[BT_DATA_BAD_NUMBER\]: .*non-numeric\.csv:3: high "abc" is not a number$/, hint: /plain numbers/ },
  { name: 'negative price', args: () => run('negative.csv'), code: 3, error: /^error\[BT_DATA_BAD_PRICE\]: .*negative\.csv:3: open "-1" is not positive$/, hint: /above 0/ },
  { name: 'high below low', args: () => run('high-low.csv'), code: 3, error: /^error\[BT_DATA_INVALID_BAR\]: .*high-low\.csv:3: high "10\.2" is below low "10\.5"$/, hint: /low <= open <= high/ },
  { name: 'duplicate timestamp', args: () => run('duplicate.csv'), code: 3, error: /^error\[BT_DATA_DUPLICATE_TIME\]: .*duplicate\.csv:3: time "2020-01-01" repeats line 2$/, hint: /remove one/ },
  { name: 'out-of-order timestamp', args: () => run('unsorted.csv'), code: 3, error: /^error\[BT_DATA_UNSORTED\]: .*unsorted\.csv:3: time "2020-01-01" is earlier than "2020-01-02" on line 2$/, hint: /--sort/ },
  { name: 'fewer bars than the warm-up needs', args: () => run('short.csv'), code: 3, error: /^error\[BT_DATA_TOO_SHORT\]: .*short\.csv: 20 bars are too few: indicator "sma30" has no value on any of them$/, hint: /use more bars/ },
  { name: 'warm-up leaves no bar to decide on', args: () => [...run('short.csv'), '--strat', 'fast=5,slow=20'], code: 3, error: /^error\[BT_DATA_TOO_SHORT\]: .*short\.csv: 20 bars are too few: the first decision would be at bar 20 \(bars are numbered from 0; warm-up 19 bars\)$/, hint: /shorten the indicator periods/ },
  { name: 'unknown strategy', args: () => ['run', '--strategy', 'sma-crss'], code: 2, error: /^error\[BT_STRATEGY_UNKNOWN\]: unknown strategy "sma-crss" \(did you mean "sma-cross"\?\)$/, hint: /bt strategies/ },
  { name: 'unknown parameter', args: () => ['run', '--strategy', 'sma-cross', '--strat', 'fats=3'], code: 2, error: /^error\[BT_PARAM_UNKNOWN\]: unknown strategy parameter "fats" \(did you mean "fast"\?\)$/, hint: /^hint: valid parameters: fast, slow, direction, signalMode$/ },
  { name: 'a parameter named like an Object property', args: () => ['run', '--strategy', 'sma-cross', '--strat', 'constructor=1'], code: 2, error: /^error\[BT_PARAM_UNKNOWN\]: unknown strategy parameter "constructor"$/, hint: /^hint: valid parameters: fast, slow, direction, signalMode$/ },
  { name: 'out-of-range parameter', args: () => ['run', '--strategy', 'sma-cross', '--strat', 'fast=0'], code: 2, error: /^error\[BT_PARAM_INVALID\]: --strat: parameter "fast" must be a whole number from 1 to 1000, got "0"$/, hint: /fast SMA length/ },
  { name: 'inconsistent parameters', args: () => ['run', '--strategy', 'sma-cross', '--strat', 'fast=40,slow=20'], code: 2, error: /^error\[BT_PARAM_INVALID\]: strategy "sma-cross": fast \(40\) must be below slow \(20\)$/, hint: /--strat/ },
  { name: 'bad enum value', args: () => ['run', '--strategy', 'sma-cross', '--strat', 'direction=long-shrt'], code: 2, error: /must be one of long-only, long-short, got "long-shrt" \(did you mean "long-short"\?\)/, hint: /./ },
  { name: 'malformed YAML', args: () => ['run', '--config', file('bad.yaml')], code: 2, error: /^error\[BT_CONFIG_YAML\]: .*bad\.yaml:\d+: invalid YAML: /, hint: /indentation/ },
  { name: 'unknown YAML key', args: () => ['run', '--config', file('unknown-key.yaml')], code: 2, error: /^error\[BT_CONFIG_KEY\]: .*unknown-key\.yaml:2: unknown key "comision" \(did you mean "commission"\?\)$/, hint: /valid keys/ },
  { name: 'bad rate flag', args: () => ['run', '--strategy', 'sma-cross', '--commission', '5'], code: 2, error: /^error\[BT_BAD_VALUE\]: --commission: "5" would be 500 %$/, hint: /5%/ },
  { name: 'unknown flag', args: () => ['run', '--strategy', 'sma-cross', '--nope'], code: 2, error: /^error\[BT_USAGE\]: unknown option '--nope'/, hint: /--help/ },
  { name: 'unwritable --out folder', args: () => ['run', '--strategy', 'sma-cross', '--out', join(file('in-the-way'), 'results')], code: 5, error: /^error\[BT_OUTPUT_WRITE\]: cannot write ".*in-the-way.*summary\.json": a file is in the way of the folder$/, hint: /writable folder for --out/ },
];

describe('bad input: message, hint and exit code', () => {
  for (const c of CASES) {
    it(`${c.name} → exit ${c.code}`, async () => {
      const { code, stdout, stderr } = await runCli(c.args());
      const lines = stderr.trimEnd().split('\n');
      expect(code, stderr).toBe(c.code);
      expect(stdout, 'nothing on stdout').toBe('');
      expect(lines[0]).toMatch(c.error);
      expect(lines[1]).toMatch(/^hint: /);
      expect(lines[1]).toMatch(c.hint);
      expect(lines.length, 'one error line and one hint line, no stack trace').toBe(2);
    });
  }

  it('leaves no partial output files when writing fails', async () => {
    const out = join(file('in-the-way'), 'results');
    await runCli(['run', '--strategy', 'sma-cross', '--out', out]);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
  });

  it('writes no --out files when the run itself fails', async () => {
    const out = join(dir, 'never');
    const { code } = await runCli([...run('high-low.csv'), '--out', out]);
    expect(code).toBe(3);
    expect(existsSync(out), 'no folder for a failed run').toBe(false);
  });

  it('prints the stack trace only with --debug', async () => {
    const { stderr } = await runCli([...run('high-low.csv'), '--debug']);
    expect(stderr).toMatch(/^error\[BT_DATA_INVALID_BAR\]/);
    expect(stderr).toMatch(/\n\s+at /);
  });

  it('the built CLI exits with the same code and message, without a stack trace', () => {
    const { code, stdout, stderr } = spawnCli(run('high-low.csv'));
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error\[BT_DATA_INVALID_BAR\]: .*high-low\.csv:3: high "10\.2" is below low "10\.5"\nhint: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe.skipIf(!existsSync('/dev/zero'))('bt run --data /dev/zero', () => {
  it('#13.13 exits 3 with one error line and a hint instead of reading without bound', () => {
    const result = spawnCli(['run', '--data', '/dev/zero', '--strategy', 'sma-cross', '--no-store']);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'error[BT_DATA_LINE_TOO_LONG]: /dev/zero:1: the line runs on for more than 1,048,576 bytes without a line break\n' +
        'hint: give a CSV or JSON file of bars; a row of bars is a few dozen bytes (is this a binary file or a device?)\n',
    );
  });
});
