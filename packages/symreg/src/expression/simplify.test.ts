import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../random.js';
import { randomTreeOfSize } from '../search/random-tree.js';
import { evaluateAtPoint } from '../evaluation/evaluate.js';
import { expressionsEqual, sizeOf, type Expression } from './expression.js';
import { formatExpression } from './format.js';
import { UNARY_OPERATORS } from './operators.js';
import { parseExpression } from './parse.js';
import { simplifyExpression } from './simplify.js';

const simplified = (formula: string) => formatExpression(simplifyExpression(parseExpression(formula)));

describe('simplifyExpression', () => {
  it('folds constants and merges constant factors and terms', () => {
    expect(simplified('exp(-theta^2/2)/sqrt(2*pi)')).toBe('0.3989422804014327 * exp(-0.5 * theta^2)');
    expect(simplified('2*(x*3)')).toBe('6 * x');
    expect(simplified('(x + 1) - 3')).toBe('x - 2');
    expect(simplified('x*1 + 0')).toBe('x');
    expect(simplified('--x')).toBe('x');
    expect(simplified('(4*x)/2')).toBe('2 * x');
    expect(simplified('x^1')).toBe('x');
    expect(simplified('Nn * (mu / mu * mu)')).toBe('Nn * mu');
    expect(simplified('exp(x) - exp(x) + y')).toBe('y');
    expect(simplified('(x * x * k + 0 * sin(x)) / 2')).toBe('0.5 * x * x * k');
  });

  it('merges constants through chains of products and quotients into one, denominators in one product', () => {
    expect(simplified('(x / 2.1) / 5.98')).toBe('0.0796305144131231 * x');
    expect(simplified('(2.5 * x) / 0.5')).toBe('5 * x');
    expect(simplified('((Pwr / r) / r) * 0.0796')).toBe('0.0796 * Pwr / (r * r)');
    expect(simplified('Pwr / (r * (r * 12.566))')).toBe('0.07957981855801369 * Pwr / (r * r)');
    expect(simplified('Pwr/(4*pi*r^2)')).toBe('0.07957747154594767 * Pwr / r^2');
    expect(simplified('(h/(2*pi))*omega')).toBe('0.15915494309189535 * h * omega');
    expect(simplified('2.1 / (x * 3)')).toBe('0.7000000000000001 / x');
    expect(simplified('3 / (x / 2)')).toBe('6 / x');
    expect(simplified('x / (y / 2)')).toBe('2 * x / y');
    expect(simplified('(x*2)*(y*3)')).toBe('6 * x * y');
    expect(simplified('-(2*x)')).toBe('-2 * x');
    expect(simplified('x*y/x')).toBe('y');
  });

  it('writes 1/m for a small integer m as a division by m when its decimal is long', () => {
    expect(simplified('(x/2)*(y/3)')).toBe('x * y / 6');
    expect(simplified('x / (3 / y)')).toBe('x * y / 3');
    expect(simplified('x / 3 / y')).toBe('x / (3 * y)');
    expect(simplified('x * 0.5 / y')).toBe('0.5 * x / y');
    expect(simplified('1 / (3 / x)')).toBe('x / 3');
  });

  it('merges the constants of sums and differences, subtracting instead of adding negatives', () => {
    expect(simplified('(x + 2) + (y - 3)')).toBe('x + y - 1');
    expect(simplified('2 - (x - 3)')).toBe('5 - x');
    expect(simplified('(3 - x) + 1')).toBe('4 - x');
    expect(simplified('x - (2 - y)')).toBe('x + y - 2');
    expect(simplified('-(x - y)')).toBe('y - x');
    expect(simplified('y + -2 * x')).toBe('y - 2 * x');
    expect(simplified('c - -0.25 * v * v / c')).toBe('c + 0.25 * v * v / c');
    expect(simplified('x + 1 - x')).toBe('1');
  });

  it('merges like terms', () => {
    expect(simplified('2 * theta - theta - theta * theta - theta - 1.8378770664093453')).toBe('-(theta * theta) - 1.8378770664093453');
    expect(simplified('x + 3*x')).toBe('4 * x');
    expect(simplified('0.25 * (k + k) * x * x')).toBe('0.5 * k * x * x');
    expect(simplified('2*x/y + x/y')).toBe('3 * x / y');
    expect(simplified('x*y - 2*x*y')).toBe('-(x * y)');
    expect(simplified('0.5*x - 0.5*x + y')).toBe('y');
  });

  it('preserves values and never grows (random trees)', () => {
    const rng = createRandom(3);
    const alphabet = { binary: ['+', '-', '*', '/'] as const, unary: UNARY_OPERATORS, variables: ['x', 'y'] };
    for (let t = 0; t < 1000; t++) checkPreserved(randomTreeOfSize(rng, 1 + rng.int(25), alphabet), rng);
  });

  it('preserves values and never grows (random chains of products, quotients, sums and constants)', () => {
    const rng = createRandom(4);
    // Only these operators and neg, with many constants: the shapes that chain merging rewrites.
    const alphabet = { binary: ['+', '-', '*', '/'] as const, unary: ['neg', 'exp'] as const, variables: ['x', 'y', 'z'] };
    let rewritten = 0;
    for (let t = 0; t < 3000; t++) {
      const tree = randomTreeOfSize(rng, 3 + rng.int(20), alphabet);
      if (checkPreserved(tree, rng)) rewritten++;
    }
    expect(rewritten).toBeGreaterThan(1000);
  });
});

/** Checks that `tree` simplifies to a no larger tree of the same values; true if it changed. */
function checkPreserved(tree: Expression, rng: Random): boolean {
  const simple = simplifyExpression(tree);
  expect(sizeOf(simple)).toBeLessThanOrEqual(sizeOf(tree));
  for (let k = 0; k < 5; k++) {
    const point = { x: rng.normal() * 2, y: rng.normal() * 2, z: rng.normal() * 2 };
    const a = evaluateAtPoint(tree, point);
    const b = evaluateAtPoint(simple, point);
    if (!Number.isFinite(a) || Math.abs(a) > 1e12) continue;
    if (!(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)))) {
      throw new Error(`${formatExpression(tree)} → ${formatExpression(simple)} at ${JSON.stringify(point)}: ${a} vs ${b}`);
    }
  }
  return !expressionsEqual(simple, tree);
}
