import { describe, expect, it } from 'vitest';
import { metricKeys } from '../metrics/index.js';
import { BtError } from '../errors.js';
import type { MetricValuesRecord } from './evaluate.js';
import { buildOptimizeDocument, type OptimizeHeader, type TrialRun } from './result.js';
import { mergeShards, parseShard, parseShardFile, shardJsonLines } from './shard.js';

const header: OptimizeHeader = {
  btVersion: '0.0.0',
  strategy: { name: 's', source: 's', kind: 'builtin', sha256: '' },
  data: { file: 'x.csv', sha256: 'abc', dialect: 'csv', symbol: 'X', bars: 10, start: 0, end: 9 },
  conventions: { initialCash: 1 },
  search: { method: 'grid', params: { p: [0, 1, 2, 3, 4, 5, 6] }, fixed: {}, constraints: [], combinations: 7, valid: 7, ruledOutByConstraint: 0, ruledOutByStrategy: 0, plannedTrials: 7, population: null, generations: null, crossoverRate: null, mutationRate: null, elite: null, startupTrials: null, batch: null },
  start: 'common',
  warmupBars: 0,
  firstDecisionBar: 1,
  objective: { key: 'sharpe', direction: 'maximize', minTrades: null },
  seed: null,
};

function metrics(sharpe: number | null): MetricValuesRecord {
  const record: Record<string, number | null> = {};
  for (const key of metricKeys) record[key] = key === 'sharpe' ? sharpe : 0.1 + 0.2;
  return record as MetricValuesRecord;
}

const runs: TrialRun[] = [0, 1, 2, 3, 4, 5, 6].map((p) => ({ trial: p, params: { p }, metrics: metrics(p === 3 ? null : Math.sin(p) / 3) }));

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as BtError).code;
  }
  throw new Error('expected an error');
}

describe('shards', () => {
  it('parses K/N', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const raw of ['0/3', '4/3', '1/0', '1', 'a/b', '1/3/4', '-1/3']) expect(codeOf(() => parseShard(raw)), raw).toBe('BT_SHARD_SYNTAX');
  });

  it('round-trip through JSON Lines and merge into exactly the unsharded document', () => {
    const files = [1, 2, 3].map((k) => {
      const mine = runs.filter((run) => run.trial % 3 === k - 1);
      return parseShardFile(shardJsonLines(header, { index: k, count: 3 }, mine, false), `shard-${k}.jsonl`);
    });
    const merged = mergeShards([files[2], files[0], files[1]]);
    expect(JSON.stringify(merged)).toBe(JSON.stringify(buildOptimizeDocument(header, runs, false)));
    expect(merged.best?.params).toEqual({ p: 2 });
  });

  it('refuse a missing, repeated or foreign shard, and a cut-short or malformed file', () => {
    const text = (k: number, h = header) => shardJsonLines(h, { index: k, count: 2 }, runs.filter((r) => r.trial % 2 === k - 1), false);
    const one = parseShardFile(text(1), 'a');
    expect(codeOf(() => mergeShards([one]))).toBe('BT_MERGE_SHARDS');
    expect(() => mergeShards([one])).toThrow(/shard 2\/2 missing: 1 of 2 given/);
    expect(codeOf(() => mergeShards([one, parseShardFile(text(1), 'b')]))).toBe('BT_MERGE_SHARDS');
    const other = parseShardFile(text(2, { ...header, seed: 5 }), 'c');
    expect(codeOf(() => mergeShards([one, other]))).toBe('BT_MERGE_MISMATCH');
    const lines = text(1).trimEnd().split('\n');
    expect(() => parseShardFile(lines.slice(0, -1).join('\n'), 'cut.jsonl')).toThrow(/cut\.jsonl:\d+: the file has no end line/);
    expect(codeOf(() => parseShardFile('{"hello": 1}\n', 'x'))).toBe('BT_SHARD_INVALID');
    expect(codeOf(() => parseShardFile('not json\n', 'x'))).toBe('BT_SHARD_INVALID');
    expect(codeOf(() => parseShardFile('', 'x'))).toBe('BT_SHARD_INVALID');
  });
});
