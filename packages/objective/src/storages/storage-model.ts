import { checkDistributionCompatibility, toExternal, type Distribution } from '../distributions/index.js';
import { ObjectiveError, echo } from '../errors.js';
import type { FrozenTrial, JsonValue } from '../frozen-trial.js';
import type { StudyDirection } from '../study-direction.js';
import { isFinished, type TrialState } from '../trial-state.js';
import type { StorageOperation } from './operations.js';

interface TrialRecord {
  readonly trialId: number;
  readonly studyId: number;
  readonly number: number;
  state: TrialState;
  values: readonly number[] | null;
  datetimeStart: Date | null;
  datetimeComplete: Date | null;
  params: Record<string, number>;
  distributions: Record<string, Distribution>;
  userAttrs: Record<string, JsonValue>;
  systemAttrs: Record<string, JsonValue>;
  intermediateValues: Map<number, number>;
  frozen: FrozenTrial | undefined;
}

interface StudyRecord {
  readonly studyId: number;
  readonly studyName: string;
  readonly directions: readonly StudyDirection[];
  userAttrs: Record<string, JsonValue>;
  systemAttrs: Record<string, JsonValue>;
  readonly trials: TrialRecord[];
  /** The first distribution seen for each parameter name (Optuna's compatibility reference). */
  readonly paramDistributions: Map<string, Distribution>;
  frozenTrials: readonly FrozenTrial[] | undefined;
  /**
   * Snapshots filtered by a set of states (key: the states sorted and joined). A change to a
   * trial drops only the snapshots that hold its old or new state, so samplers that read the
   * finished trials on every suggestion do not re-filter them while a trial is running.
   */
  readonly byStates: Map<string, { readonly states: ReadonlySet<TrialState>; readonly trials: readonly FrozenTrial[] }>;
}

/** A study as the storage knows it. */
export interface StoredStudy {
  readonly studyId: number;
  readonly studyName: string;
  readonly directions: readonly StudyDirection[];
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
}

/** The outcome of applying an operation: its result, or why it was ignored. */
export type ApplyResult =
  | { readonly ok: true; readonly id?: number }
  | { readonly ok: false; readonly error: ObjectiveError; readonly runningConflict?: boolean };

const OK: ApplyResult = { ok: true };

function rejected(code: ObjectiveError['code'], message: string, runningConflict = false): ApplyResult {
  return { ok: false, error: new ObjectiveError(code, message), runningConflict };
}

/**
 * The state of all studies and trials, rebuilt by applying operations in order with
 * Optuna's journal replay rules (ids, numbering, ignored updates of finished trials,
 * first RUNNING wins). Both storages are this model: in memory directly, the journal
 * by replaying its records.
 */
export class StorageModel {
  private readonly studies = new Map<number, StudyRecord>();
  private readonly studyIdsByName = new Map<string, number>();
  private readonly trials: TrialRecord[] = [];
  private nextStudyId = 0;

  /** Whether `apply` would accept the operation now, without changing anything. */
  check(operation: StorageOperation): ApplyResult {
    switch (operation.op) {
      case 'createStudy':
        return this.studyIdsByName.has(operation.studyName)
          ? rejected('OBJECTIVE_DUPLICATED_STUDY', `a study named ${echo(operation.studyName)} already exists`)
          : OK;
      case 'deleteStudy':
      case 'setStudyUserAttr':
      case 'setStudySystemAttr':
      case 'createTrial':
        return this.studies.has(operation.studyId) ? OK : this.missingStudy(operation.studyId);
      default: {
        const found = this.updatableTrial(operation.trialId);
        if (!found.ok) return found.rejection;
        const { trial, study } = found;
        if (operation.op === 'setTrialStateValues' && operation.state === 'RUNNING' && trial.state === 'RUNNING') {
          return rejected('OBJECTIVE_INVALID_TRIAL_STATE', `trial ${trial.number} is already RUNNING`, true);
        }
        if (operation.op === 'setTrialParam') {
          const previous = study.paramDistributions.get(operation.name);
          if (previous) {
            try {
              checkDistributionCompatibility(operation.name, previous, operation.distribution);
            } catch (error) {
              return { ok: false, error: error as ObjectiveError };
            }
          }
        }
        return OK;
      }
    }
  }

