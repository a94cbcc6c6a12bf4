import type { FrozenTrial } from '../frozen-trial.js';
import type { StudyDirection } from '../study-direction.js';

/** The largest step the trial reported (Optuna's `FrozenTrial.last_step`), or `undefined`. */
export function lastStep(trial: FrozenTrial): number | undefined {
  let last: number | undefined;
  for (const step of trial.intermediateValues.keys()) {
    if (last === undefined || step > last) last = step;
  }
  return last;
}

/**
 * True when `step` is the first report at or after the latest pruning point
 * (`nWarmupSteps + k·intervalSteps`), so a check postponed for lack of a report
 * happens at the next report (Optuna's rule for `interval_steps`).
 */
export function isFirstInIntervalStep(
  step: number,
  steps: Iterable<number>,
  nWarmupSteps: number,
  intervalSteps: number,
): boolean {
  const nearestLowerPruningStep = Math.floor((step - nWarmupSteps) / intervalSteps) * intervalSteps + nWarmupSteps;
  let secondLastStep = -1;
  for (const s of steps) {
    if (s > secondLastStep && s !== step) secondLastStep = s;
  }
  return secondLastStep < nearestLowerPruningStep;
}

/** NaN-ignoring minimum (`np.nanmin`); NaN when every value is NaN or there is none. */
export function nanMin(values: Iterable<number>): number {
  let best = Number.NaN;
  for (const v of values) {
    if (!Number.isNaN(v) && (Number.isNaN(best) || v < best)) best = v;
  }
  return best;
}

/** NaN-ignoring maximum (`np.nanmax`); NaN when every value is NaN or there is none. */
export function nanMax(values: Iterable<number>): number {
  let best = Number.NaN;
  for (const v of values) {
    if (!Number.isNaN(v) && (Number.isNaN(best) || v > best)) best = v;
  }
  return best;
}

/** The trial's best intermediate value over all its steps, ignoring NaN (NaN if all are). */
export function bestIntermediateValue(trial: FrozenTrial, direction: StudyDirection): number {
  const values = trial.intermediateValues.values();
  return direction === 'maximize' ? nanMax(values) : nanMin(values);
}
