import { binary, constant, expressionsEqual, sizeOf, unary, type Expression } from './expression.js';
import { combineProduct, combineSum } from './simplify-chains.js';
import { BINARY_SCALAR, UNARY_SCALAR } from './operators.js';

/**
 * Constant folding and basic algebra that keeps values wherever the input is finite (beyond rounding):
 * folds operators on constants, drops identities (`x*1`, `x+0`, `x-0`, `x/1`, `x^1`,
 * `--x`, `a-a`, `a/a`, `0*a` — the last three as SymPy does, ignoring points where `a`
 * is 0 or not finite), and rebuilds `+`/`-` and `*`/`/` chains with their constants
 * merged into one and the factors below the bar in one product (`2*(x*3)` → `6*x`,
 * `(x+1)-3` → `x-2`, `(c1*x)/c2` → `(c1/c2)*x`, `Pwr/(r*(r*12.566))` → `0.0796*Pwr/(r*r)`,
 * `x-(2-y)` → `x+y-2`; see simplify-chains.ts). The result is never larger than the input.
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
      const node = arg === expr.arg ? expr : unary(expr.op, arg);
      if (expr.op === 'neg' && arg.kind === 'binary') {
        if (arg.op === '*' || arg.op === '/') return combineProduct(node);
        if (arg.op === '+' || arg.op === '-') return combineSum(node);
      }
      return node;
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
