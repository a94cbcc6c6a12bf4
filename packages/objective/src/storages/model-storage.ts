import { toInternal, type Distribution } from '../distributions/index.js';
import { ObjectiveError, echo } from '../errors.js';
import { systemClock, type Clock } from '../clock.js';
import type { FrozenTrial, JsonValue } from '../frozen-trial.js';
import type { StudyDirection } from '../study-direction.js';
import type { TrialState } from '../trial-state.js';
import type { BaseStorage, FailedTrialCallback, HeartbeatSettings, TrialInit } from './base-storage.js';
import type { StorageOperation, TrialTemplateData } from './operations.js';
import { StorageModel, type ApplyResult, type StoredStudy } from './storage-model.js';

/** The trial system attribute that holds a RUNNING trial's last heartbeat (epoch seconds). */
export const HEARTBEAT_ATTR = 'heartbeat';

/** Options every storage takes. */
export interface StorageOptions {
  /**
   * Seconds between heartbeats of a running trial; enables liveness tracking
   * (`failStaleTrials`). Optuna's `heartbeat_interval`.
   * @default undefined (off)
   */
  heartbeatInterval?: number;
  /**
   * Seconds without a heartbeat after which a RUNNING trial counts as stale.
   * @default 2 × heartbeatInterval
   */
  gracePeriod?: number;
  /**
   * Called with each trial that `failStaleTrials` failed, e.g. a `RetryFailedTrialCallback`.
   * @default undefined
   */
  failedTrialCallback?: FailedTrialCallback;
  /**
   * Time source for datetimes and heartbeats.
   * @default systemClock
   */
  clock?: Clock;
}

function positive(field: string, value: number | undefined): void {
  if (value !== undefined && !(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
    throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected a positive number of seconds for \`${field}\`, got ${echo(value)}`);
  }
}

/**
 * A storage whose state is a {@link StorageModel}. Subclasses say how an operation is
 * persisted (`commit`) and how the model catches up with others' writes (`refresh`).
 */
export abstract class ModelStorage implements BaseStorage {
  protected readonly model = new StorageModel();
  protected readonly clock: Clock;
  readonly heartbeat: HeartbeatSettings | undefined;

  constructor(options: StorageOptions = {}) {
    this.clock = options.clock ?? systemClock;
    positive('heartbeatInterval', options.heartbeatInterval);
    positive('gracePeriod', options.gracePeriod);
    this.heartbeat =
      options.heartbeatInterval === undefined
        ? undefined
        : {
            interval: options.heartbeatInterval,
            gracePeriod: options.gracePeriod ?? 2 * options.heartbeatInterval,
            failedTrialCallback: options.failedTrialCallback,
          };
  }

  /** Persists an operation and applies it to the model; returns what applying it did. */
  protected abstract commit(operation: StorageOperation): ApplyResult;
  /** Brings the model up to date with the backing store. */
  protected abstract refresh(): void;

  /**
   * Checks an operation against the model, catching up with the backing store only
   * when the check fails (the model may be behind), then commits it. Like Optuna, a
   * record that others' records made moot while we wrote is ignored by every replay,
   * ours included, which then reports why.
   */
  private execute(operation: StorageOperation): ApplyResult {
    let check = this.model.check(operation);
    if (!check.ok) {
      this.refresh();
      check = this.model.check(operation);
      if (!check.ok) return check;
    }
    return this.commit(operation);
  }

  private executeOrThrow(operation: StorageOperation): ApplyResult & { ok: true } {
    const result = this.execute(operation);
    if (!result.ok) throw result.error;
    return result;
  }

  createNewStudy(directions: readonly StudyDirection[], studyName: string): number {
    const result = this.executeOrThrow({ op: 'createStudy', studyName, directions });
    return result.id ?? this.getStudyIdFromName(studyName);
  }

  deleteStudy(studyId: number): void {
    this.executeOrThrow({ op: 'deleteStudy', studyId });
  }

  setStudyUserAttr(studyId: number, key: string, value: JsonValue): void {
    this.executeOrThrow({ op: 'setStudyUserAttr', studyId, attrs: { [key]: value } });
  }

  setStudySystemAttr(studyId: number, key: string, value: JsonValue): void {
    this.executeOrThrow({ op: 'setStudySystemAttr', studyId, attrs: { [key]: value } });
  }

  getStudyIdFromName(studyName: string): number {
    this.refresh();
    const id = this.model.studyIdFromName(studyName);
    if (id === undefined) throw new ObjectiveError('OBJECTIVE_STUDY_NOT_FOUND', `no study named ${echo(studyName)}`);
    return id;
  }

  getStudyNameFromId(studyId: number): string {
    this.refresh();
    return this.model.study(studyId).studyName;
  }

