import type { Distribution } from '../distributions/index.js';
import { toExternal, toInternal } from '../distributions/representation.js';
import { ObjectiveError, echo } from '../errors.js';
import type { FrozenTrial } from '../frozen-trial.js';
import { createRng, type Rng } from '../random/rng.js';
import type { StudyView } from '../study-view.js';
import type { TrialState } from '../trial-state.js';
import type { BaseSampler, ParamValue } from './base-sampler.js';
import type { SamplerEventListener } from './sampler-events.js';

/** Options of {@link BruteForceSampler}. */
export interface BruteForceSamplerOptions {
  /** Seed of the choice among the values not tried yet. */
  seed?: number;
  /** Receives `sampler-space-exhausted` when the study is stopped. */
  onEvent?: SamplerEventListener;
}

/** A node of the tree of parameter choices: which parameter it decides and its explored branches. */
interface Node {
  param: string | undefined;
  /** Internal value → subtree, for values tried so far. */
  children: Map<number, Node>;
  /** Every candidate value of `param` (internal representation). */
  candidates: number[];
  /** A trial ended here (no further parameter). */
  leaf: boolean;
}

const newNode = (): Node => ({ param: undefined, children: new Map(), candidates: [], leaf: false });

/** Every value of a discrete distribution, in internal representation. */
export function candidateValues(distribution: Distribution): number[] {
  if (distribution.kind === 'categorical') return distribution.choices.map((_, i) => i);
  if (distribution.kind === 'float' && distribution.step === null) {
    throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `BruteForceSampler needs discrete parameters; got a continuous float ${echo(distribution)}`);
  }
  const step = distribution.step as number;
  if (distribution.log && distribution.kind === 'float') {
    throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `BruteForceSampler needs discrete parameters; got a log float ${echo(distribution)}`);
  }
  const count = Math.floor((distribution.high - distribution.low) / step + 1e-9) + 1;
  return Array.from({ length: count }, (_, k) => {
    const v = distribution.low + k * step;
    return distribution.kind === 'int' ? Math.round(v) : Number(v.toPrecision(15));
  });
}

/**
 * Tries every combination of a discrete (possibly conditional) search space once
 * (Optuna's `BruteForceSampler`). The trials so far form a tree of choices; each
 * suggest picks, at random, a value whose branch still has untried combinations, and
 * the study stops when the whole tree is explored. Running trials count as tried, so
 * several workers do not duplicate each other.
 */
export class BruteForceSampler implements BaseSampler {
  private rng: Rng;
  private readonly onEvent: SamplerEventListener | undefined;

  constructor(options: BruteForceSamplerOptions = {}) {
    this.rng = createRng(options.seed);
    this.onEvent = options.onEvent;
  }

  reseedRng(seed?: number): void {
    this.rng = createRng(seed);
  }

  inferRelativeSearchSpace(): Record<string, Distribution> {
    return {};
  }

  sampleRelative(): Record<string, ParamValue> {
    return {};
  }

  sampleIndependent(study: StudyView, trial: FrozenTrial, paramName: string, distribution: Distribution): ParamValue {
    const candidates = candidateValues(distribution);
    const others = study.getTrials({ states: ['COMPLETE', 'PRUNED', 'RUNNING'] }).filter((t) => t.number !== trial.number);
    const root = buildTree(others);
    // Walk down along the current trial's own choices.
    let node: Node | undefined = root;
    for (const [name, value] of Object.entries(trial.params)) {
      if (node === undefined) break;
      if (node.param !== name) {
        node = undefined;
        break;
      }
      node = node.children.get(toInternal(trial.distributions[name] as Distribution, value));
    }
    let pick: number[] = candidates;
    if (node !== undefined && (node.param === undefined || node.param === paramName)) {
      const open = candidates.filter((v) => {
        const child = node?.children.get(v);
        return child === undefined || !exhausted(child);
      });
      const untried = open.filter((v) => !node?.children.has(v));
      pick = untried.length > 0 ? untried : open.length > 0 ? open : candidates;
    }
    return toExternal(distribution, pick[this.rng.integer(0, pick.length - 1)] as number);
  }

  afterTrial(study: StudyView, trial: FrozenTrial, state: TrialState, _values: readonly number[] | undefined): void {
    const others = study.getTrials({ states: ['COMPLETE', 'PRUNED', 'RUNNING'] }).filter((t) => t.number !== trial.number);
    const finished = state === 'COMPLETE' || state === 'PRUNED' ? [...others, trial] : others;
    if (exhausted(buildTree(finished))) {
      this.onEvent?.({ type: 'sampler-space-exhausted', sampler: 'BruteForceSampler', trialNumber: trial.number });
      study.stop();
    }
  }
}

function buildTree(trials: readonly FrozenTrial[]): Node {
  const root = newNode();
  for (const t of trials) {
    let node = root;
    for (const [name, value] of Object.entries(t.params)) {
      const dist = t.distributions[name] as Distribution;
      if (node.param === undefined) {
        node.param = name;
        node.candidates = candidateValues(dist);
      } else if (node.param !== name) break; // a different order of suggestions: not comparable
      const v = toInternal(dist, value);
      let child = node.children.get(v);
      if (child === undefined) {
        child = newNode();
        node.children.set(v, child);
      }
      node = child;
    }
    if (node.param === undefined) node.leaf = true;
  }
  return root;
}

function exhausted(node: Node): boolean {
  if (node.leaf && node.param === undefined) return true;
  if (node.param === undefined) return false;
  return node.candidates.every((v) => {
    const child = node.children.get(v);
    return child !== undefined && exhausted(child);
  });
}
