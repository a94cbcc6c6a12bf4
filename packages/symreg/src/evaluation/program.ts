import type { Expression } from '../expression/expression.js';
import { BINARY_OPERATORS, UNARY_OPERATORS, type BinaryOperator, type UnaryOperator } from '../expression/operators.js';

/** Opcodes of the flat postfix encoding. */
export const OP_CONST = 0;
export const OP_VAR = 1;
export const OP_ADD = 2;
export const OP_SUB = 3;
export const OP_MUL = 4;
export const OP_DIV = 5;
export const OP_POW = 6;
/** Unary operator `UNARY_OPERATORS[i]` has opcode `UNARY_BASE + i`. */
export const UNARY_BASE = 8;

const BINARY_CODE: Record<BinaryOperator, number> = { '+': OP_ADD, '-': OP_SUB, '*': OP_MUL, '/': OP_DIV, '^': OP_POW };
export const UNARY_CODE = Object.fromEntries(UNARY_OPERATORS.map((op, i) => [op, UNARY_BASE + i])) as Record<UnaryOperator, number>;
export const CODE_NAME: readonly string[] = (() => {
  const names: string[] = ['const', 'var'];
  for (const op of BINARY_OPERATORS) names[BINARY_CODE[op]] = op;
  UNARY_OPERATORS.forEach((op, i) => (names[UNARY_BASE + i] = op));
  return names;
})();

/**
 * An expression flattened to postfix order: children before parents, the root last.
 * Evaluation walks it once per column batch, never once per row.
 */
export interface Program {
  readonly length: number;
  /** Opcode of each node. */
  readonly ops: Int32Array;
  /** Column index for variables, index into `consts` for constants, else -1. */
  readonly args: Int32Array;
  /** Index of the left (or only) child, -1 for leaves. */
  readonly left: Int32Array;
  /** Index of the right child, -1 for leaves and unary nodes. */
  readonly right: Int32Array;
  /** Constant values, in pre-order of the tree (same order as `constantsOf`). */
  readonly consts: Float64Array;
  /** Maximum stack depth needed to evaluate. */
  readonly maxStack: number;
}

/**
 * Flattens `expr` into a {@link Program}; `columnOf` maps a variable name to the index of
 * its column (and should throw for unknown names).
 */
export function compileProgram(expr: Expression, columnOf: (name: string) => number): Program {
  const ops: number[] = [];
  const args: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const constValues: number[] = [];
  let depth = 0;
  let maxStack = 0;
  // Leaves appear in the same left-to-right order in pre-order and postfix, so numbering
  // constants as they are emitted matches `constantsOf`/`withConstants`.
  const emit = (node: Expression): number => {
    switch (node.kind) {
      case 'const': {
        const slot = constValues.push(node.value) - 1;
        ops.push(OP_CONST);
        args.push(slot);
        left.push(-1);
        right.push(-1);
        break;
      }
      case 'var':
        ops.push(OP_VAR);
        args.push(columnOf(node.name));
        left.push(-1);
        right.push(-1);
        break;
      case 'unary': {
        const a = emit(node.arg);
        depth--;
        ops.push(UNARY_CODE[node.op]);
        args.push(-1);
        left.push(a);
        right.push(-1);
        break;
      }
      case 'binary': {
        const a = emit(node.left);
        const b = emit(node.right);
        depth -= 2;
        ops.push(BINARY_CODE[node.op]);
        args.push(-1);
        left.push(a);
        right.push(b);
        break;
      }
    }
    depth++;
    if (depth > maxStack) maxStack = depth;
    return ops.length - 1;
  };
  emit(expr);
  return {
    length: ops.length,
    ops: Int32Array.from(ops),
    args: Int32Array.from(args),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    consts: Float64Array.from(constValues),
    maxStack,
  };
}

/** A reusable program buffer for {@link compileProgramInto}. */
export interface ProgramBuffer {
  length: number;
  maxStack: number;
  readonly ops: Int32Array;
  readonly args: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly consts: Float64Array;
}

export function createProgramBuffer(capacity: number): ProgramBuffer {
  return {
    length: 0,
    maxStack: 0,
    ops: new Int32Array(capacity),
    args: new Int32Array(capacity),
    left: new Int32Array(capacity),
    right: new Int32Array(capacity),
    consts: new Float64Array(capacity),
  };
}

/**
 * Like {@link compileProgram} but writes into `buffer` without allocating; returns false
 * (leaving the buffer unusable) when the tree has more nodes than the buffer holds.
 * Only `consts` entries below the number of constants are meaningful.
 */
export function compileProgramInto(expr: Expression, columnOf: (name: string) => number, buffer: ProgramBuffer): boolean {
  const capacity = buffer.ops.length;
  let count = 0;
  let nconst = 0;
  let depth = 0;
  let maxStack = 0;
  const { ops, args, left, right, consts } = buffer;
  const emit = (node: Expression): number => {
    if (count >= capacity) return -1;
    switch (node.kind) {
      case 'const':
        consts[nconst] = node.value;
        ops[count] = OP_CONST;
        args[count] = nconst++;
        left[count] = -1;
        right[count] = -1;
        break;
      case 'var':
        ops[count] = OP_VAR;
        args[count] = columnOf(node.name);
        left[count] = -1;
        right[count] = -1;
        break;
      case 'unary': {
        const a = emit(node.arg);
        if (a < 0 || count >= capacity) return -1;
        depth--;
        ops[count] = UNARY_CODE[node.op];
        args[count] = -1;
        left[count] = a;
        right[count] = -1;
        break;
      }
      case 'binary': {
        const a = emit(node.left);
        if (a < 0) return -1;
        const b = emit(node.right);
        if (b < 0 || count >= capacity) return -1;
        depth -= 2;
        ops[count] = BINARY_CODE[node.op];
        args[count] = -1;
        left[count] = a;
        right[count] = b;
        break;
      }
    }
    depth++;
    if (depth > maxStack) maxStack = depth;
    return count++;
  };
  if (emit(expr) < 0) return false;
  buffer.length = count;
  buffer.maxStack = maxStack;
  return true;
}
