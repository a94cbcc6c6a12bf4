import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { randomTreeOfSize } from '../search/random-tree.js';
import { evaluateAtPoint } from '../evaluation/evaluate.js';
import { sizeOf } from './expression.js';
import { formatExpression } from './format.js';
import { UNARY_OPERATORS } from './operators.js';
import { parseExpression } from './parse.js';
import { simplifyExpression } from './simplify.js';

const simplified = (formula: string) => formatExpression(simplifyExpression(parseExpression(formula)));

describe('simplifyExpression', () => {
  it('folds constants and merges constant factors and terms', () => {
    expect(simplified('exp(-theta^2/2)/sqrt(2*pi)')).toBe('exp(-0.5 * theta^2) / 2.5066282746310002');
    expect(simplified('2*(x*3)')).toBe('6 * x');
    expect(simplified('(x + 1) - 3')).toBe('x - 2');
    expect(simplified('x*1 + 0')).toBe('x');
    expect(simplified('--x')).toBe('x');
    expect(simplified('(4*x)/2')).toBe('2 * x');
    expect(simplified('x^1')).toBe('x');
    expect(simplified('Nn * (mu / mu * mu)')).toBe('Nn * mu');
    expect(simplified('exp(x) - exp(x) + y')).toBe('y');
    expect(simplified('(x * x * k + 0 * sin(x)) / 2')).toBe('x * x * k / 2');
  });

  it('preserves values and never grows (random trees)', () => {
    const rng = createRandom(3);
    const alphabet = { binary: ['+', '-', '*', '/'] as const, unary: UNARY_OPERATORS, variables: ['x', 'y'] };
    for (let t = 0; t < 1000; t++) {
      const tree = randomTreeOfSize(rng, 1 + rng.int(25), alphabet);
      const simple = simplifyExpression(tree);
      expect(sizeOf(simple)).toBeLessThanOrEqual(sizeOf(tree));
      for (let k = 0; k < 5; k++) {
        const point = { x: rng.normal() * 2, y: rng.normal() * 2 };
        const a = evaluateAtPoint(tree, point);
        const b = evaluateAtPoint(simple, point);
        if (!Number.isFinite(a) || Math.abs(a) > 1e12) continue;
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a)));
      }
    }
  });
});
