/**
 * The kernels of a Parzen estimator, one dimension at a time: Optuna's centres, bandwidths
 * (sorted-neighbour gaps, or Scott's rule when multivariate), magic clip, prior and
 * truncation masses, plus the sorting helpers they need.
 */
import type { ParzenDimension } from '../search-space-transform.js';
import { HEAP, type Allocator } from './arena.js';
import { LOG_SQRT_2PI, logGaussMass, logInnerMass } from './normal-math.js';

const EPS = 1e-12;
/** Terms more than this far below the largest one (e^-40 ≈ 4e-18) cannot change a double sum. */
export const LOGSUMEXP_CUTOFF = 40;

export type NumericalDimension = Extract<ParzenDimension, { kind: 'numerical' }>;

/** Settings of a Parzen estimator (Optuna's names, camelCase). */
export interface ParzenEstimatorParameters {
  considerPrior: boolean;
  priorWeight: number;
  considerMagicClip: boolean;
  considerEndpoints: boolean;
  /** Weights of `n` observations in trial order (Optuna's `weights`). */
  weights: (n: number) => ArrayLike<number>;
  multivariate: boolean;
  /**
   * Divide each continuous kernel's density by its bandwidth (a true truncated-normal
   * density, as Optuna since #5110). Optuna 3.1 omits the division, which weights wide
   * kernels by their width.
   */
  normalizeKernels: boolean;
}

export interface NumericalKernel {
  readonly kind: 'numerical';
  readonly mus: Float64Array;
  readonly sigmas: Float64Array;
  /** [−log σᵢ] − log√(2π) − log Zᵢ (Zᵢ: mass of the truncation interval). */
  readonly logNorm: Float64Array;
  readonly logZ: Float64Array;
  /** Kernel indices in ascending order of centre (univariate bandwidths compute it anyway). */
  readonly order: Uint32Array | undefined;
}

export interface CategoricalKernel {
  readonly kind: 'categorical';
  /** Observed choice index per component (−1 for the prior component). */
  readonly observed: Int32Array;
  /** Base mass of every choice in an observation row, and the mass of the observed choice on top. */
  readonly base: number;
  readonly rowTotal: number;
  readonly nChoices: number;
}

/** First index whose value is ≥ x in an ascending array. */
export function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function numericalKernel(
  obs: Float64Array,
  dim: NumericalDimension,
  parameters: ParzenEstimatorParameters,
  considerPrior: boolean,
  sigma0: number,
  knownOrder: Uint32Array | undefined,
  alloc: Allocator = HEAP,
): NumericalKernel {
  const n = obs.length;
  const m = n + (considerPrior ? 1 : 0);
  const { low, high } = dim;
  const mus = kernelCentres(obs, dim, considerPrior, alloc);
  const sigmas = alloc.f64(m);
  let order: Uint32Array | undefined;
  if (parameters.multivariate) sigmas.fill(sigma0 * (high - low));
  else {
    order = kernelOrder(mus, n, considerPrior, knownOrder, alloc);
    const sorted = alloc.f64(m);
    for (let k = 0; k < m; k++) sorted[k] = mus[order[k] as number] as number;
    const gaps = alloc.f64(m);
    bandwidths(sorted, low, high, parameters.considerEndpoints, gaps);
    for (let k = 0; k < m; k++) sigmas[order[k] as number] = gaps[k] as number;
  }
  const maxSigma = high - low;
  const minSigma = smallestBandwidth(dim, parameters, m);
  const logNorm = alloc.f64(m);
  const logZ = alloc.f64(m);
  const logSigma = new LogOfRepeated();
  // Module constants and settings read once (V8 checks a module constant's type at every read).
  const minusLogSqrt2Pi = -LOG_SQRT_2PI;
  const normalize = parameters.normalizeKernels;
  const multivariate = parameters.multivariate;
  // 1/σ of the last multivariate σ: they share one, but for the prior's.
  let lastSigma = Number.NaN;
  let invSigma = Number.NaN;
  for (let i = 0; i < m; i++) {
    const mu = mus[i] as number;
    const sigma = considerPrior && i === n ? maxSigma : Math.min(Math.max(sigmas[i] as number, minSigma), maxSigma);
    sigmas[i] = sigma;
    let lz: number;
    if (multivariate) {
      // A multivariate bandwidth is wide (0.2·n^(−1/(d+4)) of the range), so the skip for kernels far
      // from both ends rarely applies: straight to the tails (the same value either way).
      if (sigma !== lastSigma) {
        lastSigma = sigma;
        invSigma = 1 / sigma;
      }
      lz = truncationLogMassBy(mu, invSigma, low, high);
    } else lz = truncationLogMass(mu, sigma, low, high);
    logZ[i] = lz;
    logNorm[i] = normalize ? minusLogSqrt2Pi - lz - logSigma.of(sigma) : minusLogSqrt2Pi - lz;
  }
  return { kind: 'numerical', mus, sigmas, logNorm, logZ, order };
}

