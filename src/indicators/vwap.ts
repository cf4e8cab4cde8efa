import { assertFinite, assertSameLength } from './validate.js';

/** One UTC day [ms]: the default session length of {@link vwap}. */
export const DAY_MS = 86_400_000;

/**
 * Volume-weighted average price of the typical price TP = (H + L + C)/3, accumulated from the
 * start of the series or of the current session:
 * VWAP[t] = Σ TP[k] × V[k] / Σ V[k] over the bars k ≤ t of the session containing t.
 *
 * Without `time` the whole series is one session (cumulative VWAP, as technicalindicators
 * `VWAP` and trading-signals `VWAP`). With `time` a new session starts at every bar whose
 * `⌊time / sessionMs⌋` differs from the previous bar's: with the default `sessionMs` that is
 * each new UTC calendar day (intraday VWAP). Use {@link vwapAnchored} for sessions that do not
 * align with UTC (exchange time zones) or for anchors at events.
 *
 * The sums are Neumaier-compensated. VWAP is NaN while the session's volume is 0 (e.g. FX data
 * without volume) or NaN.
 *
 * @param high highs [price]
 * @param low lows [price]
 * @param close closes [price]
 * @param volume volumes [units]
 * @param time bar open times [UTC epoch ms], optional
 * @param sessionMs session length [ms], finite > 0 (default {@link DAY_MS})
 * @returns a new array [price]; defined from bar 0 when V[0] > 0 (warm-up 0)
 * @throws RangeError if the columns differ in length or `sessionMs` is not finite > 0
 */
export function vwap(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  time?: Float64Array,
  sessionMs = DAY_MS,
): Float64Array {
  assertFinite('vwap', 'sessionMs', sessionMs, 0);
  if (time === undefined) {
    assertSameLength('vwap', ['high', 'low', 'close', 'volume'], [high, low, close, volume]);
    return accumulate(high, low, close, volume, undefined, undefined, 1);
  }
  assertSameLength('vwap', ['high', 'low', 'close', 'volume', 'time'], [high, low, close, volume, time]);
  return accumulate(high, low, close, volume, undefined, time, sessionMs);
}

/**
 * VWAP (as {@link vwap}) restarted at every bar where `sessionStart[t]` is truthy (1/true):
 * session opens, or any anchor event. Bar 0 always starts a session.
 *
 * @param sessionStart one flag per bar: non-zero / true where a new session starts
 * @returns a new array [price]; warm-up 0
 * @throws RangeError if the columns differ in length
 */
export function vwapAnchored(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  sessionStart: ArrayLike<number | boolean>,
): Float64Array {
  assertSameLength(
    'vwapAnchored',
    ['high', 'low', 'close', 'volume', 'sessionStart'],
    [high, low, close, volume, sessionStart],
  );
  return accumulate(high, low, close, volume, sessionStart, undefined, 1);
}

function accumulate(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  sessionStart: ArrayLike<number | boolean> | undefined,
  time: Float64Array | undefined,
  sessionMs: number,
): Float64Array {
  const n = close.length;
  const out = new Float64Array(n);
  let value = 0;
  let valueComp = 0;
  let vol = 0;
  let volComp = 0;
  let session = NaN;
  for (let t = 0; t < n; t++) {
    let restart = t === 0;
    if (sessionStart !== undefined) {
      if (sessionStart[t]) restart = true;
    } else if (time !== undefined) {
      const current = Math.floor(time[t] / sessionMs);
      if (current !== session) restart = true;
      session = current;
    }
    if (restart) {
      value = 0;
      valueComp = 0;
      vol = 0;
      volComp = 0;
    }
    const v = volume[t];
    const x = ((high[t] + low[t] + close[t]) / 3) * v;
    let s = value + x;
    valueComp += Math.abs(value) >= Math.abs(x) ? value - s + x : x - s + value;
    value = s;
    s = vol + v;
    volComp += Math.abs(vol) >= Math.abs(v) ? vol - s + v : v - s + vol;
    vol = s;
    const totalVolume = vol + volComp;
    out[t] = totalVolume > 0 ? (value + valueComp) / totalVolume : NaN;
  }
  return out;
}
