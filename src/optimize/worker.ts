/**
 * A piscina worker of the trial pool (`pool.ts`). On start it loads the strategy itself (a
 * built-in by name, or the user's file through the same loader and tsx as the main thread);
 * each task then runs a batch of trials (or probes their warm-ups) on bars shared through
 * SharedArrayBuffers.
 *
 * Errors are returned as data (code, exit code, message, hint, location) rather than thrown,
 * so the main thread can rebuild the same `BtError` and report it as `bt run` would.
 */
import { workerData } from 'node:worker_threads';
import { sliceBars, type BarSeries } from '../data/bar-series.js';
import { BtError, ProcessExitCall } from '../errors.js';
import { loadStrategy } from '../strategy/loader.js';
import type { Strategy } from '../strategy/define-strategy.js';
import { evaluateTrials } from './evaluate.js';
import type { SerializedError, TrialTask, TrialTaskResult, WorkerSetup } from './pool.js';
import { barsFromShared } from './shared-bars.js';
import { probeWarmups } from './warmup.js';

function serialize(error: unknown): SerializedError {
  if (error instanceof BtError) {
    return { code: error.code, exitCode: error.exitCode, message: error.message, hint: error.hint, location: error.location, stack: error.stack };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: 'BT_INTERNAL_WORKER', exitCode: 70, message: `a worker failed: ${message}`, stack: error instanceof Error ? error.stack : undefined };
}

const setup = workerData as WorkerSetup;

// In a worker thread `process.exit` would end the thread, which the pool reports as a crash: as
// in the main thread (src/cli/process-guards.ts), a strategy's call throws instead and the run
// ends with StrategyError `BT_STRATEGY_EXIT` naming the bar (exit 4).
process.exit = ((code?: unknown): never => {
  throw new ProcessExitCall(code);
}) as typeof process.exit;

async function initialize(): Promise<(task: TrialTask) => TrialTaskResult> {
  let strategy: Strategy | undefined;
  let loadFailure: SerializedError | undefined;
  try {
    strategy = (await loadStrategy(setup.strategy)).strategy;
  } catch (error) {
    loadFailure = serialize(error);
  }
  let barsKey = -1;
  let bars: BarSeries | undefined;
  let windowKey = '';
  let window: BarSeries | undefined;
  return (task: TrialTask): TrialTaskResult => {
    if (loadFailure !== undefined) return { error: loadFailure };
    try {
      if (task.barsKey !== barsKey) {
        bars = barsFromShared(task.bars);
        barsKey = task.barsKey;
        windowKey = '';
      }
      const key = `${task.window.start}:${task.window.end}`;
      if (key !== windowKey) {
        window = task.window.start === 0 && task.window.end === bars!.length ? bars : sliceBars(bars!, task.window.start, task.window.end);
        windowKey = key;
      }
      if (task.kind === 'warmups') return { warmups: probeWarmups(window!, strategy!, task.params, setup.options.timeZone) };
      const batch = evaluateTrials(window!, strategy!, setup.options, task.firstDecisionBar, task.params, task.returns);
      return batch.blocks === undefined ? { values: batch.values } : { values: batch.values, blocks: batch.blocks };
    } catch (error) {
      return { error: serialize(error) };
    }
  };
}

/** Piscina waits for this promise before giving the worker tasks. */
export default initialize();
