import type { FrozenTrial } from '../frozen-trial.js';
import type { StudyView } from '../study-view.js';
import type { BasePruner } from './base-pruner.js';
import { type PercentileRuleOptions, percentileRulePrunes, percentileRuleSchema } from './percentile-pruner.js';
import { parsePrunerOptions } from './pruner-options.js';

/** Options of {@link MedianPruner}. */
export type MedianPrunerOptions = PercentileRuleOptions;

/**
 * Optuna's `MedianPruner` (the median stopping rule): prune a trial whose best
 * intermediate value is worse than the median of the completed trials' values at the
 * same step. Same as a {@link PercentilePruner} at 50.
 *
 * @example
 * ```ts
 * const pruner = new MedianPruner({ nStartupTrials: 5, nWarmupSteps: 30, intervalSteps: 10 });
 * ```
 */
export class MedianPruner implements BasePruner {
  readonly #options: Required<PercentileRuleOptions> & { percentile: number };

  constructor(options: MedianPrunerOptions = {}) {
    this.#options = { ...parsePrunerOptions('MedianPruner', percentileRuleSchema, options), percentile: 50 };
  }

  /** The resolved options (defaults applied). */
  get options(): Readonly<Required<MedianPrunerOptions>> {
    const { percentile: _, ...rest } = this.#options;
    return rest;
  }

  prune(study: StudyView, trial: FrozenTrial): boolean {
    return percentileRulePrunes(study, trial, this.#options);
  }
}
