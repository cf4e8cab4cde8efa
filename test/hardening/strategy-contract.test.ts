/**
 * The strategy contract (issue 13, items 4 to 7 and 9): a strategy cannot end the run with a
 * success code, cannot be async, cannot move fills by writing into the price arrays, and must
 * declare a sound parameter schema and distinct indicator names. The process.exit guard lives
 * in the real process, so those cases spawn the built CLI (npm run build).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../cli/run-cli.js';

let dir: string;
const path = (name: string): string => join(dir, name);

/** A strategy file whose `init` and `next` bodies are given. */
function strategyFile(name: string, body: { params?: string; init?: string; next?: string; nextHead?: string }): string {
  const file = path(`${name}.ts`);
  writeFileSync(
    file,
    [
      '// No import: a plain strategy object, so the file also loads in-process under the test runner.',
      '',
      'export default {',
      `  name: '${name}',`,
      "  description: 'issue 13 case',",
      `  params: ${body.params ?? '{}'},`,
      `  init(ctx) { ${body.init ?? 'return {};'} },`,
      `  ${body.nextHead ?? 'next(ctx)'} { ${body.next ?? ''} },`,
      '};',
      '',
    ].join('\n'),
  );
  return file;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bt-contract-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('#13.4 process.exit inside a strategy', () => {
  it('#13.4 process.exit(0) in next ends the run with exit 4 naming the bar, not success', () => {
    const file = strategyFile('exits', { next: 'if (ctx.bar === 30) process.exit(0);' });
    const { code, stdout, stderr } = spawnCli(['run', '--strategy', file, '--json']);
    expect(code, stderr).toBe(4);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error\[BT_STRATEGY_EXIT\]: .*exits\.ts:\d+: strategy "exits" called process\.exit\(0\) in next at bar 30 \(2000-02-15\); a strategy cannot end the run\nhint: see .*exits\.ts:\d+; return from next instead, or throw an Error to stop the run \(exit 4\)\n$/);
  });

  it('#13.4 process.exit(0) in next inside an optimize worker thread: exit 4 naming the bar, not an internal error', () => {
    const file = strategyFile('exits-in-worker', { params: "{ n: { type: 'int', default: 5, min: 1, max: 100, description: 'n' } }", next: 'if (ctx.bar === 30) process.exit(0);' });
    const { code, stderr } = spawnCli(['optimize', '--strategy', file, '--param', 'n=1:8', '--workers', '2', '--quiet']);
    expect(code, stderr).toBe(4);
    expect(stderr).toMatch(/^error\[BT_STRATEGY_EXIT\]: .*exits-in-worker\.ts:\d+: strategy "exits-in-worker" called process\.exit\(0\) in next at bar 30 \(2000-02-15\); a strategy cannot end the run\nhint: /);
  });

  it('#13.4 process.exit(0) from a timer the strategy left behind still ends with exit 4', () => {
    const file = strategyFile('exits-later', { init: 'setTimeout(() => process.exit(0), 0); return {};' });
    const { code, stderr } = spawnCli(['run', '--strategy', file, '--quiet']);
    expect(code, stderr).toBe(4);
    expect(stderr).toMatch(/error\[BT_STRATEGY_EXIT\]: process\.exit\(0\) was called; a strategy cannot end the process\nhint: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('#13.5 async strategies', () => {
  it('#13.5 an async next stops at the first decision bar with exit 4, file:line and "must be synchronous"', () => {
    const file = strategyFile('async-next', { nextHead: 'async next(ctx)', next: 'await Promise.resolve(); ctx.buy();' });
    const { code, stdout, stderr } = spawnCli(['run', '--strategy', file]);
    expect(code, stderr).toBe(4);
    expect(stdout, 'no table printed').toBe('');
    expect(stderr).toBe(
      `error[BT_STRATEGY_ASYNC]: ${file}:8: strategy "async-next": next returned a Promise at bar 1 (2000-01-04); next must be synchronous\nhint: remove "async" (and "await") from next; a strategy decides from data already loaded\n`,
    );
  });

  it('#13.5 an async init is refused the same way', () => {
    const file = strategyFile('async-init', { init: 'return Promise.resolve({});' });
    const { code, stderr } = spawnCli(['run', '--strategy', file]);
    expect(code, stderr).toBe(4);
    expect(stderr.split('\n')[0]).toMatch(/^error\[BT_STRATEGY_ASYNC\]: .*async-init\.ts: strategy "async-init": init returned a Promise; init must be synchronous$/);
  });
});

describe('#13.6 price arrays', () => {
  it('#13.6 writing into ctx.close in init cannot move fills or make equity negative', async () => {
    const clean = strategyFile('holds', { next: 'if (ctx.position.isFlat) ctx.buy();' });
    const vandal = strategyFile('vandal', { init: 'for (let i = 0; i < ctx.close.length; i++) { ctx.close[i] = -1; ctx.open[i] = -1; ctx.bars.high[i] = -1; } return {};', next: 'if (ctx.position.isFlat) ctx.buy();' });
    const a = await runCli(['run', '--strategy', clean, '--json']);
    const b = await runCli(['run', '--strategy', vandal, '--json']);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const docA = JSON.parse(a.stdout);
    const docB = JSON.parse(b.stdout);
    expect(docB.trades, 'same fills as the strategy that wrote nothing').toEqual(docA.trades);
    expect(docB.metrics, 'same metrics').toEqual(docA.metrics);
    expect(docB.metrics.maxDrawdown).toBeLessThan(1);
  });
});

describe('#13.7 parameter schemas and indicator names', () => {
  it('#13.7 min above max and a default outside them: exit 4 naming the file and parameter', async () => {
    const file = strategyFile('bad-range', { params: "{ n: { type: 'int', default: 500, min: 10, max: 1, description: 'n' } }" });
    for (const args of [['run', '--strategy', file], ['strategies', file], ['optimize', '--strategy', file, '--param', 'n']]) {
      const { code, stderr } = await runCli(args);
      expect(code, args.join(' ')).toBe(4);
      expect(stderr).toBe(`error[BT_STRATEGY_PARAMS]: ${file}: parameter "n": min 10 is above max 1\nhint: fix the parameter's spec: type int | number | boolean | enum, a default of that type, min ≤ default ≤ max\n`);
    }
  });

  it('#13.7 an unknown type is refused', async () => {
    const file = strategyFile('bad-type', { params: "{ x: { type: 'float64', default: 1, description: 'x' } }" });
    const { code, stderr } = await runCli(['run', '--strategy', file]);
    expect(code).toBe(4);
    expect(stderr.split('\n')[0]).toBe(`error[BT_STRATEGY_PARAMS]: ${file}: parameter "x": type "float64" is not one of int, number, boolean, enum`);
  });

  it('#13.7 two indicators under one name: exit 4', async () => {
    const file = strategyFile('twice', { init: "ctx.indicator('ma', ctx.close.slice()); ctx.indicator('ma', ctx.open.slice()); return {};" });
    const { code, stderr } = await runCli(['run', '--strategy', file]);
    expect(code).toBe(4);
    expect(stderr).toMatch(/^error\[BT_INDICATOR_DUPLICATE\]: two indicators are registered as "ma"\nhint: give each ctx\.indicator\(name, …\) its own name\n$/);
  });
});

describe('#13.9 a thrown value that cannot be printed', () => {
  it('#13.9 an object whose toString throws is reported as a strategy error (exit 4), not internal', async () => {
    const file = strategyFile('unprintable', { next: "throw { toString() { throw new Error('nope'); } };" });
    const { code, stderr } = await runCli(['run', '--strategy', file]);
    expect(code).toBe(4);
    expect(stderr).toMatch(/^error\[BT_STRATEGY_THREW\]: strategy "unprintable" threw in next at bar 1 \(2000-01-04\): \(an unprintable object\)\nhint: /);
  });
});
