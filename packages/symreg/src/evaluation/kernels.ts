/**
 * Column kernels: one tight loop per operator over `n` rows of Float64Array, so that
 * evaluation interprets the tree once per column, not once per row.
 *
 * The transcendental loops answer the inputs whose result is known without calling the
 * libm (NaN in → NaN out; log of a negative is NaN; tanh saturates to ±1 from |x| ≥ 22, as
 * fdlibm's own tanh does): a Math.* call costs 4–5 ns even on a NaN, a compare costs
 * well under 1 ns. exp runs fdlibm's algorithm inline (libm-kernels.ts). Results are bit for
 * bit those of Math.* (kernels.test.ts).
 */
import { UNARY_OPERATORS, UNARY_SCALAR } from '../expression/operators.js';
import { expColumn } from './libm-kernels.js';
import { OP_ADD, OP_DIV, OP_MUL, OP_POW, OP_SUB, UNARY_BASE, UNARY_CODE } from './program.js';

const U = UNARY_CODE;

/** `out[i] = f(a[i])` for unary opcode `op`; `out` may be `a`. */
export function unaryKernel(op: number, a: Float64Array, out: Float64Array, n: number): void {
  switch (op) {
    case U.neg:
      for (let i = 0; i < n; i++) out[i] = -a[i]!;
      return;
    case U.square:
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        out[i] = x * x;
      }
      return;
    case U.cube:
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        out[i] = x * x * x;
      }
      return;
    case U.inv:
      for (let i = 0; i < n; i++) out[i] = 1 / a[i]!;
      return;
    case U.abs:
      for (let i = 0; i < n; i++) out[i] = Math.abs(a[i]!);
      return;
    case U.sqrt:
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(a[i]!);
      return;
    case U.exp:
      expColumn(a, out, n);
      return;
    case U.log:
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        out[i] = x >= 0 ? Math.log(x) : NaN;
      }
      return;
    case U.sin:
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        out[i] = x === x ? Math.sin(x) : x;
      }
      return;
    case U.cos:
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        out[i] = x === x ? Math.cos(x) : x;
      }
      return;
    case U.tan:
      for (let i = 0; i < n; i++) out[i] = Math.tan(a[i]!);
      return;
    case U.tanh:
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        // x >= 22 is 1, x <= -22 is -1, NaN stays NaN.
        out[i] = x < 22 ? (x > -22 ? Math.tanh(x) : -1) : x >= 22 ? 1 : x;
      }
      return;
    case U.relu:
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        out[i] = x > 0 ? x : 0;
      }
      return;
    default: {
      const f = UNARY_SCALAR[UNARY_OPERATORS[op - UNARY_BASE]!];
      for (let i = 0; i < n; i++) out[i] = f(a[i]!);
    }
  }
}

/** Scalar version of a unary opcode. */
export function unaryScalar(op: number, x: number): number {
  return UNARY_SCALAR[UNARY_OPERATORS[op - UNARY_BASE]!](x);
}

/** `out[i] = a[i] op b[i]`; `out` may alias `a` or `b`. */
export function binaryKernelAA(op: number, a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  switch (op) {
    case OP_ADD:
      for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!;
      return;
    case OP_SUB:
      for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!;
      return;
    case OP_MUL:
      for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!;
      return;
    case OP_DIV:
      for (let i = 0; i < n; i++) out[i] = a[i]! / b[i]!;
      return;
    case OP_POW:
      for (let i = 0; i < n; i++) out[i] = Math.pow(a[i]!, b[i]!);
      return;
  }
}

/** `out[i] = a[i] op s`. */
export function binaryKernelAS(op: number, a: Float64Array, s: number, out: Float64Array, n: number): void {
  switch (op) {
    case OP_ADD:
      for (let i = 0; i < n; i++) out[i] = a[i]! + s;
      return;
    case OP_SUB:
      for (let i = 0; i < n; i++) out[i] = a[i]! - s;
      return;
    case OP_MUL:
      for (let i = 0; i < n; i++) out[i] = a[i]! * s;
      return;
    case OP_DIV: {
      for (let i = 0; i < n; i++) out[i] = a[i]! / s;
      return;
    }
    case OP_POW:
      if (s === 2) {
        for (let i = 0; i < n; i++) {
          const x = a[i]!;
          out[i] = x * x;
        }
      } else for (let i = 0; i < n; i++) out[i] = Math.pow(a[i]!, s);
      return;
  }
}

/** `out[i] = s op b[i]`. */
export function binaryKernelSA(op: number, s: number, b: Float64Array, out: Float64Array, n: number): void {
  switch (op) {
    case OP_ADD:
      for (let i = 0; i < n; i++) out[i] = s + b[i]!;
      return;
    case OP_SUB:
      for (let i = 0; i < n; i++) out[i] = s - b[i]!;
      return;
    case OP_MUL:
      for (let i = 0; i < n; i++) out[i] = s * b[i]!;
      return;
    case OP_DIV:
      for (let i = 0; i < n; i++) out[i] = s / b[i]!;
      return;
    case OP_POW:
      for (let i = 0; i < n; i++) out[i] = Math.pow(s, b[i]!);
      return;
  }
}

/** Scalar version of a binary opcode. */
export function binaryScalar(op: number, a: number, b: number): number {
  switch (op) {
    case OP_ADD:
      return a + b;
    case OP_SUB:
      return a - b;
    case OP_MUL:
      return a * b;
    case OP_DIV:
      return a / b;
    default:
      return Math.pow(a, b);
  }
}
