/**
 * `bt merge shard-*.jsonl`: combines the JSON Lines files of a sharded search
 * (`bt optimize --shard K/N`) into the result the unsharded search gives, printed as the top
 * table and heatmap, as JSON (`--json`), or written to `--out DIR` like `bt optimize --out`.
 */
import { readFileSync } from 'node:fs';
import { DataError } from '../../errors.js';
import { mergeShards, parseShardFile, type ShardFile } from '../../optimize/shard.js';
import type { CliIo } from '../io.js';
import { emitResult, parseTop } from './optimize.js';
import type { GlobalFlags } from './run.js';

/** Flags of `bt merge`. */
export interface MergeFlags {
  json?: boolean;
  out?: string;
  top?: string;
  heatmap?: string;
  quiet?: boolean;
}

function readShard(file: string): ShardFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new DataError('BT_DATA_READ', `cannot read shard file "${file}": ${code === 'ENOENT' ? 'no such file' : String(code)}`, {
      hint: 'check the path (a shell glob that matched nothing is passed on as written)',
      location: { file },
    });
  }
  return parseShardFile(text, file);
}

/**
 * The `bt merge` action: returns the exit code (0).
 * @throws DataError `BT_SHARD_INCOMPLETE` for a shard that was interrupted, `BT_SHARD_INVALID`;
 *   UsageError `BT_MERGE_SHARDS` / `BT_MERGE_MISMATCH` (see `mergeShards`).
 */
export async function mergeCommand(files: readonly string[], flags: MergeFlags, globals: GlobalFlags, io: CliIo): Promise<number> {
  const shards = files.map(readShard);
  const cut = shards.filter((shard) => shard.incomplete);
  if (cut.length > 0) {
    const [first, ...others] = cut;
    const also = others.length > 0 ? ` (also ${others.map((s) => `"${s.file}"`).join(', ')})` : '';
    throw new DataError('BT_SHARD_INCOMPLETE', `shard ${first.shard.index}/${first.shard.count} was interrupted before it finished${also}`, {
      hint: 'rerun the interrupted shard with the same command (same flags, same result) and merge again',
      location: { file: cut[0].file },
    });
  }
  const doc = mergeShards(shards);
  emitResult(doc, { json: flags.json === true, out: flags.out, quiet: flags.quiet === true, top: parseTop(flags.top), heatmap: flags.heatmap }, io, globals);
  return 0;
}
