import type { Distribution } from '../../distributions/index.js';
import { isSingle } from '../../distributions/representation.js';
import { ObjectiveError, echo } from '../../errors.js';
import type { FrozenTrial } from '../../frozen-trial.js';
import { createRng, type Rng } from '../../random/rng.js';
import type { StudyView } from '../../study-view.js';
import type { TrialState } from '../../trial-state.js';
import type { BaseSampler, ParamValue } from '../base-sampler.js';
import { processConstraintsAfterTrial, type ConstraintsFunc } from '../constraints.js';
import { RandomSampler } from '../random-sampler.js';
import { IntersectionSearchSpace } from '../search-space/intersection-search-space.js';
import { UniformCrossover, type BLXAlphaCrossover, type Crossover, type SBXCrossover, type SPXCrossover, type UNDXCrossover, type VSBXCrossover } from './crossovers.js';
import { constrainedDominates, crowdingDistances, dominates, nonDominatedFronts } from './dominance.js';
import { performCrossover } from './perform-crossover.js';

/** Trial system attribute with the NSGA-II generation of a trial (Optuna's key). */
export const NSGA2_GENERATION_ATTR = 'nsga2:generation';

/** Options of {@link NSGAIISampler} (Optuna's arguments, camelCase). */
export interface NSGAIISamplerOptions {
  /** Trials per generation. @default 50 */
  populationSize?: number;
  /** Probability of resampling each parameter at random after crossover. @default 1 / number of parameters */
  mutationProb?: number;
  /**
   * How parents' numerical parameters combine: {@link UniformCrossover},
   * {@link BLXAlphaCrossover}, {@link SBXCrossover}, {@link VSBXCrossover} (two parents),
   * {@link SPXCrossover}, {@link UNDXCrossover} (three parents), or your own
   * {@link Crossover}. Categorical parameters always take uniform crossover between the
   * first and the last parent.
   * @default new UniformCrossover(swappingProb)
   */
  crossover?: Crossover;
  /** Probability of a crossover (else a copy of one parent). @default 0.9 */
  crossoverProb?: number;
  /** Probability of taking a gene from the first parent (uniform crossover, categoricals), as in Optuna. @default 0.5 */
  swappingProb?: number;
  seed?: number;
  /** Constraint values of a finished trial (≤ 0 is feasible); selection uses constrained domination. */
  constraintsFunc?: ConstraintsFunc;
}

/**
 * NSGA-II for one or several objectives (Optuna's `NSGAIISampler`): generations of
 * `populationSize` trials; the parents of a generation are the elite of the previous
 * generation and its parents (non-dominated fronts, then crowding distance); children
 * come from binary-tournament parents (as many as the crossover operator takes) by
 * crossover, then mutation (random resampling). A child outside the search space is
 * discarded and made again from new parents, as Optuna 3.1 does.
 */
export class NSGAIISampler implements BaseSampler {
  private readonly populationSize: number;
  private readonly mutationProb: number | undefined;
  private readonly crossover: Crossover;
  private readonly crossoverProb: number;
  private readonly swappingProb: number;
  private readonly constraintsFunc: ConstraintsFunc | undefined;
  private rng: Rng;
  private readonly random: RandomSampler;
  private readonly intersection = new IntersectionSearchSpace();
  private readonly eliteCache = new Map<string, FrozenTrial[]>();
  private cacheStudy: number | undefined;

