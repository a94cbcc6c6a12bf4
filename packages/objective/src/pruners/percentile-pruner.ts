import { z } from 'zod';
import type { FrozenTrial } from '../frozen-trial.js';
import type { StudyDirection } from '../study-direction.js';
import type { StudyView } from '../study-view.js';
import type { BasePruner } from './base-pruner.js';
import { nanPercentile } from './nan-percentile.js';
import { intAtLeast, nonNegativeInt, parsePrunerOptions } from './pruner-options.js';
import { bestIntermediateValue, isFirstInIntervalStep, lastStep } from './pruning-steps.js';

/** Options shared by {@link PercentilePruner} and {@link MedianPruner}. */
export interface PercentileRuleOptions {
  /**
   * No pruning until this many trials of the study have completed.
   * @default 5
   */
  nStartupTrials?: number;
  /**
   * No pruning before the trial reports this step (steps are assumed to start at 0).
   * @default 0
   */
  nWarmupSteps?: number;
  /**
   * Steps between pruning checks, counted from `nWarmupSteps`. A check that falls on a
   * step with no report happens at the next report instead. At least 1.
   * @default 1
   */
  intervalSteps?: number;
  /**
   * Fewest completed trials that must have reported the current step for a decision;
   * with fewer, the trial is kept.
   * @default 1
   */
  nMinTrials?: number;
}

/** Options of {@link PercentilePruner}. */
export interface PercentilePrunerOptions extends PercentileRuleOptions {
  /**
   * The percentile kept, in [0, 100]: with 25, a trial survives only while its best
   * intermediate value is in the best 25 % of completed trials' values at this step.
   */
  percentile: number;
}

const ruleSchema = {
  nStartupTrials: nonNegativeInt.default(5),
  nWarmupSteps: nonNegativeInt.default(0),
  intervalSteps: intAtLeast(1).default(1),
  nMinTrials: intAtLeast(1).default(1),
};
const percentileSchema = z.object({ percentile: z.number().min(0).max(100), ...ruleSchema }).strict();
export const percentileRuleSchema = z.object(ruleSchema).strict();

type ResolvedOptions = z.infer<typeof percentileSchema>;

/**
 * Optuna's `PercentilePruner`: prune a trial whose best intermediate value so far is
 * worse than the given percentile of the completed trials' values at the trial's
 * latest step. A trial whose values are all NaN is pruned.
 *
 * @example
 * ```ts
 * const pruner = new PercentilePruner({ percentile: 25, nStartupTrials: 5, nWarmupSteps: 30, intervalSteps: 10 });
 * ```
 */
export class PercentilePruner implements BasePruner {
  readonly #options: ResolvedOptions;

  constructor(options: PercentilePrunerOptions) {
    this.#options = parsePrunerOptions('PercentilePruner', percentileSchema, options);
  }

  /** The resolved options (defaults applied). */
  get options(): Readonly<Required<PercentilePrunerOptions>> {
    return this.#options;
  }

  prune(study: StudyView, trial: FrozenTrial): boolean {
    return percentileRulePrunes(study, trial, this.#options);
  }
}

/** The decision of Optuna's percentile rule (shared with {@link MedianPruner}). */
export function percentileRulePrunes(study: StudyView, trial: FrozenTrial, options: ResolvedOptions): boolean {
  const completed = study.getTrials({ states: ['COMPLETE'] });
  if (completed.length === 0 || completed.length < options.nStartupTrials) return false;
  const step = lastStep(trial);
  if (step === undefined || step < options.nWarmupSteps) return false;
  if (!isFirstInIntervalStep(step, trial.intermediateValues.keys(), options.nWarmupSteps, options.intervalSteps)) {
    return false;
  }
  const direction = study.direction;
  const best = bestIntermediateValue(trial, direction);
  if (Number.isNaN(best)) return true;
  const threshold = percentileAtStep(completed, direction, step, options.percentile, options.nMinTrials);
  if (Number.isNaN(threshold)) return false;
  return direction === 'maximize' ? best < threshold : best > threshold;
}

function percentileAtStep(
  completed: readonly FrozenTrial[],
  direction: StudyDirection,
  step: number,
  percentile: number,
  nMinTrials: number,
): number {
  const values: number[] = [];
  for (const t of completed) {
    const v = t.intermediateValues.get(step);
    if (v !== undefined) values.push(v);
  }
  if (values.length < nMinTrials) return Number.NaN;
  return nanPercentile(values, direction === 'maximize' ? 100 - percentile : percentile);
}
