/**
 * `np.argsort(values)` with numpy's default kind (numpy 1.24, float64): the introsort of
 * numpy's npysort — median-of-three quicksort partitions down to 16 elements, insertion
 * sort below, heapsort when the depth runs out — whose order of equal values is
 * deterministic but not the trial order. Optuna 3.1's univariate bandwidths follow that
 * order when centres tie (discrete parameters), so TPE needs it to take Optuna's path.
 * NaN sorts last, as in numpy.
 */

/** numpy's `less` for doubles: NaN is larger than everything. */
function less(a: number, b: number): boolean {
  return a < b || (b !== b && a === a);
}

/** numpy's cut-off: partitions of at most 16 elements are insertion-sorted. */
const SMALL = 15;

export function numpyArgsort(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (n < 2) return idx;
  const v = (i: number): number => values[idx[i] as number] as number;
  const swap = (i: number, j: number): void => {
    const t = idx[i] as number;
    idx[i] = idx[j] as number;
    idx[j] = t;
  };
  const stack: number[] = [];
  const depths: number[] = [];
  let pl = 0;
  let pr = n - 1;
  let depth = 2 * Math.floor(Math.log2(n));
  for (;;) {
    if (depth < 0) {
      heapsort(values, idx, pl, pr - pl + 1);
    } else {
      while (pr - pl > SMALL) {
        const pm = pl + ((pr - pl) >> 1);
        if (less(v(pm), v(pl))) swap(pm, pl);
        if (less(v(pr), v(pm))) swap(pr, pm);
        if (less(v(pm), v(pl))) swap(pm, pl);
        const pivot = v(pm);
        let pi = pl;
        let pj = pr - 1;
        swap(pm, pj);
        for (;;) {
          do pi++;
          while (less(v(pi), pivot));
          do pj--;
          while (less(pivot, v(pj)));
          if (pi >= pj) break;
          swap(pi, pj);
        }
        swap(pi, pr - 1);
        // The larger side waits on the stack; the smaller one is sorted next.
        if (pi - pl < pr - pi) {
          stack.push(pi + 1, pr);
          pr = pi - 1;
        } else {
          stack.push(pl, pi - 1);
          pl = pi + 1;
        }
        depths.push(--depth);
      }
      for (let pi = pl + 1; pi <= pr; pi++) {
        const vi = idx[pi] as number;
        const x = values[vi] as number;
        let pj = pi;
        while (pj > pl && less(x, v(pj - 1))) {
          idx[pj] = idx[pj - 1] as number;
          pj--;
        }
        idx[pj] = vi;
      }
    }
    if (stack.length === 0) break;
    pr = stack.pop() as number;
    pl = stack.pop() as number;
    depth = depths.pop() as number;
  }
  return idx;
}

/** numpy's heapsort of idx[start .. start + n) by value (the introsort's fallback). */
function heapsort(values: ArrayLike<number>, idx: Uint32Array, start: number, n: number): void {
  // 1-based positions as in the classic formulation: a(k) = idx[start + k − 1].
  const at = (k: number): number => idx[start + k - 1] as number;
  const val = (k: number): number => values[at(k)] as number;
  const sift = (top: number, tmp: number, size: number): void => {
    let i = top;
    let j = top << 1;
    while (j <= size) {
      if (j < size && less(val(j), val(j + 1))) j++;
      if (less(values[tmp] as number, val(j))) {
        idx[start + i - 1] = at(j);
        i = j;
        j += j;
      } else break;
    }
    idx[start + i - 1] = tmp;
  };
  for (let l = n >> 1; l > 0; l--) sift(l, at(l), n);
  for (let size = n; size > 1; ) {
    const tmp = at(size);
    idx[start + size - 1] = at(1);
    size--;
    sift(1, tmp, size);
  }
}

/**
 * The order of n univariate Parzen centres to hand the kernels so that their bandwidths
 * are Optuna's: numpy's argsort of the centres followed by the prior's centre (`prior`,
 * when the estimator has a prior), with the prior's index taken out (the kernels put it
 * back after the centres equal to it). `stable` is the order in trial order of ties,
 * which TPE keeps as trials finish: without ties it is numpy's order too, and is
 * returned as is, so continuous parameters never pay for a sort.
 *
 * One case cannot be said with n indices: a prior centre equal to an observed one that
 * numpy places before it (the kernels put the prior after its equals). Then the whole
 * order, n + 1 indices with the prior's, is returned; kernels that take it as is get
 * Optuna's bandwidths (parzen-kernels.ts sorts again when an order has n + 1 indices).
 */
export function numpyCentreOrder(centres: Float64Array, prior: number | undefined, stable: Uint32Array | undefined): Uint32Array | undefined {
  const n = centres.length;
  if (stable !== undefined && stable.length === n) {
    let tie = false;
    for (let k = 1; k < n && !tie; k++) if (centres[stable[k] as number] === centres[stable[k - 1] as number]) tie = true;
    if (!tie && prior !== undefined) for (let i = 0; i < n && !tie; i++) if (centres[i] === prior) tie = true;
    if (!tie) return stable;
  }
  if (prior === undefined) return numpyArgsort(centres);
  const withPrior = new Float64Array(n + 1);
  withPrior.set(centres);
  withPrior[n] = prior;
  const full = numpyArgsort(withPrior);
  const at = full.indexOf(n);
  const next = full[at + 1];
  if (next !== undefined && withPrior[next] === prior) return full;
  const out = new Uint32Array(n);
  let k = 0;
  for (const i of full) if (i !== n) out[k++] = i;
  return out;
}
