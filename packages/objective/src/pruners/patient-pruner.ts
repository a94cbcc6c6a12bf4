import { z } from 'zod';
import type { FrozenTrial } from '../frozen-trial.js';
import type { StudyView } from '../study-view.js';
import type { BasePruner } from './base-pruner.js';
import { nonNegativeInt, parsePrunerOptions } from './pruner-options.js';
import { nanMax, nanMin } from './pruning-steps.js';

/** Options of {@link PatientPruner}. */
export interface PatientPrunerOptions {
  /**
   * Pruning is considered only once the best of the trial's last `patience + 1`
   * values (by step) is worse than its best value before them.
   */
  patience: number;
  /**
   * Tolerance (non-negative): the recent best must be worse than the earlier best by
   * more than this for pruning to be considered.
   * @default 0
   */
  minDelta?: number;
}

const schema = z.object({ patience: nonNegativeInt, minDelta: z.number().min(0).default(0) }).strict();

/**
 * Optuna's `PatientPruner`: wraps another pruner and lets it prune only once the trial
 * has stopped improving — the best of its last `patience + 1` values (by step, NaN
 * ignored) is worse than the best of the values before them by more than `minDelta`.
 * With no wrapped pruner (`null`) it prunes as soon as that happens (early stopping).
 *
 * @example
 * ```ts
 * const pruner = new PatientPruner(new MedianPruner(), { patience: 1 });
 * ```
 */
export class PatientPruner implements BasePruner {
  readonly #wrapped: BasePruner | null;
  readonly #patience: number;
  readonly #minDelta: number;

  constructor(wrappedPruner: BasePruner | null, options: PatientPrunerOptions) {
    const parsed = parsePrunerOptions('PatientPruner', schema, options);
    this.#wrapped = wrappedPruner;
    this.#patience = parsed.patience;
    this.#minDelta = parsed.minDelta;
  }

  prune(study: StudyView, trial: FrozenTrial): boolean {
    const steps = [...trial.intermediateValues.keys()];
    if (steps.length <= this.#patience + 1) return false;
    steps.sort((a, b) => a - b);
    const split = steps.length - this.#patience - 1;
    const valueAt = (s: number) => trial.intermediateValues.get(s) as number;
    const before = steps.slice(0, split).map(valueAt);
    const after = steps.slice(split).map(valueAt);
    const stalled =
      study.direction === 'minimize'
        ? nanMin(before) + this.#minDelta < nanMin(after)
        : nanMax(before) - this.#minDelta > nanMax(after);
    if (!stalled) return false;
    return this.#wrapped === null ? true : this.#wrapped.prune(study, trial);
  }
}