/** The kernels' centres: the observations (their logs on a log scale), then the prior's, the middle of the range. */
function kernelCentres(obs: Float64Array, dim: NumericalDimension, considerPrior: boolean, alloc: Allocator): Float64Array {
  const n = obs.length;
  const mus = alloc.f64(n + (considerPrior ? 1 : 0));
  if (dim.log) for (let i = 0; i < n; i++) mus[i] = Math.log(obs[i] as number);
  else mus.set(obs);
  if (considerPrior) mus[n] = 0.5 * (dim.low + dim.high);
  return mus;
}

/**
 * The m kernels in ascending order of centre: a known order of all of them is taken as
 * is; one of the n observations gets the prior inserted after its equals; else a sort.
 */
function kernelOrder(mus: Float64Array, n: number, considerPrior: boolean, knownOrder: Uint32Array | undefined, alloc: Allocator): Uint32Array {
  const m = mus.length;
  if (knownOrder === undefined || (knownOrder.length !== n && knownOrder.length !== m)) return argsort(mus);
  if (knownOrder.length === m) return knownOrder;
  return considerPrior ? withPrior(knownOrder, mus, alloc) : knownOrder;
}

/** The magic clip's floor on the bandwidths of m kernels (or a tiny one without it). */
function smallestBandwidth(dim: NumericalDimension, parameters: ParzenEstimatorParameters, m: number): number {
  return parameters.considerMagicClip ? (dim.high - dim.low) / Math.min(100, 1 + m) : EPS;
}

/**
 * log of the mass a kernel keeps inside [low, high]. Far from both ends (8.5 σ) it is 1
 * to double precision and the work is skipped (univariate kernels are mostly narrow).
 */
function truncationLogMass(mu: number, sigma: number, low: number, high: number): number {
  return mu - low > 8.5 * sigma && high - mu > 8.5 * sigma ? 0 : truncationLogMassBy(mu, 1 / sigma, low, high);
}

/** {@link truncationLogMass} from 1/σ, without the test (multiplications are cheaper than divisions). */
function truncationLogMassBy(mu: number, invSigma: number, low: number, high: number): number {
  const s = (mu - low) * invSigma;
  const t = (high - mu) * invSigma;
  return s > 0 && t > 0 ? logInnerMass(s, t) : logGaussMass(-s, t);
}

/** log σ, remembered for the last σ: most kernels share one (the magic clip's floor, or the multivariate bandwidth). */
class LogOfRepeated {
  private last = Number.NaN;
  private value = 0;
  of(x: number): number {
    if (x !== this.last) {
      this.last = x;
      this.value = Math.log(x);
    }
    return this.value;
  }
}

/**
 * A univariate estimator's kernels in ascending order of centre, with what its window
 * sums: centre, bandwidth and weight × peak height — the values {@link numericalKernel}
 * gives, without its arrays by kernel index.
 */
export interface SortedKernels {
  readonly mu: Float64Array;
  readonly sigma: Float64Array;
  /** Normalised weight × peak height. */
  readonly a: Float64Array;
  /** The smallest bandwidth. */
  readonly sigmaMin: number;
}

