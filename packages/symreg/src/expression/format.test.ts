import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { randomTreeOfSize } from '../search/random-tree.js';
import { evaluateAtPoint } from '../evaluation/evaluate.js';
import { UNARY_OPERATORS } from './operators.js';
import { formatExpression } from './format.js';
import { parseExpression } from './parse.js';

const alphabet = { binary: ['+', '-', '*', '/', '^'] as const, unary: UNARY_OPERATORS, variables: ['x', 'y_1', 'theta'] };

describe('formatExpression', () => {
  it('plain output re-parses to the same tree (random trees)', () => {
    const rng = createRandom(7);
    for (let i = 0; i < 500; i++) {
      const tree = randomTreeOfSize(rng, 1 + rng.int(25), alphabet);
      const text = formatExpression(tree);
      const back = parseExpression(text);
      const point = { x: 0.7, y_1: -1.3, theta: 2.1 };
      const a = evaluateAtPoint(tree, point);
      const b = evaluateAtPoint(back, point);
      if (Number.isNaN(a)) expect(b).toBeNaN();
      else expect(b).toBe(a);
      expect(formatExpression(back)).toBe(text);
    }
  });

  it('prints readable plain, SymPy and LaTeX', () => {
    const e = parseExpression('exp(-theta^2/2)/sqrt(2*pi)');
    expect(formatExpression(e)).toBe('exp(-theta^2 / 2) / sqrt(2 * 3.141592653589793)');
    expect(formatExpression(e, 'sympy')).toBe('exp(-theta**2 / 2) / sqrt(2 * 3.141592653589793)');
    expect(formatExpression(parseExpression('a - (b - c) + square(x) * abs(y)'), 'sympy')).toBe('a - (b - c) + x**2 * Abs(y)');
    expect(formatExpression(e, 'latex')).toBe('\\frac{\\exp{\\left(\\frac{-\\theta^{2}}{2} \\right)}}{\\sqrt{2 \\cdot 3.14}}');
    expect(formatExpression(parseExpression('k_spring * x^2 * 0.5'), 'latex')).toBe('k_{spring} \\cdot x^{2} \\cdot 0.5');
  });

  it('keeps negative constants parenthesised on the right', () => {
    expect(formatExpression(parseExpression('x * (-0.5)'))).toBe('x * (-0.5)');
    expect(formatExpression(parseExpression('x - (-0.5)'))).toBe('x - (-0.5)');
    expect(formatExpression(parseExpression('(-2)^x'))).toBe('(-2)^x');
  });
});
