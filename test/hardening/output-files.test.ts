/**
 * Output files never destroy what they point at (issue 13, items 1 and 3): a device target is
 * written through, an input of the run or a second output is refused before the run, and a set
 * of files is all-or-nothing even when a rename fails midway.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFilesAtomic } from '../../src/report/write-atomic.js';
import { thrownBtError } from '../helpers/thrown-bt-error.js';
import { runCli } from '../cli/run-cli.js';

let dir: string;
const DATA = 'test/fixtures/data/yahoo.csv';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bt-output-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('#13.1 special files', () => {
  it('#13.1 --report /dev/null writes through: /dev/null stays a character device', async () => {
    const before = statSync('/dev/null');
    const { code, stderr } = await runCli(['run', '--strategy', 'buy-and-hold', '--report', '/dev/null', '--quiet']);
    expect(code, stderr).toBe(0);
    const after = statSync('/dev/null');
    expect(after.isCharacterDevice(), 'still the null device').toBe(true);
    expect(after.ino, 'the same inode, not a renamed regular file').toBe(before.ino);
  });
});

describe('#13.1 outputs that would overwrite inputs or each other', () => {
  it('#13.1 --report onto the data file is refused before the run (exit 2) and the data is untouched', async () => {
    const data = join(dir, 'data.csv');
    writeFileSync(data, readFileSync(DATA));
    const { code, stdout, stderr } = await runCli(['run', '--strategy', 'buy-and-hold', '--data', data, '--report', data]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`error[BT_OUTPUT_IS_INPUT]: --report would overwrite "${data}", an input of this run (--data)\nhint: choose another path for --report\n`);
    expect(readFileSync(data, 'utf8')).toBe(readFileSync(DATA, 'utf8'));
  });

  it('#13.1 --out DIR with --report DIR/summary.json is refused (exit 2)', async () => {
    const out = join(dir, 'both');
    const { code, stderr } = await runCli(['run', '--strategy', 'buy-and-hold', '--out', out, '--report', join(out, 'summary.json')]);
    expect(code).toBe(2);
    expect(stderr).toBe(`error[BT_OUTPUT_TWICE]: --report and --out would both write "${join(out, 'summary.json')}"\nhint: choose another path for --report\n`);
  });

  it('#13.1 --save-baseline onto the --config file is refused (exit 2)', async () => {
    const config = join(dir, 'run.yaml');
    writeFileSync(config, 'strategy: buy-and-hold\n');
    const { code, stderr } = await runCli(['run', '--config', config, '--save-baseline', config]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error\[BT_OUTPUT_IS_INPUT\]: --save-baseline would overwrite ".*run\.yaml", an input of this run \(--config\)\n/);
    expect(readFileSync(config, 'utf8')).toBe('strategy: buy-and-hold\n');
  });
});

describe('#13.3 all-or-nothing sets of files', () => {
  it('#13.3 a rename failing midway restores the files already replaced and leaves no temporaries', () => {
    const out = join(dir, 'midway');
    mkdirSync(join(out, 'b.csv'), { recursive: true });
    writeFileSync(join(out, 'b.csv', 'keep'), 'x');
    writeFileSync(join(out, 'a.json'), 'old a');
    const error = thrownBtError(() =>
      writeFilesAtomic([
        { path: join(out, 'a.json'), content: 'new a' },
        { path: join(out, 'new.txt'), content: 'new file' },
        { path: join(out, 'b.csv'), content: 'new b' },
      ]),
    );
    expect(error.code).toBe('BT_OUTPUT_WRITE');
    expect(error.exitCode).toBe(5);
    expect(error.message).toMatch(/^cannot write ".*b\.csv": /);
    expect(readFileSync(join(out, 'a.json'), 'utf8'), 'the old file is back').toBe('old a');
    expect(readdirSync(out).sort(), 'no new file, no temporary, no set-aside copy').toEqual(['a.json', 'b.csv']);
  });

  it('#13.3 a successful write replaces every file and leaves nothing else', () => {
    const out = join(dir, 'whole');
    mkdirSync(out);
    writeFileSync(join(out, 'a.json'), 'old a');
    writeFilesAtomic([
      { path: join(out, 'a.json'), content: 'new a' },
      { path: join(out, 'b.csv'), content: 'new b' },
    ]);
    expect(readdirSync(out).sort()).toEqual(['a.json', 'b.csv']);
    expect(readFileSync(join(out, 'a.json'), 'utf8')).toBe('new a');
  });
});
