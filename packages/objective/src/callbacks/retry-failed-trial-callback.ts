import { ObjectiveError, echo } from '../errors.js';
import type { FrozenTrial, JsonValue } from '../frozen-trial.js';
import type { FailedTrialStudy } from '../storages/base-storage.js';
import { HEARTBEAT_ATTR } from '../storages/model-storage.js';

/** Options of {@link RetryFailedTrialCallback}. */
export interface RetryFailedTrialCallbackOptions {
  /**
   * How many times one original trial may be retried.
   * @default undefined (no limit)
   */
  maxRetry?: number;
  /**
   * Copy the failed trial's intermediate values into the retry.
   * @default false
   */
  inheritIntermediateValues?: boolean;
}

/** System attribute: number of the original trial a retry stands for (Optuna's name). */
export const FAILED_TRIAL_ATTR = 'failed_trial';
/** System attribute: numbers of every failed attempt so far, oldest first (Optuna's name). */
export const RETRY_HISTORY_ATTR = 'retry_history';

/**
 * Re-enqueues a trial that `failStaleTrials` failed, with the same params, user attrs
 * and distributions (Optuna's `RetryFailedTrialCallback`). The retry's system attrs
 * `failed_trial` (the original trial's number) and `retry_history` (every failed
 * attempt) say what it retries; after `maxRetry` retries of one original, no more.
 */
export class RetryFailedTrialCallback {
  readonly maxRetry: number | undefined;
  readonly inheritIntermediateValues: boolean;

  constructor(options: RetryFailedTrialCallbackOptions = {}) {
    if (options.maxRetry !== undefined && !(Number.isSafeInteger(options.maxRetry) && options.maxRetry >= 0)) {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected a non-negative integer for \`maxRetry\`, got ${echo(options.maxRetry)}`);
    }
    this.maxRetry = options.maxRetry;
    this.inheritIntermediateValues = options.inheritIntermediateValues ?? false;
  }

  /** Use as a storage's `failedTrialCallback` (a bound function). */
  readonly callback = (study: FailedTrialStudy, trial: FrozenTrial): void => {
    const previous = trial.systemAttrs[RETRY_HISTORY_ATTR];
    const history = [...(Array.isArray(previous) ? previous : []), trial.number];
    if (this.maxRetry !== undefined && this.maxRetry < history.length) return;
    const systemAttrs: Record<string, JsonValue> = {
      [FAILED_TRIAL_ATTR]: trial.number,
      ...trial.systemAttrs,
      [RETRY_HISTORY_ATTR]: history,
    };
    // The failed attempt's last heartbeat would make the retry look stale at once.
    delete systemAttrs[HEARTBEAT_ATTR];
    study.addTrial({
      state: 'WAITING',
      params: trial.params,
      distributions: trial.distributions,
      userAttrs: trial.userAttrs,
      systemAttrs,
      ...(this.inheritIntermediateValues ? { intermediateValues: trial.intermediateValues } : {}),
    });
  };

  /** The number of the original trial a retried trial stands for, if it is a retry. */
  static retriedTrialNumber(trial: FrozenTrial): number | undefined {
    const value = trial.systemAttrs[FAILED_TRIAL_ATTR];
    return typeof value === 'number' ? value : undefined;
  }

  /** Numbers of the failed attempts that led to this trial, oldest first. */
  static retryHistory(trial: FrozenTrial): number[] {
    const value = trial.systemAttrs[RETRY_HISTORY_ATTR];
    return Array.isArray(value) ? value.filter((n): n is number => typeof n === 'number') : [];
  }
}
