/**
 * The continuous multivariate density on scaled columns: multivariate kernels share one
 * bandwidth per dimension, so a kernel's log term is one multiply-add per dimension.
 */
import { HEAP, type Allocator } from './arena.js';
import { expNonPositive } from './normal-math.js';
import { LOGSUMEXP_CUTOFF, type NumericalDimension, type NumericalKernel } from './parzen-kernels.js';
import { parzenTermsSimd, type LoadedKernels, type ParzenTermsSimd } from './parzen-terms.js';

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
 * kernel, in tight loops over columns — WebAssembly SIMD ones where available (see
 * parzen-terms.ts; the same bits as the JavaScript loops). Coordinates stay within a few
 * units, so the expansion costs at most ~1e-14 of a term. Kernels with their own
 * bandwidths take the general (component-matrix) path.
 */
export function continuousLogPdf(
  packed: PackedContinuous,
  dims: readonly NumericalDimension[],
  samples: readonly Float64Array[],
  alloc: Allocator = HEAP,
  /** The WebAssembly loops (null: the JavaScript ones; the same results either way). */
  simd: ParzenTermsSimd | null = parzenTermsSimd(),
): Float64Array {
  const size = samples[0]?.length ?? 0;
  const terms = new SampleTerms(packed, dims, samples, size, alloc, simd);
  const out = alloc.f64(size);
  for (let s = 0; s < size; s++) out[s] = terms.logSum(s, terms.compute(s), LOGSUMEXP_CUTOFF);
  return out;
}

/**
 * The argmax over samples of `logL[s] − log density(sample s)` as numpy's argmax of
 * {@link continuousLogPdf}'s values would find it (the first of equals, the first NaN).
 * Every sample's sum first leaves out the terms more than {@link LOOSE_CUTOFF} below its
 * largest — together at most m·e^−16 of the sum — and only samples whose score could
 * still be the best are summed in full, from their stored terms.
 */
export function continuousArgmax(
  packed: PackedContinuous,
  dims: readonly NumericalDimension[],
  samples: readonly Float64Array[],
  logL: Float64Array,
  alloc: Allocator = HEAP,
  /** The WebAssembly loops (null: the JavaScript ones; the same choice either way). */
  simd: ParzenTermsSimd | null = parzenTermsSimd(),
): number {
  const m = packed.offset.length;
  const size = samples[0]?.length ?? 0;
  const terms = new SampleTerms(packed, dims, samples, size, alloc, simd);
  const maxes = alloc.f64(size);
  const loose = alloc.f64(size);
  // Leaving out terms only lowers the sum: log g(loose) ≤ log g ≤ log g(loose) + slack.
  const slack = Math.log1p(m * Math.exp(-LOOSE_CUTOFF)) + 1e-12;
  let bestLow = -Infinity;
  for (let s = 0; s < size; s++) {
    const max = terms.compute(s);
    maxes[s] = max;
    const score = (logL[s] as number) - terms.logSum(s, max, LOOSE_CUTOFF);
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
    const score = (logL[s] as number) - terms.logSum(s, maxes[s] as number, LOGSUMEXP_CUTOFF);
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  return best;
}

/** Every sample's log terms against every kernel (sample s's at [s·m, (s+1)·m)), and their log sums. */
class SampleTerms {
  private readonly m: number;
  private readonly terms: Float64Array;
  /** The WebAssembly copy of the kernels (undefined: the JavaScript loops). */
  private readonly loaded: LoadedKernels | undefined;
  private readonly xs: Float64Array;

  constructor(
    private readonly packed: PackedContinuous,
    private readonly dims: readonly NumericalDimension[],
    private readonly samples: readonly Float64Array[],
    size: number,
    alloc: Allocator,
    simd: ParzenTermsSimd | null,
  ) {
    this.m = packed.offset.length;
    this.loaded = simd?.load(packed.columns, packed.offset, packed.shared, size);
    this.terms = this.loaded?.terms ?? alloc.f64Dirty(size * this.m);
    this.xs = alloc.f64(dims.length);
  }

  /** Sample s's terms; returns the largest. */
  compute(s: number): number {
    const { packed, xs, terms, m, loaded } = this;
    const norm = scaledSample(packed, this.dims, this.samples, s, xs);
    let max: number;
    if (loaded !== undefined) {
      for (let d = 0; d < xs.length; d++) loaded.ts[d] = 2 * (xs[d] as number);
      max = loaded.computeTerms(s, norm);
    } else max = sharedTerms(packed, xs, norm, terms, s * m);
    const priorMax = priorTerms(packed, xs, terms, s * m);
    return priorMax > max ? priorMax : max;
  }

  /** log Σ e^{term} over sample s's terms, leaving out those more than `cutoff` below the largest, `max`. */
  logSum(s: number, max: number, cutoff: number): number {
    if (!Number.isFinite(max)) return max;
    const sum = this.loaded !== undefined ? this.loaded.looseSum(s, max, cutoff) : sumExp(this.terms, s * this.m, this.m, max, cutoff);
    return Math.log(sum) + max;
  }
}

/** Terms left out of the first, loose sums: those more than this far below the largest. */
const LOOSE_CUTOFF = 16;

/** Sample s in the scaled coordinates, x̃, into `xs`; returns ‖x̃‖². */
function scaledSample(packed: PackedContinuous, dims: readonly NumericalDimension[], samples: readonly Float64Array[], s: number, xs: Float64Array): number {
  const { centre, scale } = packed;
  let norm = 0;
  for (let d = 0; d < dims.length; d++) {
    const dim = dims[d] as NumericalDimension;
    const raw = (samples[d] as Float64Array)[s] as number;
    const x = ((dim.log ? Math.log(raw) : raw) - (centre[d] as number)) * (scale[d] as number);
    xs[d] = x;
    norm += x * x;
  }
  return norm;
}

/** The prior's term(s) (own bandwidths) at the sample x̃, into `acc` from `base` on; returns the largest (−∞ without a prior). */
function priorTerms(packed: PackedContinuous, xs: Float64Array, acc: Float64Array, base: number): number {
  const { shared, columns, offset, scale, priorScale } = packed;
  const nDims = columns.length;
  let max = -Infinity;
  for (let i = shared; i < offset.length; i++) {
    let v = offset[i] as number;
    for (let d = 0; d < nDims; d++) {
      const z = ((xs[d] as number) / (scale[d] as number)) * (priorScale[d] as number) - (columns[d] as Float64Array)[i]!;
      v -= z * z;
    }
    acc[base + i] = v;
    if (v > max) max = v;
  }
  return max;
}

/** The shared kernels' log terms at the scaled sample x̃ (‖x̃‖² = norm), into `acc` from `base` on; returns the largest. */
function sharedTerms(packed: PackedContinuous, xs: Float64Array, norm: number, acc: Float64Array, base: number): number {
  const { shared, columns, offset } = packed;
  const nDims = columns.length;
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
  let max = -Infinity;
  for (let i = base; i < base + shared; i++) if ((acc[i] as number) > max) max = acc[i] as number;
  return max;
}

/** Σ e^{termᵢ − max} over terms[base, base + m), leaving out those more than `cutoff` below the largest, `max` (finite). */
function sumExp(terms: Float64Array, base: number, m: number, max: number, cutoff: number): number {
  const floor = max - cutoff;
  let sum = 0;
  for (let i = base; i < base + m; i++) {
    const v = terms[i] as number;
    if (v > floor) sum += expNonPositive(v - max);
  }
  return sum;
}