  getStudyDirections(studyId: number): readonly StudyDirection[] {
    this.refresh();
    return this.model.study(studyId).directions;
  }

  getStudyUserAttrs(studyId: number): Readonly<Record<string, JsonValue>> {
    this.refresh();
    return this.model.study(studyId).userAttrs;
  }

  getStudySystemAttrs(studyId: number): Readonly<Record<string, JsonValue>> {
    this.refresh();
    return this.model.study(studyId).systemAttrs;
  }

  getAllStudies(): readonly StoredStudy[] {
    this.refresh();
    return this.model.allStudies();
  }

  createNewTrial(studyId: number, template?: TrialInit): number {
    const operation: StorageOperation = {
      op: 'createTrial',
      studyId,
      datetimeStart: template ? (template.datetimeStart ?? null) : new Date(this.clock.now()),
      template: template ? templateData(template) : null,
    };
    const result = this.executeOrThrow(operation);
    if (result.id === undefined) throw new ObjectiveError('OBJECTIVE_IO', 'the storage did not report the new trial id');
    return result.id;
  }

  setTrialParam(trialId: number, paramName: string, internalValue: number, distribution: Distribution): void {
    this.executeOrThrow({ op: 'setTrialParam', trialId, name: paramName, internal: internalValue, distribution });
  }

  setTrialStateValues(trialId: number, state: TrialState, values: readonly number[] | null = null): boolean {
    const now = new Date(this.clock.now());
    const finished = state === 'COMPLETE' || state === 'PRUNED' || state === 'FAIL';
    const result = this.execute({
      op: 'setTrialStateValues',
      trialId,
      state,
      values,
      ...(state === 'RUNNING' ? { datetimeStart: now } : {}),
      ...(finished ? { datetimeComplete: now } : {}),
    });
    if (result.ok) return true;
    if (result.runningConflict) return false;
    throw result.error;
  }

  setTrialIntermediateValue(trialId: number, step: number, value: number): void {
    this.executeOrThrow({ op: 'setTrialIntermediateValue', trialId, step, value });
  }

  setTrialUserAttr(trialId: number, key: string, value: JsonValue): void {
    this.executeOrThrow({ op: 'setTrialUserAttr', trialId, attrs: { [key]: value } });
  }

  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): void {
    this.executeOrThrow({ op: 'setTrialSystemAttr', trialId, attrs: { [key]: value } });
  }

  getTrial(trialId: number): FrozenTrial {
    this.refresh();
    return this.model.trial(trialId);
  }

  getAllTrials(studyId: number, options: { states?: readonly TrialState[] } = {}): readonly FrozenTrial[] {
    this.refresh();
    return this.model.studyTrials(studyId, options.states);
  }

  getTrialIdFromStudyIdTrialNumber(studyId: number, trialNumber: number): number {
    const trial = this.getAllTrials(studyId)[trialNumber];
    if (!trial) {
      throw new ObjectiveError('OBJECTIVE_TRIAL_NOT_FOUND', `no trial number ${echo(trialNumber)} in study ${echo(studyId)}`);
    }
    return trial.trialId;
  }

  recordHeartbeat(trialId: number): void {
    this.setTrialSystemAttr(trialId, HEARTBEAT_ATTR, this.clock.now() / 1000);
  }

  getStaleTrialIds(studyId: number): number[] {
    if (!this.heartbeat) return [];
    const deadline = this.clock.now() / 1000 - this.heartbeat.gracePeriod;
    return this.getAllTrials(studyId, { states: ['RUNNING'] })
      .filter((trial) => {
        const beat = trial.systemAttrs[HEARTBEAT_ATTR];
        return typeof beat === 'number' && beat < deadline;
      })
      .map((trial) => trial.trialId);
  }
}

function templateData(template: TrialInit): TrialTemplateData {
  const distributions = template.distributions ?? {};
  const params: Record<string, number> = {};
  for (const [name, value] of Object.entries(template.params ?? {})) {
    const distribution = distributions[name];
    if (!distribution) {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `param ${echo(name)} has no distribution in the trial to add`);
    }
    params[name] = toInternal(distribution, value);
  }
  const values = template.values ?? (template.value === undefined ? null : [template.value]);
  const raw = template.intermediateValues ?? new Map<number, number>();
  const intermediateValues =
    raw instanceof Map ? new Map(raw) : new Map(Object.entries(raw).map(([step, v]) => [Number(step), v] as [number, number]));
  return {
    state: template.state,
    values,
    datetimeComplete: template.datetimeComplete ?? null,
    params,
    distributions,
    userAttrs: template.userAttrs ?? {},
    systemAttrs: template.systemAttrs ?? {},
    intermediateValues,
  };
}
