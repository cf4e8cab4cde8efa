/** Picks the one series a run uses from a file that may hold several symbols. */
import { DataError, UsageError } from '../errors.js';
import type { BarSeries } from './bar-series.js';
import { closestMatch } from '../config/suggest.js';

/**
 * Returns the series for `symbol` (matched exactly, else case-insensitively), or the only
 * series when `symbol` is undefined.
 *
 * @param file the data path as given, for messages.
 * @throws {UsageError} `BT_SYMBOL_REQUIRED` (exit 2) when the file holds several symbols and
 *   none was chosen; `BT_SYMBOL_UNKNOWN` when `symbol` is not in the file (with a "did you
 *   mean" when one is close).
 * @throws {DataError} `BT_DATA_EMPTY` when `series` is empty.
 */
export function selectSymbol(series: readonly BarSeries[], symbol: string | undefined, file: string): BarSeries {
  if (series.length === 0) {
    throw new DataError('BT_DATA_EMPTY', 'the file has no bars', { hint: 'add at least one bar', location: { file } });
  }
  const symbols = series.map((s) => s.symbol);
  if (symbol === undefined) {
    if (series.length === 1) return series[0];
    throw new UsageError('BT_SYMBOL_REQUIRED', `the file holds ${series.length} symbols: ${symbols.join(', ')}`, {
      hint: `choose one, e.g. add --symbol ${symbols[0]}`,
      location: { file },
    });
  }
  const exact = series.find((s) => s.symbol === symbol);
  if (exact !== undefined) return exact;
  const wanted = symbol.toLowerCase();
  const loose = series.find((s) => s.symbol.toLowerCase() === wanted);
  if (loose !== undefined) return loose;
  const suggestion = closestMatch(symbol, symbols);
  const holds = series.length === 1 ? `only "${symbols[0]}"` : symbols.join(', ');
  throw new UsageError('BT_SYMBOL_UNKNOWN', `symbol "${symbol}" is not in the file, which holds ${holds}`, {
    hint: suggestion !== undefined ? `did you mean --symbol ${suggestion}?` : `add --symbol ${symbols[0]}`,
    location: { file },
  });
}
