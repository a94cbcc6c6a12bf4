import { OP_ADD, OP_CONST, OP_DIV, OP_MUL, OP_POW, OP_SUB, OP_VAR, UNARY_BASE, UNARY_CODE, type Program } from './program.js';
import { binaryKernelAA, binaryKernelAS, binaryKernelSA, binaryScalar, unaryKernel, unaryScalar } from './kernels.js';

const U = UNARY_CODE;

/** Local derivative of a unary opcode at argument `a` with value `v` (scalar form). */
function unaryDerivative(op: number, a: number, v: number): number {
  switch (op) {
    case U.neg: return -1;
    case U.abs: return a > 0 ? 1 : a < 0 ? -1 : 0;
    case U.square: return 2 * a;
    case U.cube: return 3 * a * a;
    case U.sqrt: return 0.5 / v;
    case U.cbrt: return 1 / (3 * v * v);
    case U.inv: return -v * v;
    case U.exp: return v;
    case U.log: return 1 / a;
    case U.log10: return 1 / (a * Math.LN10);
    case U.log2: return 1 / (a * Math.LN2);
    case U.log1p: return 1 / (1 + a);
    case U.sin: return Math.cos(a);
    case U.cos: return -Math.sin(a);
    case U.tan: return 1 + v * v;
    case U.tanh: return 1 - v * v;
    case U.sinh: return Math.cosh(a);
    case U.cosh: return Math.sinh(a);
    case U.asin: return 1 / Math.sqrt(1 - a * a);
    case U.acos: return -1 / Math.sqrt(1 - a * a);
    case U.atan: return 1 / (1 + a * a);
    default: return op === U.relu ? (a > 0 ? 1 : 0) : 0;
  }
}

/**
 * Mean squared error and its gradient with respect to the program's constants, by
 * reverse-mode differentiation over whole columns: one forward pass that keeps every
 * node's values, one backward pass of adjoint columns. Costs about three evaluations,
 * whatever the number of constants.
 */
export class LossGradient {
  private readonly capacity: number;
  private values: (Float64Array | null)[] = [];
  private scalars = new Float64Array(0);
  private adjoint: (Float64Array | null)[] = [];
  private adjScalar = new Float64Array(0);
  private readonly buffers: Float64Array[] = [];
  private readonly adjBuffers: Float64Array[] = [];

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  private ensure(length: number): void {
    if (this.scalars.length < length) {
      this.scalars = new Float64Array(length * 2);
      this.adjScalar = new Float64Array(length * 2);
    }
    while (this.buffers.length < length) {
      this.buffers.push(new Float64Array(this.capacity));
      this.adjBuffers.push(new Float64Array(this.capacity));
    }
  }

  /** Returns the loss; writes d loss / d consts[j] into `grad` (if given). Non-finite loss → Infinity. */
  lossAndGradient(
    program: Program,
    consts: Float64Array,
    columns: readonly Float64Array[],
    y: Float64Array,
    n: number,
    grad?: Float64Array,
  ): number {
    const { ops, args, left, right, length } = program;
    this.ensure(length);
    const values = this.values;
    const scalars = this.scalars;
    // Forward pass: node k's value is values[k] (a column) or scalars[k] (if null).
    for (let k = 0; k < length; k++) {
      const op = ops[k]!;
      if (op === OP_CONST) {
        values[k] = null;
        scalars[k] = consts[args[k]!]!;
      } else if (op === OP_VAR) {
        values[k] = columns[args[k]!]!;
      } else if (op >= UNARY_BASE) {
        const a = values[left[k]!] as Float64Array | null;
        if (a === null) {
          values[k] = null;
          scalars[k] = unaryScalar(op, scalars[left[k]!]!);
        } else {
          const out = this.buffers[k]!;
          unaryKernel(op, a, out, n);
          values[k] = out;
        }
      } else {
        const ia = left[k]!;
        const ib = right[k]!;
        const a = values[ia] as Float64Array | null;
        const b = values[ib] as Float64Array | null;
        const out = this.buffers[k]!;
        if (a === null && b === null) {
          values[k] = null;
          scalars[k] = binaryScalar(op, scalars[ia]!, scalars[ib]!);
        } else {
          if (a === null) binaryKernelSA(op, scalars[ia]!, b!, out, n);
          else if (b === null) binaryKernelAS(op, a, scalars[ib]!, out, n);
          else binaryKernelAA(op, a, b, out, n);
          values[k] = out;
        }
      }
    }
    const root = length - 1;
    const rootValues = values[root] as Float64Array | null;
    let sum = 0;
    const seed = this.adjBuffers[root]!;
    if (rootValues === null) {
      const v = scalars[root]!;
      for (let i = 0; i < n; i++) {
        const d = v - y[i]!;
        sum += d * d;
        seed[i] = (2 * d) / n;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const d = rootValues[i]! - y[i]!;
        sum += d * d;
        seed[i] = (2 * d) / n;
      }
    }
    const loss = sum / n;
    if (!Number.isFinite(loss)) return Infinity;
    if (!grad) return loss;
    grad.fill(0);
    this.backward(program, n, grad);
    for (let j = 0; j < grad.length; j++) if (!Number.isFinite(grad[j]!)) return Infinity;
    return loss;
  }

