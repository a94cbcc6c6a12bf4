import type { Distribution } from '../../distributions/index.js';
import { isSingle, toExternal, toInternal } from '../../distributions/representation.js';
import { ObjectiveError, echo } from '../../errors.js';
import type { FrozenTrial } from '../../frozen-trial.js';
import { createRng, type Rng } from '../../random/rng.js';
import type { StudyView } from '../../study-view.js';
import type { BaseSampler, ParamValue } from '../base-sampler.js';
import { RandomSampler } from '../random-sampler.js';
import type { SamplerEventListener } from '../sampler-events.js';
import { IntersectionSearchSpace } from '../search-space/intersection-search-space.js';
import { fromUniform, toParzenDimension, type ParzenDimension } from '../search-space-transform.js';
import { Cma } from './cma.js';
import { warmStartDistribution } from './warm-start.js';

type NumericDim = Extract<ParzenDimension, { kind: 'numerical' }>;

/** Options of {@link CmaEsSampler} (Optuna's arguments, camelCase). */
export interface CmaEsSamplerOptions {
  /** Initial mean (external values by name). @default the centre of the search space */
  x0?: Readonly<Record<string, number>>;
  /**
   * Initial step size, as a fraction of each dimension's range: the search space (log
   * scale for log distributions, half a step beyond each end for discrete ones) is scaled
   * to the unit cube, so integer and narrow dimensions move as readily as wide ones.
   * (Optuna uses min(range) / 6 in unscaled units.)
   * @default 1 / 6
   */
  sigma0?: number;
  /** Trials sampled by the independent sampler before CMA-ES starts. @default 1 */
  nStartupTrials?: number;
  /** Samples what CMA-ES cannot (categoricals, a one-dimensional space). @default new RandomSampler({ seed }) */
  independentSampler?: BaseSampler;
  /** Report parameters sampled independently (`onEvent`). @default true */
  warnIndependentSampling?: boolean;
  /** Seed of the sampler's generators. */
  seed?: number;
  /** Learn from pruned trials too (their last intermediate value). @default false */
  considerPrunedTrials?: boolean;
  /** `"ipop"`: restart with a doubled population when CMA-ES stops making progress. @default null */
  restartStrategy?: 'ipop' | null;
  /** Population size of the first run. @default 4 + floor(3 ln n) */
  popsize?: number;
  /** Factor of the population size at each IPOP restart. @default 2 */
  incPopsize?: number;
  /** Finished trials of an earlier, similar study to warm-start the distribution from. */
  sourceTrials?: readonly FrozenTrial[];
  /** Receives warnings and restarts. */
  onEvent?: SamplerEventListener;
}

interface RunState {
  studyId: number;
  names: string[];
  optimizer: Cma;
  nRestarts: number;
}

/**
 * CMA-ES over the numerical part of the search space, as Optuna's `CmaEsSampler`:
 * one generation per `popsize` completed trials (marked by a system attribute), IPOP
 * restarts, optional warm start, and independent sampling for categoricals.
 */
export class CmaEsSampler implements BaseSampler {
  private readonly options: CmaEsSamplerOptions;
  private readonly independent: BaseSampler;
  private readonly intersection = new IntersectionSearchSpace();
  private readonly nStartupTrials: number;
  private readonly incPopsize: number;
  private warnIndependent: boolean;
  private rng: Rng;
  private state: RunState | undefined;

