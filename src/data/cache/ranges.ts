/**
 * Half-open time ranges `[start, end)` in UTC epoch ms: what a cached series covers, what is
 * missing from a requested window, and where its bars have gaps.
 */

/** `[start, end)` in UTC epoch ms; bars with open time `start <= t < end` belong to it. */
export interface TimeRange {
  readonly start: number;
  readonly end: number;
}

/** A run of missing bars between two cached bars: `from` is the last bar before, `to` the first after [ms]. */
export interface BarGap {
  readonly from: number;
  readonly to: number;
  /** Bars missing between them, `(to - from) / timeframe - 1` (rounded; approximate for months). */
  readonly missingBars: number;
}

/** Sorts `ranges` and merges those that overlap or touch. */
export function normalizeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const out: TimeRange[] = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && range.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, range.end) };
    else out.push({ start: range.start, end: range.end });
  }
  return out;
}

/** The parts of `want` not covered by `have` (any order), in ascending order. */
export function missingRanges(want: TimeRange, have: readonly TimeRange[]): TimeRange[] {
  const out: TimeRange[] = [];
  let cursor = want.start;
  for (const range of normalizeRanges(have)) {
    if (range.end <= cursor) continue;
    if (range.start >= want.end) break;
    if (range.start > cursor) out.push({ start: cursor, end: Math.min(range.start, want.end) });
    cursor = Math.max(cursor, range.end);
    if (cursor >= want.end) break;
  }
  if (cursor < want.end) out.push({ start: cursor, end: want.end });
  return out;
}

/**
 * The longest step between consecutive bars that is not a gap [ms]: 1.5 timeframes (the slack
 * absorbs month lengths and daylight-saving shifts) for markets that never close (exchanges);
 * for Yahoo bars of a day or shorter, 4 days, since nights, weekends and holidays of a stock
 * market are not gaps.
 */
export function gapLimitMs(source: string, timeframeMs: number): number {
  return source === 'yahoo' && timeframeMs <= 86_400_000 ? 4 * 86_400_000 : timeframeMs * 1.5;
}

/**
 * Gaps in ascending bar times: consecutive bars further apart than `limitMs` (see
 * {@link gapLimitMs}); listed, never filled.
 */
export function findGaps(time: Float64Array, timeframeMs: number, limitMs = timeframeMs * 1.5): BarGap[] {
  const gaps: BarGap[] = [];
  const limit = limitMs;
  for (let i = 1; i < time.length; i++) {
    const step = time[i] - time[i - 1];
    if (step > limit) gaps.push({ from: time[i - 1], to: time[i], missingBars: Math.round(step / timeframeMs) - 1 });
  }
  return gaps;
}
