import type { Distribution } from '../../distributions/index.js';
import { distributionsEqual } from '../../distributions/equality.js';
import type { StudyView } from '../../study-view.js';
import type { TrialState } from '../../trial-state.js';

/**
 * The parameters that every finished trial of a study has, with one and the same
 * distribution (Optuna's `IntersectionSearchSpace`), kept incrementally: each trial is
 * folded in once, so a call costs O(trials) pointer checks and no re-computation.
 */
export class IntersectionSearchSpace {
  private space: Map<string, Distribution> | undefined;
  private readonly seen = new Set<number>();
  private studyId: number | undefined;
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
    }
    for (const trial of study.getTrials({ states: this.states })) {
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
    const out: Record<string, Distribution> = {};
    if (this.space === undefined) return out;
    for (const name of [...this.space.keys()].sort()) out[name] = this.space.get(name) as Distribution;
    return out;
  }
}
