/**
 * `bt walkforward`: optimize on each in-sample window, run the best parameters on the
 * out-of-sample window after it, stitch the out-of-sample equity and report per-window and
 * combined metrics and the walk-forward efficiency (rules in `optimize/walk-forward.ts`).
 * Same data, broker and search flags as `bt optimize`; one worker pool serves every window.
 */
import { join } from 'node:path';
import type { RunFlags } from '../../config/run-config.js';
import { UsageError } from '../../errors.js';
import type { OptimizeHeader } from '../../optimize/result.js';
import { parseWindowLength, runWalkForward, walkForwardWindows, windowWarmup, type WalkForwardOutcome, type WalkForwardWindow, type Windowing } from '../../optimize/walk-forward.js';
import { stringifyDocument } from '../../report/json.js';
import { makeChalk } from '../../report/table.js';
import { buildWalkForwardDocument, renderWalkForward, stitchedEquityCsv, windowsCsv } from '../../report/walk-forward.js';
import { checkOutputPaths, writeFilesAtomic } from '../../report/write-atomic.js';
import { useColour, type CliIo } from '../io.js';
import {
  buildHeader,
  evaluatorFor,
  interrupted,
  parseSearchSettings,
  prepareSearch,
  startPool,
  startSearchProgress,
  trialRunOptions,
  validParams,
  withInterrupt,
  type SearchFlags,
} from './optimize.js';
import { loadRunBars, resolveRunConfig, runInputPaths, type GlobalFlags } from './run.js';

/** Flags of `bt walkforward`. */
export interface WalkForwardFlags extends RunFlags, SearchFlags {
  train?: string;
  test?: string;
  step?: string;
  anchored?: boolean;
}

/** The `bt walkforward` action; returns the exit code (0), or throws (130 on Ctrl-C). */
export async function walkForwardCommand(flags: WalkForwardFlags, globals: GlobalFlags, io: CliIo): Promise<number> {
  if (flags.train === undefined || flags.test === undefined) {
    throw new UsageError('BT_WALKFORWARD_WINDOWS', `walkforward needs ${flags.train === undefined ? '--train' : '--test'}`, {
      hint: 'give the window lengths, e.g. --train 2y --test 6m (calendar) or --train 500 --test 100 (bars)',
      location: { flag: flags.train === undefined ? '--train' : '--test' },
    });
  }
  const train = parseWindowLength(flags.train, '--train');
  const test = parseWindowLength(flags.test, '--test');
  const windowing: Windowing = { train, test, step: flags.step === undefined ? test : parseWindowLength(flags.step, '--step'), anchored: flags.anchored === true };
  const config = resolveRunConfig(flags);
  if (config.output.out !== undefined) {
    const out = config.output.out;
    checkOutputPaths(['walkforward.json', 'windows.csv', 'equity.csv'].map((name) => ({ path: join(out, name), flag: '--out' })), runInputPaths(config, flags));
  }
  // In sample, every run of a window decides from the window's common first decision bar, so
  // the runs are compared over the same bars and the out-of-sample run warms up on as many.
  const settings = { ...parseSearchSettings(flags), start: 'common' as const };
  const search = await prepareSearch(config, flags, settings);
  // Threads boot while this thread loads the data: at once for an explicit --workers, else
  // once the data says whether the analysis is big enough for them.
  let pool = settings.workers === undefined ? undefined : await startPool(search, search.plannedTrials, Infinity);
  let outcome: WalkForwardOutcome;
  let header: OptimizeHeader | undefined;
  let times: { time: Float64Array; intraday: boolean };
  let windows: readonly WalkForwardWindow[];
  try {
    const { bars, label } = await loadRunBars(config, io);
    times = { time: bars.time, intraday: bars.intraday };
    windows = walkForwardWindows(bars.time, windowing);
    if (settings.workers === undefined) pool = await startPool(search, search.plannedTrials * windows.length, windows[0].inSample.end - windows[0].inSample.start);
    const evaluator = evaluatorFor(pool, bars, search);
    const total = search.plannedTrials * windows.length;
    const combinations = [...validParams(search)];
    const analysed = await withInterrupt(async (signal) => {
      // The header's warm-up fields describe the first window; each window reports its own.
      const firstWarmup = await windowWarmup(bars, windows[0], combinations, evaluator, signal);
      if (firstWarmup === undefined) return undefined;
      header = buildHeader(search, bars, label, firstWarmup);
      if (!config.output.quiet) {
        io.stderr.write(`bt walkforward: ${windows.length} window${windows.length === 1 ? '' : 's'} × ${search.plannedTrials} runs of ${search.loaded.strategy.name} on ${evaluator.parallelism} worker${evaluator.parallelism === 1 ? '' : 's'}\n`);
      }
      const progress = await startSearchProgress(io, config.output.quiet);
      try {
        return await runWalkForward(
          { bars, strategy: search.loaded.strategy, options: trialRunOptions(config), space: search.space, valid: search.valid, method: settings.method, objective: settings.objective, windows, firstWarmup },
          { evaluator, signal, onProgress: (done, all) => progress.update(done, all) },
        );
      } finally {
        progress.stop();
      }
    });
    if (analysed === undefined || header === undefined) throw interrupted(0, windows.length, undefined, 'windows');
    outcome = analysed;
  } finally {
    await pool?.close();
  }

  const document = buildWalkForwardDocument(header, windowing, outcome, times);
  const json = stringifyDocument(document);
  const out = config.output.out;
  if (out !== undefined) {
    writeFilesAtomic([
      { path: join(out, 'walkforward.json'), content: json },
      { path: join(out, 'windows.csv'), content: windowsCsv(header, outcome, times) },
      { path: join(out, 'equity.csv'), content: stitchedEquityCsv(outcome, times.intraday) },
    ]);
  }
  if (config.output.json) io.stdout.write(json);
  else {
    const chalk = makeChalk(useColour(io, globals.color));
    let text = renderWalkForward(header, windowing, outcome, times, chalk, config.output.quiet);
    if (out !== undefined && !config.output.quiet) text += `\n\n${chalk.dim(`note: wrote walkforward.json, windows.csv, equity.csv to ${out}`)}`;
    io.stdout.write(`${text}\n`);
  }
  if (outcome.incomplete) throw interrupted(outcome.windows.length, windows.length, out, 'windows');
  return 0;
}
