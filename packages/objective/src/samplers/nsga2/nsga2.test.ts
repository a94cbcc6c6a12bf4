import { describe, expect, it } from 'vitest';
import type { FrozenTrial } from '../../frozen-trial.js';
import { createRng } from '../../random/rng.js';
import type { Study } from '../../study/study.js';
import type { Trial } from '../../trial/trial.js';
import { RandomSampler } from '../random-sampler.js';
import { runStudy } from '../test-support/run-study.js';
import { hypervolume } from '../tpe/mo-weights.js';
import { BLXAlphaCrossover, SBXCrossover, UniformCrossover } from './crossovers.js';
import { crowdingDistances, nonDominatedFronts } from './dominance.js';
import { NSGA2_GENERATION_ATTR, NSGAIISampler } from './nsga2-sampler.js';

const zdt1 = (t: Trial): number[] => {
  const x = Array.from({ length: 5 }, (_, i) => t.suggestFloat(`x${i}`, 0, 1));
  const f1 = x[0] as number;
  const g = 1 + (9 * x.slice(1).reduce((a, b) => a + b, 0)) / 4;
  return [f1, g * (1 - Math.sqrt(f1 / g))];
};

function frontHypervolume(study: Study): number {
  const pts = study.bestTrials.map((t) => Float64Array.from(t.values as number[]));
  return hypervolume(pts, Float64Array.of(1.1, 11));
}

const fake = (number: number, values: number[], systemAttrs: Record<string, unknown> = {}): FrozenTrial =>
  ({ number, values, value: undefined, state: 'COMPLETE', systemAttrs, params: {}, distributions: {} }) as unknown as FrozenTrial;

describe('NSGA-II building blocks', () => {
  it('sorts into non-dominated fronts and ranks by crowding distance', () => {
    const pop = [fake(0, [1, 5]), fake(1, [2, 3]), fake(2, [3, 4]), fake(3, [4, 1]), fake(4, [5, 5])];
    const fronts = nonDominatedFronts(pop, ['minimize', 'minimize']).map((f) => f.map((t) => t.number).sort());
    expect(fronts).toEqual([[0, 1, 3], [2], [4]]);
    const d = crowdingDistances(pop.filter((t) => [0, 1, 3].includes(t.number)));
    expect(d.get(0)).toBe(Infinity);
    expect(d.get(3)).toBe(Infinity);
    expect(d.get(1)).toBeCloseTo((4 - 1) / 3 + (5 - 1) / 4, 12);
  });

  it('crossovers keep to their parents (uniform), their widened box (BLX-α) and the bounds (SBX)', () => {
    const rng = createRng(1);
    const a = Float64Array.of(0, 0, 0);
    const b = Float64Array.of(1, 1, 1);
    const bounds = [[-1, 2], [-1, 2], [-1, 2]] as const;
    for (let i = 0; i < 200; i++) {
      for (const v of new UniformCrossover().crossover([a, b], rng)) expect([0, 1]).toContain(v);
      for (const v of new BLXAlphaCrossover(0.5).crossover([a, b], rng)) expect(v >= -0.5 && v <= 1.5).toBe(true);
      for (const v of new SBXCrossover().crossover([a, b], rng, bounds, false)) expect(v >= -1 && v <= 2).toBe(true);
    }
  });
});

describe('NSGAIISampler', () => {
  it('numbers generations of populationSize trials', () => {
    const study = runStudy(new NSGAIISampler({ seed: 0, populationSize: 10 }), zdt1, 35, { directions: ['minimize', 'minimize'] });
    const gens = study.trials.map((t) => t.systemAttrs[NSGA2_GENERATION_ATTR]);
    expect(gens.slice(0, 10).every((g) => g === 0)).toBe(true);
    expect(gens.slice(10, 20).every((g) => g === 1)).toBe(true);
    expect(gens.slice(30, 35).every((g) => g === 3)).toBe(true);
  });

  it('beats random search on ZDT1 (front hypervolume, every crossover, several seeds)', () => {
    for (const crossover of [undefined, new BLXAlphaCrossover(), new SBXCrossover()]) {
      for (const seed of [0, 1]) {
        const nsga = runStudy(new NSGAIISampler({ seed, populationSize: 20, ...(crossover ? { crossover } : {}) }), zdt1, 400, { directions: ['minimize', 'minimize'] });
        const random = runStudy(new RandomSampler({ seed }), zdt1, 400, { directions: ['minimize', 'minimize'] });
        expect(frontHypervolume(nsga)).toBeGreaterThan(frontHypervolume(random));
      }
    }
  });

  it('keeps the population feasible under constraints', () => {
    const sampler = new NSGAIISampler({ seed: 3, populationSize: 20, constraintsFunc: (t) => [0.5 - (t.params.x0 as number)] });
    const study = runStudy(sampler, zdt1, 300, { directions: ['minimize', 'minimize'] });
    expect(study.trials[0]?.systemAttrs.constraints).toBeDefined();
    const late = study.trials.slice(200);
    expect(late.filter((t) => (t.params.x0 as number) >= 0.5).length / late.length).toBeGreaterThan(0.7);
  });

  it('handles categorical parameters and one objective', () => {
    const study = runStudy(
      new NSGAIISampler({ seed: 4, populationSize: 10 }),
      (t) => (t.suggestFloat('x', -2, 2) - 1) ** 2 + (t.suggestCategorical('c', ['bad', 'good']) === 'good' ? 0 : 1) + t.suggestInt('n', 0, 5),
      150,
    );
    expect(study.bestValue).toBeLessThan(0.1);
    expect(() => new NSGAIISampler({ populationSize: 1 })).toThrow(/populationSize/);
  });
});
