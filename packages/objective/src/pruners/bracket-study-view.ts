import type { FrozenTrial, JsonValue } from '../frozen-trial.js';
import type { StudyDirection } from '../study-direction.js';
import type { StudyView } from '../study-view.js';
import type { TrialState } from '../trial-state.js';

/**
 * The study as one Hyperband bracket sees it: the same study, but `getTrials` returns
 * only the trials assigned to that bracket (Optuna's `_BracketStudy`).
 */
export class BracketStudyView implements StudyView {
  readonly #study: StudyView;
  readonly #inBracket: (trial: FrozenTrial) => boolean;

  constructor(study: StudyView, inBracket: (trial: FrozenTrial) => boolean) {
    this.#study = study;
    this.#inBracket = inBracket;
  }

  get studyName(): string {
    return this.#study.studyName;
  }
  get studyId(): number {
    return this.#study.studyId;
  }
  get directions(): readonly StudyDirection[] {
    return this.#study.directions;
  }
  get direction(): StudyDirection {
    return this.#study.direction;
  }
  getTrials(options?: { states?: readonly TrialState[] }): readonly FrozenTrial[] {
    return this.#study.getTrials(options).filter(this.#inBracket);
  }
  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): void {
    this.#study.setTrialSystemAttr(trialId, key, value);
  }
  stop(): void {
    this.#study.stop();
  }
}
