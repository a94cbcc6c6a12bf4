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
import { CMAES_STATE_FORMAT, CMAES_STATE_VERSION, decodeCmaEsState, encodeCmaEsState, hasCmaEsState, type CmaEsState } from './cmaes-state.js';
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
  runSeed: number;
}

const FINISHED = ['COMPLETE', 'PRUNED', 'FAIL'] as const;

/**
 * CMA-ES over the numerical part of the search space, as Optuna's `CmaEsSampler`:
 * one generation per `popsize` completed trials (marked by a system attribute), IPOP
 * restarts, optional warm start, and independent sampling for categoricals.
 *
 * **The run lives in the study.** Whenever the optimizer starts (first run or IPOP
 * restart) or finishes a generation's update, the trial being sampled stores the whole
 * optimizer in its system attributes, as Optuna stores its pickled optimizer: a JSON
 * document (format `"hyperopt-cmaes"`, version 1: `paramNames`, `restartStrategy`,
 * `nRestarts`, `runSeed` and `optimizer` = dimension, population size, generation,
 * σ, σ₀, bounds, mean, C, its eigenvectors B and root eigenvalues D, both evolution
 * paths and the recent best values; non-finite numbers as the strings `"Infinity"`,
 * `"-Infinity"`, `"NaN"`) cut into chunks of at most 2045 characters under
 * `hyperopt:cma:state:0`, `:1`, … with their number in `hyperopt:cma:state:chunks`.
 * (Optuna's own `cma:optimizer:*` keys are left alone, so Python Optuna never tries
 * to unpickle ours.) Before each relative sample the sampler looks for the newest
 * finished (complete, pruned or failed) trial carrying a state; when its run (restart
 * count, then generation) is ahead of the one in memory, or nothing is in memory, it
 * continues from it. So a study resumed in a new process, or shared by several
 * workers through a journal file, continues the same CMA-ES run. A state that does not
 * parse, validate, or match the search space and restart strategy is skipped with a
 * `sampler-cmaes-state-ignored` event.
 *
 * **Replay.** Each candidate is drawn with a generator seeded from
 * (`runSeed`, restart count, generation, trial number), and each restart's start point
 * from (`runSeed`, restart count); `runSeed` is drawn once per run from the sampler's
 * seed and stored with the state. Hence, for the same trial history, a sampler restored
 * from the study suggests exactly what the sampler that wrote the state would have
 * suggested, whatever seed the new instance was given; and a study run in pieces by
 * several processes with the same `seed` gets the same trials as one uninterrupted run
 * (parameters left to the independent sampler, e.g. categoricals, replay only if that
 * sampler's own state does).
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
  /** Decoded states by trial id (a reason string when unusable, already reported). */
  private readonly decoded = new Map<number, CmaEsState | string>();
  private decodedStudyId: number | undefined;

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
    // One read of the trials serves both the solutions and the stored states.
    const finished = study.getTrials({ states: FINISHED });
    const completed = this.usable(finished);
    if (completed.length < this.nStartupTrials) return {};
    if (names.length === 1) {
      // CMA-ES needs two or more dimensions: leave the single one to the independent sampler.
      this.warnIndependent = false;
      return {};
    }
    const dims = names.map((name) => toParzenDimension(searchSpace[name] as Distribution) as NumericDim);
    const sign = study.direction === 'minimize' ? 1 : -1;
    if (this.state !== undefined && this.state.studyId !== study.studyId) this.state = undefined;
    const stored = this.newestStoredState(study.studyId, finished, names);
    let changed = false;
    if (stored !== undefined && (this.state === undefined || isAhead(stored, this.state))) {
      this.state = {
        studyId: study.studyId,
        names: stored.paramNames,
        optimizer: Cma.fromSnapshot(stored.optimizer, createRng(stored.runSeed)),
        nRestarts: stored.nRestarts,
        runSeed: stored.runSeed,
      };
    } else if (this.state === undefined) {
      const runSeed = this.rng.nextUint32();
      this.state = { studyId: study.studyId, names, optimizer: this.initOptimizer(dims, names, sign, this.options.popsize, runSeed, 0), nRestarts: 0, runSeed };
      changed = true;
    }
    const state = this.state;
    if (!sameNames(state.names, names)) return {}; // dynamic space: not supported
    const genKey = this.generationKey(state.nRestarts);
    const solutions = completed.filter((t) => t.systemAttrs[genKey] === state.optimizer.generation);
    if (solutions.length >= state.optimizer.populationSize) {
      state.optimizer.tell(
        solutions.slice(0, state.optimizer.populationSize).map((t) => ({ x: this.transform(t, names, dims), value: sign * (valueOf(t, this.options.considerPrunedTrials) as number) })),
      );
      changed = true;
      if (this.options.restartStrategy === 'ipop' && state.optimizer.shouldStop()) {
        state.nRestarts++;
        const popsize = state.optimizer.populationSize * this.incPopsize;
        state.optimizer = this.initOptimizer(dims, names, sign, popsize, state.runSeed, state.nRestarts);
        this.options.onEvent?.({ type: 'sampler-cmaes-restart', sampler: 'CmaEsSampler', restart: state.nRestarts, populationSize: popsize });
      }
    }
    if (changed) {
      // Chunks first, their count last: a reader never takes a partial state for a whole one.
      const attrs = Object.entries(encodeCmaEsState(toStored(state, this.options.restartStrategy ?? null)));
      for (const [key, value] of attrs) study.setTrialSystemAttr(trial.trialId, key, value);
    }
    const x = state.optimizer.ask(createRng(deriveSeed(state.runSeed, state.nRestarts, state.optimizer.generation, trial.number)));
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

  /**
   * The state of the current run, exactly as it would be stored in the study, or
   * `undefined` before CMA-ES has started.
   */
  exportState(): CmaEsState | undefined {
    return this.state === undefined ? undefined : toStored(this.state, this.options.restartStrategy ?? null);
  }

  /** The newest usable state stored in a finished trial of the study (reports unusable ones once). */
  private newestStoredState(studyId: number, trials: readonly FrozenTrial[], names: readonly string[]): CmaEsState | undefined {
    if (this.decodedStudyId !== studyId) {
      this.decoded.clear();
      this.decodedStudyId = studyId;
    }
    for (let i = trials.length - 1; i >= 0; i--) {
      const t = trials[i] as FrozenTrial;
      if (!hasCmaEsState(t.systemAttrs)) continue;
      let entry = this.decoded.get(t.trialId);
      if (entry === undefined) {
        const decoded = decodeCmaEsState(t.systemAttrs);
        entry = decoded.kind === 'ok' ? this.compatibility(decoded.state, names) ?? decoded.state : decoded.kind === 'invalid' ? decoded.reason : 'no state';
        this.decoded.set(t.trialId, entry);
        if (typeof entry === 'string') this.options.onEvent?.({ type: 'sampler-cmaes-state-ignored', sampler: 'CmaEsSampler', trialNumber: t.number, reason: entry });
      }
      if (typeof entry !== 'string' && sameNames(entry.paramNames, names)) return entry;
    }
    return undefined;
  }

  /** Why a well-formed state cannot continue here, or undefined when it can. */
  private compatibility(state: CmaEsState, names: readonly string[]): string | undefined {
    const strategy = this.options.restartStrategy ?? null;
    if (state.restartStrategy !== strategy) return `the state was written with restartStrategy ${echo(state.restartStrategy)}, this sampler uses ${echo(strategy)}`;
    if (!sameNames(state.paramNames, names)) return `the state is for the parameters ${echo(state.paramNames)}, the search space is ${echo(names)}`;
    return undefined;
  }

  private generationKey(restart: number): string {
    return this.options.restartStrategy === 'ipop' ? `cma:restart_${restart}:generation` : 'cma:generation';
  }

  private completedTrials(study: StudyView): FrozenTrial[] {
    const states = this.options.considerPrunedTrials ? (['COMPLETE', 'PRUNED'] as const) : (['COMPLETE'] as const);
    return this.usable(study.getTrials({ states }));
  }

  /** Trials that count as solutions: complete ones (and pruned ones when asked) with a value. */
  private usable(trials: readonly FrozenTrial[]): FrozenTrial[] {
    return trials.filter((t) => (t.state === 'COMPLETE' || (this.options.considerPrunedTrials === true && t.state === 'PRUNED')) && valueOf(t, this.options.considerPrunedTrials) !== undefined);
  }

  private transform(trial: FrozenTrial, names: readonly string[], dims: readonly NumericDim[]): Float64Array {
    return Float64Array.from(names, (name, i) => {
      const dim = dims[i] as NumericDim;
      const v = toInternal(dim.distribution, trial.params[name]);
      return ((dim.log ? Math.log(v) : v) - dim.low) / (dim.high - dim.low);
    });
  }

  private initOptimizer(dims: readonly NumericDim[], names: readonly string[], sign: number, populationSize: number | undefined, runSeed: number, restart: number): Cma {
    const randomStart = restart > 0;
    const bounds = dims.map(() => [0, 1] as const);
    const ranges = new Float64Array(dims.length).fill(1);
    const rng = createRng(runSeed);
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
    } else if (randomStart) {
      const startRng = createRng(deriveSeed(runSeed, restart));
      mean = Float64Array.from(dims, () => startRng.random());
    }
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

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/** Whether a stored run is further on than the one in memory (restarts, then generation). */
function isAhead(stored: CmaEsState, current: RunState): boolean {
  if (stored.nRestarts !== current.nRestarts) return stored.nRestarts > current.nRestarts;
  return stored.optimizer.generation > current.optimizer.generation;
}

function toStored(state: RunState, restartStrategy: 'ipop' | null): CmaEsState {
  return {
    format: CMAES_STATE_FORMAT,
    version: CMAES_STATE_VERSION,
    paramNames: [...state.names],
    restartStrategy,
    nRestarts: state.nRestarts,
    runSeed: state.runSeed,
    optimizer: state.optimizer.snapshot(),
  };
}

/** A 32-bit seed mixed from 32-bit parts (MurmurHash3's block mix and finaliser). */
function deriveSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    let k = Math.imul(part >>> 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= parts.length * 4;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
