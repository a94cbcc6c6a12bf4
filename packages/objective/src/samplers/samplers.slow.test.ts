import { describe, expect, it } from 'vitest';
import { createStudy } from '../study/study-registry.js';
import type { BaseSampler } from './base-sampler.js';
import { CmaEsSampler } from './cmaes/cmaes-sampler.js';
import { QMCSampler } from './qmc/qmc-sampler.js';
import { branin, median, mixed, rosenbrock, styblinskiTang, type Problem } from './test-support/problems.js';
import { TPESampler } from './tpe/tpe-sampler.js';

/** Median best value over seeds 0..nSeeds−1 with the study's own async optimize loop. */
async function medianBest(make: (seed: number) => BaseSampler, problem: Problem, nTrials: number, nSeeds = 5): Promise<number> {
  const bests: number[] = [];
  for (let seed = 0; seed < nSeeds; seed++) {
    const study = createStudy({ sampler: make(seed) });
    await study.optimize(async (t) => problem.fn(t), { nTrials });
    bests.push(study.bestValue);
  }
  return median(bests);
}

// Tolerances: distance of the median best (5 seeds) from the known optimum.
describe('samplers reach known optima (end to end, 5 seeds)', () => {
  it('TPE: Branin, Styblinski–Tang and the mixed space', async () => {
    expect((await medianBest((seed) => new TPESampler({ seed }), branin, 200)) - branin.optimum).toBeLessThan(0.05);
    expect((await medianBest((seed) => new TPESampler({ seed }), styblinskiTang, 200)) - styblinskiTang.optimum).toBeLessThan(25);
    expect(await medianBest((seed) => new TPESampler({ seed }), mixed, 150)).toBeLessThan(0.2);
  });

  it('multivariate TPE: Branin and Styblinski–Tang', async () => {
    const make = (seed: number) => new TPESampler({ seed, multivariate: true });
    // Optuna 3.1's multivariate TPE gets 0.023 here over seeds 0-9 (ours 0.064 over 10 seeds).
    expect((await medianBest(make, branin, 200)) - branin.optimum).toBeLessThan(0.12);
    expect((await medianBest(make, styblinskiTang, 200)) - styblinskiTang.optimum).toBeLessThan(25);
  });

  it('CMA-ES: Branin, Rosenbrock and Styblinski–Tang (IPOP)', async () => {
    expect((await medianBest((seed) => new CmaEsSampler({ seed }), branin, 200)) - branin.optimum).toBeLessThan(0.01);
    expect(await medianBest((seed) => new CmaEsSampler({ seed }), rosenbrock, 400)).toBeLessThan(10);
    // Styblinski–Tang's excess comes in steps of 14.14 (one dimension left in the other
    // basin). Over 80 seeds IPOP leaves at most two of five there in 90 % of runs, so the
    // median of 9 seeds stays below 30 unless the sampler is broken (≈ 1 in 2,000 by chance).
    const ipop = (seed: number) => new CmaEsSampler({ seed, restartStrategy: 'ipop' });
    expect((await medianBest(ipop, styblinskiTang, 800, 9)) - styblinskiTang.optimum).toBeLessThan(30);
  });

  it('QMC covers Branin well enough to land near the optimum', async () => {
    expect((await medianBest((seed) => new QMCSampler({ seed, scramble: true }), branin, 256)) - branin.optimum).toBeLessThan(0.5);
  });
});