  /** Applies an operation, or leaves the state unchanged and says why it was ignored. */
  apply(operation: StorageOperation): ApplyResult {
    switch (operation.op) {
      case 'createStudy': {
        if (this.studyIdsByName.has(operation.studyName)) {
          return rejected('OBJECTIVE_DUPLICATED_STUDY', `a study named ${echo(operation.studyName)} already exists`);
        }
        const studyId = this.nextStudyId++;
        this.studies.set(studyId, {
          studyId,
          studyName: operation.studyName,
          directions: [...operation.directions],
          userAttrs: {},
          systemAttrs: {},
          trials: [],
          paramDistributions: new Map(),
          frozenTrials: undefined,
          byStates: new Map(),
        });
        this.studyIdsByName.set(operation.studyName, studyId);
        return { ok: true, id: studyId };
      }
      case 'deleteStudy': {
        const study = this.studies.get(operation.studyId);
        if (!study) return this.missingStudy(operation.studyId);
        this.studies.delete(study.studyId);
        this.studyIdsByName.delete(study.studyName);
        return OK;
      }
      case 'setStudyUserAttr':
      case 'setStudySystemAttr': {
        const study = this.studies.get(operation.studyId);
        if (!study) return this.missingStudy(operation.studyId);
        const key = operation.op === 'setStudyUserAttr' ? 'userAttrs' : 'systemAttrs';
        study[key] = { ...study[key], ...operation.attrs };
        return OK;
      }
      case 'createTrial':
        return this.createTrial(operation);
      default:
        return this.updateTrial(operation);
    }
  }

  private missingStudy(studyId: number): ApplyResult {
    return rejected('OBJECTIVE_STUDY_NOT_FOUND', `no study with id ${echo(studyId)}`);
  }

  private createTrial(operation: Extract<StorageOperation, { op: 'createTrial' }>): ApplyResult {
    const study = this.studies.get(operation.studyId);
    if (!study) return this.missingStudy(operation.studyId);
    const template = operation.template;
    const trialId = this.trials.length;
    const record: TrialRecord = {
      trialId,
      studyId: study.studyId,
      number: study.trials.length,
      state: template?.state ?? 'RUNNING',
      values: template?.values ?? null,
      datetimeStart: operation.datetimeStart,
      datetimeComplete: template?.datetimeComplete ?? null,
      params: { ...template?.params },
      distributions: { ...template?.distributions },
      userAttrs: { ...template?.userAttrs },
      systemAttrs: { ...template?.systemAttrs },
      intermediateValues: new Map(template?.intermediateValues),
      frozen: undefined,
    };
    for (const [name, distribution] of Object.entries(record.distributions)) {
      if (!study.paramDistributions.has(name)) study.paramDistributions.set(name, distribution);
    }
    this.trials.push(record);
    study.trials.push(record);
    invalidate(study, record.state);
    return { ok: true, id: trialId };
  }

  /** The trial an update targets and its study, or why the update must be ignored. */
  private updatableTrial(
    trialId: number,
  ): { ok: true; trial: TrialRecord; study: StudyRecord } | { ok: false; rejection: ApplyResult } {
    const trial = this.trials[trialId];
    const study = trial && this.studies.get(trial.studyId);
    if (!trial || !study) return { ok: false, rejection: rejected('OBJECTIVE_TRIAL_NOT_FOUND', `no trial with id ${echo(trialId)}`) };
    if (isFinished(trial.state)) {
      const message = `trial ${trial.number} (id ${trial.trialId}) is already ${trial.state} and cannot be updated`;
      return { ok: false, rejection: rejected('OBJECTIVE_TRIAL_FINISHED', message) };
    }
    return { ok: true, trial, study };
  }

  private updateTrial(operation: Exclude<StorageOperation, { op: 'createTrial' | 'createStudy' | 'deleteStudy' | 'setStudyUserAttr' | 'setStudySystemAttr' }>): ApplyResult {
    const found = this.updatableTrial(operation.trialId);
    if (!found.ok) return found.rejection;
    const { trial, study } = found;
    // Snapshots handed out share the record's objects: copy on write only when one exists.
    const shared = trial.frozen !== undefined;
    const before = trial.state;
    switch (operation.op) {
      case 'setTrialParam': {
        const previous = study.paramDistributions.get(operation.name);
        if (previous) {
          try {
            checkDistributionCompatibility(operation.name, previous, operation.distribution);
          } catch (error) {
            return { ok: false, error: error as ObjectiveError };
          }
        } else {
          study.paramDistributions.set(operation.name, operation.distribution);
        }
        if (shared) {
          trial.params = { ...trial.params };
          trial.distributions = { ...trial.distributions };
        }
        trial.params[operation.name] = operation.internal;
        trial.distributions[operation.name] = operation.distribution;
        break;
      }
      case 'setTrialStateValues': {
        if (operation.state === 'RUNNING' && trial.state === 'RUNNING') {
          return rejected('OBJECTIVE_INVALID_TRIAL_STATE', `trial ${trial.number} is already RUNNING`, true);
        }
        trial.state = operation.state;
        if (operation.values !== null) trial.values = [...operation.values];
        if (operation.state === 'RUNNING' && operation.datetimeStart) trial.datetimeStart = operation.datetimeStart;
        if (isFinished(operation.state) && operation.datetimeComplete) trial.datetimeComplete = operation.datetimeComplete;
        break;
      }
      case 'setTrialIntermediateValue': {
        if (shared) trial.intermediateValues = new Map(trial.intermediateValues);
        trial.intermediateValues.set(operation.step, operation.value);
        break;
      }
      case 'setTrialUserAttr':
        trial.userAttrs = shared ? { ...trial.userAttrs, ...operation.attrs } : Object.assign(trial.userAttrs, operation.attrs);
        break;
      case 'setTrialSystemAttr':
        trial.systemAttrs = shared ? { ...trial.systemAttrs, ...operation.attrs } : Object.assign(trial.systemAttrs, operation.attrs);
        break;
    }
    trial.frozen = undefined;
    invalidate(study, before, trial.state);
    return OK;
  }

