import type { Clock } from '../clock.js';
import { contains, toInternal } from '../distributions/index.js';
import { ObjectiveError, echo } from '../errors.js';
import type { TrialInit } from '../storages/base-storage.js';
import { TRIAL_STATE_CODES, isFinished } from '../trial-state.js';
import { valuesProblem } from './values.js';

/**
 * Validates a trial to add (Optuna's `FrozenTrial._validate`) and fills in the
 * datetimes Optuna's `create_trial` would set.
 */
export function prepareTrialInit(trial: TrialInit, nObjectives: number, clock: Clock): TrialInit {
  if (!Object.hasOwn(TRIAL_STATE_CODES, trial.state)) {
    throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `unknown trial state ${echo(trial.state)}`);
  }
  if (trial.value !== undefined && trial.values !== undefined && !(trial.values.length === 1 && Object.is(trial.values[0], trial.value))) {
    throw new ObjectiveError(
      'OBJECTIVE_INVALID_ARGUMENT',
      `\`value\` ${echo(trial.value)} and \`values\` ${echo(trial.values)} disagree: give one of them`,
    );
  }
  const values = trial.values ?? (trial.value === undefined ? undefined : [trial.value]);
  if (trial.state === 'COMPLETE') {
    const problem = values === undefined ? 'a COMPLETE trial needs values' : valuesProblem(values, nObjectives);
    if (problem) throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', problem);
  }
  const distributions = trial.distributions ?? {};
  for (const [name, value] of Object.entries(trial.params ?? {})) {
    const distribution = distributions[name];
    if (!distribution) throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `param ${echo(name)} has no distribution`);
    if (!contains(distribution, toInternal(distribution, value))) {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `param ${echo(name)} value ${echo(value)} is outside ${echo(distribution)}`);
    }
  }
  const now = new Date(clock.now());
  const waiting = trial.state === 'WAITING';
  return {
    ...trial,
    value: undefined,
    values,
    datetimeStart: waiting ? trial.datetimeStart : (trial.datetimeStart ?? now),
    datetimeComplete: isFinished(trial.state) ? (trial.datetimeComplete ?? now) : undefined,
  };
}
