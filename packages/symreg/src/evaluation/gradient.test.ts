import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { randomTreeOfSize } from '../search/random-tree.js';
import { meanSquaredError, ColumnEvaluator } from './evaluator.js';
import { LossGradient } from './gradient.js';
import { compileProgram } from './program.js';

describe('reverse-mode loss gradient', () => {
  it('matches central finite differences on random trees', () => {
    const rng = createRandom(21);
    const n = 50;
    const columns = [0, 1].map(() => Float64Array.from({ length: n }, () => 0.5 + rng.next() * 2));
    const y = Float64Array.from({ length: n }, () => rng.normal());
    const alphabet = {
      binary: ['+', '-', '*', '/', '^'] as const,
      unary: ['exp', 'sin', 'cos', 'sqrt', 'log', 'square', 'tanh', 'neg', 'abs', 'atan'] as const,
      variables: ['a', 'b'],
    };
    const evaluator = new ColumnEvaluator(n);
    const gradient = new LossGradient(n);
    let checked = 0;
    for (let t = 0; t < 300; t++) {
      const tree = randomTreeOfSize(rng, 3 + rng.int(20), alphabet);
      const program = compileProgram(tree, (name) => (name === 'a' ? 0 : 1));
      if (program.consts.length === 0) continue;
      const consts = Float64Array.from(program.consts);
      const grad = new Float64Array(consts.length);
      const loss = gradient.lossAndGradient(program, consts, columns, y, n, grad);
      const direct = meanSquaredError(evaluator.evaluate(program, columns, n, consts), y, n);
      if (!Number.isFinite(loss) || loss > 1e6) continue;
      expect(loss).toBeCloseTo(direct, 8);
      for (let j = 0; j < consts.length; j++) {
        const h = 1e-6 * Math.max(1, Math.abs(consts[j]!));
        const plus = Float64Array.from(consts);
        const minus = Float64Array.from(consts);
        plus[j]! += h;
        minus[j]! -= h;
        const fd =
          (meanSquaredError(evaluator.evaluate(program, columns, n, plus), y, n) - meanSquaredError(evaluator.evaluate(program, columns, n, minus), y, n)) /
          (2 * h);
        if (!Number.isFinite(fd)) continue;
        if (Math.abs(grad[j]! - fd) > 2e-3 * Math.max(1, Math.abs(fd))) throw new Error(`${JSON.stringify(tree)} const ${j}: ${grad[j]} vs ${fd}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
