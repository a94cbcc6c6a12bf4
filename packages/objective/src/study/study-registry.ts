import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import { ObjectiveError, echo } from '../errors.js';
import type { ObjectiveEventListener } from '../events.js';
import type { FrozenTrial, JsonValue } from '../frozen-trial.js';
import type { BasePruner } from '../pruners/base-pruner.js';
import type { BaseSampler } from '../samplers/base-sampler.js';
import { MedianPruner } from '../pruners/median-pruner.js';
import { NSGAIISampler } from '../samplers/nsga2/nsga2-sampler.js';
import { TPESampler } from '../samplers/tpe/tpe-sampler.js';
import type { BaseStorage } from '../storages/base-storage.js';
import { InMemoryStorage } from '../storages/in-memory-storage.js';
import { StudyDirection } from '../study-direction.js';
import { findBestTrial } from './best-trials.js';
import { Study } from './study.js';

/** Options shared by `createStudy` and `loadStudy`. */
export interface StudyOptions {
  /**
   * Where trials live.
   * @default a new InMemoryStorage
   */
  storage?: BaseStorage;
  /**
   * Chooses parameter values.
   * @default new TPESampler() for one objective, new NSGAIISampler() for several (as Optuna)
   */
  sampler?: BaseSampler;
  /**
   * Decides when `trial.shouldPrune()` is true.
   * @default new MedianPruner() (as Optuna)
   */
  pruner?: BasePruner;
  /**
   * Receives warnings and trial outcomes instead of a log.
   * @default undefined
   */
  onEvent?: ObjectiveEventListener;
  /**
   * Time source (timeouts, heartbeats, datetimes of added trials).
   * @default systemClock
   */
  clock?: Clock;
}

/** Options of {@link createStudy}. */
export interface CreateStudyOptions extends StudyOptions {
  /**
   * The study's name, unique in its storage.
   * @default "no-name-<uuid>"
   */
  studyName?: string;
  /**
   * Direction of a single-objective study (give this or `directions`).
   * @default "minimize"
   */
  direction?: StudyDirection;
  /** Directions of a multi-objective study, one per objective. */
  directions?: readonly StudyDirection[];
  /**
   * Load the study if one with this name exists instead of failing.
   * @default false
   */
  loadIfExists?: boolean;
}


function resolveDirections(options: CreateStudyOptions): StudyDirection[] {
  if (options.direction !== undefined && options.directions !== undefined) {
    throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', 'give either `direction` or `directions`, not both');
  }
  const directions = options.directions ?? [options.direction ?? StudyDirection.MINIMIZE];
  if (directions.length === 0) throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', 'expected at least one direction in `directions`, got []');
  for (const direction of directions) {
    if (direction !== 'minimize' && direction !== 'maximize') {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected "minimize" or "maximize" as a direction, got ${echo(direction)}`);
    }
  }
  return [...directions];
}

function build(storage: BaseStorage, studyId: number, studyName: string, options: StudyOptions): Study {
  return new Study({
    storage,
    studyId,
    studyName,
    sampler: options.sampler ?? defaultSampler(storage, studyId),
    pruner: options.pruner ?? new MedianPruner(),
    clock: options.clock,
    onEvent: options.onEvent,
  });
}

/** Creates a study (Optuna's `create_study`). */
export function createStudy(options: CreateStudyOptions = {}): Study {
  const storage = options.storage ?? new InMemoryStorage();
  const directions = resolveDirections(options);
  const studyName = options.studyName ?? `no-name-${randomUUID()}`;
  try {
    const studyId = storage.createNewStudy(directions, studyName);
    return build(storage, studyId, studyName, options);
  } catch (error) {
    if (!(options.loadIfExists && error instanceof ObjectiveError && error.code === 'OBJECTIVE_DUPLICATED_STUDY')) throw error;
    const study = loadStudy({ ...options, studyName, storage });
    const explicit = options.directions !== undefined || options.direction !== undefined;
    if (explicit && study.directions.join() !== directions.join()) {
      throw new ObjectiveError(
        'OBJECTIVE_INVALID_ARGUMENT',
        `study ${echo(studyName)} exists with directions ${echo(study.directions)}, not ${echo(directions)}`,
        { cause: error },
      );
    }
    return study;
  }
}

/** Loads an existing study (Optuna's `load_study`). */
export function loadStudy(options: StudyOptions & { studyName: string; storage: BaseStorage }): Study {
  const studyId = options.storage.getStudyIdFromName(options.studyName);
  return build(options.storage, studyId, options.studyName, options);
}

/** Deletes a study and forgets its trials (Optuna's `delete_study`). */
export function deleteStudy(options: { studyName: string; storage: BaseStorage }): void {
  options.storage.deleteStudy(options.storage.getStudyIdFromName(options.studyName));
}

/** One line of {@link listStudies} (Optuna's `StudySummary`). */
export interface StudySummary {
  readonly studyName: string;
  readonly studyId: number;
  readonly directions: readonly StudyDirection[];
  readonly nTrials: number;
  /** The best trial of a single-objective study with a COMPLETE trial. */
  readonly bestTrial: FrozenTrial | undefined;
  readonly datetimeStart: Date | undefined;
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
}

/** Summaries of every study in a storage (Optuna's `get_all_study_summaries`). */
export function listStudies(storage: BaseStorage): StudySummary[] {
  return storage.getAllStudies().map((study) => {
    const trials = storage.getAllTrials(study.studyId);
    let bestTrial: FrozenTrial | undefined;
    if (study.directions.length === 1 && trials.some((trial) => trial.state === 'COMPLETE')) {
      bestTrial = findBestTrial(trials, study.directions);
    }
    const starts = trials.flatMap((trial) => (trial.datetimeStart ? [trial.datetimeStart.getTime()] : []));
    return {
      studyName: study.studyName,
      studyId: study.studyId,
      directions: study.directions,
      nTrials: trials.length,
      bestTrial,
      datetimeStart: starts.length > 0 ? new Date(starts.reduce((a, b) => Math.min(a, b))) : undefined,
      userAttrs: study.userAttrs,
      systemAttrs: study.systemAttrs,
    };
  });
}

/**
 * Copies a study, with its attrs and every trial, to another storage or name (Optuna's
 * `copy_study`), e.g. from an InMemoryStorage to a journal. Returns the new study.
 */
export function copyStudy(options: {
  fromStudyName: string;
  fromStorage: BaseStorage;
  toStorage: BaseStorage;
  /** @default the same name as the source */
  toStudyName?: string;
}): Study {
  const from = loadStudy({ studyName: options.fromStudyName, storage: options.fromStorage });
  const to = createStudy({
    studyName: options.toStudyName ?? options.fromStudyName,
    storage: options.toStorage,
    directions: from.directions,
  });
  for (const [key, value] of Object.entries(from.systemAttrs)) to.setSystemAttr(key, value);
  for (const [key, value] of Object.entries(from.userAttrs)) to.setUserAttr(key, value);
  to.addTrials(from.trials);
  return to;
}

/** Optuna's default: TPE for a single objective, NSGA-II for several. */
function defaultSampler(storage: BaseStorage, studyId: number): BaseSampler {
  return storage.getStudyDirections(studyId).length > 1 ? new NSGAIISampler() : new TPESampler();
}
