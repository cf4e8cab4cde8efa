/**
 * Window kernels shared by the indicators: rolling mean, exponential and Wilder smoothing,
 * sliding maximum/minimum, weighted mean and rolling variance. Internal to
 * `src/indicators` (not re-exported): the public functions validate their arguments and
 * allocate the outputs, these only fill them.
 *
 * Conventions: `src` values before `start` are ignored (they are the source's own warm-up),
 * `out` gets NaN before its first defined bar, and `out` must not be `src` unless a kernel
 * says it may. Each kernel reads only `src[0..t]` to write `out[t]`, so every indicator
 * built from them is causal.
 */

/**
 * Adds `x` to the Neumaier-compensated pair (`sum`, `comp`) held in `acc[0]`, `acc[1]`.
 * Kept as a function on a 2-slot scratch array rather than inlined so every kernel shares
 * one tested implementation; V8 inlines it.
 */
function addCompensated(acc: Float64Array, x: number): void {
  const sum = acc[0];
  const s = sum + x;
  acc[1] += Math.abs(sum) >= Math.abs(x) ? sum - s + x : x - s + sum;
  acc[0] = s;
}

/**
 * Rolling mean of `src[t−period+1..t]`, defined for t ≥ start + period − 1.
 *
 * The window sum is a running sum with Neumaier compensation, so it equals the correctly
 * rounded window sum to within an ulp or two however long the series (a plain running sum
 * drifts with the series length; backtrader uses `math.fsum` of each window).
 */
export function meanInto(src: Float64Array, start: number, period: number, out: Float64Array): void {
  const n = src.length;
  const first = start + period - 1;
  out.fill(NaN, 0, Math.min(first, n));
  // Neumaier compensation kept in locals (registers), the same arithmetic as addCompensated.
  let sum = 0;
  let comp = 0;
  for (let t = start; t < n; t++) {
    let x = src[t];
    let s = sum + x;
    comp += (sum >= 0 ? sum : -sum) >= (x >= 0 ? x : -x) ? sum - s + x : x - s + sum;
    sum = s;
    if (t - period >= start) {
      x = -src[t - period];
      s = sum + x;
      comp += (sum >= 0 ? sum : -sum) >= (x >= 0 ? x : -x) ? sum - s + x : x - s + sum;
      sum = s;
    }
    if (t >= first) out[t] = (sum + comp) / period;
  }
}

/**
 * Exponential smoothing seeded with a simple mean: the value at bar start + period − 1 is
 * the mean of `src[start..start+period−1]` (compensated sum), then
 * `out[t] = out[t−1] × (1 − alpha) + src[t] × alpha`, in that evaluation order (backtrader's
 * `ExponentialSmoothing`). alpha = 2/(period+1) is the EMA E_n, alpha = 1/period Wilder's S_n
 * (CONVENTIONS §12). `out` may be `src`.
 */
export function smoothInto(src: Float64Array, start: number, period: number, alpha: number, out: Float64Array): void {
  const n = src.length;
  const first = start + period - 1;
  if (first >= n) {
    out.fill(NaN);
    return;
  }
  const acc = new Float64Array(2);
  for (let t = start; t <= first; t++) addCompensated(acc, src[t]);
  let prev = (acc[0] + acc[1]) / period;
  out.fill(NaN, 0, first);
  out[first] = prev;
  const alpha1 = 1 - alpha;
  for (let t = first + 1; t < n; t++) {
    prev = prev * alpha1 + src[t] * alpha;
    out[t] = prev;
  }
}

/**
 * Sliding maximum (`isMax`) or minimum of `src[t−period+1..t]` for t ≥ period − 1, with a
 * monotonic deque (amortised O(1) per bar, `period` ints of scratch). `outValue` gets the
 * extreme, `outIndex` the bar index where it occurred; on ties the most recent bar wins
 * (TA-Lib's AROON rule). Either output may be null.
 */
