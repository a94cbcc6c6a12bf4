import { SymregError } from '../errors.js';
import { binary, constant, unary, variable, type Expression } from './expression.js';
import { isBinaryOperator, isUnaryOperator, resolveOperatorName } from './operators.js';

/** Options of {@link parseExpression}. */
export interface ParseOptions {
  /**
   * The known variables. When given, any other identifier (except the constants `pi`
   * and `e`) is an error; a variable named `pi` or `e` shadows the constant.
   * @default undefined (every identifier that is not a function or constant is a variable)
   */
  readonly variables?: readonly string[];
}

type Token =
  | { type: 'num'; value: number; pos: number; text: string }
  | { type: 'id'; name: string; pos: number; text: string }
  | { type: 'op'; op: string; pos: number; text: string }
  | { type: 'end'; pos: number; text: string };

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < formula.length) {
    const ch = formula[pos] as string;
    if (/\s/.test(ch)) {
      pos++;
      continue;
    }
    const rest = formula.slice(pos);
    const num = NUMBER.exec(rest);
    if (num) {
      tokens.push({ type: 'num', value: Number(num[0]), pos, text: num[0] });
      pos += num[0].length;
      continue;
    }
    const id = IDENT.exec(rest);
    if (id) {
      tokens.push({ type: 'id', name: id[0], pos, text: id[0] });
      pos += id[0].length;
      continue;
    }
    if (rest.startsWith('**')) {
      tokens.push({ type: 'op', op: '^', pos, text: '**' });
      pos += 2;
      continue;
    }
    if ('+-*/^(),'.includes(ch)) {
      tokens.push({ type: 'op', op: ch, pos, text: ch });
      pos++;
      continue;
    }
    throw parseError(formula, pos, ch, 'unexpected character');
  }
  tokens.push({ type: 'end', pos, text: '<end>' });
  return tokens;
}

function parseError(formula: string, pos: number, token: string, what: string): SymregError {
  return new SymregError(
    'SYMREG_PARSE_ERROR',
    `cannot parse formula ${JSON.stringify(formula)}: ${what} ${JSON.stringify(token)} at position ${pos}`,
  );
}

/** Functions of two arguments accepted in formulas, besides the infix operators. */
const BINARY_FUNCTIONS: Readonly<Record<string, '^' | '+' | '-' | '*' | '/'>> = {
  pow: '^', plus: '+', add: '+', sub: '-', mult: '*', mul: '*', div: '/',
};

/**
 * Parses a formula such as `"exp(-theta^2/2)/sqrt(2*pi)"` into an {@link Expression}.
 *
 * Accepts `+ - * /`, `^` and `**` (right-associative, binding tighter than unary minus:
 * `-x^2` is `-(x^2)`), unary minus/plus, numbers (`1`, `.5`, `2.5e-3`), the constants
 * `pi` and `e`, functions of one argument (`exp log sqrt sin cos tan tanh abs square cube`,
 * `asin/acos/atan` and `arcsin/arccos/arctan`, `ln`, …) and `pow(a, b)`.
 *
 * @throws SymregError `SYMREG_PARSE_ERROR` naming the position and the offending token,
 *   also when `options.variables` is given and an identifier is not among them.
 * @example parseExpression('1/2*k_spring*x^2', { variables: ['k_spring', 'x'] })
 */
export function parseExpression(formula: string, options: ParseOptions = {}): Expression {
  if (typeof formula !== 'string') {
    throw new SymregError('SYMREG_PARSE_ERROR', `expected a formula string, got ${typeof formula}`);
  }
  const tokens = tokenize(formula);
  const known = options.variables ? new Set(options.variables) : undefined;
  let i = 0;
  const peek = (): Token => tokens[i] as Token;
  const next = (): Token => tokens[i++] as Token;
  const isOp = (t: Token, op: string): boolean => t.type === 'op' && t.op === op;
  const expect = (op: string): void => {
    const t = next();
    if (!isOp(t, op)) throw parseError(formula, t.pos, t.text, `expected "${op}" but found`);
  };

  const parseSum = (): Expression => {
    let left = parseProduct();
    for (;;) {
      const t = peek();
      if (isOp(t, '+') || isOp(t, '-')) {
        next();
        left = binary((t as { op: '+' | '-' }).op, left, parseProduct());
      } else return left;
    }
  };
  const parseProduct = (): Expression => {
    let left = parseUnary();
    for (;;) {
      const t = peek();
      if (isOp(t, '*') || isOp(t, '/')) {
        next();
        left = binary((t as { op: '*' | '/' }).op, left, parseUnary());
      } else return left;
    }
  };
  const parseUnary = (): Expression => {
    const t = peek();
    if (isOp(t, '-')) {
      next();
      // A minus sign directly before a number literal (not a power base) is part of the number.
      const literal = peek();
      const after = tokens[i + 1];
      if (literal.type === 'num' && !(after !== undefined && isOp(after, '^'))) {
        next();
        return constant(-literal.value);
      }
      return unary('neg', parseUnary());
    }
    if (isOp(t, '+')) {
      next();
      return parseUnary();
    }
    return parsePower();
  };
  const parsePower = (): Expression => {
    const base = parsePrimary();
    if (isOp(peek(), '^')) {
      next();
      return binary('^', base, parseUnary());
    }
    return base;
  };
  const parseArgs = (): Expression[] => {
    expect('(');
    const args = [parseSum()];
    while (isOp(peek(), ',')) {
      next();
      args.push(parseSum());
    }
    expect(')');
    return args;
  };
  const parsePrimary = (): Expression => {
    const t = next();
    if (t.type === 'num') return constant(t.value);
    if (isOp(t, '(')) {
      const inner = parseSum();
      expect(')');
      return inner;
    }
    if (t.type === 'id') {
      if (isOp(peek(), '(')) {
        const args = parseArgs();
        const binaryOp = BINARY_FUNCTIONS[t.name];
        if (binaryOp !== undefined) {
          if (args.length !== 2) throw parseError(formula, t.pos, t.name, `expected 2 arguments for function`);
          return binary(binaryOp, args[0] as Expression, args[1] as Expression);
        }
        const resolved = resolveOperatorName(t.name);
        if (resolved === undefined || !isUnaryOperator(resolved)) {
          if (resolved !== undefined && isBinaryOperator(resolved) && args.length === 2) {
            return binary(resolved, args[0] as Expression, args[1] as Expression);
          }
          throw parseError(formula, t.pos, t.name, 'unknown function');
        }
        if (args.length !== 1) throw parseError(formula, t.pos, t.name, `expected 1 argument for function`);
        return unary(resolved, args[0] as Expression);
      }
      if (known?.has(t.name)) return variable(t.name);
      if (t.name === 'pi') return constant(Math.PI);
      if (t.name === 'e') return constant(Math.E);
      if (known && !known.has(t.name)) {
        throw new SymregError(
          'SYMREG_PARSE_ERROR',
          `cannot parse formula ${JSON.stringify(formula)}: unknown variable ${JSON.stringify(t.name)} at position ${t.pos} (known: ${[...known].join(', ') || 'none'})`,
        );
      }
      return variable(t.name);
    }
    throw parseError(formula, t.pos, t.text, t.type === 'end' ? 'unexpected end of formula at' : 'unexpected token');
  };

  const expr = parseSum();
  const rest = peek();
  if (rest.type !== 'end') throw parseError(formula, rest.pos, rest.text, 'unexpected token');
  return expr;
}