/** See {@link SortedKernels}; `weights` are the normalised weights by kernel index (the prior's last). */
export function sortedKernels(
  obs: Float64Array,
  dim: NumericalDimension,
  parameters: ParzenEstimatorParameters,
  considerPrior: boolean,
  knownOrder: Uint32Array | undefined,
  weights: Float64Array,
  alloc: Allocator = HEAP,
  /** The centres already in `knownOrder`'s order (all m of them), when the caller has them. */
  knownCentres?: Float64Array,
): SortedKernels {
  const n = obs.length;
  const m = n + (considerPrior ? 1 : 0);
  let order: Uint32Array;
  let mu: Float64Array;
  if (knownCentres !== undefined && knownOrder !== undefined && knownOrder.length === m && knownCentres.length === m) {
    order = knownOrder;
    mu = knownCentres;
  } else {
    const mus = kernelCentres(obs, dim, considerPrior, alloc);
    order = kernelOrder(mus, n, considerPrior, knownOrder, alloc);
    mu = alloc.f64(m);
    for (let k = 0; k < m; k++) mu[k] = mus[order[k] as number] as number;
  }
  const { low, high } = dim;
  const sigma = alloc.f64Dirty(m);
  const a = alloc.f64Dirty(m);
  const maxSigma = high - low;
  const minSigma = smallestBandwidth(dim, parameters, m);
  const logSigma = new LogOfRepeated();
  const minusLogSqrt2Pi = -LOG_SQRT_2PI;
  const normalize = parameters.normalizeKernels;
  let sigmaMin = Infinity;
  for (let k = 0; k < m; k++) {
    const i = order[k] as number;
    const x = mu[k] as number;
    const s = considerPrior && i === n ? maxSigma : Math.min(Math.max(gapBandwidth(mu, k, low, high, parameters.considerEndpoints), minSigma), maxSigma);
    sigma[k] = s;
    if (s < sigmaMin) sigmaMin = s;
    const lz = truncationLogMass(x, s, low, high);
    a[k] = (weights[i] as number) * peakHeight(normalize ? minusLogSqrt2Pi - lz - logSigma.of(s) : minusLogSqrt2Pi - lz);
  }
  return { mu, sigma, a, sigmaMin };
}

/** A kernel's peak height from its log normaliser; most kernels have the untruncated 1/√(2π) (literals: see normal-math.ts). */
export function peakHeight(logNorm: number): number {
  return logNorm === -0.9189385332046727 ? 0.3989422804014327 : Math.exp(logNorm);
}

/** `order` (ascending indices of the n observations) with the prior, index n, inserted after its equals. */
function withPrior(order: Uint32Array, mus: Float64Array, alloc: Allocator): Uint32Array {
  const n = order.length;
  const mid = mus[n] as number;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const k = (lo + hi) >> 1;
    if ((mus[order[k] as number] as number) <= mid) lo = k + 1;
    else hi = k;
  }
  const out = alloc.u32(n + 1);
  for (let k = 0; k < lo; k++) out[k] = order[k] as number;
  out[lo] = n;
  for (let k = lo; k < n; k++) out[k + 1] = order[k] as number;
  return out;
}

/** Optuna's univariate bandwidths of centres in ascending order (see {@link gapBandwidth}). */
function bandwidths(sorted: Float64Array, low: number, high: number, considerEndpoints: boolean, out: Float64Array): void {
  for (let k = 0; k < sorted.length; k++) out[k] = gapBandwidth(sorted, k, low, high, considerEndpoints);
}

/**
 * Optuna's univariate bandwidth of the k-th of centres in ascending order: the larger gap
 * to its neighbours (the bounds act as outer neighbours); without `considerEndpoints` the
 * two outermost kernels use their inner gap only.
 */
function gapBandwidth(sorted: Float64Array, k: number, low: number, high: number, considerEndpoints: boolean): number {
  const m = sorted.length;
  const x = sorted[k] as number;
  if (!considerEndpoints && m >= 2) {
    if (k === 0) return (sorted[1] as number) - x;
    if (k === m - 1) return x - (sorted[m - 2] as number);
  }
  const prev = k > 0 ? (sorted[k - 1] as number) : low;
  const next = k + 1 < m ? (sorted[k + 1] as number) : high;
  return Math.max(x - prev, next - x);
}

/** Indices that sort `values` ascending (ties keep index order). */
export function argsort(values: Float64Array): Uint32Array {
  const n = values.length;
  const sorted = values.slice().sort();
  let distinct = true;
  for (let k = 1; k < n && distinct; k++) if (sorted[k] === sorted[k - 1]) distinct = false;
  if (distinct && !Number.isNaN(sorted[n - 1] as number)) {
    // Without ties a value's rank is its position in the natively sorted copy.
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const x = values[i] as number;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((sorted[mid] as number) < x) lo = mid + 1;
        else hi = mid;
      }
      order[lo] = i;
    }
    return order;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => (values[i] as number) - (values[j] as number) || i - j);
  return order;
}

