/**
 * Users' own strategy files, loaded at run time through tsx with no build step (issue 3):
 * the starter file runs, `import … from 'bt'` resolves from any folder, and every failure is
 * exit 4 with the user's file:line (and the bar index and time for runtime errors).
 * These spawn the built CLI, as a user would run it.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { starterStrategySource } from '../../src/strategy/starter-template.js';
import { spawnCli } from './run-cli.js';

let dir: string;
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bt-user-'));
  write('my-strategy.ts', starterStrategySource('my-strategy'));
  write('no-export.ts', "export const answer = 42;\n");
  write('syntax.ts', "export default {\n  name: 'broken',,\n};\n");
  write(
    'throws-next.ts',
    [
      "import { defineStrategy } from 'bt';",
      '',
      'export default defineStrategy({',
      "  name: 'throws-next',",
      "  description: 'fails on bar 100',",
      '  params: {},',
      '  init: () => undefined,',
      '  next(ctx) {',
      "    if (ctx.bar === 100) throw new Error('boom');",
      '  },',
      '});',
      '',
    ].join('\n'),
  );
  write(
    'throws-init.ts',
    [
      "import { defineStrategy, sma } from 'bt';",
      '',
      'export default defineStrategy({',
      "  name: 'throws-init',",
      "  description: 'bad indicator period',",
      '  params: {},',
      '  init: (ctx) => ({ s: ctx.indicator("s", sma(ctx.close, 0)) }),',
      '  next() {},',
      '});',
      '',
    ].join('\n'),
  );
  mkdirSync(join(dir, 'esm'));
  writeFileSync(join(dir, 'esm', 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'esm', 'my-strategy.ts'), starterStrategySource('my-strategy'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('user strategy files', () => {
  it('the init-strategy starter runs from any folder with no build step', () => {
    const { code, stdout, stderr } = spawnCli(['run', '--strategy', './my-strategy.ts', '--strat', 'fast=12,slow=40', '--json'], { cwd: dir });
    expect(code, stderr).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.strategy).toMatchObject({ name: 'my-strategy', kind: 'file', source: './my-strategy.ts', params: { fast: 12, slow: 40, atrPeriod: 14 } });
    expect(doc.strategy.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.trades.length).toBeGreaterThan(10);
    expect(new Set(doc.trades.map((t: { exitReason: string }) => t.exitReason))).toContain('stop-loss');
  });

  it('works the same in an ES-module package', () => {
    const a = spawnCli(['run', '--strategy', './my-strategy.ts', '--json'], { cwd: dir });
    const b = spawnCli(['run', '--strategy', './my-strategy.ts', '--json'], { cwd: join(dir, 'esm') });
    expect(b.code, b.stderr).toBe(0);
    expect(JSON.parse(b.stdout).metrics).toEqual(JSON.parse(a.stdout).metrics);
  });

  it('bt strategies FILE shows the file\'s parameters', () => {
    const { code, stdout } = spawnCli(['strategies', './my-strategy.ts'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/stopAtr\s.*number\s.*2\s.*a number from 0\.5 to 10/);
  });

  it('a parameter the file does not declare is a usage error', () => {
    const { code, stderr } = spawnCli(['run', '--strategy', './my-strategy.ts', '--strat', 'stopAtrr=3'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error\[BT_PARAM_UNKNOWN\]: unknown strategy parameter "stopAtrr" \(did you mean "stopAtr"\?\)/);
  });

  it('a file without a strategy export is exit 4', () => {
    const { code, stderr } = spawnCli(['run', '--strategy', './no-export.ts'], { cwd: dir });
    expect(code).toBe(4);
    expect(stderr).toMatch(/^error\[BT_STRATEGY_NO_EXPORT\]: \.\/no-export\.ts: no strategy exported/);
    expect(stderr).toMatch(/hint: export default defineStrategy/);
  });

  it('a syntax error is exit 4 with the file:line:column', () => {
    const { code, stderr } = spawnCli(['run', '--strategy', './syntax.ts'], { cwd: dir });
    expect(code).toBe(4);
    expect(stderr).toMatch(/^error\[BT_STRATEGY_LOAD\]: \.\/syntax\.ts:2:\d+: cannot load strategy: Expected identifier but found ","/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('an exception in next is exit 4 with file:line, bar index and time', () => {
    const { code, stderr } = spawnCli(['run', '--strategy', './throws-next.ts'], { cwd: dir });
    expect(code).toBe(4);
    expect(stderr).toMatch(/^error\[BT_STRATEGY_THREW\]: .*throws-next\.ts:9: strategy "throws-next" threw in next at bar 100 \(2000-05-25\): Error: boom$/m);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('an exception in init is exit 4 with file:line', () => {
    const { code, stderr } = spawnCli(['run', '--strategy', './throws-init.ts'], { cwd: dir });
    expect(code).toBe(4);
    expect(stderr).toMatch(/^error\[BT_STRATEGY_THREW\]: .*throws-init\.ts:7: strategy "throws-init" threw in init: RangeError: sma: period must be an integer >= 1, got "0"$/m);
  });

  it('a missing strategy file is a usage error', () => {
    const { code, stderr } = spawnCli(['run', '--strategy', './nope.ts'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error\[BT_STRATEGY_UNKNOWN\]: strategy file "\.\/nope\.ts" not found/);
  });
});