  // ---- queries -------------------------------------------------------------------

  hasStudy(studyId: number): boolean {
    return this.studies.has(studyId);
  }

  study(studyId: number): StoredStudy {
    const study = this.studies.get(studyId);
    if (!study) throw new ObjectiveError('OBJECTIVE_STUDY_NOT_FOUND', `no study with id ${echo(studyId)}`);
    return study;
  }

  studyIdFromName(studyName: string): number | undefined {
    return this.studyIdsByName.get(studyName);
  }

  allStudies(): StoredStudy[] {
    return [...this.studies.values()];
  }

  /** The distribution a parameter name is bound to in a study, if any trial used it. */
  paramDistribution(studyId: number, name: string): Distribution | undefined {
    return this.studies.get(studyId)?.paramDistributions.get(name);
  }

  trialExists(trialId: number): boolean {
    return this.trials[trialId] !== undefined;
  }

  trial(trialId: number): FrozenTrial {
    const record = this.trials[trialId];
    if (!record) throw new ObjectiveError('OBJECTIVE_TRIAL_NOT_FOUND', `no trial with id ${echo(trialId)}`);
    return freeze(record);
  }

  trialStudyId(trialId: number): number | undefined {
    return this.trials[trialId]?.studyId;
  }

  /**
   * The trials of a study in number order, all or those in `states`; each array is cached
   * until a trial it holds (or could hold) changes.
   */
  studyTrials(studyId: number, states?: readonly TrialState[]): readonly FrozenTrial[] {
    const study = this.studies.get(studyId);
    if (!study) throw new ObjectiveError('OBJECTIVE_STUDY_NOT_FOUND', `no study with id ${echo(studyId)}`);
    if (states === undefined) return (study.frozenTrials ??= Object.freeze(study.trials.map(freeze)));
    const key = states.length === 1 ? (states[0] as string) : [...states].sort().join(',');
    let cached = study.byStates.get(key);
    if (cached === undefined) {
      const wanted = new Set(states);
      const trials: FrozenTrial[] = [];
      for (const record of study.trials) if (wanted.has(record.state)) trials.push(freeze(record));
      cached = { states: wanted, trials: Object.freeze(trials) };
      study.byStates.set(key, cached);
    }
    return cached.trials;
  }
}

/** Drops the snapshots a change to a trial in these states makes stale. */
function invalidate(study: StudyRecord, ...states: TrialState[]): void {
  study.frozenTrials = undefined;
  for (const [key, entry] of study.byStates) if (states.some((state) => entry.states.has(state))) study.byStates.delete(key);
}

function freeze(record: TrialRecord): FrozenTrial {
  if (record.frozen) return record.frozen;
  const params: Record<string, number | string | boolean | null> = {};
  for (const [name, internal] of Object.entries(record.params)) {
    const distribution = record.distributions[name];
    params[name] = distribution ? toExternal(distribution, internal) : internal;
  }
  const values = record.values === null ? undefined : Object.freeze([...record.values]);
  record.frozen = Object.freeze({
    number: record.number,
    trialId: record.trialId,
    state: record.state,
    value: values?.length === 1 ? values[0] : undefined,
    values,
    datetimeStart: record.datetimeStart ?? undefined,
    datetimeComplete: record.datetimeComplete ?? undefined,
    params: Object.freeze(params),
    distributions: record.distributions,
    userAttrs: record.userAttrs,
    systemAttrs: record.systemAttrs,
    intermediateValues: record.intermediateValues,
  });
  return record.frozen;
}