  private backward(program: Program, n: number, grad: Float64Array): void {
    const { ops, args, left, right, length } = program;
    const values = this.values;
    const scalars = this.scalars;
    const adjoint = this.adjoint;
    const adjScalar = this.adjScalar;
    const root = length - 1;
    if (values[root] === null) {
      // Whole tree is constant: its adjoint is a scalar, the sum of the seed column.
      const seed = this.adjBuffers[root]!;
      let s = 0;
      for (let i = 0; i < n; i++) s += seed[i]!;
      adjoint[root] = null;
      adjScalar[root] = s;
    } else adjoint[root] = this.adjBuffers[root]!;
    for (let k = root; k >= 0; k--) {
      const op = ops[k]!;
      if (op === OP_VAR) continue;
      const g = adjoint[k] as Float64Array | null;
      if (op === OP_CONST) {
        grad[args[k]!]! += adjScalar[k]!;
        continue;
      }
      const v = values[k] as Float64Array | null;
      const ia = left[k]!;
      if (op >= UNARY_BASE) {
        if (ops[ia] === OP_VAR) continue;
        const a = values[ia] as Float64Array | null;
        if (v === null || a === null) {
          // Constant sub-tree: scalar adjoint (a column adjoint sums up first).
          const gs = g === null ? adjScalar[k]! : sumColumn(g, n);
          adjoint[ia] = null;
          adjScalar[ia] = gs * unaryDerivative(op, scalars[ia]!, scalars[k]!);
        } else {
          const out = this.adjBuffers[ia]!;
          const gg = g as Float64Array;
          unaryAdjoint(op, a, v, gg, out, n);
          adjoint[ia] = out;
        }
        continue;
      }
      const ib = right[k]!;
      const a = values[ia] as Float64Array | null;
      const b = values[ib] as Float64Array | null;
      const needA = ops[ia] !== OP_VAR;
      const needB = ops[ib] !== OP_VAR;
      if (v === null) {
        const gs = g === null ? adjScalar[k]! : sumColumn(g, n);
        const av = scalars[ia]!;
        const bv = scalars[ib]!;
        const vv = scalars[k]!;
        adjoint[ia] = null;
        adjoint[ib] = null;
        adjScalar[ia] = gs * partialA(op, av, bv, vv);
        adjScalar[ib] = gs * partialB(op, av, bv, vv);
        continue;
      }
      const gg = g as Float64Array;
      if (needA) {
        if (a === null) {
          adjoint[ia] = null;
          adjScalar[ia] = sumPartialA(op, gg, null, scalars[ia]!, b, scalars[ib]!, v, n);
        } else {
          const out = this.adjBuffers[ia]!;
          columnPartialA(op, gg, a, b, scalars[ib]!, v, out, n);
          adjoint[ia] = out;
        }
      }
      if (needB) {
        if (b === null) {
          adjoint[ib] = null;
          adjScalar[ib] = sumPartialB(op, gg, a, scalars[ia]!, b, scalars[ib]!, v, n);
        } else {
          const out = this.adjBuffers[ib]!;
          columnPartialB(op, gg, a, scalars[ia]!, b, v, out, n);
          adjoint[ib] = out;
        }
      }
    }
  }
}

