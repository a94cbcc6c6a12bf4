import type { Distribution } from '../../distributions/index.js';
import { distributionsEqual } from '../../distributions/equality.js';
import type { FrozenTrial } from '../../frozen-trial.js';
import type { StudyView } from '../../study-view.js';
import type { TrialState } from '../../trial-state.js';

/**
 * The parameters that every finished trial of a study has, with one and the same
 * distribution (Optuna's `IntersectionSearchSpace`), kept incrementally: each trial is
 * folded in once; a call reads only the trials that finished since the last one (all of
 * them, checked against the set of those seen, when trials finished out of order).
 */
export class IntersectionSearchSpace {
  private space: Map<string, Distribution> | undefined;
  private readonly seen = new Set<number>();
  private studyId: number | undefined;
  /** Length of the list last folded in, and its last trial's number. */
  private count = 0;
  private lastNumber = -1;
  private readonly states: readonly TrialState[];

  constructor(options: { includePruned?: boolean } = {}) {
    this.states = options.includePruned ? ['COMPLETE', 'PRUNED'] : ['COMPLETE'];
  }

  /** Parameter name → distribution, sorted by name (as Optuna returns it). */
  calculate(study: StudyView): Record<string, Distribution> {
    if (this.studyId !== study.studyId) {
      this.studyId = study.studyId;
      this.space = undefined;
      this.seen.clear();
      this.count = 0;
    }
    const trials = study.getTrials({ states: this.states });
    // Finished trials never leave: a list whose entry at the last count still has the last
    // number seen begins with the trials already folded in.
    const from = this.count > 0 && this.count <= trials.length && trials[this.count - 1]?.number === this.lastNumber ? this.count : 0;
    for (let t = from; t < trials.length; t++) {
      const trial = trials[t] as FrozenTrial;
      if (this.seen.has(trial.number)) continue;
      this.seen.add(trial.number);
      if (this.space === undefined) {
        this.space = new Map(Object.entries(trial.distributions));
        continue;
      }
      for (const [name, dist] of this.space) {
        const other = trial.distributions[name];
        if (other === undefined || !distributionsEqual(dist, other)) this.space.delete(name);
      }
    }
    this.count = trials.length;
    this.lastNumber = trials[trials.length - 1]?.number ?? -1;
    const out: Record<string, Distribution> = {};
    if (this.space === undefined) return out;
    for (const name of [...this.space.keys()].sort()) out[name] = this.space.get(name) as Distribution;
    return out;
  }
}
