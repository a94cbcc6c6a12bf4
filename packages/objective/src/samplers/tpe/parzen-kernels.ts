/**
 * The kernels of a Parzen estimator, one dimension at a time: Optuna's centres, bandwidths
 * (sorted-neighbour gaps, or Scott's rule when multivariate), magic clip, prior and
 * truncation masses, plus the sorting helpers they need.
 */
import type { ParzenDimension } from '../search-space-transform.js';
import { LOG_SQRT_2PI, logGaussMass } from './normal-math.js';

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
): NumericalKernel {
  const n = obs.length;
  const m = n + (considerPrior ? 1 : 0);
  const { low, high } = dim;
  const mus = new Float64Array(m);
  if (dim.log) for (let i = 0; i < n; i++) mus[i] = Math.log(obs[i] as number);
  else mus.set(obs);
  if (considerPrior) mus[n] = 0.5 * (low + high);
  const sigmas = new Float64Array(m);
  let order: Uint32Array | undefined;
  if (parameters.multivariate) sigmas.fill(sigma0 * (high - low));
  else {
    // A known order of all m kernels (prior included) is taken as is; one of the n
    // observations gets the prior inserted after its equals.
    order =
      knownOrder === undefined || (knownOrder.length !== n && knownOrder.length !== m)
        ? argsort(mus)
        : knownOrder.length === m
          ? knownOrder
          : considerPrior
            ? withPrior(knownOrder, mus)
            : knownOrder;
    bandwidths(mus, order, low, high, parameters.considerEndpoints, sigmas);
  }
  const maxSigma = high - low;
  const minSigma = parameters.considerMagicClip ? (high - low) / Math.min(100, 1 + m) : EPS;
  const logNorm = new Float64Array(m);
  const logZ = new Float64Array(m);
  // Most kernels share a bandwidth (the magic clip's floor, or the multivariate one): reuse its log.
  let lastSigma = Number.NaN;
  let lastLogSigma = 0;
  for (let i = 0; i < m; i++) {
    const mu = mus[i] as number;
    const sigma = considerPrior && i === n ? high - low : Math.min(Math.max(sigmas[i] as number, minSigma), maxSigma);
    sigmas[i] = sigma;
    // Far from both ends (8.5 σ) the mass is 1 to double precision: skip the erf work.
    const lz = mu - low > 8.5 * sigma && high - mu > 8.5 * sigma ? 0 : logGaussMass((low - mu) / sigma, (high - mu) / sigma);
    logZ[i] = lz;
    let ln = -LOG_SQRT_2PI - lz;
    if (parameters.normalizeKernels) {
      if (sigma !== lastSigma) {
        lastSigma = sigma;
        lastLogSigma = Math.log(sigma);
      }
      ln -= lastLogSigma;
    }
    logNorm[i] = ln;
  }
  return { kind: 'numerical', mus, sigmas, logNorm, logZ, order };
}

export const INV_SQRT_2PI = Math.exp(-LOG_SQRT_2PI);

/** `order` (ascending indices of the n observations) with the prior, index n, inserted after its equals. */
function withPrior(order: Uint32Array, mus: Float64Array): Uint32Array {
  const n = order.length;
  const mid = mus[n] as number;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const k = (lo + hi) >> 1;
    if ((mus[order[k] as number] as number) <= mid) lo = k + 1;
    else hi = k;
  }
  const out = new Uint32Array(n + 1);
  out.set(order.subarray(0, lo));
  out[lo] = n;
  out.set(order.subarray(lo), lo + 1);
  return out;
}

/**
 * Optuna's univariate bandwidths: each kernel's σ is the larger gap to its sorted
 * neighbours (the bounds act as outer neighbours); without `considerEndpoints` the two
 * outermost kernels use their inner gap only.
 */
function bandwidths(mus: Float64Array, order: Uint32Array, low: number, high: number, considerEndpoints: boolean, out: Float64Array): void {
  const m = mus.length;
  let prev = low;
  for (let k = 0; k < m; k++) {
    const x = mus[order[k] as number] as number;
    const next = k + 1 < m ? (mus[order[k + 1] as number] as number) : high;
    out[order[k] as number] = Math.max(x - prev, next - x);
    prev = x;
  }
  if (!considerEndpoints && m >= 2) {
    const at = (k: number): number => mus[order[k] as number] as number;
    out[order[0] as number] = at(1) - at(0);
    out[order[m - 1] as number] = at(m - 1) - at(m - 2);
  }
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

