import { z } from 'zod';
import type { FrozenTrial } from '../frozen-trial.js';
import type { StudyView } from '../study-view.js';
import type { BasePruner } from './base-pruner.js';
import { intAtLeast, invalidPrunerOption, nonNegativeInt, parsePrunerOptions } from './pruner-options.js';
import { isFirstInIntervalStep, lastStep } from './pruning-steps.js';

/** Options of {@link ThresholdPruner}; at least one of `lower` and `upper` is required. */
export interface ThresholdPrunerOptions {
  /**
   * Prune when the latest intermediate value is below this.
   * @default -Infinity (no lower bound)
   */
  lower?: number;
  /**
   * Prune when the latest intermediate value is above this.
   * @default Infinity (no upper bound)
   */
  upper?: number;
  /**
   * No pruning before the trial reports this step.
   * @default 0
   */
  nWarmupSteps?: number;
  /**
   * Steps between checks, counted from `nWarmupSteps` (at least 1).
   * @default 1
   */
  intervalSteps?: number;
}

const notNaN = z.number().or(z.literal(Number.POSITIVE_INFINITY)).or(z.literal(Number.NEGATIVE_INFINITY));
const schema = z
  .object({
    lower: notNaN.optional(),
    upper: notNaN.optional(),
    nWarmupSteps: nonNegativeInt.default(0),
    intervalSteps: intAtLeast(1).default(1),
  })
  .strict();

/**
 * Optuna's `ThresholdPruner`: prune a trial whose latest intermediate value leaves
 * `[lower, upper]`, or is NaN.
 *
 * @example
 * ```ts
 * const pruner = new ThresholdPruner({ upper: 1.0, nWarmupSteps: 3 });
 * ```
 */
export class ThresholdPruner implements BasePruner {
  readonly #lower: number;
  readonly #upper: number;
  readonly #nWarmupSteps: number;
  readonly #intervalSteps: number;

  constructor(options: ThresholdPrunerOptions) {
    const parsed = parsePrunerOptions('ThresholdPruner', schema, options);
    if (parsed.lower === undefined && parsed.upper === undefined) {
      throw invalidPrunerOption('ThresholdPruner', 'either `lower` or `upper` must be given, got neither');
    }
    this.#lower = parsed.lower ?? Number.NEGATIVE_INFINITY;
    this.#upper = parsed.upper ?? Number.POSITIVE_INFINITY;
    if (this.#lower > this.#upper) {
      throw invalidPrunerOption('ThresholdPruner', `expected \`lower\` <= \`upper\`, got lower ${this.#lower} and upper ${this.#upper}`);
    }
    this.#nWarmupSteps = parsed.nWarmupSteps;
    this.#intervalSteps = parsed.intervalSteps;
  }

  prune(_study: StudyView, trial: FrozenTrial): boolean {
    const step = lastStep(trial);
    if (step === undefined || step < this.#nWarmupSteps) return false;
    if (!isFirstInIntervalStep(step, trial.intermediateValues.keys(), this.#nWarmupSteps, this.#intervalSteps)) {
      return false;
    }
    const latest = trial.intermediateValues.get(step) as number;
    return Number.isNaN(latest) || latest < this.#lower || latest > this.#upper;
  }
}
