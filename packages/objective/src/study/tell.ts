import { ObjectiveError, echo } from '../errors.js';
import type { FrozenTrial } from '../frozen-trial.js';
import { TRIAL_STATE_CODES, type TrialState } from '../trial-state.js';
import { Trial } from '../trial/trial.js';
import type { Study } from './study.js';
import { asValueArray, valuesProblem } from './values.js';

/** Options of `Study.tell`. */
export interface TellOptions {
  /**
   * Return the stored trial instead of throwing when it already finished.
   * @default false
   */
  skipIfFinished?: boolean;
}

/** What `tellTrial` did; `warning` says why values were turned into a FAIL. */
export interface TellOutcome {
  readonly trial: FrozenTrial;
  readonly warning?: string;
}

/**
 * Optuna's `_tell_with_warning`: unacceptable values without an explicit state fail the
 * trial, and the outcome's `warning` says why.
 */
export function tellTrial(
  study: Study,
  trialOrNumber: Trial | number,
  result: number | readonly number[] | TrialState | undefined,
  options: TellOptions,
): TellOutcome {
  const trialId =
    trialOrNumber instanceof Trial ? trialOrNumber.trialId : study.storage.getTrialIdFromStudyIdTrialNumber(study.studyId, trialOrNumber);
  const frozen = study.storage.getTrial(trialId);
  if (frozen.state === 'COMPLETE' || frozen.state === 'PRUNED' || frozen.state === 'FAIL') {
    if (options.skipIfFinished) return { trial: frozen };
    throw new ObjectiveError('OBJECTIVE_TRIAL_FINISHED', `cannot tell trial ${frozen.number}: it is already ${frozen.state}`);
  }
  if (frozen.state !== 'RUNNING') {
    throw new ObjectiveError('OBJECTIVE_INVALID_TRIAL_STATE', `cannot tell trial ${frozen.number}: it is ${frozen.state}`);
  }
  let state: TrialState | undefined;
  let raw: unknown[] | undefined;
  if (typeof result === 'string') {
    if (!Object.hasOwn(TRIAL_STATE_CODES, result) || result === 'RUNNING' || result === 'WAITING') {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected COMPLETE, PRUNED or FAIL as the state to tell, got ${echo(result)}`);
    }
    state = result;
    if (state === 'COMPLETE') {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', 'telling COMPLETE needs the objective value(s), not the state');
    }
  } else {
    raw = asValueArray(result);
  }

  const nObjectives = study.directions.length;
  let values: number[] | null = null;
  let warning: string | undefined;
  if (state === 'PRUNED') {
    const steps = [...frozen.intermediateValues.keys()];
    if (steps.length > 0) {
      const last = frozen.intermediateValues.get(Math.max(...steps)) as number;
      if (valuesProblem([last], nObjectives) === undefined) values = [last];
    }
  } else if (state === undefined) {
    const problem = raw === undefined ? 'the objective returned no value' : valuesProblem(raw, nObjectives);
    if (problem === undefined) {
      state = 'COMPLETE';
      values = raw as number[];
    } else {
      state = 'FAIL';
      warning = problem;
    }
  }

  try {
    study.sampler.afterTrial?.(study, frozen, state as TrialState, values ?? undefined);
  } finally {
    study.storage.setTrialStateValues(trialId, state as TrialState, values);
  }
  return warning === undefined ? { trial: study.storage.getTrial(trialId) } : { trial: study.storage.getTrial(trialId), warning };
}
