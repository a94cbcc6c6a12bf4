import type { Expression } from './expression.js';
import { LATEX_FUNCTION, SYMPY_UNARY } from './operators.js';

/** Output styles of {@link formatExpression}. */
export type FormatStyle = 'plain' | 'sympy' | 'latex';

// Precedence levels: sum 1, product 2, negation 3, power 4, atom 5.
const PREC: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2, '^': 4 };

function isNegative(expr: Expression): boolean {
  return (expr.kind === 'const' && (expr.value < 0 || Object.is(expr.value, -0))) || (expr.kind === 'unary' && expr.op === 'neg');
}

function precOf(expr: Expression, style: FormatStyle): number {
  if (expr.kind === 'var') return 5;
  if (expr.kind === 'const') return isNegative(expr) ? 3 : 5;
  if (expr.kind === 'binary') return PREC[expr.op] as number;
  if (expr.op === 'neg') return 3;
  if (style === 'sympy' && (expr.op === 'square' || expr.op === 'cube')) return 4;
  if (style === 'sympy' && expr.op === 'inv') return 2;
  return 5;
}

function plainNumber(value: number, style: FormatStyle): string {
  if (Number.isNaN(value)) return style === 'sympy' ? 'nan' : '(0/0)';
  if (value === Infinity) return style === 'sympy' ? 'oo' : '(1/0)';
  if (value === -Infinity) return style === 'sympy' ? '-oo' : '(-1/0)';
  return String(value);
}

function latexNumber(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '\\mathrm{NaN}' : value > 0 ? '\\infty' : '-\\infty';
  if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
  const [mantissa, exponent] = value.toExponential(2).split('e') as [string, string];
  const exp = Number(exponent);
  if (exp >= -2 && exp <= 4) return String(Number(value.toPrecision(3)));
  return `${String(Number(mantissa))} \\cdot 10^{${exp}}`;
}

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu',
  'nu', 'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);

function latexName(name: string): string {
  const [head, ...rest] = name.split('_');
  const base = head !== undefined && GREEK.has(head) ? `\\${head}` : head ?? '';
  const shown = base.length > 1 && !base.startsWith('\\') ? `\\mathrm{${base}}` : base;
  return rest.length === 0 ? shown : `${shown}_{${rest.join('\\_')}}`;
}

/**
 * Prints an expression.
 * - `plain`: infix with `^`, readable and re-parsed exactly by {@link parseExpression}.
 * - `sympy`: a string `sympy.sympify` accepts (`**`, `Abs`, `sqrt`, …).
 * - `latex`: LaTeX math with constants to 3 significant digits.
 * @default style 'plain'
 */
export function formatExpression(expr: Expression, style: FormatStyle = 'plain'): string {
  return style === 'latex' ? latex(expr) : infix(expr, style);
}

function wrap(text: string, needed: boolean): string {
  return needed ? `(${text})` : text;
}

function infix(expr: Expression, style: FormatStyle): string {
  switch (expr.kind) {
    case 'const':
      return plainNumber(expr.value, style);
    case 'var':
      return expr.name;
    case 'unary': {
      const arg = expr.arg;
      if (expr.op === 'neg') return `-${wrap(infix(arg, style), precOf(arg, style) < 4 || arg.kind === 'const')}`;
      if (style === 'sympy') {
        const inner = infix(arg, style);
        switch (expr.op) {
          case 'square':
            return `${wrap(inner, precOf(arg, style) < 5)}**2`;
          case 'cube':
            return `${wrap(inner, precOf(arg, style) < 5)}**3`;
          case 'inv':
            return `1/${wrap(inner, precOf(arg, style) < 5)}`;
          case 'log10':
            return `log(${inner}, 10)`;
          case 'log2':
            return `log(${inner}, 2)`;
          case 'relu':
            return `Max(0, ${inner})`;
          default:
            return `${SYMPY_UNARY[expr.op] ?? expr.op}(${inner})`;
        }
      }
      return `${expr.op}(${infix(arg, style)})`;
    }
    case 'binary': {
      const prec = PREC[expr.op] as number;
      const lp = precOf(expr.left, style);
      const rp = precOf(expr.right, style);
      const left = infix(expr.left, style);
      const right = infix(expr.right, style);
      if (expr.op === '^') {
        const opText = style === 'sympy' ? '**' : '^';
        return `${wrap(left, lp <= 4)}${opText}${wrap(right, rp < 5)}`;
      }
      const leftParen = lp < prec;
      // Left-associative parsing: a right operand of the same precedence keeps its parentheses.
      const rightParen = rp <= prec || isNegative(expr.right);
      return `${wrap(left, leftParen)} ${expr.op} ${wrap(right, rightParen)}`;
    }
  }
}

function latex(expr: Expression): string {
  switch (expr.kind) {
    case 'const':
      return latexNumber(expr.value);
    case 'var':
      return latexName(expr.name);
    case 'unary': {
      const inner = latex(expr.arg);
      const argPrec = precOf(expr.arg, 'latex');
      switch (expr.op) {
        case 'neg':
          return `-${argPrec < 4 ? `\\left(${inner}\\right)` : inner}`;
        case 'square':
          return `${argPrec < 5 ? `\\left(${inner}\\right)` : inner}^{2}`;
        case 'cube':
          return `${argPrec < 5 ? `\\left(${inner}\\right)` : inner}^{3}`;
        case 'sqrt':
          return `\\sqrt{${inner}}`;
        case 'inv':
          return `\\frac{1}{${inner}}`;
        case 'abs':
          return `\\left|{${inner}}\\right|`;
        case 'cbrt':
          return `\\sqrt[3]{${inner}}`;
        default:
          return `${LATEX_FUNCTION[expr.op] ?? `\\operatorname{${expr.op}}`}{\\left(${inner} \\right)}`;
      }
    }
    case 'binary': {
      const l = latex(expr.left);
      const r = latex(expr.right);
      const lp = precOf(expr.left, 'latex');
      const rp = precOf(expr.right, 'latex');
      const paren = (text: string, needed: boolean): string => (needed ? `\\left(${text}\\right)` : text);
      switch (expr.op) {
        case '/':
          return `\\frac{${l}}{${r}}`;
        case '^':
          return `${paren(l, lp < 5)}^{${r}}`;
        case '*':
          return `${paren(l, lp < 2)} \\cdot ${paren(r, rp < 3 || isNegative(expr.right))}`;
        case '+':
          return `${l} + ${paren(r, isNegative(expr.right))}`;
        case '-':
          return `${l} - ${paren(r, rp <= 1 || isNegative(expr.right))}`;
      }
    }
  }
}
