import { numpyArgsort } from './numpy-argsort.js';
import type { Observations } from './observations.js';

const EPS = 1e-12;

/**
 * Hypervolume of 2-d points, summed as Optuna 3.1's `_compute_2d` does (so the rounding is
 * the same): by x ascending (ties: y descending), each point adds the rectangle between it
 * and the reference, whose y then drops to the point's.
 */
function hypervolume2d(points: readonly Float64Array[], ref: Float64Array): number {
  const sorted = [...points].sort((a, b) => (a[0] as number) - (b[0] as number) || (b[1] as number) - (a[1] as number));
  const r0 = ref[0] as number;
  let r1 = ref[1] as number;
  let volume = 0;
  for (const p of sorted) {
    const y = p[1] as number;
    if (r1 < y) continue;
    volume += Math.abs((r0 - (p[0] as number)) * (r1 - y));
    r1 = y;
  }
  return volume;
}

/**
 * Hypervolume dominated by minimised `points` (rows of `d` values) up to `ref`: in two
 * dimensions summed as Optuna 3.1's `_compute_2d`, in more by its WFG recursion, operation
 * for operation, so that the rounding — which can decide TPE's hypervolume subset
 * selection between near-equal points — is Optuna's. Points beyond `ref` in some
 * objective dominate nothing inside the box and are left out.
 */
export function hypervolume(points: readonly Float64Array[], ref: Float64Array): number {
  const d = ref.length;
  if (d <= 2) {
    const inside = points.filter((p) => p.every((v, o) => v < (ref[o] as number)));
    if (inside.length === 0) return 0;
    if (d === 2) return hypervolume2d(inside, ref);
    return (ref[0] as number) - Math.min(...inside.map((p) => p[0] as number));
  }
  const within = points.filter((p) => p.every((v, o) => v <= (ref[o] as number)));
  return within.length === 0 ? 0 : wfg(within, ref);
}

/** |Π (p − q)|, multiplied in coordinate order (numpy's `prod` of a short row). */
function boxVolume(p: Float64Array, q: Float64Array): number {
  let product = 1;
  for (let o = 0; o < p.length; o++) product *= (p[o] as number) - (q[o] as number);
  return Math.abs(product);
}

/** Optuna 3.1's `WFG._compute_rec` for three or more objectives. */
function wfg(points: readonly Float64Array[], ref: Float64Array): number {
  const n = points.length;
  if (n === 1) return boxVolume(points[0] as Float64Array, ref);
  if (n === 2) {
    const [a, b] = points as [Float64Array, Float64Array];
    let volume = 0;
    volume += boxVolume(a, ref);
    volume += boxVolume(b, ref);
    let intersection = 1;
    for (let o = 0; o < ref.length; o++) intersection *= (ref[o] as number) - Math.max(a[o] as number, b[o] as number);
    return volume - intersection;
  }
  // Sorted by the first objective as numpy's default argsort orders it (ties included).
  const order = numpyArgsort(points.map((p) => p[0] as number));
  const sorted = Array.from(order, (i) => points[i] as Float64Array);
  let volume = 0;
  for (let i = 0; i < n; i++) volume += exclusiveVolume(sorted[i] as Float64Array, sorted.slice(i + 1), ref);
  return volume;
}

/** The volume `point` dominates and none of `rest` does (Optuna's `_compute_exclusive_hv`). */
function exclusiveVolume(point: Float64Array, rest: readonly Float64Array[], ref: Float64Array): number {
  let volume = boxVolume(point, ref);
  const limited = limitTo(point, rest);
  if (limited.length === 1) volume -= boxVolume(limited[0] as Float64Array, ref);
  else if (limited.length > 1) volume -= wfg(limited, ref);
  return volume;
}

/**
 * Optuna's `WFG._limit`: each of `rest` (sorted by the first objective) raised to
 * `point`, keeping a point only when it is worse than the last kept in some objective —
 * the almost-Pareto set Optuna's recursion works on.
 */
function limitTo(point: Float64Array, rest: readonly Float64Array[]): Float64Array[] {
  const raised = rest.map((s) => s.map((v, o) => Math.max(v, point[o] as number)));
  if (raised.length <= 1) return raised;
  const kept = [raised[0] as Float64Array];
  let left = 0;
  for (let right = 1; right < raised.length; right++) {
    const l = raised[left] as Float64Array;
    const r = raised[right] as Float64Array;
    if (l.some((v, o) => v > (r[o] as number))) {
      left = right;
      kept.push(r);
    }
  }
  return kept;
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
    const ref = referencePoint(points);
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

/** Optuna's reference point of minimised `points`: the worst value of each objective, moved 10% outwards (0 becomes 1e-12). */
export function referencePoint(points: readonly Float64Array[]): Float64Array {
  const nObj = points[0]?.length ?? 0;
  const ref = new Float64Array(nObj);
  for (let o = 0; o < nObj; o++) {
    const worst = Math.max(...points.map((p) => p[o] as number));
    const r = Math.max(1.1 * worst, 0.9 * worst);
    ref[o] = r === 0 ? EPS : r;
  }
  return ref;
}

/**
 * Optuna 3.1's greedy hypervolume subset selection (`_solve_hssp`): picks `size` of the
 * minimised `points` one at a time, each the one adding the most hypervolume to those
 * already picked (the first on ties); returns their positions in the order picked.
 */
export function greedyHypervolumeSubset(points: readonly Float64Array[], size: number, ref: Float64Array): number[] {
  const contributions = points.map((p) => hypervolume([p], ref));
  const picked: number[] = [];
  const pickedPoints: Float64Array[] = [];
  let pickedVolume = 0;
  while (picked.length < size) {
    let best = 0;
    for (let j = 1; j < contributions.length; j++) if ((contributions[j] as number) > (contributions[best] as number)) best = j;
    contributions[best] = -1;
    const chosen = points[best] as Float64Array;
    for (let j = 0; j < points.length; j++) {
      if (contributions[j] === -1) continue;
      const v = points[j] as Float64Array;
      const joint = chosen.map((c, o) => Math.max(c, v[o] as number));
      contributions[j] = (contributions[j] as number) - (hypervolume([...pickedPoints, joint], ref) - pickedVolume);
    }
    pickedPoints.push(chosen);
    picked.push(best);
    pickedVolume = hypervolume(pickedPoints, ref);
  }
  return picked;
}
