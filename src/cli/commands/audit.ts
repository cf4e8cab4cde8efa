/**
 * `bt audit --strategy X [data and broker flags as bt run] [--cuts N] [--json]`: the look-ahead
 * audit (src/checks/look-ahead-audit.ts). Exit 0 when no decision or indicator value at any bar
 * t changes when the bars after t are removed, 1 when one does.
 */
import { auditLookAhead, DEFAULT_AUDIT_CUTS, portfolioTarget, singleAssetTarget, type AuditFinding, type AuditTarget } from '../../checks/look-ahead-audit.js';
import type { RunFlags } from '../../config/run-config.js';
import { formatTime } from '../../data/bar-series.js';
import { CheckFailedError, EXIT_CODES, UsageError } from '../../errors.js';
import { renderAuditReport } from '../../report/checks-report.js';
import { stringifyDocument } from '../../report/json.js';
import { makeChalk } from '../../report/table.js';
import { handleError } from '../handle-error.js';
import { useColour, type CliIo } from '../io.js';
import { startProgress } from '../progress.js';
import { isPortfolioStrategy } from '../../strategy/define-portfolio-strategy.js';
import { loadRunBars, loadRunFeeds, loadRunStrategy, resolveRunConfig, runOptionsFor, type GlobalFlags } from './run.js';

/** Most cuts `--cuts` takes: each one is a run of the strategy. */
export const MAX_AUDIT_CUTS = 10_000;

/**
 * Parses `--cuts`: a whole number from 1 to {@link MAX_AUDIT_CUTS}.
 * @throws UsageError `BT_BAD_VALUE` (exit 2).
 */
export function parseCuts(raw: string): number {
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || value < 1 || value > MAX_AUDIT_CUTS) {
    throw new UsageError('BT_BAD_VALUE', `--cuts: expected a whole number from 1 to ${MAX_AUDIT_CUTS}, got "${raw}"`, { hint: 'e.g. --cuts 50 (more cuts check more bars, each is one run)', location: { flag: '--cuts' } });
  }
  return value;
}

function describeFinding(finding: AuditFinding, intraday: boolean): string {
  const what = finding.kind === 'indicator' ? `indicator "${finding.subject}"` : finding.kind === 'error' ? `the run (${finding.subject})` : finding.subject;
  return `${what} at bar ${finding.bar} (${formatTime(finding.time, intraday)}) is ${finding.full} with all the data but ${finding.truncated} when the data ends at bar ${finding.cut}`;
}

/** The `bt audit` action: returns 0 (clean), 1 (look-ahead found) or the error's exit code. */
export async function auditCommand(flags: RunFlags & { cuts?: string } & Record<string, unknown>, globals: GlobalFlags, io: CliIo): Promise<number> {
  const cuts = flags.cuts === undefined ? DEFAULT_AUDIT_CUTS : parseCuts(flags.cuts);
  const config = resolveRunConfig(flags);
  const { loaded, params } = await loadRunStrategy(config);
  let target: AuditTarget;
  if (isPortfolioStrategy(loaded.strategy)) {
    const data = await loadRunFeeds(config, io);
    target = portfolioTarget(data.series, loaded.strategy, params, { ...runOptionsFor(config), benchmark: data.benchmark });
  } else {
    const { bars } = await loadRunBars(config, io);
    target = singleAssetTarget(bars, loaded.strategy, params, runOptionsFor(config));
  }
  const progress = await startProgress(io, { unit: 'cuts', quiet: config.output.quiet });
  let report;
  try {
    report = auditLookAhead(target, { cuts, onCut: progress?.update });
  } finally {
    progress?.stop();
  }
  if (config.output.json) io.stdout.write(stringifyDocument(report));
  else io.stdout.write(`${renderAuditReport(report, makeChalk(useColour(io, globals.color)), target.intraday)}\n`);
  if (report.first === null) return EXIT_CODES.ok;
  return handleError(
    new CheckFailedError('BT_LOOKAHEAD_FOUND', `strategy "${report.strategy}" looks ahead: ${describeFinding(report.first, target.intraday)}`, {
      hint: 'values at bar t must come from bars ≤ t: no centred or forward windows in indicators, and in next() read prices through ctx (ctx.close.ago(n)), not through arrays kept from init',
    }),
    io,
    false,
  );
}
