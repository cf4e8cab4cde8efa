/**
 * Yahoo Finance daily/weekly/monthly (and recent intraday) bars. Not available in this build.
 */
import { UsageError } from '../../errors.js';
import type { MarketSource } from './market-source.js';

/**
 * Opens the Yahoo source.
 * @throws UsageError `BT_DATA_UNKNOWN_SOURCE` (exit 2): not yet supported.
 */
export async function openYahooSource(_env: Readonly<Record<string, string | undefined>>): Promise<MarketSource> {
  throw new UsageError('BT_DATA_UNKNOWN_SOURCE', 'the yahoo source is not available yet', { hint: 'use a ccxt exchange (e.g. binance:BTC/USDT) or a data file' });
}
