/**
 * Up/down streak of closes (Connors Research, "An Introduction to ConnorsRSI", 2012): the
 * number of consecutive bars the close has risen (positive) or fallen (negative); 0 when the
 * close is unchanged. streak[t] = streak[t−1] + 1 (or 1) if x[t] > x[t−1],
 * streak[t−1] − 1 (or −1) if x[t] < x[t−1], 0 if equal.
 *
 * @param values input series, e.g. closes [price]
 * @returns a new array of signed counts [bars]; NaN at bar 0 (warm-up 1)
 */
export function streak(values: Float64Array): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  out[0] = NaN;
  let run = 0;
  for (let t = 1; t < n; t++) {
    const change = values[t] - values[t - 1];
    if (change > 0) run = run > 0 ? run + 1 : 1;
    else if (change < 0) run = run < 0 ? run - 1 : -1;
    else run = 0;
    out[t] = run;
  }
  return out;
}
