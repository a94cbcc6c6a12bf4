import type { Distribution } from './distributions/index.js';
import type { TrialState } from './trial-state.js';

/** A JSON value, as stored in user and system attributes. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A snapshot of one trial (Optuna's `FrozenTrial`). `params` hold external values
 * (what the objective saw); distributions convert them to and from Optuna's internal
 * float representation.
 */
export interface FrozenTrial {
  /** Study-wide number, 0-based, in creation order. */
  readonly number: number;
  /** Storage-wide id (Optuna's `trial_id`). */
  readonly trialId: number;
  readonly state: TrialState;
  /** The single objective value, or `undefined` (multi-objective: see `values`). */
  readonly value: number | undefined;
  /** All objective values, or `undefined` until the trial finished with values. */
  readonly values: readonly number[] | undefined;
  readonly datetimeStart: Date | undefined;
  readonly datetimeComplete: Date | undefined;
  readonly params: Readonly<Record<string, number | string | boolean | null>>;
  readonly distributions: Readonly<Record<string, Distribution>>;
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
  /** Intermediate values by step (`report(value, step)`). */
  readonly intermediateValues: ReadonlyMap<number, number>;
}
