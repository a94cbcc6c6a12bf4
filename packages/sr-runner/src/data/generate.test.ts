import { describe, expect, it } from 'vitest';
import { generateData } from './generate.js';
import { deriveSeed, gaussian, seededRandom } from './rng.js';
import { feynmanEquation } from '../benchmarks/feynman.js';
import type { FormulaEquation } from '../benchmarks/benchmark.js';

const spec = { rows: 400, testFraction: 0.25, noise: 0 };

describe('data generation', () => {
  it('is deterministic from the seed and uniform within each range', () => {
    const equation = feynmanEquation('I.12.1');
    const a = generateData(equation, spec, 7);
    const b = generateData(equation, spec, 7);
    const c = generateData(equation, spec, 8);
    expect(a).toEqual(b);
    expect(a.train.y).not.toEqual(c.train.y);
    expect(a.variableNames).toEqual(['mu', 'Nn']);
    expect(a.train.y).toHaveLength(300);
    expect(a.test.y).toHaveLength(100);
    for (const [i, v] of equation.variables.entries()) {
      const all = [...(a.train.X[i] ?? []), ...(a.test.X[i] ?? [])];
      expect(Math.min(...all)).toBeGreaterThanOrEqual(v.low);
      expect(Math.max(...all)).toBeLessThan(v.high);
      const mean = all.reduce((s, x) => s + x, 0) / all.length;
      expect(mean).toBeCloseTo((v.low + v.high) / 2, 0);
    }
    a.train.y.forEach((y, row) => expect(y).toBeCloseTo((a.train.X[0]?.[row] ?? 0) * (a.train.X[1]?.[row] ?? 0), 12));
  });

  it('adds Gaussian noise to training targets only, scaled by the target RMS', () => {
    const equation = feynmanEquation('I.12.1');
    const clean = generateData(equation, { ...spec, rows: 20_000 }, 3);
    const noisy = generateData(equation, { ...spec, rows: 20_000, noise: 0.1 }, 3);
    expect(noisy.test).toEqual(clean.test);
    const diffs = noisy.train.y.map((y, i) => y - (clean.train.y[i] ?? 0));
    const rms = Math.sqrt(clean.train.y.reduce((s, y) => s + y * y, 0) / clean.train.y.length);
    const sd = Math.sqrt(diffs.reduce((s, d) => s + d * d, 0) / diffs.length);
    expect(sd / rms).toBeCloseTo(0.1, 2);
  });

  it('redraws rows where the formula is not finite and fails clearly when it never is', () => {
    const partly: FormulaEquation = { kind: 'formula', id: 'p', formula: 'sqrt(x)', variables: [{ name: 'x', low: -1, high: 1 }] };
    const data = generateData(partly, spec, 1);
    expect(Array.from(data.train.y).every(Number.isFinite)).toBe(true);
    const never: FormulaEquation = { kind: 'formula', id: 'n', formula: 'sqrt(x)', variables: [{ name: 'x', low: -2, high: -1 }] };
    expect(() => generateData(never, spec, 1)).toThrow(/equation `n`: formula `sqrt\(x\)` is not finite at 400 of 400 sample points/);
  });

  it('has a well-behaved random source', () => {
    const random = seededRandom(123);
    const values = Array.from({ length: 10_000 }, random);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const normal = gaussian(seededRandom(5));
    const draws = Array.from({ length: 20_000 }, normal);
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    const variance = draws.reduce((s, x) => s + (x - mean) ** 2, 0) / draws.length;
    expect(mean).toBeCloseTo(0, 1);
    expect(variance).toBeCloseTo(1, 1);
    expect(deriveSeed(1, 'a', 2)).toBe(deriveSeed(1, 'a', 2));
    expect(deriveSeed(1, 'a', 2)).not.toBe(deriveSeed(1, 'a', 3));
  });
});
