/**
 * CI checks of `bt run` (`--assert`, `--baseline`, `--tolerance`, `--save-baseline`): the flags,
 * their validation before the run, the evaluation before the output (so that `--json` carries a
 * `checks` field) and the report after it. Exit code contribution: 0 when every check passed,
 * 1 when one failed.
 *
 * program.ts imports this file statically, so its top-level imports are light (the key list,
 * plain data, and value parsing); the checks and reports are imported when a run uses them.
 */
import type { Command } from 'commander';
import type { AssertionResult, AssertionValues } from '../../checks/assertion.js';
import { CHECK_KEYS } from '../../checks/check-keys.js';
import type { DiffReport } from '../../checks/diff-results.js';
import type { ResultDocument } from '../../checks/result-document.js';
import { parseRate } from '../../config/values.js';
import { UsageError } from '../../errors.js';
import type { CliIo } from '../io.js';
import type { CompletedRun, GlobalFlags } from './run.js';

/** The check flags as commander gives them (among the other `bt run` flags). */
export interface CheckFlags {
  readonly assert?: readonly string[];
  readonly baseline?: string;
  readonly saveBaseline?: string;
  readonly tolerance?: string;
}

/** What the checks of one run found; `document.checks` holds the same, as JSON. */
export interface CheckOutcome {
  readonly assertions: readonly AssertionResult[];
  /** Present with `--baseline`: the file as given and the comparison. */
  readonly baseline?: { readonly file: string; readonly report: DiffReport };
  /** True when every assertion passed and the baseline (if any) is equal. */
  readonly passed: boolean;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** The `--assert` keys for `bt run --help`, wrapped to about 100 columns. */
export function assertKeysHelp(): string {
  const wrap = (title: string, keys: readonly string[]): string => {
    const lines: string[] = [];
    let line = `  ${title}:`;
    for (const key of keys) {
      if (line.length + key.length + 2 > 100) {
        lines.push(`${line}`);
        line = '   ';
      }
      line += ` ${key},`;
    }
    lines.push(line.replace(/,$/, ''));
    return lines.join('\n');
  };
  return [
    '--assert keys (fractions are ratios: 0.25 = 25%; write either form):',
    wrap('metrics', CHECK_KEYS.filter((k) => k.group === 'metrics').map((k) => k.key)),
    wrap('account', CHECK_KEYS.filter((k) => k.group === 'account').map((k) => k.key)),
    'Operators: >= <= > < == !=   Example: --assert "sharpe >= 0.5" --assert "maxDrawdown <= 25%" --assert "tradeCount >= 30"',
  ].join('\n');
}

/** Adds the check flags to `bt run`, and validates them before the run starts. */
export function addCheckOptions(command: Command): Command {
  command
    .option('--assert <expression>', 'fail (exit 1) unless KEY OP NUMBER holds, e.g. "sharpe >= 0.5", "maxDrawdown <= 25%"; repeatable (keys below)', collect)
    .option('--baseline <file.json>', 'fail (exit 1) when the result differs from this saved result (see bt diff)')
    .option('--tolerance <relative>', 'relative tolerance of --baseline value comparisons (default 1e-9)')
    .option('--save-baseline <file.json>', 'write the JSON result to this file, for a later --baseline or bt diff')
    .addHelpText('after', () => `\n${assertKeysHelp()}`)
    .hook('preAction', async (actionCommand) => {
      await validateCheckFlags(actionCommand.opts<CheckFlags>());
    });
  return command;
}

/**
 * Checks the check flags before any work: assertion syntax and keys, the tolerance, and that
 * the baseline file exists and is a result document.
 * @throws UsageError `BT_ASSERT_*` / `BT_BAD_VALUE` (exit 2); DataError `BT_RESULT_*` (exit 3).
 */
export async function validateCheckFlags(flags: CheckFlags): Promise<void> {
  if (flags.assert !== undefined && flags.assert.length > 0) {
    const { parseAssertions } = await import('../../checks/assertion.js');
    parseAssertions(flags.assert);
  }
  if (flags.tolerance !== undefined) parseTolerance(flags.tolerance, flags.baseline !== undefined);
  if (flags.baseline !== undefined) {
    const { readResultFile } = await import('./diff.js');
    readResultFile(flags.baseline, '--baseline');
  }
}

/**
 * Parses `--tolerance`: a fraction or percent (`1e-9`, `0.01%`).
 * @throws UsageError `BT_BAD_VALUE` for a bad number, `BT_USAGE` when there is no `--baseline`.
 */
export function parseTolerance(raw: string, hasBaseline = true): number {
  if (!hasBaseline) {
    throw new UsageError('BT_USAGE', '--tolerance applies to --baseline, which is not given', { hint: 'add --baseline FILE.json, or drop --tolerance', location: { flag: '--tolerance' } });
  }
  return parseRate(raw, { label: '--tolerance', flag: '--tolerance' });
}

/**
 * Evaluates the assertions and the baseline comparison of a finished run, before anything is
 * printed, and adds `checks` to `run.document` (after `logs`) when any check was requested.
 * Returns undefined when none was.
 * @throws UsageError / DataError as {@link validateCheckFlags} (the files may have changed).
 */
export async function evaluateChecks(run: CompletedRun, commandFlags: Readonly<Record<string, unknown>>): Promise<CheckOutcome | undefined> {
  const flags = commandFlags as CheckFlags;
  const asserts = flags.assert ?? [];
  if (asserts.length === 0 && flags.baseline === undefined) return undefined;
  const { evaluateAssertions, parseAssertions } = await import('../../checks/assertion.js');
  const assertions = evaluateAssertions(parseAssertions(asserts), run.document as unknown as AssertionValues);
  let baseline: CheckOutcome['baseline'];
  if (flags.baseline !== undefined) {
    const [{ diffResults }, { readResultFile }] = await Promise.all([import('../../checks/diff-results.js'), import('./diff.js')]);
    const tolerance = flags.tolerance === undefined ? undefined : parseTolerance(flags.tolerance);
    const previous = readResultFile(flags.baseline, '--baseline');
    baseline = { file: flags.baseline, report: diffResults(previous, run.document as unknown as ResultDocument, { tolerance }) };
  }
  const passed = assertions.every((result) => result.passed) && (baseline === undefined || baseline.report.equal);
  const { portablePath } = await import('./run.js');
  const document = run.document as Record<string, unknown>;
  document.checks = {
    assertions,
    ...(baseline === undefined ? {} : { baseline: { file: portablePath(baseline.file), ...baseline.report } }),
    passed,
  };
  return { assertions, ...(baseline === undefined ? {} : { baseline }), passed };
}

/**
 * After the run's output: writes `--save-baseline`, prints the checks (stdout below the
 * metrics; stderr with `--json`, and there only when a check failed) and an `error[…]` line
 * per failed kind of check. Returns 0, or 1 when a check failed.
 * @throws OutputError `BT_OUTPUT_WRITE` when the baseline cannot be written (exit 5).
 */
export async function runChecks(run: CompletedRun, commandFlags: Readonly<Record<string, unknown>>, globals: GlobalFlags, io: CliIo, outcome?: CheckOutcome): Promise<number> {
  const flags = commandFlags as CheckFlags;
  const json = run.config.output.json;
  if (flags.saveBaseline !== undefined) {
    const [{ writeFilesAtomic }, { stringifyDocument }] = await Promise.all([import('../../report/write-atomic.js'), import('../../report/json.js')]);
    const { checks: _checks, ...document } = run.document;
    writeFilesAtomic([{ path: flags.saveBaseline, content: stringifyDocument(document) }], '--save-baseline');
    if (!json && !run.config.output.quiet) io.stdout.write(`note: wrote the baseline to ${flags.saveBaseline}\n`);
  }
  if (outcome === undefined) return 0;
  const [{ makeChalk }, report, { useColour }, { handleError }, { CheckFailedError }] = await Promise.all([
    import('../../report/table.js'),
    import('../../report/checks-report.js'),
    import('../io.js'),
    import('../handle-error.js'),
    import('../../errors.js'),
  ]);
  const stream = json ? io.stderr : io.stdout;
  const chalk = makeChalk(useColour(io, globals.color, json ? 'stderr' : 'stdout'));
  const intraday = run.result.bars.intraday;
  const failedAssertions = outcome.assertions.some((result) => !result.passed);
  const sections: string[] = [];
  if (outcome.assertions.length > 0 && (!json || failedAssertions)) sections.push(report.renderAssertionTable(outcome.assertions, chalk, intraday));
  const diff = outcome.baseline;
  if (diff !== undefined && (!json || !diff.report.equal)) {
    sections.push(report.renderDiffReport(diff.report, chalk, { baseline: diff.file, current: 'this run' }));
  }
  if (sections.length > 0) stream.write(`${sections.join('\n')}\n`);
  if (failedAssertions) {
    handleError(
      new CheckFailedError('BT_ASSERT_FAILED', report.describeAssertionFailures(outcome.assertions, intraday), {
        hint: 'the run missed a threshold set with --assert (see the checks table); fractions are ratios, 25% = 0.25',
      }),
      io,
      false,
    );
  }
  if (diff !== undefined && !diff.report.equal) {
    handleError(
      new CheckFailedError('BT_BASELINE_DIFFERS', `the result differs from the baseline "${diff.file}": ${report.describeDiff(diff.report)}`, {
        hint: `if the change is intended, update the baseline: rerun with --save-baseline ${diff.file}`,
      }),
      io,
      false,
    );
  }
  return outcome.passed ? 0 : 1;
}
