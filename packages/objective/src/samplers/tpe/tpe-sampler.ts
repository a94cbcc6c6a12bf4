import type { Distribution } from '../../distributions/index.js';
import { isSingle, toExternal } from '../../distributions/representation.js';
import { ObjectiveError, echo } from '../../errors.js';
import type { FrozenTrial } from '../../frozen-trial.js';
import { MT19937 } from '../../random/mt19937.js';
import type { StudyView } from '../../study-view.js';
import type { TrialState } from '../../trial-state.js';
import type { BaseSampler, ParamValue } from '../base-sampler.js';
import { processConstraintsAfterTrial, type ConstraintsFunc } from '../constraints.js';
import type { SamplerEventListener } from '../sampler-events.js';
import { GroupDecomposedSearchSpace } from '../search-space/group-decomposed-search-space.js';
import { IntersectionSearchSpace } from '../search-space/intersection-search-space.js';
import { sampleUniform } from '../random-sampler.js';
import { ObservationCache, type Observations } from './observations.js';
import { toParzenDimension, type ParzenDimension } from '../search-space-transform.js';
import { numpyCentreOrder } from './numpy-argsort.js';
import { Arena } from './arena.js';
import { ParzenEstimator, type ParzenEstimatorParameters } from './parzen-estimator.js';
import { defaultGamma, defaultWeights, splitObservations, type Split } from './split.js';
import { hypervolumeContributionWeights } from './mo-weights.js';

/** Observation counts up to which an estimator's centres are sorted directly rather than read off the cache's sorted list. */
const SORT_DIRECTLY_UP_TO = 64;

/** Options of {@link TPESampler} (Optuna's arguments, camelCase). */
export interface TPESamplerOptions {
  /** Add a prior component (centre of the range, σ = range) to both estimators. @default true */
  considerPrior?: boolean;
  /** Weight of the prior component. @default 1 */
  priorWeight?: number;
  /** Clip bandwidths from below at range / min(100, 1 + n) ("magic clip"). @default true */
  considerMagicClip?: boolean;
  /** Let the outermost kernels use the gap to the range's ends. @default false */
  considerEndpoints?: boolean;
  /**
   * Use true kernel densities (each continuous kernel divided by its bandwidth), as
   * Optuna does since its fix #5110. The default reproduces Optuna 3.1, whose kernels
   * all peak at the same height (wide kernels weigh more); it does better on our
   * benchmark problems at 100 trials.
   * @default false
   */
  normalizeKernels?: boolean;
  /** Trials sampled at random before TPE starts. @default 10 */
  nStartupTrials?: number;
  /** Candidates drawn from the good estimator; the one with the best l(x)/g(x) wins. @default 24 */
  nEICandidates?: number;
  /** Number of good trials for n finished trials. @default min(ceil(0.1 n), 25) */
  gamma?: (n: number) => number;
  /** Weights of n observations in trial order (a function of n alone: results are reused). @default 1 for the last 25, a ramp from 1/n before */
  weights?: (n: number) => ArrayLike<number>;
  /**
   * Seed of the sampler's generators, an integer in [0, 2³²). The generators are numpy's
   * MT19937 drawn as Optuna 3.1 draws them, so a study with `seed: s` suggests the same
   * parameters as Optuna 3.1's `TPESampler(seed=s)` trial after trial (to rounding, about
   * 1e-13 of a parameter's range). Known exception: candidates whose scores tie exactly
   * (a lone categorical whose choices were seen equally often), which Optuna breaks by the
   * rounding of numpy/OpenBLAS.
   * @default undefined (entropy-seeded generators)
   */
  seed?: number;
  /** Sample the relative search space jointly (multivariate TPE). @default false */
  multivariate?: boolean;
  /** With `multivariate`, decompose a conditional space into groups sampled jointly. @default false */
  group?: boolean;
  /** Report parameters sampled independently in multivariate mode (`onEvent`). @default true */
  warnIndependentSampling?: boolean;
  /** Count running trials as the worst observations, so parallel workers spread out. @default false */
  constantLiar?: boolean;
  /** Constraint values of a finished trial (≤ 0 is feasible), stored in its system attrs. */
  constraintsFunc?: ConstraintsFunc;
  /** Receives warnings (independent sampling, missing constraints). */
  onEvent?: SamplerEventListener;
}

/**
 * Tree-structured Parzen Estimator sampler with Optuna's algorithm and defaults.
 *
 * @example
 * ```ts
 * const study = await createStudy({ sampler: new TPESampler({ seed: 1, multivariate: true }) });
 * ```
 */
