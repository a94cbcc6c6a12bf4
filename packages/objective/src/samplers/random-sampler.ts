import type { Distribution } from '../distributions/index.js';
import type { FrozenTrial } from '../frozen-trial.js';
import { MT19937 } from '../random/mt19937.js';
import type { Rng } from '../random/rng.js';
import type { StudyView } from '../study-view.js';
import type { BaseSampler, ParamValue } from './base-sampler.js';
import { transformBounds, untransformNumerical } from './optuna-transform.js';

/** Options of {@link RandomSampler}. */
export interface RandomSamplerOptions {
  /**
   * Seed of the generator, an integer in [0, 2³²): the same seed gives the same
   * parameters, and the same as Optuna 3.1's `RandomSampler(seed=seed)` (the generator is
   * numpy's MT19937, drawn the same way).
   * @default undefined (drawn from the platform's entropy)
   */
  seed?: number;
}

/**
 * Samples every parameter independently and uniformly (Optuna's `RandomSampler`):
 * uniform in the range (in log space for log distributions), stepped ranges on their
 * grid with equal weight per grid point, categoricals uniformly among the choices.
 * With a seed it suggests exactly what Optuna 3.1's `RandomSampler(seed=seed)` does.
 */
export class RandomSampler implements BaseSampler {
  private rng: Rng;

  constructor(options: RandomSamplerOptions = {}) {
    this.rng = new MT19937(options.seed);
  }

  reseedRng(seed?: number): void {
    this.rng = new MT19937(seed);
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

/**
 * One uniform draw from a distribution, in external representation, as Optuna 3.1's
 * `RandomSampler` makes it: one `uniform(low, high)` in the transformed space (log scale,
 * discrete ranges widened by half a step on each side, then rounded back to the grid
 * with halves to even) or, for k choices, k uniforms in [0, 1) and the first largest. With
 * a numpy-compatible generator seeded alike, the values are Optuna's.
 */
export function sampleUniform(rng: Rng, distribution: Distribution): ParamValue {
  if (distribution.kind === 'categorical') {
    let best = 0;
    let bestValue = -Infinity;
    for (let k = 0; k < distribution.choices.length; k++) {
      const u = rng.uniform(0, 1);
      if (u > bestValue) {
        bestValue = u;
        best = k;
      }
    }
    return distribution.choices[best] ?? null;
  }
  const [low, high] = transformBounds(distribution);
  return untransformNumerical(distribution, rng.uniform(low, high));
}
