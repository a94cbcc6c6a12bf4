/**
 * The state of a trial, with Optuna's names. The journal file stores the numeric
 * codes in {@link TRIAL_STATE_CODES} (Optuna's `TrialState` enum values).
 */
export const TrialState = {
  RUNNING: 'RUNNING',
  COMPLETE: 'COMPLETE',
  PRUNED: 'PRUNED',
  FAIL: 'FAIL',
  WAITING: 'WAITING',
} as const;
export type TrialState = (typeof TrialState)[keyof typeof TrialState];

/** Optuna's integer codes for each state, as written in journal files. */
export const TRIAL_STATE_CODES: Readonly<Record<TrialState, number>> = {
  RUNNING: 0,
  COMPLETE: 1,
  PRUNED: 2,
  FAIL: 3,
  WAITING: 4,
};

/** True for COMPLETE, PRUNED and FAIL: the states a trial never leaves. */
export function isFinished(state: TrialState): boolean {
  return state === 'COMPLETE' || state === 'PRUNED' || state === 'FAIL';
}
