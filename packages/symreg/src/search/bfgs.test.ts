import { describe, expect, it } from 'vitest';
import { minimizeBfgs } from './bfgs.js';

describe('minimizeBfgs', () => {
  it('finds the minimum of the Rosenbrock function', () => {
    const f = (x: Float64Array, g: Float64Array) => {
      const [a, b] = [x[0]!, x[1]!];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const result = minimizeBfgs(f, Float64Array.of(-1.2, 1), 200);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it('solves a quadratic in a few iterations', () => {
    const f = (x: Float64Array, g: Float64Array) => {
      g[0] = 2 * (x[0]! - 3);
      g[1] = 20 * (x[1]! + 0.5);
      return (x[0]! - 3) ** 2 + 10 * (x[1]! + 0.5) ** 2;
    };
    const result = minimizeBfgs(f, Float64Array.of(0, 0), 8);
    expect(result.x[0]).toBeCloseTo(3, 6);
    expect(result.x[1]).toBeCloseTo(-0.5, 6);
  });
});
