import type { Distribution } from '../../distributions/index.js';
import { toInternal } from '../../distributions/representation.js';
import type { FrozenTrial } from '../../frozen-trial.js';
import type { StudyView } from '../../study-view.js';
import type { TrialState } from '../../trial-state.js';
import { HEAP, type Allocator } from './arena.js';

/** Key of Optuna's system attribute holding a trial's constraint values. */
export const CONSTRAINTS_KEY = 'constraints';

/**
 * The trials TPE learns from, as columns in trial order (Optuna's
 * `_get_observation_pairs`): the ranking key `(stepKey, score)` — complete trials
 * rank by value, pruned trials by their last intermediate value and later steps
 * first, running trials (constant liar) last — and the constraint violation.
 */
export interface Observations {
  /** Trial numbers, ascending. */
  readonly numbers: Int32Array;
  readonly stepKeys: Float64Array;
  /** Signed (minimised) objective values, `nObjectives` per trial, row-major. */
  readonly scores: Float64Array;
  readonly nObjectives: number;
  /** Sum of positive constraint values (0 = feasible), or undefined without constraints. */
  readonly violations: Float64Array | undefined;
  /** Trials that finished (COMPLETE or PRUNED): the `n` of `gamma(n)`. */
  readonly nFinished: number;
  /** Running trials among them (constant liar), whose params are read fresh. */
  readonly running: ReadonlyMap<number, FrozenTrial>;
}

/** Growing storage behind the observations' columns (the observations are views of a prefix). */
interface Columns {
  numbers: Int32Array;
  stepKeys: Float64Array;
  scores: Float64Array;
  violations: Float64Array | undefined;
}

/** The last collection without running trials: `count` trials read, the last numbered `lastNumber`. */
interface Collected {
  readonly obs: Observations;
  readonly columns: Columns;
  readonly count: number;
  readonly lastNumber: number;
  readonly constraints: boolean;
}

function newColumns(capacity: number, nObj: number, constraints: boolean): Columns {
  const size = Math.max(capacity, 16);
  return {
    numbers: new Int32Array(size),
    stepKeys: new Float64Array(size),
    scores: new Float64Array(size * nObj),
    violations: constraints ? new Float64Array(size) : undefined,
  };
}

/** Room for `rows` rows: the same storage, or (doubled) copies — views already handed out keep the old storage. */
function reserve(columns: Columns, rows: number, nObj: number): Columns {
  if (rows <= columns.numbers.length) return columns;
  const bigger = newColumns(Math.max(rows, 2 * columns.numbers.length), nObj, columns.violations !== undefined);
  bigger.numbers.set(columns.numbers);
  bigger.stepKeys.set(columns.stepKeys);
  bigger.scores.set(columns.scores);
  bigger.violations?.set(columns.violations as Float64Array);
  return bigger;
}

interface Record_ {
  readonly stepKey: number;
  readonly scores: readonly number[];
  readonly violation: number;
}

/**
 * A per-study cache of everything TPE derives from finished trials: a finished trial
 * never changes, so its ranking key and its internal parameter values are computed
 * once and kept in growing columns indexed by trial number.
 */
export class ObservationCache {
  private studyId: number | undefined;
  private records: (Record_ | undefined)[] = [];
  private readonly columns = new Map<string, Float64Array>();
  /** Per parameter, the finished trials that have it, in ascending order of value (then number). */
  private readonly sorted = new Map<string, { numbers: Int32Array; length: number }>();
  /** Scratch: a trial's position among an estimator's observations, −1 elsewhere. */
  private positions = new Int32Array(64).fill(-1);
  private capacity = 64;
  private last: Collected | undefined;

  constructor(private readonly onMissingConstraints?: (trialNumber: number) => void) {}

  private reset(study: StudyView): void {
    if (this.studyId === study.studyId) return;
    this.studyId = study.studyId;
    this.records = [];
    this.columns.clear();
    this.sorted.clear();
    this.capacity = 64;
    this.last = undefined;
  }

  /**
   * Collects the observations (constant liar adds running trials). Without running
   * trials the columns grow in place: finished trials never change nor leave the
   * finished states, so a list whose entry at the last count still has the last number
   * begins with the trials already collected, and only the new ones are read.
   */
  collect(study: StudyView, constantLiar: boolean, constraintsEnabled: boolean): Observations {
    this.reset(study);
    const states: TrialState[] = constantLiar ? ['COMPLETE', 'PRUNED', 'RUNNING'] : ['COMPLETE', 'PRUNED'];
    const trials = study.getTrials({ states });
    if (constantLiar) return this.build(study, trials, constraintsEnabled, undefined).obs;
    const last = this.last;
    const extends_ =
      last !== undefined &&
      last.constraints === constraintsEnabled &&
      trials.length >= last.count &&
      (last.count === 0 || trials[last.count - 1]?.number === last.lastNumber);
    if (extends_ && last.count === trials.length) return last.obs;
    const grown = this.build(study, trials, constraintsEnabled, extends_ ? last : undefined);
    this.last = { ...grown, count: trials.length, lastNumber: trials[trials.length - 1]?.number ?? -1, constraints: constraintsEnabled };
    return grown.obs;
  }