function sumColumn(g: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += g[i]!;
  return s;
}

function partialA(op: number, a: number, b: number, v: number): number {
  switch (op) {
    case OP_ADD:
    case OP_SUB:
      return 1;
    case OP_MUL:
      return b;
    case OP_DIV:
      return 1 / b;
    default:
      return b * Math.pow(a, b - 1);
  }
}

function partialB(op: number, a: number, b: number, v: number): number {
  switch (op) {
    case OP_ADD:
      return 1;
    case OP_SUB:
      return -1;
    case OP_MUL:
      return a;
    case OP_DIV:
      return -v / b;
    default:
      return v * Math.log(a);
  }
}

function at(col: Float64Array | null, s: number, i: number): number {
  return col === null ? s : col[i]!;
}

function sumPartialA(op: number, g: Float64Array, a: Float64Array | null, as: number, b: Float64Array | null, bs: number, v: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += g[i]! * partialA(op, at(a, as, i), at(b, bs, i), v[i]!);
  return s;
}

function sumPartialB(op: number, g: Float64Array, a: Float64Array | null, as: number, b: Float64Array | null, bs: number, v: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += g[i]! * partialB(op, at(a, as, i), at(b, bs, i), v[i]!);
  return s;
}

function columnPartialA(op: number, g: Float64Array, a: Float64Array, b: Float64Array | null, bs: number, v: Float64Array, out: Float64Array, n: number): void {
  switch (op) {
    case OP_ADD:
    case OP_SUB:
      for (let i = 0; i < n; i++) out[i] = g[i]!;
      return;
    case OP_MUL:
      if (b === null) for (let i = 0; i < n; i++) out[i] = g[i]! * bs;
      else for (let i = 0; i < n; i++) out[i] = g[i]! * b[i]!;
      return;
    case OP_DIV:
      if (b === null) for (let i = 0; i < n; i++) out[i] = g[i]! / bs;
      else for (let i = 0; i < n; i++) out[i] = g[i]! / b[i]!;
      return;
    default:
      for (let i = 0; i < n; i++) out[i] = g[i]! * partialA(op, a[i]!, at(b, bs, i), v[i]!);
  }
}

function columnPartialB(op: number, g: Float64Array, a: Float64Array | null, as: number, b: Float64Array, v: Float64Array, out: Float64Array, n: number): void {
  switch (op) {
    case OP_ADD:
      for (let i = 0; i < n; i++) out[i] = g[i]!;
      return;
    case OP_SUB:
      for (let i = 0; i < n; i++) out[i] = -g[i]!;
      return;
    case OP_MUL:
      if (a === null) for (let i = 0; i < n; i++) out[i] = g[i]! * as;
      else for (let i = 0; i < n; i++) out[i] = g[i]! * a[i]!;
      return;
    case OP_DIV:
      for (let i = 0; i < n; i++) out[i] = (-g[i]! * v[i]!) / b[i]!;
      return;
    default:
      for (let i = 0; i < n; i++) out[i] = g[i]! * partialB(op, at(a, as, i), b[i]!, v[i]!);
  }
}

function unaryAdjoint(op: number, a: Float64Array, v: Float64Array, g: Float64Array, out: Float64Array, n: number): void {
  switch (op) {
    case U.neg:
      for (let i = 0; i < n; i++) out[i] = -g[i]!;
      return;
    case U.square:
      for (let i = 0; i < n; i++) out[i] = 2 * a[i]! * g[i]!;
      return;
    case U.exp:
      for (let i = 0; i < n; i++) out[i] = v[i]! * g[i]!;
      return;
    case U.sqrt:
      for (let i = 0; i < n; i++) out[i] = (0.5 * g[i]!) / v[i]!;
      return;
    case U.log:
      for (let i = 0; i < n; i++) out[i] = g[i]! / a[i]!;
      return;
    case U.sin:
      for (let i = 0; i < n; i++) out[i] = Math.cos(a[i]!) * g[i]!;
      return;
    case U.cos:
      for (let i = 0; i < n; i++) out[i] = -Math.sin(a[i]!) * g[i]!;
      return;
    default:
      for (let i = 0; i < n; i++) out[i] = unaryDerivative(op, a[i]!, v[i]!) * g[i]!;
  }
}
