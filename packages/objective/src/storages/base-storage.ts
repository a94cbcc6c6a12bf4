import type { Distribution } from '../distributions/index.js';
import type { FrozenTrial, JsonValue } from '../frozen-trial.js';
import type { StudyDirection } from '../study-direction.js';
import type { TrialState } from '../trial-state.js';
import type { StoredStudy } from './storage-model.js';

/** Called for every trial that `failStaleTrials` moved to FAIL (Optuna's `failed_trial_callback`). */
export type FailedTrialCallback = (study: FailedTrialStudy, trial: FrozenTrial) => void;

/** What a {@link FailedTrialCallback} may do with the study (a `Study` satisfies it). */
export interface FailedTrialStudy {
  addTrial(trial: TrialInit): void;
}

/** A trial to add to a study (Optuna's `create_trial`); params are external values. */
export interface TrialInit {
  readonly state: TrialState;
  readonly value?: number | undefined;
  readonly values?: readonly number[] | undefined;
  readonly params?: Readonly<Record<string, number | string | boolean | null>>;
  readonly distributions?: Readonly<Record<string, Distribution>>;
  readonly userAttrs?: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs?: Readonly<Record<string, JsonValue>>;
  readonly intermediateValues?: ReadonlyMap<number, number> | Readonly<Record<number, number>>;
  readonly datetimeStart?: Date | undefined;
  readonly datetimeComplete?: Date | undefined;
}

/** Liveness settings of a storage (Optuna's heartbeat). */
export interface HeartbeatSettings {
  /** Seconds between heartbeats of a running trial. */
  readonly interval: number;
  /** Seconds without a heartbeat after which a RUNNING trial is stale. */
  readonly gracePeriod: number;
  readonly failedTrialCallback: FailedTrialCallback | undefined;
}

/**
 * Optuna's storage interface, synchronous. Trial ids are storage-wide; trial numbers
 * are per study. Param values cross this interface in internal representation.
 */
export interface BaseStorage {
  createNewStudy(directions: readonly StudyDirection[], studyName: string): number;
  deleteStudy(studyId: number): void;
  setStudyUserAttr(studyId: number, key: string, value: JsonValue): void;
  setStudySystemAttr(studyId: number, key: string, value: JsonValue): void;
  getStudyIdFromName(studyName: string): number;
  getStudyNameFromId(studyId: number): string;
  getStudyDirections(studyId: number): readonly StudyDirection[];
  getStudyUserAttrs(studyId: number): Readonly<Record<string, JsonValue>>;
  getStudySystemAttrs(studyId: number): Readonly<Record<string, JsonValue>>;
  getAllStudies(): readonly StoredStudy[];

  /** Creates a RUNNING trial, or a copy of `template` (params in external representation). */
  createNewTrial(studyId: number, template?: TrialInit): number;
  setTrialParam(trialId: number, paramName: string, internalValue: number, distribution: Distribution): void;
  /**
   * Sets the state (and values). Returns `false` when asked to make RUNNING a trial
   * that another worker already made RUNNING (the enqueued-trial race).
   */
  setTrialStateValues(trialId: number, state: TrialState, values?: readonly number[] | null): boolean;
  setTrialIntermediateValue(trialId: number, step: number, value: number): void;
  setTrialUserAttr(trialId: number, key: string, value: JsonValue): void;
  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): void;
  getTrial(trialId: number): FrozenTrial;
  /** All trials of a study in number order (cached: cheap when nothing changed). */
  getAllTrials(studyId: number, options?: { states?: readonly TrialState[] }): readonly FrozenTrial[];
  getTrialIdFromStudyIdTrialNumber(studyId: number, trialNumber: number): number;

  /** Heartbeat settings, or `undefined` when liveness tracking is off. */
  readonly heartbeat: HeartbeatSettings | undefined;
  /** Records that a running trial is alive. */
  recordHeartbeat(trialId: number): void;
  /** RUNNING trials whose heartbeat is older than the grace period. */
  getStaleTrialIds(studyId: number): number[];
}
