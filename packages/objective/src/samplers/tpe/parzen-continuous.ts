/**
 * The continuous multivariate density on scaled columns: multivariate kernels share one
 * bandwidth per dimension, so a kernel's log term is one multiply-add per dimension.
 */
import { HEAP, type Allocator } from './arena.js';
import { expNonPositive } from './normal-math.js';
import { LOGSUMEXP_CUTOFF, type NumericalDimension, type NumericalKernel } from './parzen-kernels.js';

export interface PackedContinuous {
  /** Kernels 0..shared−1 share each dimension's bandwidth; the rest (the prior) have their own. */
  readonly shared: number;
  readonly centre: Float64Array;
  /** √½ / σ_d of the shared kernels, and of the prior. */
  readonly scale: Float64Array;
  readonly priorScale: Float64Array;
  /** Per dimension, the kernels' scaled centres (the prior's in its own scale). */
  readonly columns: Float64Array[];
  /** Per kernel: log weight + log normalisers − ‖μ̃ᵢ‖² (the prior: without the norm). */
  readonly offset: Float64Array;
}

/** Scaled columns for {@link continuousLogPdf}, or null when bandwidths are not shared. */
export function packContinuous(kernels: readonly NumericalKernel[], dims: readonly NumericalDimension[], logWeights: Float64Array, alloc: Allocator = HEAP): PackedContinuous | null {
  const m = logWeights.length;
  if (m === 0) return null;
  const nDims = kernels.length;
  // The prior, when present, is the last kernel with σ = range; every other kernel must share σ_d.
  let shared = m;
  const first = kernels[0] as NumericalKernel;
  const dim0 = dims[0] as NumericalDimension;
  if (m > 1 && first.sigmas[m - 1] === dim0.high - dim0.low && first.sigmas[m - 1] !== first.sigmas[0]) shared = m - 1;
  for (const kernel of kernels) {
    const sigma = kernel.sigmas[0] as number;
    for (let i = 1; i < shared; i++) if (kernel.sigmas[i] !== sigma) return null;
  }
  const centre = alloc.f64(nDims);
  const scale = alloc.f64(nDims);
  const priorScale = alloc.f64(nDims);
  const offset = alloc.f64(m);
  offset.set(logWeights);
  const columns = kernels.map((kernel, d) => {
    const dim = dims[d] as NumericalDimension;
    const c = 0.5 * (dim.low + dim.high);
    const k = Math.SQRT1_2 / (kernel.sigmas[0] as number);
    const kp = Math.SQRT1_2 / (kernel.sigmas[m - 1] as number);
    centre[d] = c;
    scale[d] = k;
    priorScale[d] = kp;
    const column = alloc.f64(m);
    for (let i = 0; i < m; i++) {
      const mu = ((kernel.mus[i] as number) - c) * (i < shared ? k : kp);
      column[i] = mu;
      offset[i] = (offset[i] as number) + (kernel.logNorm[i] as number) - (i < shared ? mu * mu : 0);
    }
    return column;
  });
  return { shared, centre, scale, priorScale, columns, offset };
}

/**
 * Several continuous dimensions (multivariate TPE's usual case). Multivariate kernels
 * share one bandwidth per dimension (the prior, last, has its own), so in coordinates
 * scaled by it, centred on the range and halved, a kernel's log term is
 * cᵢ − ‖x̃ − μ̃ᵢ‖² = (cᵢ − ‖μ̃ᵢ‖²) − ‖x̃‖² + 2·x̃·μ̃ᵢ: one multiply-add per dimension and
 * kernel, in tight loops over columns. Coordinates stay within a few units, so the
 * expansion costs at most ~1e-14 of a term. Kernels with their own bandwidths take
 * the general (component-matrix) path.
 */
export function continuousLogPdf(packed: PackedContinuous, dims: readonly NumericalDimension[], samples: readonly Float64Array[], alloc: Allocator = HEAP): Float64Array {
  const m = packed.offset.length;
  const size = samples[0]?.length ?? 0;
  const out = alloc.f64(size);
  const acc = alloc.f64(m);
  const xs = alloc.f64(dims.length);
  for (let s = 0; s < size; s++) {
    const max = logTerms(packed, dims, samples, s, xs, acc, 0);
    out[s] = logSumExp(acc, 0, m, max, LOGSUMEXP_CUTOFF);
  }
  return out;
}

/**
 * The argmax over samples of `logL[s] − log density(sample s)` as numpy's argmax of
 * {@link continuousLogPdf}'s values would find it (the first of equals, the first NaN).
 * Every sample's sum first leaves out the terms more than {@link LOOSE_CUTOFF} below its
 * largest — together at most m·e^−16 of the sum — and only samples whose score could
 * still be the best are summed in full, from their stored terms.
 */
