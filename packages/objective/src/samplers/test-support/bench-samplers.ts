import type { BaseSampler } from '../base-sampler.js';
import { CmaEsSampler } from '../cmaes/cmaes-sampler.js';
import { QMCSampler } from '../qmc/qmc-sampler.js';
import { RandomSampler } from '../random-sampler.js';
import { TPESampler } from '../tpe/tpe-sampler.js';

/** The benchmark's samplers by name, with the same settings as the Python side (test/python/sampler-bench.py). */
export const SAMPLER_FACTORIES: Record<string, (seed: number) => BaseSampler> = {
  tpe: (seed) => new TPESampler({ seed }),
  tpe_multivariate: (seed) => new TPESampler({ seed, multivariate: true }),
  cmaes: (seed) => new CmaEsSampler({ seed, warnIndependentSampling: false }),
  qmc_sobol: (seed) => new QMCSampler({ seed, qmcType: 'sobol', scramble: true, warnIndependentSampling: false }),
  qmc_halton: (seed) => new QMCSampler({ seed, qmcType: 'halton', scramble: true, warnIndependentSampling: false }),
  random: (seed) => new RandomSampler({ seed }),
};
