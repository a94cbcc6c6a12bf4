import type { Distribution } from '../distributions/index.js';
import { contains, toInternal } from '../distributions/representation.js';
import type { FrozenTrial } from '../frozen-trial.js';
import type { StudyView } from '../study-view.js';
import type { TrialState } from '../trial-state.js';
import type { BaseSampler, ParamValue } from './base-sampler.js';
import type { SamplerEventListener } from './sampler-events.js';

/**
 * Fixes some parameters and lets another sampler choose the rest (Optuna's
 * `PartialFixedSampler`). A fixed value outside the suggested distribution is used
 * anyway, with a `sampler-fixed-param-out-of-range` event, as Optuna warns and uses it.
 */
export class PartialFixedSampler implements BaseSampler {
  constructor(
    private readonly fixedParams: Readonly<Record<string, ParamValue>>,
    private readonly baseSampler: BaseSampler,
    private readonly options: { onEvent?: SamplerEventListener } = {},
  ) {}

  reseedRng(seed?: number): void {
    this.baseSampler.reseedRng?.(seed);
  }

  inferRelativeSearchSpace(study: StudyView, trial: FrozenTrial): Record<string, Distribution> {
    const space = this.baseSampler.inferRelativeSearchSpace(study, trial);
    const out: Record<string, Distribution> = {};
    for (const [name, dist] of Object.entries(space)) if (!(name in this.fixedParams)) out[name] = dist;
    return out;
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, searchSpace: Record<string, Distribution>): Record<string, ParamValue> {
    return this.baseSampler.sampleRelative(study, trial, searchSpace);
  }

  sampleIndependent(study: StudyView, trial: FrozenTrial, paramName: string, distribution: Distribution): ParamValue {
    if (!Object.hasOwn(this.fixedParams, paramName)) return this.baseSampler.sampleIndependent(study, trial, paramName, distribution);
    const value = this.fixedParams[paramName] as ParamValue;
    let inside = false;
    try {
      inside = contains(distribution, toInternal(distribution, value));
    } catch {
      inside = false;
    }
    if (!inside) this.options.onEvent?.({ type: 'sampler-fixed-param-out-of-range', sampler: 'PartialFixedSampler', trialNumber: trial.number, paramName, value });
    return value;
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    this.baseSampler.beforeTrial?.(study, trial);
  }

  afterTrial(study: StudyView, trial: FrozenTrial, state: TrialState, values: readonly number[] | undefined): void {
    this.baseSampler.afterTrial?.(study, trial, state, values);
  }
}
