import { describe, expect, it } from 'vitest';
import { SymregError } from '../errors.js';
import { createRandom } from '../random.js';
import { randomTreeOfSize } from '../search/random-tree.js';
import { UNARY_OPERATORS } from '../expression/operators.js';
import { parseExpression } from '../expression/parse.js';
import { compileProgram, compileProgramInto, createProgramBuffer } from './program.js';
import { ColumnEvaluator } from './evaluator.js';
import { evaluateAtPoint, evaluateExpression } from './evaluate.js';

const alphabet = { binary: ['+', '-', '*', '/', '^'] as const, unary: UNARY_OPERATORS, variables: ['a', 'b', 'c'] };

function sameValue(actual: number, expected: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected));
}

describe('column evaluation', () => {
  it('agrees with per-row tree walking on random trees, including non-finite values', () => {
    const rng = createRandom(11);
    const n = 64;
    const columns: Record<string, Float64Array> = {};
    for (const name of alphabet.variables) columns[name] = Float64Array.from({ length: n }, () => rng.normal() * 3);
    let nonFinite = 0;
    for (let t = 0; t < 400; t++) {
      const tree = randomTreeOfSize(rng, 1 + rng.int(30), alphabet);
      const got = evaluateExpression(tree, columns);
      expect(got.length).toBe(n);
      for (let i = 0; i < n; i++) {
        const expected = evaluateAtPoint(tree, { a: columns.a![i]!, b: columns.b![i]!, c: columns.c![i]! });
        if (!Number.isFinite(expected)) nonFinite++;
        if (!sameValue(got[i]!, expected)) throw new Error(`mismatch for tree ${JSON.stringify(tree)} row ${i}: ${got[i]} vs ${expected}`);
      }
    }
    expect(nonFinite).toBeGreaterThan(0);
  });

  it('reuses one evaluator for many programs without stale buffers', () => {
    const x = Float64Array.from([1, 2, 3, 4]);
    const evaluator = new ColumnEvaluator(4);
    const p1 = compileProgram(parseExpression('x*x + x'), () => 0);
    const p2 = compileProgram(parseExpression('2*3'), () => 0);
    const p3 = compileProgram(parseExpression('x'), () => 0);
    expect([...evaluator.evaluate(p1, [x], 4)]).toEqual([2, 6, 12, 20]);
    expect([...evaluator.evaluate(p2, [x], 4)]).toEqual([6, 6, 6, 6]);
    expect([...evaluator.evaluate(p3, [x], 4)]).toEqual([1, 2, 3, 4]);
    expect([...evaluator.evaluate(p1, [x], 2)].slice(0, 2)).toEqual([2, 6]);
    expect([...x]).toEqual([1, 2, 3, 4]);
  });

  it('compiles into a reused buffer exactly as into fresh arrays', () => {
    const rng = createRandom(12);
    const buffer = createProgramBuffer(16);
    const columnOf = (name: string) => alphabet.variables.indexOf(name);
    for (let t = 0; t < 200; t++) {
      const tree = randomTreeOfSize(rng, 1 + rng.int(30), alphabet);
      const fresh = compileProgram(tree, columnOf);
      const fits = compileProgramInto(tree, columnOf, buffer);
      expect(fits).toBe(fresh.length <= 16);
      if (!fits) continue;
      expect(buffer.length).toBe(fresh.length);
      expect(buffer.maxStack).toBe(fresh.maxStack);
      expect([...buffer.ops.subarray(0, fresh.length)]).toEqual([...fresh.ops]);
      expect([...buffer.args.subarray(0, fresh.length)]).toEqual([...fresh.args]);
      expect([...buffer.consts.subarray(0, fresh.consts.length)]).toEqual([...fresh.consts]);
    }
  });

  it('rejects missing or ragged columns clearly', () => {
    const e = parseExpression('x + y');
    expect(() => evaluateExpression(e, { x: new Float64Array(2) })).toThrow(SymregError);
    expect(() => evaluateExpression(e, { x: new Float64Array(2) })).toThrow(/variable `y`/);
    expect(() => evaluateExpression(e, { x: new Float64Array(2), y: new Float64Array(3) })).toThrow(/equal length/);
    expect([...evaluateExpression(parseExpression('1/0 + x'), { x: Float64Array.of(1) })]).toEqual([Infinity]);
    expect(evaluateExpression(parseExpression('sqrt(x)'), { x: Float64Array.of(-1) })[0]).toBeNaN();
  });
});
