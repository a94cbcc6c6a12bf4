import { z } from 'zod';
import type { FrozenTrial } from '../frozen-trial.js';
import type { StudyDirection } from '../study-direction.js';
import type { StudyView } from '../study-view.js';
import type { BasePruner } from './base-pruner.js';
import { intAtLeast, invalidPrunerOption, nonNegativeInt, parsePrunerOptions } from './pruner-options.js';
import { lastStep } from './pruning-steps.js';

/** Options of {@link SuccessiveHalvingPruner}. */
export interface SuccessiveHalvingPrunerOptions {
  /**
   * Steps a trial runs before its first rung (ASHA's `r`). `"auto"` takes, once the
   * first trial has completed, the largest last step of the completed trials divided
   * by 100 (at least 1), and keeps it. A trial is never pruned before step
   * `minResource · reductionFactor ^ minEarlyStoppingRate`.
   * @default "auto"
   */
  minResource?: number | 'auto';
  /**
   * At each rung about `1 / reductionFactor` of the trials are promoted (ASHA's `η`); at least 2.
   * @default 4
   */
  reductionFactor?: number;
  /**
   * Rung offset (ASHA's `s`): the first rung is at `minResource · reductionFactor ^ minEarlyStoppingRate`.
   * @default 0
   */
  minEarlyStoppingRate?: number;
  /**
   * Trials that must reach a rung before any trial is promoted from it; needs a
   * numeric `minResource`.
   * @default 0
   */
  bootstrapCount?: number;
}

const schema = z
  .object({
    minResource: z.union([z.literal('auto'), intAtLeast(1)]).default('auto'),
    reductionFactor: intAtLeast(2).default(4),
    minEarlyStoppingRate: nonNegativeInt.default(0),
    bootstrapCount: nonNegativeInt.default(0),
  })
  .strict();

/** The system attribute a trial gets when it reaches rung `rung` (Optuna's key). */
export function completedRungKey(rung: number): string {
  return `completed_rung_${rung}`;
}

/**
 * Optuna's `SuccessiveHalvingPruner`, the asynchronous successive halving algorithm
 * (ASHA). When a trial reaches a rung's step (`minResource · reductionFactor ^
 * (minEarlyStoppingRate + rung)`), its value there is recorded as the trial system
 * attribute `completed_rung_<rung>` and it goes on only if that value is among the
 * best `1 / reductionFactor` of all values recorded for the rung (the best one while
 * fewer than `reductionFactor` trials reached it). A NaN value at a rung is pruned.
 *
 * The pruner is stateful like Optuna's: with `minResource: "auto"` the estimate is
 * fixed at the first call that can make it.
 *
 * @example
 * ```ts
 * const pruner = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3 });
 * ```
 */
export class SuccessiveHalvingPruner implements BasePruner {
  #minResource: number | undefined;
  readonly #reductionFactor: number;
  readonly #minEarlyStoppingRate: number;
  readonly #bootstrapCount: number;

  constructor(options: SuccessiveHalvingPrunerOptions = {}) {
    const parsed = parsePrunerOptions('SuccessiveHalvingPruner', schema, options);
    if (parsed.bootstrapCount > 0 && parsed.minResource === 'auto') {
      throw invalidPrunerOption(
        'SuccessiveHalvingPruner',
        `\`bootstrapCount\` > 0 needs a numeric \`minResource\`, got bootstrapCount ${parsed.bootstrapCount} with minResource "auto"`,
      );
    }
    this.#minResource = parsed.minResource === 'auto' ? undefined : parsed.minResource;
    this.#reductionFactor = parsed.reductionFactor;
    this.#minEarlyStoppingRate = parsed.minEarlyStoppingRate;
    this.#bootstrapCount = parsed.bootstrapCount;
  }

  /** The minimum resource in use: a number, or `undefined` while `"auto"` is not yet estimated. */
  get minResource(): number | undefined {
    return this.#minResource;
  }

  prune(study: StudyView, trial: FrozenTrial): boolean {
    const step = lastStep(trial);
    if (step === undefined) return false;
    const value = trial.intermediateValues.get(step) as number;
    let rung = currentRung(trial);
    let trials: readonly FrozenTrial[] | undefined;
    for (;;) {
      if (this.#minResource === undefined) {
        trials ??= study.getTrials();
        this.#minResource = estimateMinResource(trials);
        if (this.#minResource === undefined) return false;
      }
      const promotionStep = this.#minResource * this.#reductionFactor ** (this.#minEarlyStoppingRate + rung);
      if (step < promotionStep) return false;
      if (Number.isNaN(value)) return true;
      trials ??= study.getTrials();
      const key = completedRungKey(rung);
      study.setTrialSystemAttr(trial.trialId, key, value);
      const competing = competingValues(trials, trial.trialId, key);
      competing.push(value);
      if (competing.length <= this.#bootstrapCount) return true;
      if (!isPromotable(value, competing, this.#reductionFactor, study.direction)) return true;
      rung += 1;
    }
  }
}

function estimateMinResource(trials: readonly FrozenTrial[]): number | undefined {
  let last: number | undefined;
  for (const t of trials) {
    if (t.state !== 'COMPLETE') continue;
    const s = lastStep(t);
    if (s !== undefined && (last === undefined || s > last)) last = s;
  }
  return last === undefined ? undefined : Math.max(Math.floor(last / 100), 1);
}

function currentRung(trial: FrozenTrial): number {
  let rung = 0;
  while (completedRungKey(rung) in trial.systemAttrs) rung += 1;
  return rung;
}

/** Values other trials recorded at this rung (the current trial is added by the caller). */
function competingValues(trials: readonly FrozenTrial[], trialId: number, key: string): number[] {
  const values: number[] = [];
  for (const t of trials) {
    if (t.trialId === trialId) continue;
    const v = t.systemAttrs[key];
    if (v !== undefined) values.push(toNumber(v));
  }
  return values;
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  // Journal round trips may leave non-finite floats as strings; anything else ranks last.
  if (v === 'Infinity') return Number.POSITIVE_INFINITY;
  if (v === '-Infinity') return Number.NEGATIVE_INFINITY;
  return Number.NaN;
}

function isPromotable(value: number, competing: number[], reductionFactor: number, direction: StudyDirection): boolean {
  let promotableIndex = Math.floor(competing.length / reductionFactor) - 1;
  // Trials cannot be paused and resumed, so while fewer than `reductionFactor` trials
  // reached the rung only the best one so far goes on.
  if (promotableIndex === -1) promotableIndex = 0;
  competing.sort(pythonFloatOrder);
  if (direction === 'maximize') return value >= (competing[competing.length - 1 - promotableIndex] as number);
  return value <= (competing[promotableIndex] as number);
}

/** Python's `list.sort()` on floats compares with `<` only; NaN never gets recorded, so a plain order suffices. */
function pythonFloatOrder(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
