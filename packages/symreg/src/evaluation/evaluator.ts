import { OP_CONST, OP_VAR, UNARY_BASE, type Program } from './program.js';
import { binaryKernelAA, binaryKernelAS, binaryKernelSA, binaryScalar, unaryKernel, unaryScalar } from './kernels.js';

/**
 * Evaluates {@link Program}s column-wise over up to `capacity` rows with a pool of
 * preallocated buffers: variables are read in place, constants stay scalars (constant
 * sub-trees fold for free), and an operator writes into its argument's buffer when it
 * owns it. Nothing is allocated per evaluation once the pool is warm.
 */
export class ColumnEvaluator {
  readonly capacity: number;
  private readonly pool: Float64Array[] = [];
  private stackArr: (Float64Array | null)[] = [];
  private stackNum = new Float64Array(64);
  private stackOwn = new Uint8Array(64);
  private result: Float64Array;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.result = new Float64Array(capacity);
  }

  private take(): Float64Array {
    return this.pool.pop() ?? new Float64Array(this.capacity);
  }

  private ensureStack(size: number): void {
    if (this.stackNum.length < size) {
      this.stackNum = new Float64Array(size * 2);
      this.stackOwn = new Uint8Array(size * 2);
    }
  }

  /**
   * Evaluates `program` on the first `n` rows of `columns` and returns a buffer owned by
   * the evaluator (valid until its next call). Non-finite values are left as they are.
   * `consts` overrides the program's constants (for constant optimisation).
   */
  evaluate(program: Program, columns: readonly Float64Array[], n: number, consts: Float64Array = program.consts): Float64Array {
    this.ensureStack(program.maxStack + 1);
    const { ops, args, length } = program;
    const sArr = this.stackArr;
    const sNum = this.stackNum;
    const sOwn = this.stackOwn;
    let sp = 0;
    for (let k = 0; k < length; k++) {
      const op = ops[k]!;
      if (op === OP_CONST) {
        sArr[sp] = null;
        sNum[sp] = consts[args[k]!]!;
        sp++;
      } else if (op === OP_VAR) {
        sArr[sp] = columns[args[k]!]!;
        sOwn[sp] = 0;
        sp++;
      } else if (op >= UNARY_BASE) {
        const t = sp - 1;
        const a = sArr[t] as Float64Array | null;
        if (a === null) sNum[t] = unaryScalar(op, sNum[t]!);
        else {
          const out = sOwn[t] === 1 ? a : this.take();
          unaryKernel(op, a, out, n);
          sArr[t] = out;
          sOwn[t] = 1;
        }
      } else {
        const tb = sp - 1;
        const ta = sp - 2;
        const a = sArr[ta] as Float64Array | null;
        const b = sArr[tb] as Float64Array | null;
        if (a === null) {
          if (b === null) sNum[ta] = binaryScalar(op, sNum[ta]!, sNum[tb]!);
          else {
            const out = sOwn[tb] === 1 ? b : this.take();
            binaryKernelSA(op, sNum[ta]!, b, out, n);
            sArr[ta] = out;
            sOwn[ta] = 1;
          }
        } else if (b === null) {
          const out = sOwn[ta] === 1 ? a : this.take();
          binaryKernelAS(op, a, sNum[tb]!, out, n);
          sArr[ta] = out;
          sOwn[ta] = 1;
        } else {
          let out: Float64Array;
          if (sOwn[ta] === 1) {
            out = a;
            if (sOwn[tb] === 1) this.pool.push(b);
          } else if (sOwn[tb] === 1) out = b;
          else out = this.take();
          binaryKernelAA(op, a, b, out, n);
          sArr[ta] = out;
          sOwn[ta] = 1;
        }
        sArr[tb] = null;
        sp--;
      }
    }
    const top = sArr[0] as Float64Array | null;
    sArr[0] = null;
    if (top === null) {
      this.result.fill(sNum[0]!, 0, n);
      return this.result;
    }
    if (sOwn[0] === 1) {
      // Swap the result buffer with the pool so the caller's view stays valid until the next call.
      this.pool.push(this.result);
      this.result = top;
      return top;
    }
    this.result.set(top.subarray(0, n));
    return this.result;
  }
}

/** Mean squared error over `n` rows; `Infinity` if any prediction is not finite. */
export function meanSquaredError(pred: Float64Array, y: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = pred[i]! - y[i]!;
    sum += d * d;
  }
  const loss = sum / n;
  return Number.isFinite(loss) ? loss : Infinity;
}
