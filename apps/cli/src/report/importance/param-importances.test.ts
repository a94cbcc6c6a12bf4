import { describe, expect, it } from 'vitest';
import { treeMainEffects } from './fanova.js';
import { paramImportances } from './param-importances.js';

function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('treeMainEffects', () => {
  it('gives all variance to the one feature an additive tree splits on', () => {
    const leaves = [
      { lower: Float64Array.of(0, 0), upper: Float64Array.of(0.5, 1), value: 0 },
      { lower: Float64Array.of(0.5, 0), upper: Float64Array.of(1, 1), value: 2 },
    ];
    const { total, main } = treeMainEffects(leaves, 2);
    expect(total).toBeCloseTo(1, 12);
    expect(main[0]).toBeCloseTo(1, 12);
    expect(main[1]).toBeCloseTo(0, 12);
  });

  it('gives a pure interaction no main effect', () => {
    // XOR on the four quadrants: each feature alone explains nothing
    const q = (x0: number, x1: number, v: number) => ({ lower: Float64Array.of(x0, x1), upper: Float64Array.of(x0 + 0.5, x1 + 0.5), value: v });
    const { total, main } = treeMainEffects([q(0, 0, 1), q(0.5, 0, -1), q(0, 0.5, -1), q(0.5, 0.5, 1)], 2);
    expect(total).toBeCloseTo(1, 12);
    expect(main[0]).toBeCloseTo(0, 12);
    expect(main[1]).toBeCloseTo(0, 12);
  });
});

describe('paramImportances', () => {
  it('ranks a strong, a weak and an irrelevant parameter in that order (log and categorical scales)', () => {
    const rng = mulberry(1);
    const observations = Array.from({ length: 60 }, () => {
      const lr = 10 ** (-4 + 3 * rng());
      const width = 1 + Math.floor(rng() * 10);
      const kind = ['a', 'b', 'c'][Math.floor(rng() * 3)] as string;
      return { params: { lr, width, kind }, value: 5 * Math.log10(lr) + 0.3 * width + 0 * kind.length };
    });
    const importances = paramImportances(
      { lr: { kind: 'float', low: 1e-4, high: 1e-1, log: true }, width: { kind: 'int', low: 1, high: 10, log: false }, kind: { kind: 'categorical', choices: ['a', 'b', 'c'] } },
      observations,
      mulberry(2),
    );
    expect(Object.keys(importances)).toEqual(['lr', 'width', 'kind']);
    expect(importances.lr).toBeGreaterThan(0.7);
    expect(importances.kind).toBeLessThan(0.05);
    expect(Object.values(importances).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('returns nothing with fewer than two usable trials', () => {
    expect(paramImportances({ a: { kind: 'float', low: 0, high: 1, log: false } }, [{ params: { a: 0.5 }, value: 1 }], mulberry(3))).toEqual({});
  });
});
