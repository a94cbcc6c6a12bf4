import { describe, expect, it } from 'vitest';
import { createRng } from '../../random/rng.js';
import { createStudy } from '../../study/study-registry.js';
import type { SamplerEvent } from '../sampler-events.js';
import reference from '../test-support/scipy-qmc-reference.json' with { type: 'json' };
import { runStudy } from '../test-support/run-study.js';
import { Halton, firstPrimes } from './halton.js';
import { QMCSampler, QMC_SAMPLE_ID_ATTR } from './qmc-sampler.js';
import { Sobol } from './sobol.js';

/** Star-discrepancy proxy: worst gap between the empirical and uniform measure over boxes anchored at 0. */
function boxError(points: Float64Array[]): number {
  let worst = 0;
  for (let a = 1; a <= 8; a++)
    for (let b = 1; b <= 8; b++) {
      const inside = points.filter((p) => (p[0] as number) < a / 8 && (p[1] as number) < b / 8).length;
      worst = Math.max(worst, Math.abs(inside / points.length - (a * b) / 64));
    }
  return worst;
}

describe('QMC sequences', () => {
  it('unscrambled Sobol equals SciPy (Joe–Kuo directions), including a far index', () => {
    const sobol = new Sobol(6);
    reference.sobol.forEach((row, k) => expect(Array.from(sobol.point(k))).toEqual(row));
    expect(Array.from(new Sobol(3).point(1000))).toEqual(reference.sobol1000[0]);
    expect(Array.from({ length: 300 }, (_, j) => j).every((j) => new Sobol(j + 1).point(7).length === j + 1)).toBe(true);
  });

  it('unscrambled Halton equals SciPy', () => {
    const halton = new Halton(4);
    reference.halton.forEach((row, k) => Array.from(halton.point(k)).forEach((v, j) => expect(v).toBeCloseTo(row[j] as number, 14)));
    expect(firstPrimes(6)).toEqual([2, 3, 5, 7, 11, 13]);
  });

  it('scrambled sequences stay low-discrepancy, differ by seed and are reproducible', () => {
    for (const make of [(s: number) => new Sobol(2, { scramble: true, rng: createRng(s) }), (s: number) => new Halton(2, { scramble: true, rng: createRng(s) })]) {
      const pts = Array.from({ length: 256 }, (_, k) => make(1).point(k));
      for (const p of pts) for (const v of p) expect(v >= 0 && v < 1).toBe(true);
      const rng = createRng(9);
      const random = Array.from({ length: 256 }, () => Float64Array.of(rng.random(), rng.random()));
      expect(boxError(pts)).toBeLessThan(boxError(random));
      expect(boxError(pts)).toBeLessThan(0.03);
      expect(Array.from(make(1).point(5))).toEqual(Array.from(make(1).point(5)));
      expect(Array.from(make(1).point(5))).not.toEqual(Array.from(make(2).point(5)));
    }
    // Scrambled Sobol keeps the (0, m, 2) net property: each of 16 equal boxes of a 16-point block holds one point.
    const s = new Sobol(2, { scramble: true, rng: createRng(3) });
    const cells = new Set(Array.from({ length: 16 }, (_, k) => s.point(k)).map((p) => `${Math.floor((p[0] as number) * 4)},${Math.floor((p[1] as number) * 4)}`));
    expect(cells.size).toBe(16);
  });
});

describe('QMCSampler', () => {
  it('walks the sequence trial by trial over the numerical space of the first trial', () => {
    const events: SamplerEvent[] = [];
    const study = runStudy(
      new QMCSampler({ seed: 0, onEvent: (e) => events.push(e) }),
      (t) => t.suggestFloat('x', 0, 1) + t.suggestInt('n', 1, 4) + (t.suggestCategorical('c', ['a', 'b']) === 'a' ? 0 : 1),
      9,
    );
    const sobol = new Sobol(2);
    study.trials.slice(1).forEach((t, k) => {
      expect(t.systemAttrs[QMC_SAMPLE_ID_ATTR]).toBe(k);
      expect(t.params.x).toBeCloseTo((sobol.point(k)[0] as number), 12);
      expect([1, 2, 3, 4]).toContain(t.params.n);
    });
    expect(events.filter((e) => e.type === 'sampler-independent-sampling').every((e) => e.type === 'sampler-independent-sampling' && e.paramName === 'c')).toBe(true);
  });

  it('continues the sequence in a resumed study with a new sampler', () => {
    const study = createStudy({ sampler: new QMCSampler({ seed: 1, qmcType: 'halton', scramble: true }) });
    for (let i = 0; i < 5; i++) {
      const t = study.ask();
      study.tell(t, t.suggestFloat('x', -1, 1) ** 2 + t.suggestFloat('y', -1, 1) ** 2);
    }
    const ids = study.trials.map((t) => t.systemAttrs[QMC_SAMPLE_ID_ATTR]);
    expect(ids).toEqual([undefined, 0, 1, 2, 3]);
  });
});