export class TPESampler implements BaseSampler {
  private readonly parameters: ParzenEstimatorParameters;
  private readonly nStartupTrials: number;
  private readonly nEICandidates: number;
  private readonly gamma: (n: number) => number;
  private readonly multivariate: boolean;
  private readonly group: boolean;
  private readonly warnIndependent: boolean;
  private readonly constantLiar: boolean;
  private readonly constraintsFunc: ConstraintsFunc | undefined;
  private readonly onEvent: SamplerEventListener | undefined;
  /** Draws TPE's candidates (Optuna's `self._rng`). */
  private rng: MT19937;
  /** Draws the startup trials' parameters (Optuna's `RandomSampler(seed=seed)`, seeded alike). */
  private randomRng: MT19937;
  private readonly intersection = new IntersectionSearchSpace({ includePruned: true });
  private readonly groups = new GroupDecomposedSearchSpace({ includePruned: true });
  private groupSpaces: Record<string, Distribution>[] = [];
  private order: { studyId: number; names: string[] } | undefined;
  private readonly cache: ObservationCache;
  private splitCache: { key: string; obs: Observations; split: Split } | undefined;
  /** The arrays of one sampling call (taken back at the start of the next). */
  private readonly arena = new Arena();

  constructor(options: TPESamplerOptions = {}) {
    const priorWeight = options.priorWeight ?? 1;
    if (!(priorWeight > 0)) throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected a positive \`priorWeight\`, got ${echo(priorWeight)}`);
    const nStartup = options.nStartupTrials ?? 10;
    if (!Number.isInteger(nStartup) || nStartup < 0) {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected a non-negative integer for \`nStartupTrials\`, got ${echo(nStartup)}`);
    }
    const nEI = options.nEICandidates ?? 24;
    if (!Number.isInteger(nEI) || nEI < 1) {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected a positive integer for \`nEICandidates\`, got ${echo(nEI)}`);
    }
    if (options.group && !options.multivariate) {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', '`group` needs `multivariate: true`, got `multivariate: false`');
    }
    this.multivariate = options.multivariate ?? false;
    this.parameters = {
      considerPrior: options.considerPrior ?? true,
      priorWeight,
      considerMagicClip: options.considerMagicClip ?? true,
      considerEndpoints: options.considerEndpoints ?? false,
      weights: recentResults(options.weights ?? defaultWeights),
      multivariate: this.multivariate,
      normalizeKernels: options.normalizeKernels ?? false,
    };
    this.nStartupTrials = nStartup;
    this.nEICandidates = nEI;
    this.gamma = options.gamma ?? defaultGamma;
    this.group = options.group ?? false;
    this.warnIndependent = options.warnIndependentSampling ?? true;
    this.constantLiar = options.constantLiar ?? false;
    this.constraintsFunc = options.constraintsFunc;
    this.onEvent = options.onEvent;
    // Optuna builds RandomState(seed) and RandomSampler(seed=seed): two generators, one seed.
    this.rng = new MT19937(options.seed);
    this.randomRng = new MT19937(options.seed);
    this.cache = new ObservationCache((trialNumber) => this.onEvent?.({ type: 'sampler-missing-constraints', sampler: 'TPESampler', trialNumber }));
  }

  reseedRng(seed?: number): void {
    this.rng = new MT19937(seed);
    this.randomRng = new MT19937(seed);
  }

  inferRelativeSearchSpace(study: StudyView, _trial: FrozenTrial): Record<string, Distribution> {
    if (!this.multivariate) return {};
    const out: Record<string, Distribution> = {};
    if (this.group) {
      this.groupSpaces = this.groups.calculate(study);
      for (const space of this.groupSpaces) {
        for (const name of Object.keys(space).sort()) {
          const dist = space[name] as Distribution;
          if (!isSingle(dist)) out[name] = dist;
        }
      }
      return out;
    }
    const space = this.intersection.calculate(study);
    for (const name of this.spaceOrder(study, space)) {
      const dist = space[name] as Distribution;
      if (!isSingle(dist)) out[name] = dist;
    }
    return out;
  }

  /**
   * The intersection's names in Optuna's dict order: the parameter order of the latest
   * finished trial when the intersection was first non-empty (Optuna copies that trial's
   * distributions, then only removes names). The order fixes how the joint estimator
   * consumes the generator, so it must be Optuna's for the same draws.
   */
  private spaceOrder(study: StudyView, space: Record<string, Distribution>): string[] {
    const names = Object.keys(space);
    if (this.order?.studyId !== study.studyId) this.order = undefined;
    if (this.order === undefined) {
      if (names.length === 0) return names;
      const finished = study.getTrials({ states: ['COMPLETE', 'PRUNED'] });
      const latest = finished[finished.length - 1];
      if (latest === undefined) return names;
      this.order = { studyId: study.studyId, names: Object.keys(latest.distributions) };
    }
    const ordered = this.order.names.filter((name) => name in space);
    if (ordered.length === names.length) return ordered;
    const seen = new Set(ordered);
    return [...ordered, ...names.filter((name) => !seen.has(name))];
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, searchSpace: Record<string, Distribution>): Record<string, ParamValue> {
    if (!this.group) return this.sampleJoint(study, trial, searchSpace);
    const params: Record<string, ParamValue> = {};
    for (const space of this.groupSpaces) {
      const sub: Record<string, Distribution> = {};
      for (const name of Object.keys(space).sort()) if (name in searchSpace) sub[name] = searchSpace[name] as Distribution;
      Object.assign(params, this.sampleJoint(study, trial, sub));
    }
    return params;
  }

  sampleIndependent(study: StudyView, trial: FrozenTrial, paramName: string, distribution: Distribution): ParamValue {
    const { obs, split } = this.observe(study, trial);
    if (this.multivariate && this.warnIndependent && obs.nFinished >= Math.max(this.nStartupTrials, 1)) {
      this.onEvent?.({
        type: 'sampler-independent-sampling',
        sampler: 'TPESampler',
        trialNumber: trial.number,
        paramName,
        reason: 'the parameter is outside the relative search space of multivariate TPE',
      });
    }
    if (obs.nFinished < this.nStartupTrials || split === undefined) {
      return sampleUniform(this.randomRng, distribution);
    }
    const best = this.sampleFromModel(study, obs, split, [paramName], [distribution]);
    return toExternal(distribution, best[0] as number);
  }

  afterTrial(study: StudyView, trial: FrozenTrial, state: TrialState, _values: readonly number[] | undefined): void {
    if (this.constraintsFunc !== undefined) processConstraintsAfterTrial(this.constraintsFunc, study, trial, state);
  }

  private sampleJoint(study: StudyView, trial: FrozenTrial, searchSpace: Record<string, Distribution>): Record<string, ParamValue> {
    const names = Object.keys(searchSpace);
    if (names.length === 0) return {};
    const { obs, split } = this.observe(study, trial);
    if (obs.nFinished < this.nStartupTrials || split === undefined) return {};
    const dists = names.map((name) => searchSpace[name] as Distribution);
    const best = this.sampleFromModel(study, obs, split, names, dists);
    const out: Record<string, ParamValue> = {};
    names.forEach((name, d) => (out[name] = toExternal(dists[d] as Distribution, best[d] as number)));
    return out;
  }

  /** Observations and their good/bad split, computed once per trial and set of finished trials. */
  private observe(study: StudyView, trial: FrozenTrial): { obs: Observations; split: Split | undefined } {
    const obs = this.cache.collect(study, this.constantLiar, this.constraintsFunc !== undefined);
    if (obs.nFinished < this.nStartupTrials) return { obs, split: undefined };
    const key = `${study.studyId}:${trial.number}:${obs.numbers.length}:${obs.nFinished}:${obs.numbers[obs.numbers.length - 1] ?? -1}`;
    if (this.splitCache?.key === key && !this.constantLiar) return { obs: this.splitCache.obs, split: this.splitCache.split };
    const split = splitObservations(obs, this.gamma(obs.nFinished));
    this.splitCache = { key, obs, split };
    return { obs, split };
  }

  /** See {@link numpyCentreOrder}: the kernels' order of a univariate estimator's centres. */
  private centreOrder(column: Float64Array, dim: ParzenDimension, stable: Uint32Array | undefined): Uint32Array | undefined {
    if (dim.kind !== 'numerical') return stable;
    let centres = column;
    if (dim.log) {
      centres = this.arena.f64(column.length);
      for (let i = 0; i < column.length; i++) centres[i] = Math.log(column[i] as number);
    }
    return numpyCentreOrder(centres, this.priorCentre(dim, column.length), stable);
  }

  /** The prior kernel's centre of an estimator over n observations, if it has one. */
  private priorCentre(dim: Extract<ParzenDimension, { kind: 'numerical' }>, n: number): number | undefined {
    return this.parameters.considerPrior || n === 0 ? 0.5 * (dim.low + dim.high) : undefined;
  }

  /**
   * The kernels' order of a univariate below and above estimator. Tied centres (discrete
   * parameters) take numpy's order, as Optuna's bandwidths do. Reading an order off the
   * cache's sorted list walks every trial: worth it for the many above, not the few below
   * (sorted directly); the above's centres come in order straight off the list when none
   * tie (the usual continuous case).
   */
  private univariateOrders(
    name: string,
    dim: ParzenDimension,
    obs: Observations,
    split: Split,
    below: Float64Array,
    above: Float64Array,
    keepBelow: number[] | undefined,
    keepAbove: number[] | undefined,
  ): { belowOrder: (Uint32Array | undefined)[]; aboveOrder: (Uint32Array | undefined)[]; aboveCentres: Float64Array | undefined } {
    const arena = this.arena;
    const sorted = (indices: Int32Array, keep: number[] | undefined): Uint32Array | undefined =>
      indices.length > SORT_DIRECTLY_UP_TO ? this.cache.sortedPositions(name, obs, indices, keep, arena) : undefined;
    const belowOrder = [this.centreOrder(below, dim, sorted(split.below, keepBelow))];
    const direct =
      keepAbove === undefined && dim.kind === 'numerical' && dim.q === null && split.above.length > SORT_DIRECTLY_UP_TO
        ? this.cache.sortedCentres(name, obs, split.above, dim.log, this.priorCentre(dim, split.above.length), arena)
        : undefined;
    if (direct !== undefined) return { belowOrder, aboveOrder: [direct.order], aboveCentres: direct.centres };
    return { belowOrder, aboveOrder: [this.centreOrder(above, dim, sorted(split.above, keepAbove))], aboveCentres: undefined };
  }

  private sampleFromModel(study: StudyView, obs: Observations, split: Split, names: readonly string[], dists: readonly Distribution[]): Float64Array {
    // Nothing from the previous call is still in use: its result was copied out.
    const arena = this.arena;
    arena.reset();
    const belowCols = names.map((name) => this.cache.column(name, obs, split.below, arena));
    const aboveCols = names.map((name) => this.cache.column(name, obs, split.above, arena));
    const [below, keepBelow] = dropMissing(belowCols);
    const [above, keepAbove] = dropMissing(aboveCols);
    const dims = dists.map(toParzenDimension);
    let weightsBelow: Float64Array | undefined;
    if (study.directions.length > 1) {
      const all = hypervolumeContributionWeights(obs, split.below);
      weightsBelow = keepBelow === undefined ? Float64Array.from(all) : Float64Array.from(keepBelow, (i) => all[i] as number);
    }
    // Univariate bandwidths need each column sorted: the cache keeps the trials in order.
    const univariate = names.length === 1 && !this.multivariate;
    const { belowOrder, aboveOrder, aboveCentres } = univariate
      ? this.univariateOrders(names[0] as string, dims[0] as ParzenDimension, obs, split, below[0] as Float64Array, above[0] as Float64Array, keepBelow, keepAbove)
      : { belowOrder: undefined, aboveOrder: undefined, aboveCentres: undefined };
    const lEstimator = new ParzenEstimator(below, dims, this.parameters, weightsBelow, belowOrder, arena);
    const gEstimator = new ParzenEstimator(above, dims, this.parameters, undefined, aboveOrder, arena, aboveCentres);
    const samples = lEstimator.sample(this.rng, this.nEICandidates);
    const logL = lEstimator.logPdf(samples);
    const best = argmaxScore(samples, logL, gEstimator);
    return Float64Array.from(samples, (column) => column[best] as number);
  }
}