  private build(study: StudyView, trials: readonly FrozenTrial[], constraintsEnabled: boolean, from: Collected | undefined): { obs: Observations; columns: Columns } {
    const multi = study.directions.length > 1;
    const signs = study.directions.map((d) => (d === 'minimize' ? 1 : -1));
    const nObj = signs.length;
    const columns = from === undefined ? newColumns(trials.length, nObj, constraintsEnabled) : reserve(from.columns, from.obs.numbers.length + trials.length - from.count, nObj);
    const { numbers, stepKeys, scores, violations } = columns;
    const running = new Map<number, FrozenTrial>();
    let k = from?.obs.numbers.length ?? 0;
    let nFinished = from?.obs.nFinished ?? 0;
    for (let t = from?.count ?? 0; t < trials.length; t++) {
      const trial = trials[t] as FrozenTrial;
      let record: Record_ | undefined;
      if (trial.state === 'RUNNING') {
        if (multi) continue;
        record = { stepKey: Infinity, scores: [Infinity], violation: Infinity };
        running.set(trial.number, trial);
      } else {
        record = this.records[trial.number];
        if (record === undefined) {
          record = this.makeRecord(trial, signs, multi, constraintsEnabled);
          if (record === undefined) continue;
          this.records[trial.number] = record;
          this.store(trial);
        }
        nFinished++;
      }
      numbers[k] = trial.number;
      stepKeys[k] = record.stepKey;
      for (let o = 0; o < nObj; o++) scores[k * nObj + o] = record.scores[o] ?? Infinity;
      if (violations) violations[k] = record.violation;
      k++;
    }
    const obs = {
      numbers: numbers.subarray(0, k),
      stepKeys: stepKeys.subarray(0, k),
      scores: scores.subarray(0, k * nObj),
      nObjectives: nObj,
      violations: violations?.subarray(0, k),
      nFinished,
      running,
    };
    return { obs, columns };
  }

  /** Internal values of `name` for the given trials (NaN where the trial lacks it). */
  column(name: string, obs: Observations, indices: ArrayLike<number>, alloc: Allocator = HEAP): Float64Array {
    const col = this.columns.get(name);
    const out = alloc.f64(indices.length);
    if (obs.running.size === 0) {
      if (col === undefined) return out.fill(Number.NaN);
      for (let j = 0; j < indices.length; j++) out[j] = col[obs.numbers[indices[j] as number] as number] ?? Number.NaN;
      return out;
    }
    for (let j = 0; j < indices.length; j++) {
      const number = obs.numbers[indices[j] as number] as number;
      const live = obs.running.get(number);
      if (live !== undefined) out[j] = internalOf(live, name);
      else out[j] = col === undefined ? Number.NaN : (col[number] ?? Number.NaN);
    }
    return out;
  }

  /**
   * The order of `name`'s values over the trials `indices[keep[j]]` (indices into `obs`;
   * `keep` defaults to all), as positions j in ascending order of value, ties by trial
   * number — what an argsort of that column gives — read off the sorted list kept as trials
   * finish, in one pass and without a sort. Undefined with running trials (constant liar),
   * whose values are not in the list.
   */
  sortedPositions(name: string, obs: Observations, indices: ArrayLike<number>, keep?: readonly number[], alloc: Allocator = HEAP): Uint32Array | undefined {
    const list = this.sorted.get(name);
    if (list === undefined || obs.running.size > 0) return undefined;
    const k = keep === undefined ? indices.length : keep.length;
    if (this.positions.length < this.capacity) this.positions = new Int32Array(this.capacity).fill(-1);
    const positions = this.positions;
    for (let j = 0; j < k; j++) {
      const row = keep === undefined ? j : (keep[j] as number);
      positions[obs.numbers[indices[row] as number] as number] = j;
    }
    const out = alloc.u32(k);
    let c = 0;
    for (let t = 0; t < list.length && c < k; t++) {
      const j = positions[list.numbers[t] as number] as number;
      if (j >= 0) out[c++] = j;
    }
    for (let j = 0; j < k; j++) {
      const row = keep === undefined ? j : (keep[j] as number);
      positions[obs.numbers[indices[row] as number] as number] = -1;
    }
    return c === k ? out : undefined;
  }

