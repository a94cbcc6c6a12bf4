/**
 * The operator table: every operator the engine knows, with its arity, how it prints
 * (plain / SymPy / LaTeX) and its scalar definition (the reference semantics that the
 * column kernels must agree with).
 */

export const BINARY_OPERATORS = ['+', '-', '*', '/', '^'] as const;
export type BinaryOperator = (typeof BINARY_OPERATORS)[number];

export const UNARY_OPERATORS = [
  'neg', 'abs', 'square', 'cube', 'sqrt', 'cbrt', 'inv', 'exp', 'log', 'log10', 'log2', 'log1p',
  'sin', 'cos', 'tan', 'tanh', 'sinh', 'cosh', 'asin', 'acos', 'atan', 'sign', 'relu',
] as const;
export type UnaryOperator = (typeof UNARY_OPERATORS)[number];

const UNARY_SET: ReadonlySet<string> = new Set(UNARY_OPERATORS);
const BINARY_SET: ReadonlySet<string> = new Set(BINARY_OPERATORS);

export function isUnaryOperator(name: string): name is UnaryOperator {
  return UNARY_SET.has(name);
}
export function isBinaryOperator(name: string): name is BinaryOperator {
  return BINARY_SET.has(name);
}

/** Names accepted for operators in options and formulas (PySR and Feynman spellings). */
export const OPERATOR_ALIASES: Readonly<Record<string, UnaryOperator | BinaryOperator>> = {
  plus: '+', add: '+', sub: '-', minus: '-', mult: '*', mul: '*', times: '*', div: '/', divide: '/',
  pow: '^', '**': '^', safe_pow: '^',
  ln: 'log', safe_log: 'log', safe_log10: 'log10', safe_log2: 'log2', safe_log1p: 'log1p',
  safe_sqrt: 'sqrt', safe_acos: 'acos', safe_asin: 'asin',
  arcsin: 'asin', arccos: 'acos', arctan: 'atan', Abs: 'abs', negative: 'neg',
};

/** Resolves an operator name or alias, or returns undefined. */
export function resolveOperatorName(name: string): UnaryOperator | BinaryOperator | undefined {
  if (isUnaryOperator(name) || isBinaryOperator(name)) return name;
  return OPERATOR_ALIASES[name];
}

/** Scalar reference semantics of the unary operators (NaN outside the domain, like PySR's safe ops). */
export const UNARY_SCALAR: Readonly<Record<UnaryOperator, (x: number) => number>> = {
  neg: (x) => -x,
  abs: Math.abs,
  square: (x) => x * x,
  cube: (x) => x * x * x,
  sqrt: Math.sqrt,
  cbrt: Math.cbrt,
  inv: (x) => 1 / x,
  exp: Math.exp,
  log: Math.log,
  log10: Math.log10,
  log2: Math.log2,
  log1p: Math.log1p,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  tanh: Math.tanh,
  sinh: Math.sinh,
  cosh: Math.cosh,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sign: Math.sign,
  relu: (x) => (x > 0 ? x : 0),
};

/** Scalar power as PySR's safe power: NaN for a negative base and a non-integer exponent. */
export function scalarPow(a: number, b: number): number {
  return Math.pow(a, b);
}

export const BINARY_SCALAR: Readonly<Record<BinaryOperator, (a: number, b: number) => number>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '^': scalarPow,
};

/** SymPy names of unary operators that are not written as plain function calls. */
export const SYMPY_UNARY: Readonly<Partial<Record<UnaryOperator, string>>> = {
  abs: 'Abs', sign: 'sign', log1p: 'log1p',
};

/** LaTeX commands for the named functions. */
export const LATEX_FUNCTION: Readonly<Partial<Record<UnaryOperator, string>>> = {
  exp: '\\exp', log: '\\log', sin: '\\sin', cos: '\\cos', tan: '\\tan', tanh: '\\tanh',
  sinh: '\\sinh', cosh: '\\cosh', asin: '\\operatorname{asin}', acos: '\\operatorname{acos}',
  atan: '\\operatorname{atan}', log10: '\\log_{10}', log2: '\\log_{2}', sign: '\\operatorname{sign}',
  log1p: '\\operatorname{log1p}', relu: '\\operatorname{relu}', cbrt: '\\sqrt[3]',
};
