import type { FrozenTrial } from '../frozen-trial.js';
import type { StudyView } from '../study-view.js';
import type { BasePruner } from './base-pruner.js';

/** Optuna's `NopPruner`: never prunes. */
export class NopPruner implements BasePruner {
  prune(_study: StudyView, _trial: FrozenTrial): boolean {
    return false;
  }
}
