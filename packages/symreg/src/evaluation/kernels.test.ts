import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { BINARY_OPERATORS, BINARY_SCALAR, UNARY_OPERATORS, UNARY_SCALAR } from '../expression/operators.js';
import { binaryKernelAA, binaryKernelAS, binaryKernelSA, unaryKernel } from './kernels.js';
import { OP_ADD, OP_DIV, OP_MUL, OP_POW, OP_SUB, UNARY_CODE } from './program.js';

const SPECIAL = [
  0, -0, 1, -1, 0.5, -0.5, 2, Math.PI, -Math.PI, 21.999, 22, -22, 23, -23, 709.78, 709.79, -745.13, -745.14, 1e-300, -1e-300,
  5e-324, -5e-324, 2 ** -1022, 1e308, -1e308, Number.MAX_VALUE, -Number.MAX_VALUE, 1e-8, -1e-8, NaN, Infinity, -Infinity,
];

/** SPECIAL, then random values over many magnitudes, then raw random bit patterns. */
function inputs(seed: number, count: number): Float64Array {
  const rng = createRandom(seed);
  const values = new Float64Array(SPECIAL.length + count);
  values.set(SPECIAL);
  const bits = new Uint32Array(values.buffer);
  for (let i = SPECIAL.length; i < values.length; i++) {
    const kind = i % 4;
    if (kind === 0) values[i] = rng.normal() * 3;
    else if (kind === 1) values[i] = (rng.next() - 0.5) * 10 ** (rng.int(40) - 20);
    else if (kind === 2) values[i] = (rng.next() - 0.5) * 2000;
    else {
      bits[2 * i] = rng.fork();
      bits[2 * i + 1] = rng.fork();
    }
  }
  return values;
}

describe('column kernels', () => {
  it('give bit-for-bit the scalar reference of every unary operator, NaN, ±0, ±Inf and huge/tiny included', () => {
    const x = inputs(21, 20_000);
    for (const op of UNARY_OPERATORS) {
      const out = new Float64Array(x.length);
      unaryKernel(UNARY_CODE[op], x, out, x.length);
      const f = UNARY_SCALAR[op];
      for (let i = 0; i < x.length; i++) {
        const expected = f(x[i]!);
        if (!Object.is(out[i], expected)) throw new Error(`${op}(${x[i]}) gave ${out[i]}, expected ${expected}`);
      }
      // In place (out === a) gives the same.
      const inPlace = x.slice();
      unaryKernel(UNARY_CODE[op], inPlace, inPlace, inPlace.length);
      expect(inPlace).toEqual(out);
    }
  });

  it('give bit-for-bit the scalar reference of every binary operator, array and scalar operands', () => {
    const a = inputs(22, 4_000);
    const b = inputs(23, 4_000).reverse();
    const code = { '+': OP_ADD, '-': OP_SUB, '*': OP_MUL, '/': OP_DIV, '^': OP_POW } as const;
    for (const op of BINARY_OPERATORS) {
      const f = BINARY_SCALAR[op];
      const out = new Float64Array(a.length);
      binaryKernelAA(code[op], a, b, out, a.length);
      const mismatches: string[] = [];
      const check = (got: number, x: number, y: number) => {
        if (!Object.is(got, f(x, y))) mismatches.push(`${x} ${op} ${y} gave ${got}`);
      };
      for (let i = 0; i < a.length; i++) check(out[i]!, a[i]!, b[i]!);
      for (const s of [2, -0.5, 0, NaN, Infinity]) {
        binaryKernelAS(code[op], a, s, out, a.length);
        for (let i = 0; i < a.length; i++) check(out[i]!, a[i]!, s);
        binaryKernelSA(code[op], s, b, out, b.length);
        for (let i = 0; i < b.length; i++) check(out[i]!, s, b[i]!);
      }
      expect(mismatches).toEqual([]);
    }
  });
});
