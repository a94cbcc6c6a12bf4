import { SymregError } from '../errors.js';
import { variablesOf, type Expression } from '../expression/expression.js';
import { BINARY_SCALAR, UNARY_SCALAR } from '../expression/operators.js';
import { ColumnEvaluator } from './evaluator.js';
import { compileProgram } from './program.js';

/**
 * Evaluates `expr` over whole columns (one Float64Array per variable, all the same length).
 * Returns a new array; non-finite results (NaN, ±Infinity) are kept, never thrown.
 *
 * @throws SymregError `SYMREG_INVALID_DATA` if a variable has no column or lengths differ.
 * @example evaluateExpression(parseExpression('x^2 + 1'), { x: Float64Array.of(1, 2) }) // [2, 5]
 */
export function evaluateExpression(expr: Expression, columns: Readonly<Record<string, Float64Array>>): Float64Array {
  const names = variablesOf(expr);
  const data: Float64Array[] = [];
  for (const name of names) {
    const column = columns[name];
    if (!(column instanceof Float64Array)) {
      throw new SymregError(
        'SYMREG_INVALID_DATA',
        `expected a Float64Array column for variable \`${name}\`, got ${column === undefined ? 'no column' : typeof column} (columns: ${Object.keys(columns).join(', ') || 'none'})`,
      );
    }
    data.push(column);
  }
  const lengths = new Set(data.map((c) => c.length));
  if (lengths.size > 1) {
    throw new SymregError('SYMREG_INVALID_DATA', `expected columns of equal length, got lengths ${[...lengths].join(', ')}`);
  }
  const n = data[0]?.length ?? Object.values(columns)[0]?.length ?? 1;
  const index = new Map(names.map((name, i) => [name, i]));
  const program = compileProgram(expr, (name) => index.get(name) as number);
  const evaluator = new ColumnEvaluator(Math.max(n, 1));
  return evaluator.evaluate(program, data, n).slice(0, n);
}

/**
 * Straightforward per-row tree walking: the reference semantics the column evaluator is
 * tested against. Slow; for tests and single points.
 */
export function evaluateAtPoint(expr: Expression, point: Readonly<Record<string, number>>): number {
  switch (expr.kind) {
    case 'const':
      return expr.value;
    case 'var': {
      const value = point[expr.name];
      if (value === undefined) throw new SymregError('SYMREG_INVALID_DATA', `no value for variable \`${expr.name}\``);
      return value;
    }
    case 'unary':
      return UNARY_SCALAR[expr.op](evaluateAtPoint(expr.arg, point));
    case 'binary':
      return BINARY_SCALAR[expr.op](evaluateAtPoint(expr.left, point), evaluateAtPoint(expr.right, point));
  }
}
