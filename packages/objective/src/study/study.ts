import { systemClock, type Clock } from '../clock.js';
import { ObjectiveError, echo } from '../errors.js';
import type { ObjectiveEvent, ObjectiveEventListener } from '../events.js';
import type { FrozenTrial, JsonValue } from '../frozen-trial.js';
import type { BasePruner } from '../pruners/base-pruner.js';
import type { BaseSampler, ParamValue } from '../samplers/base-sampler.js';
import type { BaseStorage, TrialInit } from '../storages/base-storage.js';
import type { StudyDirection } from '../study-direction.js';
import type { StudyView } from '../study-view.js';
import type { TrialState } from '../trial-state.js';
import { FIXED_PARAMS_ATTR, Trial } from '../trial/trial.js';
import type { TrialHost } from '../trial/trial-host.js';
import type { Distribution } from '../distributions/index.js';
import { findBestTrial, paretoFront } from './best-trials.js';
import { prepareTrialInit } from './create-trial.js';
import { runOptimize, type Objective, type OptimizeOptions } from './optimize.js';
import { tellTrial, type TellOptions } from './tell.js';
import { trialsToRows, type TrialRow, type TrialsToRowsOptions } from '../export/trials-dataframe.js';

/** Everything a {@link Study} is built from (see `createStudy` / `loadStudy`). */
export interface StudyInit {
  readonly storage: BaseStorage;
  readonly studyId: number;
  readonly studyName: string;
  readonly sampler: BaseSampler;
  readonly pruner: BasePruner;
  readonly clock?: Clock | undefined;
  readonly onEvent?: ObjectiveEventListener | undefined;
}

/**
 * An optimisation task: a set of trials in a storage (Optuna's `Study`). Create one
 * with `createStudy` or `loadStudy`.
 */
export class Study implements StudyView {
  readonly storage: BaseStorage;
  readonly studyId: number;
  readonly studyName: string;
  readonly sampler: BaseSampler;
  readonly pruner: BasePruner;
  readonly directions: readonly StudyDirection[];
  /** @internal */
  readonly clock: Clock;
  private readonly listener: ObjectiveEventListener | undefined;
  private stopRequested = false;
  /** @internal */
  readonly host: TrialHost;

  constructor(init: StudyInit) {
    this.storage = init.storage;
    this.studyId = init.studyId;
    this.studyName = init.studyName;
    this.sampler = init.sampler;
    this.pruner = init.pruner;
    this.clock = init.clock ?? systemClock;
    this.listener = init.onEvent;
    this.directions = this.storage.getStudyDirections(this.studyId);
    this.host = {
      storage: this.storage,
      sampler: this.sampler,
      pruner: this.pruner,
      view: this,
      emit: (event) => this.emit(event),
    };
  }

  /** @internal */
  emit(event: ObjectiveEvent): void {
    this.listener?.(event);
  }

  /** The single direction; throws for multi-objective studies. */
  get direction(): StudyDirection {
    if (this.directions.length !== 1) {
      throw new ObjectiveError(
        'OBJECTIVE_OBJECTIVE_COUNT',
        `this study has ${this.directions.length} objectives; use \`directions\` instead of \`direction\``,
      );
    }
    return this.directions[0] as StudyDirection;
  }

  /** All trials, in number order. */
  get trials(): readonly FrozenTrial[] {
    return this.getTrials();
  }

  getTrials(options: { states?: readonly TrialState[] } = {}): readonly FrozenTrial[] {
    return this.storage.getAllTrials(this.studyId, options);
  }

  /** The best COMPLETE trial (single objective). */
  get bestTrial(): FrozenTrial {
    return findBestTrial(this.getTrials({ states: ['COMPLETE'] }), this.directions);
  }

  get bestValue(): number {
    return this.bestTrial.value as number;
  }

  get bestParams(): FrozenTrial['params'] {
    return this.bestTrial.params;
  }

  /** The Pareto front of the COMPLETE trials (any number of objectives). */
  get bestTrials(): FrozenTrial[] {
    return paretoFront(this.getTrials({ states: ['COMPLETE'] }), this.directions);
  }

  get userAttrs(): Readonly<Record<string, JsonValue>> {
    return this.storage.getStudyUserAttrs(this.studyId);
  }

  get systemAttrs(): Readonly<Record<string, JsonValue>> {
    return this.storage.getStudySystemAttrs(this.studyId);
  }

  setUserAttr(key: string, value: JsonValue): void {
    this.storage.setStudyUserAttr(this.studyId, key, value);
  }

