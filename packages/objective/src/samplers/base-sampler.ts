import type { Distribution } from '../distributions/index.js';
import type { FrozenTrial } from '../frozen-trial.js';
import type { StudyView } from '../study-view.js';
import type { TrialState } from '../trial-state.js';

/** Parameter values in external representation, by name. */
export type ParamValue = number | string | boolean | null;

/**
 * Optuna's sampler interface. The study calls, per trial: `beforeTrial`, then
 * `inferRelativeSearchSpace` + `sampleRelative` once, then `sampleIndependent` for
 * every suggest call whose parameter was not sampled relatively, then `afterTrial`
 * when the trial finishes (before its state is written).
 */
export interface BaseSampler {
  inferRelativeSearchSpace(study: StudyView, trial: FrozenTrial): Record<string, Distribution>;
  sampleRelative(study: StudyView, trial: FrozenTrial, searchSpace: Record<string, Distribution>): Record<string, ParamValue>;
  sampleIndependent(study: StudyView, trial: FrozenTrial, paramName: string, distribution: Distribution): ParamValue;
  beforeTrial?(study: StudyView, trial: FrozenTrial): void;
  afterTrial?(study: StudyView, trial: FrozenTrial, state: TrialState, values: readonly number[] | undefined): void;
  /** Re-seed (Optuna's `reseed_rng`), e.g. for each worker of a parallel study. */
  reseedRng?(seed?: number): void;
}
