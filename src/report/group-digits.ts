/**
 * Number formatting with thousands separators, without `Intl`: the first `toLocaleString` call
 * of a process loads ICU's number formatting data (tens of ms, more than the rest of a daily
 * `bt run` start-up), and every call with options builds a new formatter.
 */

/** Adds 1 to a string of decimal digits (`"0999"` → `"1000"`, `"99"` → `"100"`). */
function incrementDigits(digits: string): string {
  const out = digits.split('');
  let i = out.length - 1;
  while (i >= 0 && out[i] === '9') out[i--] = '0';
  if (i < 0) return `1${out.join('')}`;
  out[i] = String.fromCharCode(out[i].charCodeAt(0) + 1);
  return out.join('');
}

/**
 * Formats `value` with `,` between groups of three integer digits and exactly `fractionDigits`
 * decimals: the same text as `value.toLocaleString('en-US', { minimumFractionDigits: d,
 * maximumFractionDigits: d })`, which rounds the shortest decimal form of the double (as
 * `String(value)` prints it) half away from zero (ECMA-402 `roundingMode` "halfExpand"), and
 * keeps the sign of a negative value that rounds to zero (`-0.001` → `-0.00`).
 *
 * @param fractionDigits 0 … 20.
 * @returns e.g. `1,234,567.13` for 1234567.125 and 2; `∞`, `NaN` as `toLocaleString` gives them.
 */
export function groupDigits(value: number, fractionDigits: number): string {
  const magnitude = Math.abs(value);
  // Beyond 1e21 String() switches to exponent notation: leave those to Intl (never money in practice).
  if (!Number.isFinite(value) || magnitude >= 1e21) {
    return value.toLocaleString('en-US', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
  }
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const text = String(magnitude);
  let integer: string;
  let fraction: string;
  const exponent = text.indexOf('e');
  if (exponent >= 0) {
    // Below 1e-6: `d.ddde-N`, i.e. N − 1 zeros after the point before the digits.
    const zeros = -Number(text.slice(exponent + 1)) - 1;
    integer = '0';
    fraction = `${'0'.repeat(zeros)}${text.slice(0, exponent).replace('.', '')}`;
  } else {
    const point = text.indexOf('.');
    integer = point < 0 ? text : text.slice(0, point);
    fraction = point < 0 ? '' : text.slice(point + 1);
  }
  let digits = `${integer}${fraction.slice(0, fractionDigits).padEnd(fractionDigits, '0')}`;
  if (fraction.length > fractionDigits && fraction.charCodeAt(fractionDigits) >= 53) digits = incrementDigits(digits);
  const whole = digits.slice(0, digits.length - fractionDigits);
  let grouped = '';
  for (let end = whole.length; end > 0; end -= 3) grouped = end - 3 > 0 ? `,${whole.slice(end - 3, end)}${grouped}` : `${whole.slice(0, end)}${grouped}`;
  return fractionDigits === 0 ? `${sign}${grouped}` : `${sign}${grouped}.${digits.slice(digits.length - fractionDigits)}`;
}
