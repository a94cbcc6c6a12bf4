import { ObjectiveError } from '../errors.js';
import type { FrozenTrial } from '../frozen-trial.js';
import type { StudyDirection } from '../study-direction.js';

/** The best COMPLETE trial of a single-objective study (the first one on ties). */
export function findBestTrial(trials: readonly FrozenTrial[], directions: readonly StudyDirection[]): FrozenTrial {
  if (directions.length !== 1) {
    throw new ObjectiveError(
      'OBJECTIVE_OBJECTIVE_COUNT',
      `a best trial is only defined for single-objective studies (this one has ${directions.length}); use bestTrials`,
    );
  }
  const sign = directions[0] === 'maximize' ? -1 : 1;
  let best: FrozenTrial | undefined;
  for (const trial of trials) {
    if (trial.state !== 'COMPLETE' || trial.value === undefined) continue;
    if (best === undefined || sign * trial.value < sign * (best.value as number)) best = trial;
  }
  if (!best) throw new ObjectiveError('OBJECTIVE_NO_COMPLETED_TRIALS', 'no trials are completed yet');
  return best;
}

/** Whether `a` Pareto-dominates `b` (no worse in every objective, better in one). */
export function dominates(a: readonly number[], b: readonly number[], directions: readonly StudyDirection[]): boolean {
  let better = false;
  for (let i = 0; i < directions.length; i++) {
    const sign = directions[i] === 'maximize' ? -1 : 1;
    const x = sign * (a[i] as number);
    const y = sign * (b[i] as number);
    if (x > y) return false;
    if (x < y) better = true;
  }
  return better;
}

/** The COMPLETE trials on the Pareto front (Optuna's `best_trials`). */
export function paretoFront(trials: readonly FrozenTrial[], directions: readonly StudyDirection[]): FrozenTrial[] {
  const complete = trials.filter((trial) => trial.state === 'COMPLETE' && trial.values?.length === directions.length);
  return complete.filter(
    (candidate) => !complete.some((other) => other !== candidate && dominates(other.values as number[], candidate.values as number[], directions)),
  );
}