  setSystemAttr(key: string, value: JsonValue): void {
    this.storage.setStudySystemAttr(this.studyId, key, value);
  }

  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): void {
    this.storage.setTrialSystemAttr(trialId, key, value);
  }

  /** Asks `optimize` to start no new trial; running trials finish normally. */
  stop(): void {
    this.stopRequested = true;
  }

  /** @internal */
  get stopped(): boolean {
    return this.stopRequested;
  }

  /** @internal */
  resetStop(): void {
    this.stopRequested = false;
  }

  /**
   * Starts a trial (Optuna's `ask`): the oldest WAITING (enqueued) trial if another
   * worker has not taken it, else a new one. `fixedDistributions` are suggested at once.
   */
  ask(fixedDistributions: Readonly<Record<string, Distribution>> = {}): Trial {
    let trialId: number | undefined;
    for (const waiting of this.getTrials({ states: ['WAITING'] })) {
      if (this.storage.setTrialStateValues(waiting.trialId, 'RUNNING')) {
        trialId = waiting.trialId;
        break;
      }
    }
    trialId ??= this.storage.createNewTrial(this.studyId);
    const trial = new Trial(this.host, trialId);
    for (const [name, distribution] of Object.entries(fixedDistributions)) trial.suggest(name, distribution);
    return trial;
  }

  /**
   * Finishes a trial (Optuna's `tell`): `result` is its value(s) — COMPLETE — or a
   * state (`'PRUNED'`, `'FAIL'`). A pruned trial takes its last intermediate value.
   * Values that are not acceptable (NaN, missing, wrong count) fail the trial, with a
   * `trial-failed` event saying why, as Optuna does.
   */
  tell(trial: Trial | number, result?: number | readonly number[] | TrialState, options: TellOptions = {}): FrozenTrial {
    const told = tellTrial(this, trial, result, options);
    if (told.warning !== undefined) this.emit({ type: 'trial-failed', trialNumber: told.trial.number, reason: told.warning });
    return told.trial;
  }

  /** Runs the objective for `nTrials` trials, or until `timeout`, `stop()` or `signal`. */
  optimize(objective: Objective, options: OptimizeOptions = {}): Promise<void> {
    return runOptimize(this, objective, options);
  }

  /**
   * Queues a trial whose parameters are fixed (Optuna's `enqueue_trial`); the next
   * `ask` takes it. With `skipIfExists`, nothing is queued when a trial already has
   * (or is queued with) the same parameters.
   */
  enqueueTrial(
    enqueued: Readonly<Record<string, ParamValue | undefined>>,
    options: { userAttrs?: Readonly<Record<string, JsonValue>>; skipIfExists?: boolean } = {},
  ): void {
    // An `undefined` entry means "not fixed" (it could not be written to a journal anyway).
    const params = Object.fromEntries(Object.entries(enqueued).filter(([, v]) => v !== undefined)) as Record<string, ParamValue>;
    if (options.skipIfExists && this.alreadyHas(params)) {
      this.emit({ type: 'enqueue-skipped', params });
      return;
    }
    this.addTrial({
      state: 'WAITING',
      systemAttrs: { [FIXED_PARAMS_ATTR]: params },
      userAttrs: options.userAttrs ?? {},
    });
  }

  private alreadyHas(params: Readonly<Record<string, ParamValue>>): boolean {
    const keys = Object.keys(params).sort();
    return this.getTrials().some((trial) => {
      const fixed = trial.systemAttrs[FIXED_PARAMS_ATTR];
      const existing = (fixed !== null && typeof fixed === 'object' && !Array.isArray(fixed) ? fixed : trial.params) as Record<string, unknown>;
      const existingKeys = Object.keys(existing).sort();
      if (existingKeys.length !== keys.length || existingKeys.some((key, i) => key !== keys[i])) return false;
      return keys.every((key) => {
        const a = params[key];
        const b = existing[key];
        if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) || a === b;
        return a === b;
      });
    });
  }

  /** Adds a finished or waiting trial (Optuna's `add_trial`), e.g. a past evaluation. */
  addTrial(trial: TrialInit): void {
    this.storage.createNewTrial(this.studyId, prepareTrialInit(trial, this.directions.length, this.clock));
  }

  addTrials(trials: readonly TrialInit[]): void {
    for (const trial of trials) this.addTrial(trial);
  }

  /** The trial with this number, or throws. */
  getTrial(trialNumber: number): FrozenTrial {
    const trial = this.getTrials()[trialNumber];
    if (!trial) throw new ObjectiveError('OBJECTIVE_TRIAL_NOT_FOUND', `no trial number ${echo(trialNumber)} in study ${echo(this.studyName)}`);
    return trial;
  }

  /**
   * The trials as a table with Optuna's `trials_dataframe` columns (see `trialsToRows`);
   * write it with `rowsToCsv` or `rowsToJson`.
   */
  trialsDataframe(options: TrialsToRowsOptions = {}): { columns: string[]; rows: TrialRow[] } {
    return trialsToRows(this.getTrials(), this.directions, options);
  }
}
