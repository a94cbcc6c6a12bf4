import { greedyHypervolumeSubset, referencePoint } from './mo-weights.js';
import type { Observations } from './observations.js';

/** Optuna's default `gamma`: the number of "good" trials, min(⌈0.1 n⌉, 25). */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/** hyperopt's `gamma`: min(⌈0.25 √n⌉, 25). */
export function hyperoptDefaultGamma(n: number): number {
  return Math.min(Math.ceil(0.25 * Math.sqrt(n)), 25);
}

/** Optuna's default weights: 1 for the last 25 trials, a linear ramp from 1/n before them. */
export function defaultWeights(n: number): Float64Array {
  const w = new Float64Array(n).fill(1);
  if (n < 25) return w;
  const ramp = n - 25;
  for (let i = 0; i < ramp; i++) w[i] = ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1);
  return w;
}

/** Indices (into the observations) of the good and bad trials: ascending, but for multi-objective `below` (Optuna's order, see splitMultiObjective). */
export interface Split {
  readonly below: Int32Array;
  readonly above: Int32Array;
}

function compareSingle(obs: Observations, i: number, j: number): number {
  const a = obs.stepKeys[i] as number;
  const b = obs.stepKeys[j] as number;
  if (a !== b) return a < b ? -1 : 1;
  const x = obs.scores[i] as number;
  const y = obs.scores[j] as number;
  if (x !== y) {
    if (Number.isNaN(x)) return 1;
    if (Number.isNaN(y)) return -1;
    return x < y ? -1 : 1;
  }
  return i - j;
}

function ascending(indices: ArrayLike<number>): Int32Array {
  // slice() copies a typed array natively; Int32Array.from would iterate it.
  return (indices instanceof Int32Array ? indices.slice() : Int32Array.from(indices)).sort();
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

function isAscending(indices: Int32Array): boolean {
  for (let i = 1; i < indices.length; i++) if ((indices[i] as number) < (indices[i - 1] as number)) return false;
  return true;
}

/** Splits observations `subset` into the best `nBelow` and the rest (Optuna's `_split_observation_pairs`). */
export function splitObservations(obs: Observations, nBelow: number, subset?: Int32Array): Split {
  const all = subset ?? identity(obs.numbers.length);
  const violations = subset === undefined ? obs.violations : undefined;
  if (violations !== undefined) {
    const order = Array.from(all).sort((i, j) => (violations[i] as number) - (violations[j] as number) || i - j);
    if (nBelow >= order.length || (violations[order[nBelow] as number] as number) > 0) {
      return { below: ascending(order.slice(0, nBelow)), above: ascending(order.slice(nBelow)) };
    }
    const feasible = Int32Array.from(all.filter((i) => violations[i] === 0));
    const infeasible = all.filter((i) => (violations[i] as number) > 0);
    const inner = splitObservations(obs, nBelow, feasible);
    return { below: ascending(inner.below), above: ascending([...inner.above, ...infeasible]) };
  }
  if (obs.nObjectives <= 1) return splitSingle(obs, nBelow, all);
  return splitMultiObjective(obs, nBelow, all);
}

/**
 * The best `nBelow` of `all` by {@link compareSingle}, by insertion into a short sorted
 * list: one pass over the observations, no full sort (a study has thousands of trials and
 * `nBelow` is at most 25 by default).
 */
function splitSingle(obs: Observations, nBelow: number, all: Int32Array): Split {
  const k = Math.max(0, Math.min(nBelow, all.length));
  const best = new Int32Array(k);
  let size = 0;
  for (let t = 0; t < all.length; t++) {
    const i = all[t] as number;
    if (size === k && (k === 0 || compareSingle(obs, i, best[k - 1] as number) >= 0)) continue;
    let at = size < k ? size++ : k - 1;
    while (at > 0 && compareSingle(obs, i, best[at - 1] as number) < 0) {
      best[at] = best[at - 1] as number;
      at--;
    }
    best[at] = i;
  }
  const below = ascending(best);
  const above = new Int32Array(all.length - k);
  let b = 0;
  let a = 0;
  // `all` is ascending (subsets are built in order), so a merge leaves `above` ascending.
  const sortedAll = isAscending(all) ? all : ascending(all);
  for (let t = 0; t < sortedAll.length; t++) {
    const i = sortedAll[t] as number;
    if (b < k && below[b] === i) b++;
    else above[a++] = i;
  }
  return { below, above };
}

/** Non-domination ranks (0 = Pareto front) of minimised rows. */
export function nondominationRanks(values: Float64Array, nObj: number, rows: ArrayLike<number>): Int32Array {
  const n = rows.length;
  const dominates = (p: number, q: number): boolean => {
    let better = false;
    for (let o = 0; o < nObj; o++) {
      const a = values[p * nObj + o] as number;
      const b = values[q * nObj + o] as number;
      if (a > b) return false;
      if (a < b) better = true;
    }
    return better;
  };
  const dominatedBy: number[][] = Array.from({ length: n }, () => []);
  const count = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const ri = rows[i] as number;
      const rj = rows[j] as number;
      if (dominates(ri, rj)) {
        (dominatedBy[i] as number[]).push(j);
        count[j] = (count[j] as number) + 1;
      } else if (dominates(rj, ri)) {
        (dominatedBy[j] as number[]).push(i);
        count[i] = (count[i] as number) + 1;
      }
    }
  }
  const ranks = new Int32Array(n).fill(-1);
  let front: number[] = [];
  for (let i = 0; i < n; i++) if (count[i] === 0) front.push(i);
  let rank = 0;
  while (front.length > 0) {
    const next: number[] = [];
    for (const i of front) {
      ranks[i] = rank;
      for (const j of dominatedBy[i] as number[]) { count[j] = (count[j] as number) - 1; if (count[j] === 0) next.push(j); }
    }
    front = next;
    rank++;
  }
  return ranks;
}

/**
 * Multi-objective split (Optuna 3.1's): whole non-domination fronts first, in trial order;
 * the last, partial front is cut by greedy hypervolume subset selection. `below` keeps
 * that order (fronts, then the picks in the order picked), as Optuna's does: it is the
 * order of the good estimator's kernels and weights.
 */
function splitMultiObjective(obs: Observations, nBelow: number, all: Int32Array): Split {
  const nObj = obs.nObjectives;
  const ranks = nondominationRanks(obs.scores, nObj, all);
  const byRank = Array.from(all.keys()).sort((a, b) => (ranks[a] as number) - (ranks[b] as number) || a - b);
  const chosen: number[] = [];
  let k = 0;
  while (k < byRank.length && chosen.length < nBelow) {
    const r = ranks[byRank[k] as number] as number;
    const front: number[] = [];
    while (k < byRank.length && ranks[byRank[k] as number] === r) front.push(all[byRank[k++] as number] as number);
    if (chosen.length + front.length <= nBelow) chosen.push(...front);
    else {
      const points = front.map((i) => obs.scores.slice(i * nObj, (i + 1) * nObj));
      const picked = greedyHypervolumeSubset(points, nBelow - chosen.length, referencePoint(points));
      chosen.push(...picked.map((p) => front[p] as number));
    }
  }
  const set = new Set(chosen);
  return { below: Int32Array.from(chosen), above: ascending(Array.from(all).filter((i) => !set.has(i))) };
}
