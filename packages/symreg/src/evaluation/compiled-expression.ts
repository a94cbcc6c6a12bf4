import { SymregError } from '../errors.js';
import type { Expression } from '../expression/expression.js';
import { ColumnEvaluator } from './evaluator.js';
import { compileProgram, type Program } from './program.js';

/**
 * An expression compiled once for repeated column-wise evaluation over the same
 * variables: no parsing or allocation per call once its buffers are warm.
 */
export class CompiledExpression {
  private readonly program: Program;
  private evaluator: ColumnEvaluator | undefined;

  constructor(expr: Expression, readonly variables: readonly string[]) {
    const index = new Map(variables.map((name, i) => [name, i]));
    this.program = compileProgram(expr, (name) => {
      const i = index.get(name);
      if (i === undefined) {
        throw new SymregError('SYMREG_INVALID_ARGUMENT', `the expression uses variable \`${name}\`, not among ${variables.join(', ') || 'none'}`);
      }
      return i;
    });
  }

  /** Number of nodes. */
  get size(): number {
    return this.program.length;
  }

  /**
   * Evaluates over `n` rows (default: the length of the first column) of `columns`, one per
   * variable in order. Returns a buffer owned by this object, overwritten by the next call.
   */
  evaluate(columns: readonly Float64Array[], n = columns[0]?.length ?? 1): Float64Array {
    if (this.evaluator === undefined || this.evaluator.capacity < n) this.evaluator = new ColumnEvaluator(n);
    return this.evaluator.evaluate(this.program, columns, n).subarray(0, n);
  }
}

/** Compiles `expr` for repeated evaluation with the given variable order. */
export function compileExpression(expr: Expression, variables: readonly string[]): CompiledExpression {
  return new CompiledExpression(expr, variables);
}
