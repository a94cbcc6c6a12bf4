import { describe, expect, it } from 'vitest';
import { constantsOf } from '../expression/expression.js';
import { parseExpression } from '../expression/parse.js';
import { evaluateExpression } from '../evaluation/evaluate.js';
import { createRandom } from '../random.js';
import { FitContext } from './fit-context.js';
import { resolveOptions } from './options.js';

function dataset(formula: string, ranges: Record<string, [number, number]>, n = 400) {
  const rng = createRandom(99);
  const names = Object.keys(ranges);
  const columns: Record<string, Float64Array> = {};
  for (const name of names) {
    const [lo, hi] = ranges[name]!;
    columns[name] = Float64Array.from({ length: n }, () => lo + (hi - lo) * rng.next());
  }
  const y = evaluateExpression(parseExpression(formula, { variables: names }), columns);
  return { names, X: names.map((name) => columns[name]!), y };
}

describe('constant optimisation', () => {
  it('recovers 1/sqrt(2*pi) and -1/2 in the Gaussian from rough starts (several seeds)', () => {
    const { names, X, y } = dataset('exp(-theta^2/2)/sqrt(2*pi)', { theta: [1, 3] });
    const ctx = new FitContext(X, y, names, resolveOptions({ procs: 0 }));
    for (const seed of [1, 2, 3]) {
      const rng = createRandom(seed);
      let tree = parseExpression('1.3 * exp(-0.8 * theta * theta)', { variables: names });
      let loss = Infinity;
      for (let round = 0; round < 5 && loss > 1e-25; round++) ({ tree, loss } = ctx.optimizeConstants(tree, rng));
      const [c, a] = constantsOf(tree);
      expect(c).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 8);
      expect(a).toBeCloseTo(-0.5, 8);
      expect(loss).toBeLessThan(1e-20);
    }
  });

  it('recovers a rational constant inside a square root', () => {
    const { names, X, y } = dataset('m_0/sqrt(1-v^2/c^2)', { m_0: [1, 5], v: [1, 2], c: [3, 10] });
    const ctx = new FitContext(X, y, names, resolveOptions({ procs: 0 }));
    const rng = createRandom(5);
    let tree = parseExpression('m_0 / sqrt(0.7 - 1.4 * (v/c) * (v/c))', { variables: names });
    let loss = Infinity;
    for (let round = 0; round < 5 && loss > 1e-25; round++) ({ tree, loss } = ctx.optimizeConstants(tree, rng));
    const [a, b] = constantsOf(tree);
    expect(a).toBeCloseTo(1, 8);
    expect(b).toBeCloseTo(1, 8);
  });
});
