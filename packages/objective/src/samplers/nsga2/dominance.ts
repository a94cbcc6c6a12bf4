import type { FrozenTrial } from '../../frozen-trial.js';
import type { StudyDirection } from '../../study-direction.js';
import { violationOf } from '../constraints.js';

/** Pareto dominance of finished trials (all objectives no worse, one better). */
export function dominates(a: FrozenTrial, b: FrozenTrial, directions: readonly StudyDirection[]): boolean {
  const va = a.values;
  const vb = b.values;
  if (va === undefined) return false;
  if (vb === undefined) return true;
  let better = false;
  for (let i = 0; i < directions.length; i++) {
    const sign = directions[i] === 'minimize' ? 1 : -1;
    const x = sign * (va[i] as number);
    const y = sign * (vb[i] as number);
    if (x > y) return false;
    if (x < y) better = true;
  }
  return better;
}

/**
 * Deb's constrained domination: a feasible trial dominates an infeasible one, of two
 * infeasible trials the smaller total violation wins, two feasible ones compare by
 * Pareto dominance. A trial without constraint values counts as infinitely infeasible.
 */
export function constrainedDominates(a: FrozenTrial, b: FrozenTrial, directions: readonly StudyDirection[]): boolean {
  const va = violationOf(a);
  const vb = violationOf(b);
  if (va === 0 && vb === 0) return dominates(a, b, directions);
  if (va === 0) return true;
  if (vb === 0) return false;
  return va < vb;
}

/** Fronts of non-dominated trials, best first (Deb's fast non-dominated sort). */
export function nonDominatedFronts(
  population: readonly FrozenTrial[],
  directions: readonly StudyDirection[],
  dominatesFn: typeof dominates = dominates,
): FrozenTrial[][] {
  const n = population.length;
  const dominated: number[][] = Array.from({ length: n }, () => []);
  const count = new Int32Array(n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const p = population[i] as FrozenTrial;
      const q = population[j] as FrozenTrial;
      if (dominatesFn(p, q, directions)) {
        (dominated[i] as number[]).push(j);
        count[j] = (count[j] as number) + 1;
      } else if (dominatesFn(q, p, directions)) {
        (dominated[j] as number[]).push(i);
        count[i] = (count[i] as number) + 1;
      }
    }
  const fronts: FrozenTrial[][] = [];
  let current: number[] = [];
  for (let i = 0; i < n; i++) if (count[i] === 0) current.push(i);
  while (current.length > 0) {
    fronts.push(current.map((i) => population[i] as FrozenTrial));
    const next: number[] = [];
    for (const i of current)
      for (const j of dominated[i] as number[]) {
        count[j] = (count[j] as number) - 1;
        if (count[j] === 0) next.push(j);
      }
    current = next;
  }
  return fronts;
}

/**
 * Crowding distance of each trial in a front: per objective, the gap between its two
 * neighbours over the objective's finite range (the extremes get infinity).
 */
export function crowdingDistances(front: readonly FrozenTrial[]): Map<number, number> {
  const dist = new Map<number, number>(front.map((t) => [t.number, 0]));
  const nObj = front[0]?.values?.length ?? 0;
  for (let o = 0; o < nObj; o++) {
    const sorted = [...front].sort((a, b) => (a.values?.[o] as number) - (b.values?.[o] as number));
    const finite = sorted.map((t) => t.values?.[o] as number).filter(Number.isFinite);
    const span = finite.length > 0 ? Math.max(...finite) - Math.min(...finite) : 0;
    if (span === 0) continue;
    sorted.forEach((t, k) => {
      const prev = k === 0 ? -Infinity : (sorted[k - 1]?.values?.[o] as number);
      const next = k === sorted.length - 1 ? Infinity : (sorted[k + 1]?.values?.[o] as number);
      const gap = next - prev;
      dist.set(t.number, (dist.get(t.number) as number) + (Number.isNaN(gap) ? 0 : gap / span));
    });
  }
  return dist;
}
