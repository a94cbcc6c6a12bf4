import type { FrozenTrial, JsonValue } from '../frozen-trial.js';
import { ObjectiveError, echo } from '../errors.js';
import type { StudyView } from '../study-view.js';
import type { TrialState } from '../trial-state.js';
import { CONSTRAINTS_KEY } from './tpe/observations.js';

/** Constraint values of a finished trial; each value ≤ 0 means that constraint holds. */
export type ConstraintsFunc = (trial: FrozenTrial) => readonly number[];

/**
 * Runs the constraints function on a COMPLETE or PRUNED trial and stores the values
 * in its system attrs under `"constraints"` (Optuna's key, so journals interoperate).
 */
export function processConstraintsAfterTrial(func: ConstraintsFunc, study: StudyView, trial: FrozenTrial, state: TrialState): void {
  if (state !== 'COMPLETE' && state !== 'PRUNED') return;
  const values = func(trial);
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || Number.isNaN(v))) {
    throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected \`constraintsFunc\` to return an array of numbers (no NaN), got ${echo(values)}`);
  }
  study.setTrialSystemAttr(trial.trialId, CONSTRAINTS_KEY, values as JsonValue[]);
}

/** Sum of the positive constraint values of a trial (0: feasible; Infinity: no values stored). */
export function violationOf(trial: FrozenTrial): number {
  const constraints = trial.systemAttrs[CONSTRAINTS_KEY];
  if (!Array.isArray(constraints)) return Infinity;
  let v = 0;
  for (const c of constraints) if (typeof c === 'number' && c > 0) v += c;
  return v;
}
