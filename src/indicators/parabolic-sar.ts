import { assertFinite, assertSameLength } from './validate.js';

/**
 * Parabolic stop-and-reverse (Wilder, 1978), following TA-Lib `SAR` step for step:
 *
 * - Bar 0 only seeds. The initial direction is short if bar 1's −DM exceeds its +DM
 *   (L[0] − L[1] > 0 and > H[1] − H[0]), long otherwise; the first SAR is L[0] (long) or H[0]
 *   (short) and the extreme point (EP) is H[1] (long) or L[1] (short).
 * - Each bar t ≥ 1 outputs the SAR in force for that bar, computed at the close of t − 1 —
 *   unless bar t penetrates it (long: L[t] ≤ SAR; short: H[t] ≥ SAR). Then the position
 *   reverses on bar t: the output is the old EP, clamped to be beyond H/L of bars t − 1 and t,
 *   AF resets to `afStart` and EP to L[t] (H[t]).
 * - Then SAR_next = SAR + AF × (EP − SAR), clamped to not exceed (long) the lows of bars t − 1
 *   and t / not fall below (short) their highs. AF grows by `afStep` up to `afMax` each bar
 *   that makes a new EP.
 *
 * Every value uses bars ≤ t only. Wilder bootstraps from the previous trade's extreme, which a
 * series start does not have; this is TA-Lib's (and MetaStock's) bootstrap.
 *
 * @param high highs [price]
 * @param low lows [price]
 * @param afStart initial acceleration factor, finite > 0 (default 0.02)
 * @param afStep AF increment on each new extreme, finite > 0 (default 0.02)
 * @param afMax AF ceiling, finite ≥ afStart (default 0.2)
 * @returns a new array [price]; NaN at bar 0 (warm-up 1)
 * @throws RangeError if a factor is not finite and positive, `afStart` > `afMax`, or the
 *   columns differ in length
 */
export function parabolicSar(
  high: Float64Array,
  low: Float64Array,
  afStart = 0.02,
  afStep = 0.02,
  afMax = 0.2,
): Float64Array {
  assertFinite('parabolicSar', 'afStart', afStart, 0);
  assertFinite('parabolicSar', 'afStep', afStep, 0);
  assertFinite('parabolicSar', 'afMax', afMax, 0);
  if (afStart > afMax) {
    throw new RangeError(`parabolicSar: afStart "${afStart}" must not exceed afMax "${afMax}"`);
  }
  const n = assertSameLength('parabolicSar', ['high', 'low'], [high, low]);
  const out = new Float64Array(n);
  if (n === 0) return out;
  out[0] = NaN;
  if (n === 1) return out;

  const plusDm = high[1] - high[0];
  const minusDm = low[0] - low[1];
  let isLong = !(minusDm > 0 && minusDm > plusDm);
  let ep = isLong ? high[1] : low[1];
  let sar = isLong ? low[0] : high[0];
  let af = afStart;
  // TA-Lib's "cheat": the first iteration's previous bar is bar 1 itself.
  let newHigh = high[1];
  let newLow = low[1];

  for (let t = 1; t < n; t++) {
    const prevLow = newLow;
    const prevHigh = newHigh;
    newLow = low[t];
    newHigh = high[t];
    if (isLong) {
      if (newLow <= sar) {
        isLong = false;
        sar = Math.max(ep, prevHigh, newHigh);
        out[t] = sar;
        af = afStart;
        ep = newLow;
        sar = Math.max(sar + af * (ep - sar), prevHigh, newHigh);
      } else {
        out[t] = sar;
        if (newHigh > ep) {
          ep = newHigh;
          af = Math.min(af + afStep, afMax);
        }
        sar = Math.min(sar + af * (ep - sar), prevLow, newLow);
      }
    } else if (newHigh >= sar) {
      isLong = true;
      sar = Math.min(ep, prevLow, newLow);
      out[t] = sar;
      af = afStart;
      ep = newHigh;
      sar = Math.min(sar + af * (ep - sar), prevLow, newLow);
    } else {
      out[t] = sar;
      if (newLow < ep) {
        ep = newLow;
        af = Math.min(af + afStep, afMax);
      }
      sar = Math.max(sar + af * (ep - sar), prevHigh, newHigh);
    }
  }
  return out;
}
