/**
 * Min/max downsampling of aligned series for the HTML report's charts. A chart is at most a
 * few thousand pixels wide, so a 1M-bar run is drawn from buckets of consecutive bars: each
 * bucket keeps the lowest and the highest value of every series (in the order they occur), so
 * spikes, the deepest drawdown and the peak equity survive exactly. Only the plotted series are
 * thinned; trades are never downsampled.
 */

/** Aligned columns ready for uPlot: `x` ascending, one `ys` column per series, `null` for gaps. */
export interface DownsampledSeries {
  readonly x: number[];
  readonly ys: (number | null)[][];
}

/** Default upper bound on the points per plotted series. */
export const MAX_CHART_POINTS = 5000;

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

/**
 * Thins aligned series `ys` over `x` to at most `maxPoints` points each.
 *
 * With n ≤ `maxPoints` every point is kept. Otherwise the n bars are cut into
 * ⌊maxPoints / 2⌋ buckets of consecutive bars; each bucket gives two points. Their x values
 * are where the first series (the primary, e.g. the close) has its minimum and maximum in the
 * bucket; every series contributes its own minimum and maximum in the order they occur, so
 * each series' extremes are kept exactly and shift in time by less than one bucket. The first
 * and the last output x are always `x[0]` and `x[n − 1]`. Non-finite
 * values (indicator warm-up) are ignored and become `null` when a whole bucket has none.
 *
 * @param x ascending positions (e.g. times), length n.
 * @param ys series aligned with `x`, each of length n; `ys[0]` is the primary series.
 * @param maxPoints upper bound on the output length, ≥ 2.
 */
export function downsampleMinMax(x: ArrayLike<number>, ys: readonly ArrayLike<number>[], maxPoints = MAX_CHART_POINTS): DownsampledSeries {
  const n = x.length;
  if (n <= maxPoints) {
    return { x: Array.from(x), ys: ys.map((y) => Array.from(y, finiteOrNull)) };
  }
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const outX: number[] = [];
  const outYs: (number | null)[][] = ys.map(() => []);
  for (let k = 0; k < buckets; k++) {
    const start = Math.floor((k * n) / buckets);
    const end = Math.floor(((k + 1) * n) / buckets);
    if (end <= start) continue;
    const extremes = ys.map((y) => bucketExtremes(y, start, end));
    const primary = extremes[0];
    let first = start;
    let second = end - 1;
    if (primary !== undefined && primary.minIndex !== primary.maxIndex) {
      first = Math.min(primary.minIndex, primary.maxIndex);
      second = Math.max(primary.minIndex, primary.maxIndex);
    }
    // The first and last bars always bound the output, so every chart spans the same times.
    if (k === 0) first = start;
    if (k === buckets - 1) second = end - 1;
    outX.push(x[first]);
    if (second !== first) outX.push(x[second]);
    extremes.forEach((e, j) => {
      const column = outYs[j];
      if (e === undefined) {
        column.push(null);
        if (second !== first) column.push(null);
      } else if (second === first) {
        column.push(e.min);
      } else if (e.minIndex <= e.maxIndex) {
        column.push(e.min, e.max);
      } else {
        column.push(e.max, e.min);
      }
    });
  }
  return { x: outX, ys: outYs };
}

interface Extremes {
  readonly min: number;
  readonly max: number;
  readonly minIndex: number;
  readonly maxIndex: number;
}

/** Lowest and highest finite value of `y` in `[start, end)`, or undefined when there is none. */
function bucketExtremes(y: ArrayLike<number>, start: number, end: number): Extremes | undefined {
  let min = Infinity;
  let max = -Infinity;
  let minIndex = -1;
  let maxIndex = -1;
  for (let i = start; i < end; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) {
      min = v;
      minIndex = i;
    }
    if (v > max) {
      max = v;
      maxIndex = i;
    }
  }
  return minIndex < 0 ? undefined : { min, max, minIndex, maxIndex };
}
