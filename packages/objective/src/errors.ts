/**
 * Every error this package throws is an {@link ObjectiveError} with a `code` from
 * {@link OBJECTIVE_ERROR_CODES}; callers test the code, never the message.
 */
export const OBJECTIVE_ERROR_CODES = [
  /** An argument is out of its domain (bad range, wrong type, empty choices…). */
  'OBJECTIVE_INVALID_ARGUMENT',
  /** A parameter name was used with another distribution than before in the study. */
  'OBJECTIVE_INCOMPATIBLE_DISTRIBUTION',
  /** A study with this name already exists in the storage. */
  'OBJECTIVE_DUPLICATED_STUDY',
  /** No study with this name or id in the storage. */
  'OBJECTIVE_STUDY_NOT_FOUND',
  /** No trial with this id or number. */
  'OBJECTIVE_TRIAL_NOT_FOUND',
  /** The trial already finished (COMPLETE, PRUNED or FAIL): it cannot be updated. */
  'OBJECTIVE_TRIAL_FINISHED',
  /** The trial is not in a state that allows this call (e.g. telling a WAITING trial). */
  'OBJECTIVE_INVALID_TRIAL_STATE',
  /** No trial has completed yet, so there is no best trial. */
  'OBJECTIVE_NO_COMPLETED_TRIALS',
  /** The operation is not defined for this number of objectives. */
  'OBJECTIVE_OBJECTIVE_COUNT',
  /** A journal file could not be read, parsed or validated. */
  'OBJECTIVE_JOURNAL_CORRUPT',
  /** The journal lock could not be taken or released. */
  'OBJECTIVE_JOURNAL_LOCK',
  /** An I/O error from the filesystem. */
  'OBJECTIVE_IO',
  /** The objective signalled that the trial should be pruned (see {@link TrialPruned}). */
  'OBJECTIVE_TRIAL_PRUNED',
] as const;
export type ObjectiveErrorCode = (typeof OBJECTIVE_ERROR_CODES)[number];

/** Base class of every error thrown by `@hyperopt/objective`. */
export class ObjectiveError extends Error {
  readonly code: ObjectiveErrorCode;
  constructor(code: ObjectiveErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ObjectiveError';
    this.code = code;
  }
}

/**
 * Throw from an objective to end the trial as PRUNED (Optuna's `TrialPruned`); its
 * last intermediate value becomes its value.
 */
export class TrialPruned extends ObjectiveError {
  constructor(message = 'Trial was pruned.', options: { cause?: unknown } = {}) {
    super('OBJECTIVE_TRIAL_PRUNED', message, options);
    this.name = 'TrialPruned';
  }
}

/** Formats a received value for an error message. */
export function echo(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
