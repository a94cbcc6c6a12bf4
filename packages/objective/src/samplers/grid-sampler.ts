import type { CategoricalChoice, Distribution } from '../distributions/index.js';
import { contains, toInternal } from '../distributions/representation.js';
import { ObjectiveError, echo } from '../errors.js';
import type { FrozenTrial, JsonValue } from '../frozen-trial.js';
import { createRng, type Rng } from '../random/rng.js';
import type { StudyView } from '../study-view.js';
import { isFinished, type TrialState } from '../trial-state.js';
import type { BaseSampler, ParamValue } from './base-sampler.js';
import type { SamplerEventListener } from './sampler-events.js';

/** Trial system attributes of Optuna's grid sampler (kept identical for journal interop). */
export const GRID_ID_ATTR = 'grid_id';
export const GRID_SEARCH_SPACE_ATTR = 'search_space';

/** Options of {@link GridSampler}. */
export interface GridSamplerOptions {
  /** Seed of the choice among the grid points not taken yet. */
  seed?: number;
  /** Receives `sampler-repeated-point`, `sampler-space-exhausted` and out-of-range warnings. */
  onEvent?: SamplerEventListener;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

/**
 * Exhaustive search over a grid (Optuna's `GridSampler`). Every trial takes a random
 * grid point that no finished or running trial holds (so several workers sharing a
 * storage spread over the grid), records it in its system attributes, and the study
 * is stopped once every point has been evaluated.
 */
export class GridSampler implements BaseSampler {
  private readonly space: Record<string, CategoricalChoice[]>;
  private readonly names: string[];
  private readonly sizes: number[];
  private readonly total: number;
  private rng: Rng;
  private readonly onEvent: SamplerEventListener | undefined;

  constructor(searchSpace: Readonly<Record<string, readonly CategoricalChoice[]>>, options: GridSamplerOptions = {}) {
    this.names = Object.keys(searchSpace).sort();
    this.space = {};
    for (const name of this.names) {
      const values = searchSpace[name] as readonly CategoricalChoice[];
      if (!Array.isArray(values) || values.length === 0) {
        throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected a non-empty list of grid values for ${echo(name)}, got ${echo(values)}`);
      }
      for (const v of values) {
        if (!(v === null || ['string', 'number', 'boolean'].includes(typeof v))) {
          throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `grid values must be strings, numbers, booleans or null; ${echo(name)} has ${echo(v)}`);
        }
      }
      this.space[name] = [...values];
    }
    this.sizes = this.names.map((n) => (this.space[n] as CategoricalChoice[]).length);
    this.total = this.sizes.reduce((a, b) => a * b, 1);
    this.rng = createRng(options.seed);
    this.onEvent = options.onEvent;
  }

  reseedRng(seed?: number): void {
    this.rng = createRng(seed);
  }

  inferRelativeSearchSpace(): Record<string, Distribution> {
    return {};
  }

  sampleRelative(study: StudyView, trial: FrozenTrial): Record<string, ParamValue> {
    if (GRID_ID_ATTR in trial.systemAttrs || 'fixed_params' in trial.systemAttrs) return {};
    let targets = this.unvisited(study);
    if (targets.length === 0) {
      this.onEvent?.({ type: 'sampler-repeated-point', sampler: 'GridSampler', trialNumber: trial.number });
      targets = Array.from({ length: this.total }, (_, i) => i);
    }
    const gridId = targets[this.rng.integer(0, targets.length - 1)] as number;
    study.setTrialSystemAttr(trial.trialId, GRID_SEARCH_SPACE_ATTR, this.space as unknown as JsonValue);
    study.setTrialSystemAttr(trial.trialId, GRID_ID_ATTR, gridId);
    return {};
  }

  sampleIndependent(_study: StudyView, trial: FrozenTrial, paramName: string, distribution: Distribution): ParamValue {
    const gridId = trial.systemAttrs[GRID_ID_ATTR];
    if (typeof gridId !== 'number') {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `GridSampler needs every parameter of an enqueued trial; ${echo(paramName)} was not given`);
    }
    const index = this.names.indexOf(paramName);
    if (index < 0) {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `parameter ${echo(paramName)} is not in the grid (${echo(this.names)})`);
    }
    const value = this.gridPoint(gridId)[index] as CategoricalChoice;
    let inside = false;
    try {
      inside = contains(distribution, toInternal(distribution, value));
    } catch {
      inside = false;
    }
    if (!inside) {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `grid value ${echo(value)} of ${echo(paramName)} is outside the suggested distribution ${echo(distribution)}`);
    }
    return value;
  }

  afterTrial(study: StudyView, trial: FrozenTrial, _state: TrialState, _values: readonly number[] | undefined): void {
    const targets = this.unvisited(study);
    if (targets.length === 0 || (targets.length === 1 && trial.systemAttrs[GRID_ID_ATTR] === targets[0])) {
      this.onEvent?.({ type: 'sampler-space-exhausted', sampler: 'GridSampler', trialNumber: trial.number });
      study.stop();
    }
  }

  /** The values of grid point `id`, in sorted parameter-name order. */
  gridPoint(id: number): CategoricalChoice[] {
    const out: CategoricalChoice[] = new Array(this.names.length);
    let rest = id;
    for (let i = this.names.length - 1; i >= 0; i--) {
      const size = this.sizes[i] as number;
      out[i] = (this.space[this.names[i] as string] as CategoricalChoice[])[rest % size] as CategoricalChoice;
      rest = Math.floor(rest / size);
    }
    return out;
  }

  /** Grid ids that no finished trial holds (nor a running one, while such ids remain). */
  private unvisited(study: StudyView): number[] {
    const visited = new Uint8Array(this.total);
    const running = new Uint8Array(this.total);
    for (const t of study.getTrials()) {
      const id = t.systemAttrs[GRID_ID_ATTR];
      if (typeof id !== 'number' || id < 0 || id >= this.total || !this.sameSpace(t.systemAttrs[GRID_SEARCH_SPACE_ATTR])) continue;
      if (isFinished(t.state)) visited[id] = 1;
      else if (t.state === 'RUNNING') running[id] = 1;
    }
    const free: number[] = [];
    for (let i = 0; i < this.total; i++) if (!visited[i] && !running[i]) free.push(i);
    if (free.length > 0) return free;
    for (let i = 0; i < this.total; i++) if (!visited[i]) free.push(i);
    return free;
  }

  private sameSpace(space: JsonValue | undefined): boolean {
    if (space === null || typeof space !== 'object' || Array.isArray(space)) return false;
    const keys = Object.keys(space);
    if (keys.length !== this.names.length) return false;
    return this.names.every((name) => {
      const theirs = space[name];
      const ours = this.space[name] as CategoricalChoice[];
      return Array.isArray(theirs) && theirs.length === ours.length && theirs.every((v, i) => sameValue(v, ours[i]));
    });
  }
}
