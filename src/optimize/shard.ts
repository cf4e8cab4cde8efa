/**
 * Sharded searches (`bt optimize --shard K/N`) and their merge (`bt merge`).
 *
 * A shard file is JSON Lines: a header line (the search header shared by all shards of one
 * search, plus this shard's K and N), one line per run (`{"trial", "params", "metrics"}`) in
 * trial order, and an end line that says how many runs the file holds and whether the shard
 * finished. Merging checks that the headers are equal, that shards 1 … N are each present once
 * and complete, then ranks all runs exactly as an unsharded search does, so the merged
 * document is byte-identical to the unsharded one.
 */
import { DataError, UsageError } from '../errors.js';
import { buildOptimizeDocument, type OptimizeDocument, type OptimizeHeader, type TrialRun } from './result.js';
import type { Shard } from './search.js';

/** Format tag of the header line. */
export const SHARD_FORMAT = 'bt-optimize-shard';
/** Version of the shard file layout. */
export const SHARD_VERSION = 1;

/** The header line of a shard file. */
interface ShardHeaderLine {
  readonly format: typeof SHARD_FORMAT;
  readonly version: number;
  readonly shard: Shard;
  readonly header: OptimizeHeader;
}

/** The last line of a shard file. */
interface ShardEndLine {
  readonly end: true;
  readonly runs: number;
  readonly incomplete: boolean;
}

/**
 * Parses `--shard K/N` (1 ≤ K ≤ N).
 * @throws UsageError `BT_SHARD_SYNTAX`.
 */
export function parseShard(raw: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const index = match === null ? NaN : Number(match[1]);
  const count = match === null ? NaN : Number(match[2]);
  if (match === null || count < 1 || index < 1 || index > count || !Number.isSafeInteger(count)) {
    throw new UsageError('BT_SHARD_SYNTAX', `--shard: expected K/N with 1 ≤ K ≤ N, got "${raw}"`, {
      hint: 'e.g. --shard 2/8 runs the second of eight slices (in a Kubernetes Indexed Job: --shard $((JOB_COMPLETION_INDEX + 1))/8)',
      location: { flag: '--shard' },
    });
  }
  return { index, count };
}

/** Serializes a shard's runs as JSON Lines (trial order). */
export function shardJsonLines(header: OptimizeHeader, shard: Shard, runs: readonly TrialRun[], incomplete: boolean): string {
  const head: ShardHeaderLine = { format: SHARD_FORMAT, version: SHARD_VERSION, shard, header };
  const lines = [JSON.stringify(head)];
  for (const run of runs) lines.push(JSON.stringify({ trial: run.trial, params: run.params, metrics: run.metrics }));
  const end: ShardEndLine = { end: true, runs: runs.length, incomplete };
  lines.push(JSON.stringify(end));
  return `${lines.join('\n')}\n`;
}

/** A parsed shard file. */
export interface ShardFile {
  readonly file: string;
  readonly shard: Shard;
  readonly header: OptimizeHeader;
  readonly runs: readonly TrialRun[];
  readonly incomplete: boolean;
}

function bad(file: string, line: number, why: string): never {
  throw new DataError('BT_SHARD_INVALID', `${file}:${line}: ${why}`, {
    hint: 'pass the .jsonl files written by "bt optimize --shard K/N --out FILE" (or its stdout)',
    location: { file, line },
  });
}

/**
 * Parses the text of a shard file.
 * @throws DataError `BT_SHARD_INVALID` (with file:line) for anything but a well-formed shard
 *   file; a file without its end line was cut short.
 */
export function parseShardFile(text: string, file: string): ShardFile {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const parse = (i: number): Record<string, unknown> => {
    try {
      const value = JSON.parse(lines[i]) as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) bad(file, i + 1, 'expected a JSON object');
      return value as Record<string, unknown>;
    } catch (error) {
      if (error instanceof DataError) throw error;
      return bad(file, i + 1, `invalid JSON: ${(error as Error).message}`);
    }
  };
  if (lines.length === 0) bad(file, 1, 'the file is empty');
  const head = parse(0);
  if (head.format !== SHARD_FORMAT) bad(file, 1, `not a bt shard file (no "format": "${SHARD_FORMAT}")`);
  if (head.version !== SHARD_VERSION) bad(file, 1, `shard file version ${String(head.version)} is not supported (this bt reads version ${SHARD_VERSION})`);
  const shard = head.shard as Shard;
  const runs: TrialRun[] = [];
  let end: ShardEndLine | undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = parse(i);
    if (end !== undefined) bad(file, i + 1, 'text after the end line');
    if (line.end === true) {
      end = line as unknown as ShardEndLine;
      if (end.runs !== runs.length) bad(file, i + 1, `the end line counts ${end.runs} runs but the file has ${runs.length}`);
      continue;
    }
    if (typeof line.trial !== 'number' || typeof line.params !== 'object' || typeof line.metrics !== 'object') bad(file, i + 1, 'expected a run line {"trial", "params", "metrics"}');
    runs.push(line as unknown as TrialRun);
  }
  if (end === undefined) bad(file, lines.length, 'the file has no end line: the shard was cut short (rerun it)');
  return { file, shard, header: head.header as OptimizeHeader, runs, incomplete: end.incomplete };
}

/**
 * Merges shard files into the document an unsharded search gives.
 * @throws UsageError `BT_MERGE_MISMATCH` (shards of different searches), `BT_MERGE_SHARDS`
 *   (a shard missing or given twice, with the list); DataError `BT_SHARD_INVALID` for a trial
 *   found in two shards.
 */
export function mergeShards(files: readonly ShardFile[]): OptimizeDocument {
  if (files.length === 0) {
    throw new UsageError('BT_MERGE_SHARDS', 'no shard files given', { hint: 'bt merge shard-*.jsonl' });
  }
  const first = files[0];
  const headerText = JSON.stringify(first.header);
  const count = first.shard.count;
  const seen = new Map<number, string>();
  for (const file of files) {
    if (JSON.stringify(file.header) !== headerText || file.shard.count !== count) {
      throw new UsageError('BT_MERGE_MISMATCH', `"${file.file}" is a shard of a different search than "${first.file}" (strategy, data, conventions, search space, objective, seed or N differ)`, {
        hint: 'merge only the shards of one "bt optimize … --shard K/N" command, run with the same bt version, data and flags',
      });
    }
    const twice = seen.get(file.shard.index);
    if (twice !== undefined) {
      throw new UsageError('BT_MERGE_SHARDS', `shard ${file.shard.index}/${count} is given twice ("${twice}" and "${file.file}")`, { hint: 'pass each shard file once' });
    }
    seen.set(file.shard.index, file.file);
  }
  const missing: number[] = [];
  for (let k = 1; k <= count; k++) if (!seen.has(k)) missing.push(k);
  if (missing.length > 0) {
    throw new UsageError('BT_MERGE_SHARDS', `shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${count}`).join(', ')} missing: ${files.length} of ${count} given`, {
      hint: 'pass all N shard files of the search (bt merge shard-*.jsonl)',
    });
  }
  const runs: TrialRun[] = [];
  const trials = new Set<number>();
  for (const file of files) {
    for (const run of file.runs) {
      if (trials.has(run.trial)) bad(file.file, 1, `trial ${run.trial} appears in two shards`);
      trials.add(run.trial);
      runs.push(run);
    }
  }
  runs.sort((a, b) => a.trial - b.trial);
  return buildOptimizeDocument(first.header, runs, files.some((file) => file.incomplete));
}
