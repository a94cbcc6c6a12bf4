import type { FrozenTrial, JsonValue } from '../../frozen-trial.js';
import type { StudyDirection } from '../../study-direction.js';
import type { StudyView } from '../../study-view.js';
import type { TrialState } from '../../trial-state.js';
import type { BasePruner } from '../base-pruner.js';

interface TrialRecord {
  number: number;
  trialId: number;
  state: TrialState;
  value: number | undefined;
  intermediateValues: Map<number, number>;
  systemAttrs: Record<string, JsonValue>;
}

/**
 * A small in-memory study for pruner tests, independent of the package's `Study`:
 * trials start, report and finish as Optuna's ask/report/tell would record them, and
 * `shouldPrune` asks the pruner with a fresh frozen snapshot of the trial. Trial ids
 * are offset from numbers (`number + 1000`) so a pruner mixing them up is caught.
 */
export class RecordedStudy implements StudyView {
  readonly studyName: string;
  readonly studyId = 0;
  readonly directions: readonly StudyDirection[];
  readonly #records: TrialRecord[] = [];
  stopped = false;

  constructor(options: { studyName?: string; direction?: StudyDirection; directions?: readonly StudyDirection[] } = {}) {
    this.studyName = options.studyName ?? 'recorded-study';
    this.directions = options.directions ?? [options.direction ?? 'minimize'];
  }

  get direction(): StudyDirection {
    if (this.directions.length !== 1) throw new Error('multi-objective study has no single direction');
    return this.directions[0] as StudyDirection;
  }

  getTrials(options: { states?: readonly TrialState[] } = {}): readonly FrozenTrial[] {
    const states = options.states;
    return this.#records.filter((r) => states === undefined || states.includes(r.state)).map(freeze);
  }

  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): void {
    this.#record(trialId - 1000).systemAttrs[key] = value;
  }

  stop(): void {
    this.stopped = true;
  }

  /** Start a RUNNING trial; returns its number. */
  start(): number {
    const number = this.#records.length;
    this.#records.push({
      number,
      trialId: number + 1000,
      state: 'RUNNING',
      value: undefined,
      intermediateValues: new Map(),
      systemAttrs: {},
    });
    return number;
  }

  /** Record an intermediate value (a repeated step is ignored, as Optuna does). */
  report(number: number, step: number, value: number): void {
    const r = this.#record(number);
    if (!r.intermediateValues.has(step)) r.intermediateValues.set(step, value);
  }

  /** Ask `pruner` about the trial, as `trial.shouldPrune()` does. */
  shouldPrune(pruner: BasePruner, number: number): boolean {
    return pruner.prune(this, freeze(this.#record(number)));
  }

  /** Finish a trial. PRUNED takes the last intermediate value if it is not NaN (Optuna's rule). */
  finish(number: number, state: 'COMPLETE' | 'PRUNED' | 'FAIL', value?: number): void {
    const r = this.#record(number);
    r.state = state;
    if (state === 'COMPLETE') r.value = value;
    if (state === 'PRUNED') {
      const steps = [...r.intermediateValues.keys()];
      if (steps.length > 0) {
        const last = r.intermediateValues.get(Math.max(...steps)) as number;
        if (!Number.isNaN(last)) r.value = last;
      }
    }
  }

  /** Add a whole trial at once. */
  add(trial: { state: TrialState; value?: number; values?: Record<number, number> | [number, number][] }): number {
    const number = this.start();
    const entries = Array.isArray(trial.values) ? trial.values : Object.entries(trial.values ?? {}).map(([s, v]) => [Number(s), v] as [number, number]);
    for (const [step, v] of entries) this.report(number, step, v);
    const r = this.#record(number);
    r.state = trial.state;
    r.value = trial.value;
    return number;
  }

  /** A frozen snapshot of one trial. */
  trial(number: number): FrozenTrial {
    return freeze(this.#record(number));
  }

  #record(number: number): TrialRecord {
    const r = this.#records[number];
    if (r === undefined) throw new Error(`no trial number ${number}`);
    return r;
  }
}

function freeze(r: TrialRecord): FrozenTrial {
  return Object.freeze({
    number: r.number,
    trialId: r.trialId,
    state: r.state,
    value: r.value,
    values: r.value === undefined ? undefined : [r.value],
    datetimeStart: undefined,
    datetimeComplete: undefined,
    params: {},
    distributions: {},
    userAttrs: {},
    systemAttrs: Object.freeze({ ...r.systemAttrs }),
    intermediateValues: new Map(r.intermediateValues),
  });
}