  constructor(options: CmaEsSamplerOptions = {}) {
    this.options = options;
    this.nStartupTrials = options.nStartupTrials ?? 1;
    this.incPopsize = options.incPopsize ?? 2;
    if (options.sigma0 !== undefined && !(options.sigma0 > 0)) {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected a positive \`sigma0\`, got ${echo(options.sigma0)}`);
    }
    if (options.popsize !== undefined && !(Number.isInteger(options.popsize) && options.popsize >= 2)) {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected an integer ≥ 2 for \`popsize\`, got ${echo(options.popsize)}`);
    }
    if (options.restartStrategy !== undefined && options.restartStrategy !== null && options.restartStrategy !== 'ipop') {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected \`restartStrategy\` "ipop" or null, got ${echo(options.restartStrategy)}`);
    }
    this.rng = createRng(options.seed);
    this.independent = options.independentSampler ?? new RandomSampler(options.seed === undefined ? {} : { seed: this.rng.nextUint32() });
    this.warnIndependent = options.warnIndependentSampling ?? true;
  }

  reseedRng(seed?: number): void {
    this.rng = createRng(seed);
    this.independent.reseedRng?.(seed);
  }

  inferRelativeSearchSpace(study: StudyView, _trial: FrozenTrial): Record<string, Distribution> {
    const out: Record<string, Distribution> = {};
    for (const [name, dist] of Object.entries(this.intersection.calculate(study))) {
      if (isSingle(dist) || dist.kind === 'categorical') continue;
      out[name] = dist;
    }
    return out;
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, searchSpace: Record<string, Distribution>): Record<string, ParamValue> {
    if (study.directions.length > 1) {
      throw new ObjectiveError('OBJECTIVE_OBJECTIVE_COUNT', `CmaEsSampler optimises one objective, got a study with ${study.directions.length}`);
    }
    const names = Object.keys(searchSpace);
    if (names.length === 0) return {};
    const completed = this.completedTrials(study);
    if (completed.length < this.nStartupTrials) return {};
    if (names.length === 1) {
      // CMA-ES needs two or more dimensions: leave the single one to the independent sampler.
      this.warnIndependent = false;
      return {};
    }
    const dims = names.map((name) => toParzenDimension(searchSpace[name] as Distribution) as NumericDim);
    const sign = study.direction === 'minimize' ? 1 : -1;
    if (this.state === undefined || this.state.studyId !== study.studyId) {
      this.state = { studyId: study.studyId, names, optimizer: this.initOptimizer(dims, names, sign, this.options.popsize, false), nRestarts: 0 };
    }
    const state = this.state;
    if (state.names.length !== names.length || state.names.some((n, i) => n !== names[i])) return {}; // dynamic space: not supported
    const genKey = this.generationKey(state.nRestarts);
    const solutions = completed.filter((t) => t.systemAttrs[genKey] === state.optimizer.generation);
    if (solutions.length >= state.optimizer.populationSize) {
      state.optimizer.tell(
        solutions.slice(0, state.optimizer.populationSize).map((t) => ({ x: this.transform(t, names, dims), value: sign * (valueOf(t, this.options.considerPrunedTrials) as number) })),
      );
      if (this.options.restartStrategy === 'ipop' && state.optimizer.shouldStop()) {
        state.nRestarts++;
        const popsize = state.optimizer.populationSize * this.incPopsize;
        state.optimizer = this.initOptimizer(dims, names, sign, popsize, true);
        this.options.onEvent?.({ type: 'sampler-cmaes-restart', sampler: 'CmaEsSampler', restart: state.nRestarts, populationSize: popsize });
      }
    }
    const x = state.optimizer.ask();
    study.setTrialSystemAttr(trial.trialId, this.generationKey(state.nRestarts), state.optimizer.generation);
    study.setTrialSystemAttr(trial.trialId, 'cma:n_restarts', state.nRestarts);
    const out: Record<string, ParamValue> = {};
    names.forEach((name, i) => {
      const d = dims[i] as NumericDim;
      out[name] = toExternal(searchSpace[name] as Distribution, fromUniform(d, d.low + (x[i] as number) * (d.high - d.low)));
    });
    return out;
  }

  sampleIndependent(study: StudyView, trial: FrozenTrial, paramName: string, distribution: Distribution): ParamValue {
    if (this.warnIndependent && this.completedTrials(study).length >= this.nStartupTrials) {
      this.options.onEvent?.({
        type: 'sampler-independent-sampling',
        sampler: 'CmaEsSampler',
        trialNumber: trial.number,
        paramName,
        reason: distribution.kind === 'categorical' ? 'CMA-ES does not sample categorical parameters' : 'the parameter is outside the relative search space',
      });
    }
    return this.independent.sampleIndependent(study, trial, paramName, distribution);
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    this.independent.beforeTrial?.(study, trial);
  }

  afterTrial(study: StudyView, trial: FrozenTrial, state: FrozenTrial['state'], values: readonly number[] | undefined): void {
    this.independent.afterTrial?.(study, trial, state, values);
  }

  private generationKey(restart: number): string {
    return this.options.restartStrategy === 'ipop' ? `cma:restart_${restart}:generation` : 'cma:generation';
  }

  private completedTrials(study: StudyView): FrozenTrial[] {
    const states = this.options.considerPrunedTrials ? (['COMPLETE', 'PRUNED'] as const) : (['COMPLETE'] as const);
    return study.getTrials({ states }).filter((t) => valueOf(t, this.options.considerPrunedTrials) !== undefined);
  }

  private transform(trial: FrozenTrial, names: readonly string[], dims: readonly NumericDim[]): Float64Array {
    return Float64Array.from(names, (name, i) => {
      const dim = dims[i] as NumericDim;
      const v = toInternal(dim.distribution, trial.params[name]);
      return ((dim.log ? Math.log(v) : v) - dim.low) / (dim.high - dim.low);
    });
  }

  private initOptimizer(dims: readonly NumericDim[], names: readonly string[], sign: number, populationSize: number | undefined, randomStart: boolean): Cma {
    const bounds = dims.map(() => [0, 1] as const);
    const ranges = new Float64Array(dims.length).fill(1);
    const rng = createRng(this.rng.nextUint32());
    let mean: Float64Array;
    let sigma = this.options.sigma0 ?? 1 / 6;
    let cov: Float64Array | undefined;
    const source = this.options.sourceTrials;
    if (source !== undefined && !randomStart) {
      const usable = source.filter(
        (t) => (t.state === 'COMPLETE' || (this.options.considerPrunedTrials && t.state === 'PRUNED')) && names.every((n) => n in t.params) && valueOf(t, true) !== undefined,
      );
      if (usable.length === 0) throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `no usable \`sourceTrials\` for the search space ${echo(names)}`);
      const ws = warmStartDistribution(
        usable.map((t) => ({ x: this.transform(t, names, dims), value: sign * (valueOf(t, true) as number) })),
        ranges,
      );
      mean = ws.mean;
      sigma = ws.sigma;
      cov = ws.cov;
    } else if (randomStart) mean = Float64Array.from(dims, () => this.rng.random());
    else if (this.options.x0 !== undefined) {
      const x0 = this.options.x0;
      mean = Float64Array.from(dims, (d, i) => {
        const v = x0[names[i] as string];
        if (v === undefined) return 0.5;
        return ((d.log ? Math.log(v) : v) - d.low) / (d.high - d.low);
      });
    } else mean = new Float64Array(dims.length).fill(0.5);
    return new Cma({ mean, sigma: Math.max(sigma, 1e-8), bounds, ...(cov ? { cov } : {}), ...(populationSize ? { populationSize } : {}), nMaxResampling: 10 * dims.length, rng });
  }
}

function valueOf(trial: FrozenTrial, considerPruned: boolean | undefined): number | undefined {
  if (trial.state === 'COMPLETE') return trial.value;
  if (considerPruned && trial.state === 'PRUNED' && trial.intermediateValues.size > 0) {
    let step = -Infinity;
    for (const s of trial.intermediateValues.keys()) step = Math.max(step, s);
    return trial.intermediateValues.get(step);
  }
  return undefined;
}