  constructor(options: NSGAIISamplerOptions = {}) {
    const populationSize = options.populationSize ?? 50;
    if (!Number.isInteger(populationSize) || populationSize < 2) {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected an integer ≥ 2 for \`populationSize\`, got ${echo(populationSize)}`);
    }
    for (const key of ['mutationProb', 'crossoverProb', 'swappingProb'] as const) {
      const v = options[key];
      if (v !== undefined && !(v >= 0 && v <= 1)) throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected \`${key}\` in [0, 1], got ${echo(v)}`);
    }
    this.swappingProb = options.swappingProb ?? 0.5;
    this.crossover = options.crossover ?? new UniformCrossover(this.swappingProb);
    if (populationSize < this.crossover.nParents) {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `\`populationSize\` must be at least ${this.crossover.nParents} for ${this.crossover.name}, got ${populationSize}`);
    }
    this.populationSize = populationSize;
    this.mutationProb = options.mutationProb;
    this.crossoverProb = options.crossoverProb ?? 0.9;
    this.constraintsFunc = options.constraintsFunc;
    this.rng = createRng(options.seed);
    this.random = new RandomSampler(options.seed === undefined ? {} : { seed: this.rng.nextUint32() });
  }

  reseedRng(seed?: number): void {
    this.rng = createRng(seed);
    this.random.reseedRng(seed === undefined ? undefined : seed + 1);
  }

  inferRelativeSearchSpace(study: StudyView, _trial: FrozenTrial): Record<string, Distribution> {
    const out: Record<string, Distribution> = {};
    for (const [name, dist] of Object.entries(this.intersection.calculate(study))) if (!isSingle(dist)) out[name] = dist;
    return out;
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, searchSpace: Record<string, Distribution>): Record<string, ParamValue> {
    const [parentGeneration, parents] = this.parentPopulation(study);
    study.setTrialSystemAttr(trial.trialId, NSGA2_GENERATION_ATTR, parentGeneration + 1);
    if (parentGeneration < 0) return {};
    const names = Object.keys(searchSpace);
    const child =
      this.rng.random() < this.crossoverProb
        ? performCrossover({ crossover: this.crossover, rng: this.rng, directions: study.directions, swappingProb: this.swappingProb, dominates: this.dominatesFn() }, parents, searchSpace)
        : { ...(parents[this.rng.integer(0, parents.length - 1)] as FrozenTrial).params };
    const mutation = this.mutationProb ?? 1 / Math.max(1, names.length);
    const out: Record<string, ParamValue> = {};
    for (const name of names) if (name in child && this.rng.random() >= mutation) out[name] = child[name] as ParamValue;
    return out;
  }

  sampleIndependent(study: StudyView, trial: FrozenTrial, paramName: string, distribution: Distribution): ParamValue {
    return this.random.sampleIndependent(study, trial, paramName, distribution);
  }

  afterTrial(study: StudyView, trial: FrozenTrial, state: TrialState, _values: readonly number[] | undefined): void {
    if (this.constraintsFunc !== undefined) processConstraintsAfterTrial(this.constraintsFunc, study, trial, state);
  }

  private dominatesFn(): typeof dominates {
    return this.constraintsFunc === undefined ? dominates : constrainedDominates;
  }

  /** The latest complete generation's parents (Optuna's `_collect_parent_population`). */
  private parentPopulation(study: StudyView): [number, FrozenTrial[]] {
    if (this.cacheStudy !== study.studyId) {
      this.cacheStudy = study.studyId;
      this.eliteCache.clear();
    }
    const byGen = new Map<number, FrozenTrial[]>();
    const running = new Map<number, number[]>();
    for (const t of study.getTrials()) {
      const g = t.systemAttrs[NSGA2_GENERATION_ATTR];
      if (typeof g !== 'number') continue;
      if (t.state === 'COMPLETE') byGen.set(g, [...(byGen.get(g) ?? []), t]);
      else if (t.state === 'RUNNING') running.set(g, [...(running.get(g) ?? []), t.number]);
    }
    let parents: FrozenTrial[] = [];
    let generation = -1;
    for (;;) {
      const next = generation + 1;
      const population = byGen.get(next) ?? [];
      if (population.length < this.populationSize) break;
      const key = `${next}:${population.map((t) => t.number).join(',')}:${parents.map((t) => t.number).join(',')}`;
      let elite = this.eliteCache.get(key);
      if (elite === undefined) {
        elite = this.selectElite(study, [...population, ...parents]);
        if ((running.get(next) ?? []).length === 0) this.eliteCache.set(key, elite);
      }
      parents = elite;
      generation = next;
    }
    return [generation, parents];
  }

  private selectElite(study: StudyView, population: FrozenTrial[]): FrozenTrial[] {
    const elite: FrozenTrial[] = [];
    for (const front of nonDominatedFronts(population, study.directions, this.dominatesFn())) {
      if (elite.length + front.length < this.populationSize) {
        elite.push(...front);
        continue;
      }
      const dist = crowdingDistances(front);
      const sorted = [...front].sort((a, b) => (dist.get(b.number) as number) - (dist.get(a.number) as number));
      elite.push(...sorted.slice(0, this.populationSize - elite.length));
      break;
    }
    return elite;
  }
}
