/**
 * The expected equity of an equal-weight portfolio rebalanced at every bar, from first
 * principles: plain arithmetic on the closes, no bt code (not even its CSV reader).
 *
 * Derivation. Rebalancing at the close of bar t to weight 1/k in each of the k symbols that
 * trade at t, with fractional units, no commission and fills at that close, buys
 * u_s = E[t] / (k · close_s[t]) units of each; nothing else changes cash. At the close of t+1
 * the portfolio is worth Σ_s u_s · close_s[t+1] = E[t] · (1/k) · Σ_s close_s[t+1] / close_s[t].
 * So E[t+1] = E[t] × the mean of the held symbols' returns from t to t+1. Before the first
 * decision bar (bar 1; bt decides from the close of bar 1 on) equity is the initial cash.
 * A symbol enters the mean from the bar it first trades at (GOOG from 2004-08).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Jan 1 2000` → `2000-01-01`. */
function isoDate(text: string): string {
  const [month, day, year] = text.trim().split(/\s+/);
  return `${year}-${String(MONTHS.indexOf(month) + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** Closes by date and symbol from the long-format text `symbol,date,price`. */
export function readLongCloses(text: string): { dates: string[]; symbols: string[]; close: Map<string, Map<string, number>> } {
  const close = new Map<string, Map<string, number>>();
  const symbols: string[] = [];
  const dates = new Set<string>();
  for (const line of text.trim().split(/\r?\n/).slice(1)) {
    const [symbol, date, price] = line.split(',');
    if (!close.has(symbol)) {
      close.set(symbol, new Map());
      symbols.push(symbol);
    }
    const iso = isoDate(date);
    dates.add(iso);
    close.get(symbol)!.set(iso, Number(price));
  }
  return { dates: [...dates].sort(), symbols, close };
}

/** E per date: cash until bar 1, then E[t+1] = E[t] · mean over symbols trading at t of close[t+1] / close[t]. */
export function equalWeightEquity(text: string, cash: number): { dates: string[]; equity: number[] } {
  const { dates, symbols, close } = readLongCloses(text);
  const equity = [cash, cash];
  for (let t = 1; t + 1 < dates.length; t++) {
    let sum = 0;
    let count = 0;
    for (const symbol of symbols) {
      const now = close.get(symbol)!.get(dates[t]);
      const next = close.get(symbol)!.get(dates[t + 1]);
      if (now === undefined) continue;
      // Every symbol in this file trades on to the end, so `next` exists whenever `now` does.
      sum += next! / now;
      count++;
    }
    equity.push(equity[t] * (sum / count));
  }
  return { dates, equity };
}