export function slidingExtremeInto(
  src: Float64Array,
  period: number,
  isMax: boolean,
  outValue: Float64Array | null,
  outIndex: Float64Array | null,
): void {
  const n = src.length;
  const warm = Math.min(period - 1, n);
  outValue?.fill(NaN, 0, warm);
  outIndex?.fill(NaN, 0, warm);
  // Comparing sign·y with sign·x turns the minimum into a maximum exactly (negation is exact).
  const sign = isMax ? 1 : -1;
  const ring = new Int32Array(period);
  let head = 0;
  let size = 0;
  for (let t = 0; t < n; t++) {
    if (size > 0 && ring[head] <= t - period) {
      head = head + 1 === period ? 0 : head + 1;
      size--;
    }
    const x = sign * src[t];
    while (size > 0) {
      let back = head + size - 1;
      if (back >= period) back -= period;
      if (sign * src[ring[back]] <= x) size--;
      else break;
    }
    let slot = head + size;
    if (slot >= period) slot -= period;
    ring[slot] = t;
    size++;
    if (t >= period - 1) {
      const i = ring[head];
      if (outValue !== null) outValue[t] = src[i];
      if (outIndex !== null) outIndex[t] = i;
    }
  }
}

/**
 * Linearly weighted mean of `src[t−period+1..t]` (weight `period` on bar t, 1 on the oldest),
 * defined for t ≥ start + period − 1: `2 / (period × (period + 1)) × Σ m × src[t−period+m]`.
 *
 * Updated in O(1) per bar with W[t] = W[t−1] + period × src[t] − S[t−1] (S the plain window
 * sum) and recomputed directly every `period` bars, so rounding never accumulates over more
 * than one window.
 */
export function wmaInto(src: Float64Array, start: number, period: number, out: Float64Array): void {
  const n = src.length;
  const first = start + period - 1;
  out.fill(NaN, 0, Math.min(first, n));
  const scale = 2 / (period * (period + 1));
  let weighted = 0;
  let sum = 0;
  for (let t = first; t < n; t++) {
    if ((t - first) % period === 0) {
      weighted = 0;
      sum = 0;
      for (let m = 1; m <= period; m++) {
        const x = src[t - period + m];
        weighted += m * x;
        sum += x;
      }
    } else {
      const x = src[t];
      weighted += period * x - sum;
      sum += x - src[t - period];
    }
    out[t] = weighted * scale;
  }
}

/**
 * Rolling variance of `src[t−period+1..t]` around the precomputed window mean `mean[t]`
 * (an SMA of `src`), as Σ(x − mean)² / `divisor`, for t ≥ period − 1.
 *
 * The sum of squares is updated in O(1) per bar with the exact identity
 * M2' = M2 + (x_new − x_old)(x_new − mean' + x_old − mean) and recomputed two-pass every
 * `period` bars, so it neither cancels catastrophically (as mean(x²) − mean(x)² can) nor
 * drifts. `out` may be `mean`: each `mean[t]` is read before `out[t]` is written.
 */
export function varianceInto(
  src: Float64Array,
  period: number,
  mean: Float64Array,
  divisor: number,
  out: Float64Array,
): void {
  const n = src.length;
  const first = period - 1;
  let m2 = 0;
  let prevMean = NaN;
  for (let t = first; t < n; t++) {
    const mu = mean[t];
    if ((t - first) % period === 0) {
      m2 = 0;
      for (let k = t - period + 1; k <= t; k++) {
        const d = src[k] - mu;
        m2 += d * d;
      }
    } else {
      const xNew = src[t];
      const xOld = src[t - period];
      m2 += (xNew - xOld) * (xNew - mu + xOld - prevMean);
      if (m2 < 0) m2 = 0;
    }
    prevMean = mu;
    out[t] = m2 / divisor;
  }
  out.fill(NaN, 0, Math.min(first, n));
}
