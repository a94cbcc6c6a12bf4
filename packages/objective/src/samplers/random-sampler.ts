import type { Distribution } from '../distributions/index.js';
import type { FrozenTrial } from '../frozen-trial.js';
import { createRng, type Rng } from '../random/rng.js';
import type { StudyView } from '../study-view.js';
import type { BaseSampler, ParamValue } from './base-sampler.js';

/** Options of {@link RandomSampler}. */
export interface RandomSamplerOptions {
  /**
   * Seed of the generator: the same seed gives the same parameters.
   * @default undefined (drawn from the platform's entropy)
   */
  seed?: number;
}

/**
 * Samples every parameter independently and uniformly (Optuna's `RandomSampler`):
 * uniform in the range (in log space for log distributions), stepped ranges on their
 * grid with equal weight per grid point, categoricals uniformly among the choices.
 */
export class RandomSampler implements BaseSampler {
  private rng: Rng;

  constructor(options: RandomSamplerOptions = {}) {
    this.rng = createRng(options.seed);
  }

  reseedRng(seed?: number): void {
    this.rng = createRng(seed);
  }

  inferRelativeSearchSpace(): Record<string, Distribution> {
    return {};
  }

  sampleRelative(): Record<string, ParamValue> {
    return {};
  }

  sampleIndependent(_study: StudyView, _trial: FrozenTrial, _paramName: string, distribution: Distribution): ParamValue {
    return sampleUniform(this.rng, distribution);
  }
}

/** One uniform draw from a distribution, in external representation. */
export function sampleUniform(rng: Rng, distribution: Distribution): ParamValue {
  if (distribution.kind === 'categorical') {
    return distribution.choices[rng.integer(0, distribution.choices.length - 1)] ?? null;
  }
  const { low, high } = distribution;
  if (distribution.log) {
    if (distribution.kind === 'int') {
      // Optuna widens an int range by half a unit on each side before taking logs.
      const value = Math.exp(rng.uniform(Math.log(low - 0.5), Math.log(high + 0.5)));
      return clamp(Math.round(value), low, high);
    }
    return clamp(Math.exp(rng.uniform(Math.log(low), Math.log(high))), low, high);
  }
  const step = distribution.step;
  if (step === null) return clamp(rng.uniform(low, high), low, high);
  const points = Math.floor((high - low) / step + 1e-9) + 1;
  const k = rng.integer(0, points - 1);
  const value = low + k * step;
  return distribution.kind === 'int' ? value : clamp(value, low, high);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
