/**
 * Strict decimal number parsing straight from a slice of a larger string, so the CSV fast path
 * never allocates a substring per cell. Both CSV paths and the JSON reader use these functions,
 * which is what makes their results identical.
 */

/** Exact powers of ten 10^0 … 10^22 (every one is exactly representable as a double). */
export const POW10: readonly number[] = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
  1e19, 1e20, 1e21, 1e22,
];

const CODE_0 = 48;
const CODE_9 = 57;
const CODE_DOT = 46;
const CODE_COMMA = 44;
const CODE_PLUS = 43;
const CODE_MINUS = 45;

/** True for the whitespace a cell may carry around its value: space, tab, CR, LF. */
export function isSpaceCode(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10;
}

/** True when `text[start, end)` is empty or whitespace only. */
export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Parses the decimal number in `text[start, end)`, ignoring surrounding whitespace.
 *
 * Accepted: an optional sign, digits with at most one decimal separator (`.`, or `,` when
 * `decimalComma` is set) and at least one digit, then an optional exponent (`e-5`). Rejected
 * (NaN): empty cells, thousands separators, hex/binary/octal literals, `Infinity`, `NaN`.
 *
 * The result is bit-for-bit the double `Number()` gives for the same text: with at most 15
 * significant digits and no exponent the value is `mantissa / 10^k`, a single correctly rounded
 * division of two exact doubles (Clinger's fast path, "How to Read Floating Point Numbers
 * Accurately", PLDI 1990); anything longer goes through `Number()` itself.
 *
 * @returns the value, or NaN when the slice is not a plain decimal number.
 */
export function parseDecimal(text: string, start: number, end: number, decimalComma = false): number {
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  if (start === end) return NaN;
  const separator = decimalComma ? CODE_COMMA : CODE_DOT;
  let i = start;
  let negative = false;
  let code = text.charCodeAt(i);
  if (code === CODE_MINUS || code === CODE_PLUS) {
    negative = code === CODE_MINUS;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  let seenSeparator = false;
  for (; i < end; i++) {
    code = text.charCodeAt(i);
    if (code >= CODE_0 && code <= CODE_9) {
      mantissa = mantissa * 10 + (code - CODE_0);
      digits++;
      if (seenSeparator) fractionDigits++;
    } else if (code === separator && !seenSeparator) {
      seenSeparator = true;
    } else {
      break;
    }
  }
  if (digits === 0) return NaN;
  if (i === end) {
    if (digits <= 15) {
      const magnitude = fractionDigits === 0 ? mantissa : mantissa / POW10[fractionDigits];
      return negative ? -magnitude : magnitude;
    }
    return slowNumber(text, start, end, decimalComma);
  }
  // Only an exponent may follow the digits.
  if (code !== 101 && code !== 69) return NaN;
  i++;
  code = text.charCodeAt(i);
  if (code === CODE_MINUS || code === CODE_PLUS) i++;
  if (i === end) return NaN;
  for (; i < end; i++) {
    code = text.charCodeAt(i);
    if (code < CODE_0 || code > CODE_9) return NaN;
  }
  return slowNumber(text, start, end, decimalComma);
}

/** `Number()` on a slice already checked to be a plain decimal. */
function slowNumber(text: string, start: number, end: number, decimalComma: boolean): number {
  const slice = text.slice(start, end);
  const value = Number(decimalComma ? slice.replace(',', '.') : slice);
  return Number.isFinite(value) ? value : NaN;
}
