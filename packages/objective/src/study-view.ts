import type { FrozenTrial, JsonValue } from './frozen-trial.js';
import type { StudyDirection } from './study-direction.js';
import type { TrialState } from './trial-state.js';

/**
 * What samplers and pruners may see of a study: its directions and its trials.
 * `getTrials` is synchronous and cheap (served from the study's cache of the storage).
 */
export interface StudyView {
  readonly studyName: string;
  readonly studyId: number;
  readonly directions: readonly StudyDirection[];
  /** The single direction; throws for multi-objective studies. */
  readonly direction: StudyDirection;
  getTrials(options?: { states?: readonly TrialState[] }): readonly FrozenTrial[];
  /** Set a system attribute of a trial (pruners keep their rung records there). */
  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): void;
  /** Stop the study's `optimize` loop after the running trials (GridSampler uses it). */
  stop(): void;
}
