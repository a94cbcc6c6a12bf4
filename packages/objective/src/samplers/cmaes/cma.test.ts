import { describe, expect, it } from 'vitest';
import { createRng } from '../../random/rng.js';
import { Cma } from './cma.js';
import { symmetricEigen } from './linalg.js';
import { warmStartDistribution } from './warm-start.js';

function minimise(f: (x: Float64Array) => number, n: number, generations: number, seed: number): { best: number; cma: Cma } {
  const cma = new Cma({ mean: new Float64Array(n).fill(3), sigma: 2, rng: createRng(seed) });
  let best = Infinity;
  for (let g = 0; g < generations; g++) {
    const sols = Array.from({ length: cma.populationSize }, () => {
      const x = cma.ask();
      const value = f(x);
      best = Math.min(best, value);
      return { x, value };
    });
    cma.tell(sols);
  }
  return { best, cma };
}

describe('CMA-ES core', () => {
  it('decomposes a symmetric matrix (Jacobi)', () => {
    const m = Float64Array.of(4, 1, 0, 1, 3, 1, 0, 1, 2);
    const { values, vectors } = symmetricEigen(m, 3);
    for (let k = 0; k < 3; k++) {
      // M v = λ v for each column v.
      for (let i = 0; i < 3; i++) {
        let mv = 0;
        for (let j = 0; j < 3; j++) mv += (m[i * 3 + j] as number) * (vectors[j * 3 + k] as number);
        expect(mv).toBeCloseTo((values[k] as number) * (vectors[i * 3 + k] as number), 10);
      }
    }
    expect([...values].sort((a, b) => a - b).reduce((s, v) => s + v, 0)).toBeCloseTo(9, 10);
  });

  it('converges on the sphere and on an ill-conditioned ellipsoid (10-d)', () => {
    const sphere = (x: Float64Array) => x.reduce((s, v) => s + v * v, 0);
    expect(minimise(sphere, 10, 200, 1).best).toBeLessThan(1e-8);
    const ellipsoid = (x: Float64Array) => x.reduce((s, v, i) => s + 1e4 ** (i / 9) * v * v, 0);
    expect(minimise(ellipsoid, 10, 600, 2).best).toBeLessThan(1e-6);
  });

  it('solves 2-d Rosenbrock to high precision', () => {
    const rosen = (x: Float64Array) => 100 * ((x[1] as number) - (x[0] as number) ** 2) ** 2 + (1 - (x[0] as number)) ** 2;
    expect(minimise(rosen, 2, 400, 3).best).toBeLessThan(1e-10);
  });

  it('keeps samples inside the bounds', () => {
    const cma = new Cma({ mean: Float64Array.of(0.9, 0.1), sigma: 0.5, bounds: [[0, 1], [0, 1]], rng: createRng(4) });
    for (let i = 0; i < 500; i++) for (const v of cma.ask()) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('signals a stop once the search has converged', () => {
    const { cma } = minimise((x) => x.reduce((s, v) => s + v * v, 0), 3, 1500, 5);
    expect(cma.shouldStop()).toBe(true);
    expect(new Cma({ mean: new Float64Array(3), sigma: 1, rng: createRng(1) }).shouldStop()).toBe(false);
  });

  it('warm-starts from the best share of earlier solutions', () => {
    const rng = createRng(6);
    const sols = Array.from({ length: 200 }, () => {
      const x = Float64Array.of(rng.random(), rng.random());
      return { x, value: ((x[0] as number) - 0.8) ** 2 + ((x[1] as number) - 0.2) ** 2 };
    });
    const ws = warmStartDistribution(sols, Float64Array.of(1, 1));
    expect(ws.mean[0]).toBeCloseTo(0.8, 1);
    expect(ws.mean[1]).toBeCloseTo(0.2, 1);
    expect(ws.sigma).toBeLessThan(0.3);
  });
});
