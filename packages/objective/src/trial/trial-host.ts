import type { ObjectiveEvent } from '../events.js';
import type { BasePruner } from '../pruners/base-pruner.js';
import type { BaseSampler } from '../samplers/base-sampler.js';
import type { BaseStorage } from '../storages/base-storage.js';
import type { StudyView } from '../study-view.js';

/** What a `Trial` needs from its study. */
export interface TrialHost {
  readonly storage: BaseStorage;
  readonly sampler: BaseSampler;
  readonly pruner: BasePruner;
  readonly view: StudyView;
  emit(event: ObjectiveEvent): void;
}