export function continuousArgmax(packed: PackedContinuous, dims: readonly NumericalDimension[], samples: readonly Float64Array[], logL: Float64Array, alloc: Allocator = HEAP): number {
  const m = packed.offset.length;
  const size = samples[0]?.length ?? 0;
  const terms = alloc.f64Dirty(size * m);
  const maxes = alloc.f64(size);
  const loose = alloc.f64(size);
  const xs = alloc.f64(dims.length);
  // Leaving out terms only lowers the sum: log g(loose) ≤ log g ≤ log g(loose) + slack.
  const slack = Math.log1p(m * Math.exp(-LOOSE_CUTOFF)) + 1e-12;
  let bestLow = -Infinity;
  for (let s = 0; s < size; s++) {
    const max = logTerms(packed, dims, samples, s, xs, terms, s * m);
    maxes[s] = max;
    const score = (logL[s] as number) - logSumExp(terms, s * m, m, max, LOOSE_CUTOFF);
    // The largest term is in both sums, so a score is NaN loosely exactly when it is in
    // full: the first NaN is numpy's answer.
    if (Number.isNaN(score)) return s;
    loose[s] = score;
    if (score - slack > bestLow) bestLow = score - slack;
  }
  let best = 0;
  let bestScore = -Infinity;
  for (let s = 0; s < size; s++) {
    // The full score is at most the loose one: below another's lowest, it cannot win.
    if ((loose[s] as number) < bestLow) continue;
    const score = (logL[s] as number) - logSumExp(terms, s * m, m, maxes[s] as number, LOGSUMEXP_CUTOFF);
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  return best;
}

/** Terms left out of the first, loose sums: those more than this far below the largest. */
const LOOSE_CUTOFF = 16;

/** Each kernel's log term at sample s, into `acc` from `base` on; returns the largest. */
function logTerms(packed: PackedContinuous, dims: readonly NumericalDimension[], samples: readonly Float64Array[], s: number, xs: Float64Array, acc: Float64Array, base: number): number {
  const m = packed.offset.length;
  const nDims = dims.length;
  const { shared, centre, scale, columns, offset, priorScale } = packed;
  let norm = 0;
  for (let d = 0; d < nDims; d++) {
    const dim = dims[d] as NumericalDimension;
    const raw = (samples[d] as Float64Array)[s] as number;
    const x = ((dim.log ? Math.log(raw) : raw) - (centre[d] as number)) * (scale[d] as number);
    xs[d] = x;
    norm += x * x;
  }
  // Up to four dimensions per pass over the kernels (fewer loads and stores of `acc`),
  // the first pass starting from the offsets. The terms are added in dimension order, so
  // the sums are the ones a pass per dimension gives.
  for (let d = 0; d < nDims; ) {
    const k = Math.min(4, nDims - d);
    const c0 = columns[d] as Float64Array;
    const c1 = (columns[d + Math.min(1, k - 1)] as Float64Array);
    const c2 = (columns[d + Math.min(2, k - 1)] as Float64Array);
    const c3 = (columns[d + Math.min(3, k - 1)] as Float64Array);
    const t0 = 2 * (xs[d] as number);
    const t1 = k > 1 ? 2 * (xs[d + 1] as number) : 0;
    const t2 = k > 2 ? 2 * (xs[d + 2] as number) : 0;
    const t3 = k > 3 ? 2 * (xs[d + 3] as number) : 0;
    if (d === 0) {
      if (k === 4) for (let i = 0; i < shared; i++) acc[base + i] = (offset[i] as number) - norm + t0 * (c0[i] as number) + t1 * (c1[i] as number) + t2 * (c2[i] as number) + t3 * (c3[i] as number);
      else if (k === 3) for (let i = 0; i < shared; i++) acc[base + i] = (offset[i] as number) - norm + t0 * (c0[i] as number) + t1 * (c1[i] as number) + t2 * (c2[i] as number);
      else if (k === 2) for (let i = 0; i < shared; i++) acc[base + i] = (offset[i] as number) - norm + t0 * (c0[i] as number) + t1 * (c1[i] as number);
      else for (let i = 0; i < shared; i++) acc[base + i] = (offset[i] as number) - norm + t0 * (c0[i] as number);
    } else if (k === 4) for (let i = 0; i < shared; i++) acc[base + i] = (acc[base + i] as number) + t0 * (c0[i] as number) + t1 * (c1[i] as number) + t2 * (c2[i] as number) + t3 * (c3[i] as number);
    else if (k === 3) for (let i = 0; i < shared; i++) acc[base + i] = (acc[base + i] as number) + t0 * (c0[i] as number) + t1 * (c1[i] as number) + t2 * (c2[i] as number);
    else if (k === 2) for (let i = 0; i < shared; i++) acc[base + i] = (acc[base + i] as number) + t0 * (c0[i] as number) + t1 * (c1[i] as number);
    else for (let i = 0; i < shared; i++) acc[base + i] = (acc[base + i] as number) + t0 * (c0[i] as number);
    d += k;
  }
  if (nDims === 0) for (let i = 0; i < shared; i++) acc[base + i] = (offset[i] as number) - norm;
  // The prior (if any) by its own bandwidths.
  for (let i = shared; i < m; i++) {
    let v = offset[i] as number;
    for (let d = 0; d < nDims; d++) {
      const z = ((xs[d] as number) / (scale[d] as number)) * (priorScale[d] as number) - (columns[d] as Float64Array)[i]!;
      v -= z * z;
    }
    acc[base + i] = v;
  }
  let max = -Infinity;
  for (let i = base; i < base + m; i++) if ((acc[i] as number) > max) max = acc[i] as number;
  return max;
}

/** log Σ e^{termᵢ} over terms[base, base + m), leaving out those more than `cutoff` below the largest, `max`. */
function logSumExp(terms: Float64Array, base: number, m: number, max: number, cutoff: number): number {
  if (!Number.isFinite(max)) return max;
  const floor = max - cutoff;
  let sum = 0;
  for (let i = base; i < base + m; i++) {
    const v = terms[i] as number;
    if (v > floor) sum += expNonPositive(v - max);
  }
  return Math.log(sum) + max;
}
