import { describe, expect, it } from 'vitest';
import { thrownBtError } from '../../test/helpers/thrown-bt-error.js';
import { parseBars } from './parse-bars.js';
import { selectSymbol } from './select-symbol.js';

const series = parseBars('symbol,date,close\nMSFT,2020-01-02,1\nAMZN,2020-01-02,2\nIBM,2020-01-02,3\n', { file: 'stocks.csv' });
const single = parseBars('date,close\n2020-01-02,1\n', { file: 'spy.csv' });

describe('selectSymbol', () => {
  it('returns the only series when no symbol is given', () => {
    expect(selectSymbol(single, undefined, 'spy.csv').symbol).toBe('SPY');
  });

  it('matches exactly, then case-insensitively', () => {
    expect(selectSymbol(series, 'AMZN', 'stocks.csv').close[0]).toBe(2);
    expect(selectSymbol(series, 'ibm', 'stocks.csv').close[0]).toBe(3);
    expect(selectSymbol(single, 'spy', 'spy.csv').symbol).toBe('SPY');
  });

  it('requires a choice when the file holds several symbols', () => {
    const error = thrownBtError(() => selectSymbol(series, undefined, 'stocks.csv'));
    expect(error).toMatchObject({
      code: 'BT_SYMBOL_REQUIRED',
      exitCode: 2,
      message: 'the file holds 3 symbols: MSFT, AMZN, IBM',
      hint: 'choose one, e.g. add --symbol MSFT',
      location: { file: 'stocks.csv' },
    });
  });

  it('suggests the nearest symbol for an unknown one', () => {
    const error = thrownBtError(() => selectSymbol(series, 'AMZM', 'stocks.csv'));
    expect(error).toMatchObject({
      code: 'BT_SYMBOL_UNKNOWN',
      exitCode: 2,
      message: 'symbol "AMZM" is not in the file, which holds MSFT, AMZN, IBM',
      hint: 'did you mean --symbol AMZN?',
      location: { file: 'stocks.csv' },
    });
    expect(thrownBtError(() => selectSymbol(series, 'TSLA', 'stocks.csv')).hint).toBe('add --symbol MSFT');
    expect(thrownBtError(() => selectSymbol(single, 'QQQ', 'spy.csv')).message).toBe('symbol "QQQ" is not in the file, which holds only "SPY"');
  });
});