  /**
   * For a univariate estimator over the trials `indices` (into `obs`): its kernel centres
   * — `name`'s internal values, their logs when `log`, and the prior's centre `prior`
   * (index `indices.length`) when given — in ascending order, with each one's index, read
   * off the sorted list in one walk. Undefined when two centres are equal (numpy's order
   * of equals must then be worked out) or with running trials.
   */
  sortedCentres(
    name: string,
    obs: Observations,
    indices: Int32Array,
    log: boolean,
    prior: number | undefined,
    alloc: Allocator = HEAP,
  ): { centres: Float64Array; order: Uint32Array } | undefined {
    const list = this.sorted.get(name);
    const col = this.columns.get(name);
    if (list === undefined || col === undefined || obs.running.size > 0) return undefined;
    const k = indices.length;
    const m = k + (prior === undefined ? 0 : 1);
    if (this.positions.length < this.capacity) this.positions = new Int32Array(this.capacity).fill(-1);
    const positions = this.positions;
    for (let j = 0; j < k; j++) positions[obs.numbers[indices[j] as number] as number] = j;
    const centres = alloc.f64(m);
    const order = alloc.u32(m);
    let c = 0;
    let priorLeft = prior !== undefined;
    let tie = false;
    for (let t = 0; t < list.length && c < m && !tie; t++) {
      const number = list.numbers[t] as number;
      const j = positions[number] as number;
      if (j < 0) continue;
      const value = col[number] as number;
      const x = log ? Math.log(value) : value;
      if (priorLeft && (prior as number) <= x) {
        tie = prior === x;
        centres[c] = prior as number;
        order[c++] = k;
        priorLeft = false;
      }
      if (c > 0 && centres[c - 1] === x) tie = true;
      centres[c] = x;
      order[c++] = j;
    }
    if (priorLeft && c === k) {
      centres[c] = prior as number;
      order[c++] = k;
    }
    for (let j = 0; j < k; j++) positions[obs.numbers[indices[j] as number] as number] = -1;
    return c === m && !tie ? { centres, order } : undefined;
  }

  private makeRecord(trial: FrozenTrial, signs: readonly number[], multi: boolean, constraintsEnabled: boolean): Record_ | undefined {
    let stepKey: number;
    let scores: number[];
    if (trial.state === 'COMPLETE') {
      if (trial.values === undefined) return undefined;
      stepKey = Number.NEGATIVE_INFINITY;
      scores = trial.values.map((v, i) => (signs[i] as number) * v);
    } else {
      if (multi) return undefined;
      if (trial.intermediateValues.size > 0) {
        let step = Number.NEGATIVE_INFINITY;
        for (const s of trial.intermediateValues.keys()) if (s > step) step = s;
        const value = trial.intermediateValues.get(step) as number;
        stepKey = -step;
        scores = [Number.isNaN(value) ? Infinity : (signs[0] as number) * value];
      } else {
        stepKey = 1;
        scores = [0];
      }
    }
    let violation = 0;
    if (constraintsEnabled) {
      const constraints = trial.systemAttrs[CONSTRAINTS_KEY];
      if (!Array.isArray(constraints)) {
        this.onMissingConstraints?.(trial.number);
        violation = Infinity;
      } else for (const c of constraints) if (typeof c === 'number' && c > 0) violation += c;
    }
    return { stepKey, scores, violation };
  }

  private store(trial: FrozenTrial): void {
    while (trial.number >= this.capacity) this.capacity *= 2;
    for (const [name, col] of this.columns) {
      if (col.length < this.capacity) this.columns.set(name, grow(col, this.capacity));
    }
    for (const name of Object.keys(trial.params)) {
      let col = this.columns.get(name);
      if (col === undefined) {
        col = new Float64Array(this.capacity).fill(Number.NaN);
        this.columns.set(name, col);
      }
      const value = internalOf(trial, name);
      col[trial.number] = value;
      if (!Number.isNaN(value)) this.insertSorted(name, col, trial.number, value);
    }
  }

  private insertSorted(name: string, col: Float64Array, number: number, value: number): void {
    let list = this.sorted.get(name);
    if (list === undefined) {
      list = { numbers: new Int32Array(64), length: 0 };
      this.sorted.set(name, list);
    }
    if (list.length === list.numbers.length) {
      const bigger = new Int32Array(list.numbers.length * 2);
      bigger.set(list.numbers);
      list.numbers = bigger;
    }
    const numbers = list.numbers;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = numbers[mid] as number;
      const v = col[other] as number;
      if (v < value || (v === value && other < number)) lo = mid + 1;
      else hi = mid;
    }
    numbers.copyWithin(lo + 1, lo, list.length);
    numbers[lo] = number;
    list.length++;
  }
}

function grow(col: Float64Array, capacity: number): Float64Array {
  const next = new Float64Array(capacity).fill(Number.NaN);
  next.set(col);
  return next;
}

function internalOf(trial: FrozenTrial, name: string): number {
  const dist: Distribution | undefined = trial.distributions[name];
  if (dist === undefined || !(name in trial.params)) return Number.NaN;
  return toInternal(dist, trial.params[name]);
}
