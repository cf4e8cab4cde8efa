/**
 * `bt diff BASELINE.json CURRENT.json [--tolerance 1e-9] [--metrics-only] [--json]`: compares
 * two run results (src/checks/diff-results.ts) and exits 0 when they are equal within the
 * tolerance, 1 when they differ. Also home of the result-file reader that `--baseline` uses.
 */
import { readFileSync } from 'node:fs';
import { diffResults, type DiffReport } from '../../checks/diff-results.js';
import { parseResultDocument, type ResultDocument } from '../../checks/result-document.js';
import { CheckFailedError, DataError, EXIT_CODES, UsageError } from '../../errors.js';
import { describeDiff, renderDiffReport } from '../../report/checks-report.js';
import { stringifyDocument } from '../../report/json.js';
import { makeChalk } from '../../report/table.js';
import { handleError } from '../handle-error.js';
import { useColour, type CliIo } from '../io.js';
import type { GlobalFlags } from './run.js';
import { parseTolerance } from './run-checks.js';

/** Flags of `bt diff`. */
export interface DiffFlags {
  readonly tolerance?: string;
  readonly metricsOnly?: boolean;
  readonly json?: boolean;
}

/**
 * Reads and parses a result document from `path` (`-` reads `stdinText`). `flag` names the
 * argument in messages (`--baseline`, `BASELINE`).
 * @throws DataError `BT_RESULT_NOT_FOUND` / `BT_RESULT_READ` / `BT_RESULT_INVALID` (exit 3).
 */
export function readResultFile(path: string, flag: string, stdinText?: string): ResultDocument {
  let text: string;
  if (path === '-' && stdinText !== undefined) {
    text = stdinText;
  } else {
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code;
      const missing = code === 'ENOENT';
      throw new DataError(missing ? 'BT_RESULT_NOT_FOUND' : 'BT_RESULT_READ', `${flag}: ${missing ? `result file "${path}" does not exist` : `cannot read result file "${path}": ${code === 'EISDIR' ? 'it is a folder' : String(code ?? error)}`}`, {
        hint: missing ? 'check the path; write a result with "bt run ... --save-baseline FILE.json" or "bt run ... --json > FILE.json"' : 'give a readable JSON result file',
        location: { flag },
        cause: error,
      });
    }
  }
  return parseResultDocument(text, path === '-' ? 'stdin' : path);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Prints a diff report: the rendered text on stdout (or the JSON document with `json`), and
 * for a difference an `error[BT_RESULTS_DIFFER]` line on stderr. Returns 0 (equal) or 1. Shared
 * by `bt diff` and the run store's `bt runs diff`.
 */
export function emitDiff(report: DiffReport, labels: { readonly baseline: string; readonly current: string }, options: { readonly json?: boolean; readonly color?: boolean }, io: CliIo): number {
  if (options.json === true) {
    io.stdout.write(stringifyDocument({ baseline: labels.baseline, current: labels.current, ...report }));
  } else {
    const chalk = makeChalk(useColour(io, options.color));
    io.stdout.write(`${renderDiffReport(report, chalk, labels)}\n`);
  }
  if (report.equal) return EXIT_CODES.ok;
  return handleError(
    new CheckFailedError('BT_RESULTS_DIFFER', `"${labels.current}" differs from "${labels.baseline}": ${describeDiff(report)}`, {
      hint: 'see the differences above; raise --tolerance for float noise, or --metrics-only to skip the trades',
    }),
    io,
    false,
  );
}

/** The `bt diff` action: returns 0 (equal), 1 (different), 2 (usage) or 3 (unreadable file). */
export async function diffCommand(baselinePath: string, currentPath: string, flags: DiffFlags, globals: GlobalFlags, io: CliIo): Promise<number> {
  if (baselinePath === '-' && currentPath === '-') {
    throw new UsageError('BT_USAGE', 'only one of BASELINE and CURRENT can be "-" (stdin)', { hint: 'give the other one as a file path' });
  }
  const tolerance = flags.tolerance === undefined ? undefined : parseTolerance(flags.tolerance);
  const stdinText = baselinePath === '-' || currentPath === '-' ? await readAll(io.stdin) : undefined;
  const baseline = readResultFile(baselinePath, 'BASELINE', stdinText);
  const current = readResultFile(currentPath, 'CURRENT', stdinText);
  const report = diffResults(baseline, current, { tolerance, metricsOnly: flags.metricsOnly === true });
  return emitDiff(report, { baseline: baselinePath, current: currentPath }, { json: flags.json, color: globals.color }, io);
}
