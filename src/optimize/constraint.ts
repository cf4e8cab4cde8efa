/**
 * `--constraint` expressions: conditions a parameter combination must meet to be run, such as
 * `fast < slow` or `fast * 2 <= slow and direction == "long-only"`. Parsed by a small
 * recursive-descent parser into a tree that is type-checked against the parameter schema and
 * then evaluated per combination: no `eval`, no access to anything but the parameter values.
 *
 * Grammar (lowest precedence first):
 * ```
 * expr       := and ( ("or" | "||") and )*
 * and        := not ( ("and" | "&&") not )*
 * not        := ("not" | "!") not | comparison
 * comparison := sum ( ("<" | "<=" | ">" | ">=" | "==" | "=" | "!=") sum )?
 * sum        := product ( ("+" | "-") product )*
 * product    := unary ( ("*" | "/" | "%") unary )*
 * unary      := "-" unary | atom
 * atom       := NUMBER | "true" | "false" | "string" | 'string' | PARAM | "(" expr ")"
 * ```
 * Types: numbers (int and number parameters), booleans and strings (enum values). `<`, `<=`,
 * `>`, `>=` and arithmetic take numbers; `==`/`!=` compare two values of one type; `and`, `or`,
 * `not` take booleans; the whole constraint must be a boolean. An enum value is written in
 * quotes (`direction == "long-short"`) and must be one of the enum's values.
 */
import { didYouMean } from '../config/suggest.js';
import { ECHO_MAX_CHARS, UsageError, echoInput, escapeControl } from '../errors.js';
import type { ParamSchema } from '../strategy/params.js';

type ValueType = 'number' | 'boolean' | 'string';

type Node =
  | { readonly kind: 'literal'; readonly value: number | boolean | string; readonly type: ValueType; readonly at: number }
  | { readonly kind: 'param'; readonly name: string; readonly type: ValueType; readonly at: number }
  | { readonly kind: 'unary'; readonly op: '-' | 'not'; readonly operand: Node; readonly type: ValueType; readonly at: number }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Node; readonly right: Node; readonly type: ValueType; readonly at: number };

/** A parsed constraint: its text and a test over full parameter values. */
export interface Constraint {
  readonly text: string;
  /** True when `params` meets the constraint. */
  test(params: Readonly<Record<string, unknown>>): boolean;
}

interface Token {
  readonly kind: 'number' | 'string' | 'name' | 'op' | 'end';
  readonly text: string;
  readonly at: number;
}

/** Deepest nesting of parentheses and prefix operators a constraint may have. */
export const CONSTRAINT_MAX_DEPTH = 50;

/** Most tokens a constraint may have (evaluation recurses once per operator). */
export const CONSTRAINT_MAX_TOKENS = 500;

const OPERATORS = ['<=', '>=', '==', '!=', '&&', '||', '<', '>', '=', '+', '-', '*', '/', '%', '(', ')', '!'];