/** The candidate with the largest log l(x) − log g(x): numpy's `argmax` (the first on ties, the first NaN if any). */
export function argmaxScore(samples: readonly Float64Array[], logL: Float64Array, g: ParzenEstimator): number {
  return g.argmaxLogRatio(samples, logL);
}

/**
 * `weights` remembering its last few results: within a trial every parameter's estimators
 * ask for the same counts. The estimators copy the weights, never change them.
 */
function recentResults(weights: (n: number) => ArrayLike<number>): (n: number) => ArrayLike<number> {
  const recent = new Map<number, ArrayLike<number>>();
  return (n) => {
    let w = recent.get(n);
    if (w === undefined) {
      if (recent.size >= 4) recent.clear();
      w = weights(n);
      recent.set(n, w);
    }
    return w;
  };
}

/**
 * Keeps the rows where every column has a value; returns the columns and the kept row
 * indices (undefined when every row is kept, the usual case: nothing is copied).
 */
function dropMissing(columns: Float64Array[]): [Float64Array[], number[] | undefined] {
  const n = columns[0]?.length ?? 0;
  let missing = false;
  for (let d = 0; d < columns.length && !missing; d++) {
    const column = columns[d] as Float64Array;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(column[i] as number)) {
        missing = true;
        break;
      }
    }
  }
  if (!missing) return [columns, undefined];
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    let ok = true;
    for (let d = 0; d < columns.length && ok; d++) if (Number.isNaN((columns[d] as Float64Array)[i] as number)) ok = false;
    if (ok) keep.push(i);
  }
  return [columns.map((c) => Float64Array.from(keep, (i) => c[i] as number)), keep];
}
