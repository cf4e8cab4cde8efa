/**
 * `--assert` expressions: `KEY OP NUMBER` or `NUMBER OP KEY`, e.g. `sharpe >= 0.5`,
 * `maxDrawdown <= 25%`, `30 <= tradeCount`. OP is one of `>= <= > < == !=`; a number may be
 * written as a percent (`25%` = 0.25), with an exponent (`1e-3`) or with `_` between digits
 * (`100_000`). Parsed by a small hand-written tokenizer (never `eval`), against the keys of
 * {@link CHECK_KEYS}. Comparisons are exact IEEE-754 comparisons of the unrounded values in the
 * JSON result; a `null` metric fails its assertion, with the metric's null reason.
 */
import { didYouMean } from '../config/suggest.js';
import { UsageError, echoInput } from '../errors.js';
import type { MetricUnit } from '../metrics/registry.js';
import { CHECK_KEY_NAMES, findCheckKey, type CheckKeyGroup } from './check-keys.js';

/** A comparison operator of an assertion. */
export type ComparisonOperator = '>=' | '<=' | '>' | '<' | '==' | '!=';

/** The operators in the order the tokenizer tries them (two-character ones first). */
export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = ['>=', '<=', '==', '!=', '>', '<'];

/** A parsed assertion, normalised to `key operator expected`. */
export interface Assertion {
  /** The expression as the user wrote it (trimmed). */
  readonly expression: string;
  readonly key: string;
  readonly group: CheckKeyGroup;
  readonly unit: MetricUnit;
  /** Operator with the key on the left (`0.5 <= sharpe` becomes `>=`). */
  readonly operator: ComparisonOperator;
  /** Threshold in the key's unit; percents already divided by 100 (fractions). */
  readonly expected: number;
}

/** The outcome of one assertion; the key order is the JSON layout of `checks.assertions`. */
export interface AssertionResult {
  readonly expression: string;
  readonly key: string;
  readonly operator: ComparisonOperator;
  readonly expected: number;
  /** The value in the result, or null when it has none. */
  readonly actual: number | null;
  readonly passed: boolean;
  /** Why there is no value (only when `actual` is null): the metric's null reason, e.g. "there are no closed trades". */
  readonly reason?: string;
}

/** The parts of a JSON result document (src/report/json.ts) that assertions read. */
export interface AssertionValues {
  readonly metrics: Readonly<Record<string, number | null | undefined>>;
  readonly nullReasons?: Readonly<Record<string, string | undefined>>;
  readonly account?: Readonly<Record<string, number | null | undefined>>;
}

type Token =
  | { readonly kind: 'key'; readonly text: string; readonly column: number }
  | { readonly kind: 'number'; readonly text: string; readonly value: number; readonly percent: boolean; readonly column: number }
  | { readonly kind: 'operator'; readonly text: ComparisonOperator; readonly column: number };

const HINT = 'write KEY OP NUMBER, e.g. --assert "sharpe >= 0.5" or --assert "maxDrawdown <= 25%" (repeat --assert for several checks)';
const NUMBER = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d+)?%?/;
const KEY = /^[A-Za-z_][A-Za-z0-9_]*/;
const FLIPPED: Readonly<Record<ComparisonOperator, ComparisonOperator>> = { '>=': '<=', '<=': '>=', '>': '<', '<': '>', '==': '==', '!=': '!=' };
/** Likely typos of an operator, and the operator meant. */
const OPERATOR_TYPOS: Readonly<Record<string, ComparisonOperator>> = { '=>': '>=', '=<': '<=', '===': '==', '!==': '!=', '=': '==', '<>': '!=' };

function syntaxError(expression: string, message: string, column?: number): UsageError {
  const at = column === undefined ? '' : ` (column ${column})`;
  return new UsageError('BT_ASSERT_SYNTAX', `--assert "${echoInput(expression)}": ${message}${at}`, { hint: HINT, location: { flag: '--assert' } });
}

/**
 * Splits an expression into key, number and operator tokens; columns are 1-based.
 * @throws UsageError `BT_ASSERT_SYNTAX` for a character that starts no token, or an operator typo.
 */
export function tokenizeAssertion(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const rest = expression.slice(i);
    const space = /^\s+/.exec(rest);
    if (space !== null) {
      i += space[0].length;
      continue;
    }
    const column = i + 1;
    const typo = /^[=<>!]+/.exec(rest)?.[0];
    if (typo !== undefined && !(COMPARISON_OPERATORS as readonly string[]).includes(typo)) {
      const meant = OPERATOR_TYPOS[typo];
      throw syntaxError(expression, `unknown operator "${typo}"${meant === undefined ? '' : ` (did you mean "${meant}"?)`}; use one of ${COMPARISON_OPERATORS.join(' ')}`, column);
    }
    const operator = COMPARISON_OPERATORS.find((op) => rest.startsWith(op));
    if (operator !== undefined) {
      tokens.push({ kind: 'operator', text: operator, column });
      i += operator.length;
      continue;
    }
    const key = KEY.exec(rest)?.[0];
    if (key !== undefined) {
      tokens.push({ kind: 'key', text: key, column });
      i += key.length;
      continue;
    }
    const number = NUMBER.exec(rest)?.[0];
    if (number !== undefined && number !== '' && !/^[+-]?%?$/.test(number)) {
      const percent = number.endsWith('%');
      const body = (percent ? number.slice(0, -1) : number).replace(/_/g, '');
      const value = percent ? Number(body) / 100 : Number(body);
      if (!Number.isFinite(value)) throw syntaxError(expression, `"${number}" is not a finite number`, column);
      tokens.push({ kind: 'number', text: number, value, percent, column });
      i += number.length;
      continue;
    }
    throw syntaxError(expression, `unexpected "${rest[0]}"`, column);
  }
  return tokens;
}

