import type { Distribution } from '../distributions/index.js';
import type { JsonValue } from '../frozen-trial.js';
import type { StudyDirection } from '../study-direction.js';
import type { TrialState } from '../trial-state.js';

/** The full contents of a trial created from a template (`enqueueTrial`, `addTrial`). */
export interface TrialTemplateData {
  readonly state: TrialState;
  readonly values: readonly number[] | null;
  readonly datetimeComplete: Date | null;
  /** Internal representations, by parameter name. */
  readonly params: Readonly<Record<string, number>>;
  readonly distributions: Readonly<Record<string, Distribution>>;
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
  readonly intermediateValues: ReadonlyMap<number, number>;
}

/**
 * One storage mutation, the unit both storages apply (the journal writes each as one
 * record, with Optuna's op codes 0–9).
 */
export type StorageOperation =
  | { readonly op: 'createStudy'; readonly studyName: string; readonly directions: readonly StudyDirection[] }
  | { readonly op: 'deleteStudy'; readonly studyId: number }
  | { readonly op: 'setStudyUserAttr'; readonly studyId: number; readonly attrs: Readonly<Record<string, JsonValue>> }
  | { readonly op: 'setStudySystemAttr'; readonly studyId: number; readonly attrs: Readonly<Record<string, JsonValue>> }
  | {
      readonly op: 'createTrial';
      readonly studyId: number;
      readonly datetimeStart: Date | null;
      readonly template: TrialTemplateData | null;
    }
  | {
      readonly op: 'setTrialParam';
      readonly trialId: number;
      readonly name: string;
      readonly internal: number;
      readonly distribution: Distribution;
    }
  | {
      readonly op: 'setTrialStateValues';
      readonly trialId: number;
      readonly state: TrialState;
      readonly values: readonly number[] | null;
      readonly datetimeStart?: Date;
      readonly datetimeComplete?: Date;
    }
  | { readonly op: 'setTrialIntermediateValue'; readonly trialId: number; readonly step: number; readonly value: number }
  | { readonly op: 'setTrialUserAttr'; readonly trialId: number; readonly attrs: Readonly<Record<string, JsonValue>> }
  | { readonly op: 'setTrialSystemAttr'; readonly trialId: number; readonly attrs: Readonly<Record<string, JsonValue>> };
