import { binary, constant, expressionsEqual, sizeOf, unary, type Expression } from './expression.js';
import { BINARY_SCALAR, UNARY_SCALAR } from './operators.js';

/**
 * Constant folding and basic algebra that keeps values wherever the input is finite (beyond rounding):
 * folds operators on constants, drops identities (`x*1`, `x+0`, `x-0`, `x/1`, `x^1`,
 * `--x`, `a-a`, `a/a`, `0*a` — the last three as SymPy does, ignoring points where `a`
 * is 0 or not finite), and merges the constants of `+`/`-` and `*`/`/` chains into one
 * (`2*(x*3)` → `6*x`, `(x+1)-3` → `x-2`, `(c1*x)/c2` → `(c1/c2)*x`). The result is never
 * larger than the input.
 */
export function simplifyExpression(expr: Expression): Expression {
  const once = simplifyNode(expr);
  return sizeOf(once) <= sizeOf(expr) ? once : expr;
}

function isConst(e: Expression, value?: number): e is { kind: 'const'; value: number } {
  return e.kind === 'const' && (value === undefined || e.value === value);
}

function simplifyNode(expr: Expression): Expression {
  switch (expr.kind) {
    case 'const':
    case 'var':
      return expr;
    case 'unary': {
      const arg = simplifyNode(expr.arg);
      if (arg.kind === 'const') {
        const value = UNARY_SCALAR[expr.op](arg.value);
        if (Number.isFinite(value)) return constant(value);
      }
      if (expr.op === 'neg' && arg.kind === 'unary' && arg.op === 'neg') return arg.arg;
      return arg === expr.arg ? expr : unary(expr.op, arg);
    }
    case 'binary': {
      const left = simplifyNode(expr.left);
      const right = simplifyNode(expr.right);
      if (left.kind === 'const' && right.kind === 'const') {
        const value = BINARY_SCALAR[expr.op](left.value, right.value);
        if (Number.isFinite(value)) return constant(value);
      }
      const node = left === expr.left && right === expr.right ? expr : binary(expr.op, left, right);
      switch (expr.op) {
        case '+':
          if (isConst(left, 0)) return right;
          if (isConst(right, 0)) return left;
          return combineSum(node);
        case '-':
          if (isConst(right, 0)) return left;
          if (expressionsEqual(left, right)) return constant(0);
          return combineSum(node);
        case '*':
          if (isConst(left, 1)) return right;
          if (isConst(right, 1)) return left;
          return combineProduct(node);
        case '/':
          if (isConst(right, 1)) return left;
          if (expressionsEqual(left, right)) return constant(1);
          return combineProduct(node);
        case '^':
          if (isConst(right, 1)) return left;
          return node;
      }
    }
  }
}

function smaller(original: Expression, rebuilt: Expression): Expression {
  return sizeOf(rebuilt) < sizeOf(original) ? rebuilt : original;
}

function productFactors(e: Expression, out: Expression[]): number {
  if (e.kind === 'const') return e.value;
  if (e.kind === 'binary' && e.op === '*') return productFactors(e.left, out) * productFactors(e.right, out);
  if (e.kind === 'binary' && e.op === '/' && e.right.kind === 'const') return productFactors(e.left, out) / e.right.value;
  if (e.kind === 'unary' && e.op === 'neg') return -productFactors(e.arg, out);
  out.push(e);
  return 1;
}

function combineProduct(node: Expression): Expression {
  const factors: Expression[] = [];
  const c = productFactors(node, factors);
  if (!Number.isFinite(c)) return node;
  if (c === 0) return constant(0);
  let rest: Expression | undefined;
  for (const f of factors) rest = rest === undefined ? f : binary('*', rest, f);
  if (rest === undefined) return constant(c);
  const rebuilt = c === 1 ? rest : c === -1 ? unary('neg', rest) : binary('*', constant(c), rest);
  return smaller(node, rebuilt);
}

function sumTerms(e: Expression, out: Expression[]): number {
  if (e.kind === 'const') return e.value;
  if (e.kind === 'binary' && e.op === '+') return sumTerms(e.left, out) + sumTerms(e.right, out);
  if (e.kind === 'binary' && e.op === '-' && e.right.kind === 'const') return sumTerms(e.left, out) - e.right.value;
  out.push(e);
  return 0;
}

function combineSum(node: Expression): Expression {
  const terms: Expression[] = [];
  const c = sumTerms(node, terms);
  if (!Number.isFinite(c)) return node;
  let rest: Expression | undefined;
  for (const t of terms) rest = rest === undefined ? t : binary('+', rest, t);
  if (rest === undefined) return constant(c);
  const rebuilt = c === 0 ? rest : c < 0 ? binary('-', rest, constant(-c)) : binary('+', rest, constant(c));
  return smaller(node, rebuilt);
}
