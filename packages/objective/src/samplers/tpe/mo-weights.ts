import type { Observations } from './observations.js';

const EPS = 1e-12;

/** Hypervolume dominated by minimised `points` (rows of `d` values) up to `ref`. */
export function hypervolume(points: readonly Float64Array[], ref: Float64Array): number {
  const d = ref.length;
  const inside = points.filter((p) => p.every((v, o) => v < (ref[o] as number)));
  if (inside.length === 0) return 0;
  if (d === 1) return (ref[0] as number) - Math.min(...inside.map((p) => p[0] as number));
  // Slice along the last objective: between consecutive values, the (d−1)-volume of the points below.
  const sorted = [...inside].sort((a, b) => (a[d - 1] as number) - (b[d - 1] as number));
  const subRef = ref.subarray(0, d - 1);
  let volume = 0;
  for (let k = 0; k < sorted.length; k++) {
    const top = k + 1 < sorted.length ? (sorted[k + 1] as Float64Array)[d - 1] as number : (ref[d - 1] as number);
    const height = top - ((sorted[k] as Float64Array)[d - 1] as number);
    if (height <= 0) continue;
    volume += height * hypervolume(sorted.slice(0, k + 1).map((p) => p.subarray(0, d - 1)), subRef);
  }
  return volume;
}

/**
 * Optuna's weights of the good trials of a multi-objective study: each feasible
 * point's exclusive hypervolume contribution, scaled to a maximum of 1; infeasible
 * points get a tiny weight.
 */
export function hypervolumeContributionWeights(obs: Observations, below: Int32Array): Float64Array {
  const nObj = obs.nObjectives;
  const feasible = Array.from(below, (i) => obs.violations === undefined || obs.violations[i] === 0);
  const points = Array.from(below)
    .filter((_, k) => feasible[k])
    .map((i) => obs.scores.slice(i * nObj, (i + 1) * nObj));
  const out = new Float64Array(below.length).fill(EPS);
  if (points.length === 0) return out;
  let weights: number[];
  if (points.length === 1) weights = [1];
  else {
    const ref = new Float64Array(nObj);
    for (let o = 0; o < nObj; o++) {
      const worst = Math.max(...points.map((p) => p[o] as number));
      const r = Math.max(1.1 * worst, 0.9 * worst);
      ref[o] = r === 0 ? EPS : r;
    }
    const total = hypervolume(points, ref);
    const contributions = points.map((_, i) => total - hypervolume(points.filter((__, j) => j !== i), ref) + EPS);
    const max = Math.max(...contributions);
    weights = contributions.map((c) => Math.min(Math.max(c / max, 0), 1));
  }
  let k = 0;
  feasible.forEach((ok, idx) => {
    if (ok) out[idx] = weights[k++] as number;
  });
  return out;
}