/**
 * Parses one `--assert` expression.
 * @throws UsageError `BT_ASSERT_SYNTAX` when it is not `KEY OP NUMBER` / `NUMBER OP KEY`,
 *   `BT_ASSERT_UNKNOWN_KEY` (with a did-you-mean) for a key that is neither a metric nor an
 *   account key, `BT_ASSERT_PERCENT` for a percent threshold on a key that is not a fraction.
 */
export function parseAssertion(raw: string): Assertion {
  const expression = raw.trim();
  if (expression === '') throw syntaxError(expression, 'the expression is empty');
  const tokens = tokenizeAssertion(expression);
  const [first, second, third, extra] = tokens;
  if (first.kind === 'operator') throw syntaxError(expression, `expected a key or a number before "${first.text}"`, first.column);
  if (extra !== undefined) throw syntaxError(expression, `unexpected "${extra.text}" after the comparison`, extra.column);
  const keyToken = first?.kind === 'key' ? first : third?.kind === 'key' ? third : undefined;
  const numberToken = first?.kind === 'number' ? first : third?.kind === 'number' ? third : undefined;
  if (first?.kind === 'key' && third?.kind === 'key') throw syntaxError(expression, 'compare a key with a number; comparing two keys is not supported', third.column);
  if (second === undefined || second.kind !== 'operator') {
    const after = first === undefined ? '' : ` after "${first.text}"`;
    throw syntaxError(expression, `expected an operator (${COMPARISON_OPERATORS.join(' ')})${after}`, second?.column);
  }
  if (keyToken === undefined) throw syntaxError(expression, 'no key to compare: name a metric such as sharpe or maxDrawdown');
  if (numberToken === undefined || third === undefined) throw syntaxError(expression, `expected a number after "${second.text}"`, third?.column);
  const definition = findCheckKey(keyToken.text);
  if (definition === undefined) {
    throw new UsageError('BT_ASSERT_UNKNOWN_KEY', `--assert "${echoInput(expression)}": unknown key "${keyToken.text}"${didYouMean(keyToken.text, CHECK_KEY_NAMES)}`, {
      hint: 'see the valid keys with "bt run --help" (under --assert); they are the "metrics" and "account" keys of the --json result',
      location: { flag: '--assert' },
    });
  }
  if (numberToken.percent && definition.unit !== 'fraction') {
    throw new UsageError('BT_ASSERT_PERCENT', `--assert "${echoInput(expression)}": "${numberToken.text}" is a percent but "${definition.key}" is a ${definition.unit} value, not a fraction`, {
      hint: `write a plain number, e.g. --assert "${definition.key} ${second.text} ${numberToken.value * 100}"`,
      location: { flag: '--assert' },
    });
  }
  return {
    expression,
    key: definition.key,
    group: definition.group,
    unit: definition.unit,
    operator: keyToken === first ? second.text : FLIPPED[second.text],
    expected: numberToken.value,
  };
}

/** Parses every `--assert` value, in order. @throws UsageError as {@link parseAssertion}. */
export function parseAssertions(raw: readonly string[]): Assertion[] {
  return raw.map(parseAssertion);
}

/** `actual operator expected`, compared exactly. */
export function compare(actual: number, operator: ComparisonOperator, expected: number): boolean {
  switch (operator) {
    case '>=':
      return actual >= expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '<':
      return actual < expected;
    case '==':
      return actual === expected;
    case '!=':
      return actual !== expected;
  }
}

/**
 * Evaluates assertions against a result's values. A key whose value is null (or missing)
 * fails, with the reason from `nullReasons` when there is one.
 */
export function evaluateAssertions(assertions: readonly Assertion[], values: AssertionValues): AssertionResult[] {
  return assertions.map((assertion) => {
    const source = assertion.group === 'metrics' ? values.metrics : values.account;
    const raw = source?.[assertion.key];
    const actual = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
    const base = { expression: assertion.expression, key: assertion.key, operator: assertion.operator, expected: assertion.expected, actual };
    if (actual === null) {
      const why = assertion.group === 'metrics' ? values.nullReasons?.[assertion.key] : undefined;
      const reason = why ?? (raw === undefined ? 'not in the result' : 'no value');
      return { ...base, passed: false, reason };
    }
    return { ...base, passed: compare(actual, assertion.operator, assertion.expected) };
  });
}
