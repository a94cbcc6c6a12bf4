import type { FrozenTrial } from '../frozen-trial.js';
import type { StudyView } from '../study-view.js';

/** Optuna's pruner interface: decide, from the study and a running trial, whether to prune it. */
export interface BasePruner {
  prune(study: StudyView, trial: FrozenTrial): boolean;
}
