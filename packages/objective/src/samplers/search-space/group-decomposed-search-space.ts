import type { Distribution } from '../../distributions/index.js';
import type { StudyView } from '../../study-view.js';
import type { TrialState } from '../../trial-state.js';

/**
 * Splits the parameters seen so far into disjoint groups such that every finished
 * trial's parameter set is a union of groups (Optuna's `_GroupDecomposedSearchSpace`),
 * so that a conditional search space is sampled jointly group by group.
 */
export class GroupDecomposedSearchSpace {
  private groups: Map<string, Distribution>[] = [];
  private readonly seen = new Set<number>();
  private studyId: number | undefined;
  private readonly states: readonly TrialState[];

  constructor(options: { includePruned?: boolean } = {}) {
    this.states = options.includePruned ? ['COMPLETE', 'PRUNED'] : ['COMPLETE'];
  }

  /** The current groups (each a name → distribution record). */
  calculate(study: StudyView): Record<string, Distribution>[] {
    if (this.studyId !== study.studyId) {
      this.studyId = study.studyId;
      this.groups = [];
      this.seen.clear();
    }
    for (const trial of study.getTrials({ states: this.states })) {
      if (this.seen.has(trial.number)) continue;
      this.seen.add(trial.number);
      this.add(trial.distributions);
    }
    return this.groups.map((group) => Object.fromEntries(group));
  }

  private add(distributions: Readonly<Record<string, Distribution>>): void {
    const rest = new Set(Object.keys(distributions));
    const next: Map<string, Distribution>[] = [];
    for (const group of this.groups) {
      const inside = new Map<string, Distribution>();
      const outside = new Map<string, Distribution>();
      for (const [name, dist] of group) (rest.has(name) ? inside : outside).set(name, dist);
      for (const name of group.keys()) rest.delete(name);
      if (inside.size > 0) next.push(inside);
      if (outside.size > 0) next.push(outside);
    }
    if (rest.size > 0) next.push(new Map([...rest].map((name) => [name, distributions[name] as Distribution])));
    this.groups = next;
  }
}
