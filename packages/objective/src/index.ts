// Study and trials
export { createStudy, loadStudy, deleteStudy, listStudies, copyStudy } from './study/study-registry.js';
export type { CreateStudyOptions, StudyOptions, StudySummary } from './study/study-registry.js';
export { Study } from './study/study.js';
export type { Objective, OptimizeCallback, OptimizeOptions, CatchOption } from './study/optimize.js';
export type { TellOptions } from './study/tell.js';
export { Trial, FIXED_PARAMS_ATTR } from './trial/trial.js';
export { failStaleTrials } from './study/heartbeat.js';
export { RetryFailedTrialCallback, FAILED_TRIAL_ATTR, RETRY_HISTORY_ATTR } from './callbacks/retry-failed-trial-callback.js';
export type { RetryFailedTrialCallbackOptions } from './callbacks/retry-failed-trial-callback.js';
export { TrialState, TRIAL_STATE_CODES, isFinished } from './trial-state.js';
export { StudyDirection, STUDY_DIRECTION_CODES } from './study-direction.js';
export type { FrozenTrial, JsonValue } from './frozen-trial.js';
export type { StudyView } from './study-view.js';

// Distributions
export {
  floatDistribution,
  intDistribution,
  categoricalDistribution,
  toInternal,
  toExternal,
  contains,
  isSingle,
  singleValue,
  checkDistributionCompatibility,
  areDistributionsCompatible,
  distributionsEqual,
  distributionToJson,
  distributionFromJson,
} from './distributions/index.js';
export type {
  Distribution,
  FloatDistribution,
  IntDistribution,
  CategoricalDistribution,
  CategoricalChoice,
  ExternalValue,
  FloatDistributionOptions,
  IntDistributionOptions,
} from './distributions/index.js';

// Storages
export { InMemoryStorage } from './storages/in-memory-storage.js';
export type { InMemoryStorageOptions } from './storages/in-memory-storage.js';
export { JournalFileStorage } from './storages/journal/journal-file-storage.js';
export type { JournalFileStorageOptions, JournalLockKind } from './storages/journal/journal-file-storage.js';
export { HEARTBEAT_ATTR } from './storages/model-storage.js';
export type { StorageOptions } from './storages/model-storage.js';
export type { BaseStorage, TrialInit, HeartbeatSettings, FailedTrialCallback, FailedTrialStudy } from './storages/base-storage.js';
export type { StoredStudy } from './storages/storage-model.js';

// Samplers and pruners
export type { BaseSampler, ParamValue } from './samplers/base-sampler.js';
export { RandomSampler } from './samplers/random-sampler.js';
export type { RandomSamplerOptions } from './samplers/random-sampler.js';
export type { BasePruner } from './pruners/base-pruner.js';
export * from './samplers/index.js';
export * from './pruners/index.js';

// Export of results
export { trialsToRows, rowsToCsv, rowsToJson } from './export/trials-dataframe.js';
export type { TrialRow, TrialCell, TrialAttr, TrialsToRowsOptions } from './export/trials-dataframe.js';

// Support
export { createRng } from './random/rng.js';
export { MT19937 } from './random/mt19937.js';
export type { Rng } from './random/rng.js';
export { systemClock } from './clock.js';
export type { Clock } from './clock.js';
export type { ObjectiveEvent, ObjectiveEventListener } from './events.js';
export { ObjectiveError, TrialPruned, OBJECTIVE_ERROR_CODES } from './errors.js';
export type { ObjectiveErrorCode } from './errors.js';
