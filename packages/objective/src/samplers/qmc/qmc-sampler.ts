import type { Distribution } from '../../distributions/index.js';
import { toExternal } from '../../distributions/representation.js';
import { ObjectiveError, echo } from '../../errors.js';
import type { FrozenTrial } from '../../frozen-trial.js';
import { createRng } from '../../random/rng.js';
import type { StudyView } from '../../study-view.js';
import type { BaseSampler, ParamValue } from '../base-sampler.js';
import { RandomSampler } from '../random-sampler.js';
import type { SamplerEventListener } from '../sampler-events.js';
import { fromUniform, toParzenDimension } from '../search-space-transform.js';
import { Halton } from './halton.js';
import { Sobol, sobolMaxDimension } from './sobol.js';

/** Trial system attribute holding the index of the QMC point a trial used. */
export const QMC_SAMPLE_ID_ATTR = 'qmc:sample_id';

/** Options of {@link QMCSampler}. */
export interface QMCSamplerOptions {
  /** The low-discrepancy sequence. @default "sobol" */
  qmcType?: 'sobol' | 'halton';
  /** Randomise the sequence (Sobol: linear matrix scramble + digital shift; Halton: digit permutations). @default false */
  scramble?: boolean;
  /**
   * Seed of the scrambling and of the independent sampler. Give the same seed to every
   * worker of a distributed study so they walk one sequence.
   */
  seed?: number;
  /** Samples categoricals and parameters outside the first trial's space. @default new RandomSampler({ seed }) */
  independentSampler?: BaseSampler;
  /** Report parameters sampled independently (`onEvent`). @default true */
  warnIndependentSampling?: boolean;
  onEvent?: SamplerEventListener;
}

/**
 * Quasi-Monte Carlo sampling (Optuna's `QMCSampler`): the numerical parameters of the
 * first trial form the space; trial k takes point k of a Sobol or Halton sequence
 * (the point index is kept in a trial system attribute, so a resumed study continues
 * the sequence).
 */
export class QMCSampler implements BaseSampler {
  private readonly qmcType: 'sobol' | 'halton';
  private readonly scramble: boolean;
  private readonly seed: number;
  private readonly independent: BaseSampler;
  private readonly warnIndependent: boolean;
  private readonly onEvent: SamplerEventListener | undefined;
  private initialSpace: Record<string, Distribution> | undefined;
  private engine: { d: number; point(index: number): Float64Array } | undefined;
  private studyId: number | undefined;

  constructor(options: QMCSamplerOptions = {}) {
    const type = options.qmcType ?? 'sobol';
    if (type !== 'sobol' && type !== 'halton') {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected \`qmcType\` "sobol" or "halton", got ${echo(type)}`);
    }
    this.qmcType = type;
    this.scramble = options.scramble ?? false;
    this.seed = options.seed ?? createRng().nextUint32();
    this.independent = options.independentSampler ?? new RandomSampler({ seed: this.seed });
    this.warnIndependent = options.warnIndependentSampling ?? true;
    this.onEvent = options.onEvent;
  }

  reseedRng(seed?: number): void {
    this.independent.reseedRng?.(seed);
  }

  inferRelativeSearchSpace(study: StudyView, _trial: FrozenTrial): Record<string, Distribution> {
    if (this.studyId !== study.studyId) {
      this.studyId = study.studyId;
      this.initialSpace = undefined;
      this.engine = undefined;
    }
    if (this.initialSpace !== undefined) return this.initialSpace;
    const past = study.getTrials({ states: ['COMPLETE', 'PRUNED'] });
    if (past.length === 0) return {};
    const first = past.reduce((a, b) => (b.number < a.number ? b : a));
    const space: Record<string, Distribution> = {};
    for (const [name, dist] of Object.entries(first.distributions)) if (dist.kind !== 'categorical') space[name] = dist;
    this.initialSpace = space;
    return space;
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, searchSpace: Record<string, Distribution>): Record<string, ParamValue> {
    const names = Object.keys(searchSpace);
    if (names.length === 0) return {};
    const id = this.nextSampleId(study);
    study.setTrialSystemAttr(trial.trialId, QMC_SAMPLE_ID_ATTR, id);
    const u = this.engineFor(names.length).point(id);
    const out: Record<string, ParamValue> = {};
    names.forEach((name, i) => {
      const dist = searchSpace[name] as Distribution;
      const dim = toParzenDimension(dist);
      if (dim.kind !== 'numerical') return;
      out[name] = toExternal(dist, fromUniform(dim, dim.low + (u[i] as number) * (dim.high - dim.low)));
    });
    return out;
  }

  sampleIndependent(study: StudyView, trial: FrozenTrial, paramName: string, distribution: Distribution): ParamValue {
    if (this.initialSpace !== undefined && this.warnIndependent) {
      this.onEvent?.({
        type: 'sampler-independent-sampling',
        sampler: 'QMCSampler',
        trialNumber: trial.number,
        paramName,
        reason: 'QMCSampler samples only the numerical parameters of the first trial',
      });
    }
    return this.independent.sampleIndependent(study, trial, paramName, distribution);
  }

  private engineFor(d: number): { point(index: number): Float64Array } {
    if (this.engine?.d === d) return this.engine;
    if (this.qmcType === 'sobol' && d > sobolMaxDimension()) {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `QMCSampler's Sobol table covers ${sobolMaxDimension()} dimensions, got ${d}`);
    }
    const rng = createRng(this.seed);
    const options = { scramble: this.scramble, rng };
    this.engine = this.qmcType === 'sobol' ? new Sobol(d, options) : new Halton(d, options);
    return this.engine;
  }

  private nextSampleId(study: StudyView): number {
    let last = -1;
    for (const t of study.getTrials()) {
      const id = t.systemAttrs[QMC_SAMPLE_ID_ATTR];
      if (typeof id === 'number' && id > last) last = id;
    }
    return last + 1;
  }
}