function fail(text: string, at: number, why: string, hint = 'compare parameters and numbers, e.g. --constraint "fast < slow" or "fast * 2 <= slow"'): never {
  // Long expressions show the 80 characters around the column; control characters are escaped
  // before the caret is placed, so the display stays three lines.
  const start = text.length > ECHO_MAX_CHARS ? Math.max(0, Math.min(at - ECHO_MAX_CHARS / 2, text.length - ECHO_MAX_CHARS)) : 0;
  const shown = escapeControl(text.slice(start, start + ECHO_MAX_CHARS));
  const caret = `${' '.repeat(escapeControl(text.slice(start, at)).length)}^`;
  throw new UsageError('BT_CONSTRAINT_SYNTAX', `--constraint "${echoInput(text)}": ${why} at column ${at + 1}\n  ${shown}\n  ${caret}`, {
    hint,
    location: { flag: '--constraint' },
  });
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
    if (number !== null) {
      tokens.push({ kind: 'number', text: number[0], at: i });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_$][\w$]*/.exec(text.slice(i));
    if (name !== null) {
      tokens.push({ kind: 'name', text: name[0], at: i });
      i += name[0].length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) fail(text, i, 'unterminated string');
      tokens.push({ kind: 'string', text: text.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    const op = OPERATORS.find((candidate) => text.startsWith(candidate, i));
    if (op === undefined) fail(text, i, `unexpected character "${ch}"`);
    tokens.push({ kind: 'op', text: op, at: i });
    i += op.length;
  }
  tokens.push({ kind: 'end', text: '', at: text.length });
  return tokens;
}

class Parser {
  readonly #text: string;
  readonly #tokens: Token[];
  readonly #schema: ParamSchema;
  #position = 0;
  /** Open parentheses and prefix operators around the current token. */
  #depth = 0;

  constructor(text: string, schema: ParamSchema) {
    this.#text = text;
    this.#tokens = tokenize(text);
    this.#schema = schema;
    if (this.#tokens.length > CONSTRAINT_MAX_TOKENS) fail(text, this.#tokens[CONSTRAINT_MAX_TOKENS].at, `longer than ${CONSTRAINT_MAX_TOKENS} names, numbers and operators`);
  }

  parse(): Node {
    const node = this.#or();
    const next = this.#peek();
    if (next.kind !== 'end') fail(this.#text, next.at, `unexpected "${next.text}"`);
    if (node.type !== 'boolean') fail(this.#text, 0, 'the constraint is not a condition', 'write a comparison such as "fast < slow"');
    return node;
  }

  #peek(): Token {
    return this.#tokens[this.#position];
  }

  #accept(...texts: string[]): Token | undefined {
    const token = this.#peek();
    if ((token.kind === 'op' || token.kind === 'name') && texts.includes(token.text)) {
      this.#position++;
      return token;
    }
    return undefined;
  }

  #expect(type: ValueType, node: Node, op: string): void {
    if (node.type !== type) fail(this.#text, node.at, `"${op}" needs ${type === 'number' ? 'numbers' : type === 'boolean' ? 'conditions' : 'strings'}, not a ${node.type}`);
  }

  #or(): Node {
    let left = this.#and();
    for (let token = this.#accept('or', '||'); token !== undefined; token = this.#accept('or', '||')) {
      const right = this.#and();
      this.#expect('boolean', left, token.text);
      this.#expect('boolean', right, token.text);
      left = { kind: 'binary', op: 'or', left, right, type: 'boolean', at: token.at };
    }
    return left;
  }

  #and(): Node {
    let left = this.#not();
    for (let token = this.#accept('and', '&&'); token !== undefined; token = this.#accept('and', '&&')) {
      const right = this.#not();
      this.#expect('boolean', left, token.text);
      this.#expect('boolean', right, token.text);
      left = { kind: 'binary', op: 'and', left, right, type: 'boolean', at: token.at };
    }
    return left;
  }

  /** Enters one nesting level; too deep an expression is a syntax error, not a stack overflow. */
  #enter(at: number): void {
    if (++this.#depth > CONSTRAINT_MAX_DEPTH) fail(this.#text, at, `nested more than ${CONSTRAINT_MAX_DEPTH} levels deep`);
  }

  #not(): Node {
    const token = this.#accept('not', '!');
    if (token === undefined) return this.#comparison();
    this.#enter(token.at);
    const operand = this.#not();
    this.#depth--;
    this.#expect('boolean', operand, token.text);
    return { kind: 'unary', op: 'not', operand, type: 'boolean', at: token.at };
  }

  #comparison(): Node {
    const left = this.#sum();
    const token = this.#accept('<', '<=', '>', '>=', '==', '=', '!=');
    if (token === undefined) return left;
    const right = this.#sum();
    const op = token.text === '=' ? '==' : token.text;
    if (op === '==' || op === '!=') {
      if (left.type !== right.type) fail(this.#text, token.at, `"${token.text}" compares a ${left.type} with a ${right.type}`);
      this.#checkEnumLiteral(left, right);
      this.#checkEnumLiteral(right, left);
    } else {
      this.#expect('number', left, op);
      this.#expect('number', right, op);
    }
    const next = this.#peek();
    if (next.kind === 'op' && ['<', '<=', '>', '>=', '==', '=', '!='].includes(next.text)) {
      fail(this.#text, next.at, 'chained comparison', 'join comparisons with "and": "a < b and b < c"');
    }
    return { kind: 'binary', op, left, right, type: 'boolean', at: token.at };
  }

  /** `direction == "long-shrot"` is an error, not a silently false constraint. */
  #checkEnumLiteral(param: Node, literal: Node): void {
    if (param.kind !== 'param' || literal.kind !== 'literal' || literal.type !== 'string') return;
    const spec = this.#schema[param.name];
    if (spec.type === 'enum' && !spec.values.includes(literal.value as string)) {
      fail(this.#text, literal.at, `"${String(literal.value)}" is not a value of "${param.name}"${didYouMean(String(literal.value), spec.values)}`, `values of ${param.name}: ${spec.values.join(', ')}`);
    }
  }

  #sum(): Node {
    let left = this.#product();
    for (let token = this.#accept('+', '-'); token !== undefined; token = this.#accept('+', '-')) {
      const right = this.#product();
      this.#expect('number', left, token.text);
      this.#expect('number', right, token.text);
      left = { kind: 'binary', op: token.text, left, right, type: 'number', at: token.at };
    }
    return left;
  }

  #product(): Node {
    let left = this.#unary();
    for (let token = this.#accept('*', '/', '%'); token !== undefined; token = this.#accept('*', '/', '%')) {
      const right = this.#unary();
      this.#expect('number', left, token.text);
      this.#expect('number', right, token.text);
      left = { kind: 'binary', op: token.text, left, right, type: 'number', at: token.at };
    }
    return left;
  }

  #unary(): Node {
    const token = this.#accept('-');
    if (token === undefined) return this.#atom();
    this.#enter(token.at);
    const operand = this.#unary();
    this.#depth--;
    this.#expect('number', operand, '-');
    return { kind: 'unary', op: '-', operand, type: 'number', at: token.at };
  }

  #atom(): Node {
    const token = this.#peek();
    this.#position++;
    switch (token.kind) {
      case 'number':
        return { kind: 'literal', value: Number(token.text), type: 'number', at: token.at };
      case 'string':
        return { kind: 'literal', value: token.text, type: 'string', at: token.at };
      case 'name': {
        if (token.text === 'true' || token.text === 'false') return { kind: 'literal', value: token.text === 'true', type: 'boolean', at: token.at };
        const spec = Object.hasOwn(this.#schema, token.text) ? this.#schema[token.text] : undefined;
        if (spec === undefined) {
          const names = Object.keys(this.#schema);
          throw new UsageError('BT_CONSTRAINT_UNKNOWN', `--constraint "${this.#text}": unknown parameter "${token.text}"${didYouMean(token.text, names)}`, {
            hint: `parameters: ${names.join(', ')}; quote enum values: direction == "long-only"`,
            location: { flag: '--constraint', param: token.text },
          });
        }
        const type: ValueType = spec.type === 'boolean' ? 'boolean' : spec.type === 'enum' ? 'string' : 'number';
        return { kind: 'param', name: token.text, type, at: token.at };
      }
      case 'op':
        if (token.text === '(') {
          this.#enter(token.at);
          const inner = this.#or();
          this.#depth--;
          if (this.#accept(')') === undefined) fail(this.#text, this.#peek().at, 'missing ")"');
          return inner;
        }
        return fail(this.#text, token.at, `unexpected "${token.text}"`);
      case 'end':
        return fail(this.#text, token.at, 'the expression ends too early');
    }
  }
}

function evaluate(node: Node, params: Readonly<Record<string, unknown>>): number | boolean | string {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'param':
      return params[node.name] as number | boolean | string;
    case 'unary': {
      const value = evaluate(node.operand, params);
      return node.op === '-' ? -(value as number) : !(value as boolean);
    }
    case 'binary': {
      if (node.op === 'and') return (evaluate(node.left, params) as boolean) && (evaluate(node.right, params) as boolean);
      if (node.op === 'or') return (evaluate(node.left, params) as boolean) || (evaluate(node.right, params) as boolean);
      const a = evaluate(node.left, params);
      const b = evaluate(node.right, params);
      switch (node.op) {
        case '==':
          return a === b;
        case '!=':
          return a !== b;
        case '<':
          return (a as number) < (b as number);
        case '<=':
          return (a as number) <= (b as number);
        case '>':
          return (a as number) > (b as number);
        case '>=':
          return (a as number) >= (b as number);
        case '+':
          return (a as number) + (b as number);
        case '-':
          return (a as number) - (b as number);
        case '*':
          return (a as number) * (b as number);
        case '/':
          return (a as number) / (b as number);
        default:
          return (a as number) % (b as number);
      }
    }
  }
}

/**
 * Parses and type-checks one constraint against the schema.
 * @throws UsageError `BT_CONSTRAINT_SYNTAX` (with the column and a caret), `BT_CONSTRAINT_UNKNOWN`
 *   (a name that is not a parameter, with did-you-mean).
 */
export function parseConstraint(text: string, schema: ParamSchema): Constraint {
  if (text.trim() === '') fail(text, 0, 'empty constraint');
  const tree = new Parser(text, schema).parse();
  return { text: text.trim(), test: (params) => evaluate(tree, params) === true };
}
