import { fromUniform, type ParzenDimension } from '../search-space-transform.js';

export { toParzenDimension } from '../search-space-transform.js';
import type { Rng } from '../../random/rng.js';
import { LOG_SQRT_2PI, expNonPositive, logGaussMass, truncNormPpf } from './normal-math.js';

const EPS = 1e-12;
/** Terms more than this far below the largest one (e^-40 ≈ 4e-18) cannot change a double sum. */
const LOGSUMEXP_CUTOFF = 40;
/** Scott's-rule constant of the multivariate bandwidth (as in BOHB and Optuna). */
const SIGMA0_MAGNITUDE = 0.2;

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

interface NumericalKernel {
  readonly kind: 'numerical';
  readonly mus: Float64Array;
  readonly sigmas: Float64Array;
  /** [−log σᵢ] − log√(2π) − log Zᵢ (Zᵢ: mass of the truncation interval). */
  readonly logNorm: Float64Array;
  /** e^logNorm: each kernel's peak height, for sums kept in linear space. */
  readonly norm: Float64Array;
  readonly logZ: Float64Array;
  /** Kernel indices in ascending order of centre (univariate bandwidths compute it anyway). */
  readonly order: Uint32Array | undefined;
}

interface CategoricalKernel {
  readonly kind: 'categorical';
  /** Observed choice index per component (−1 for the prior component). */
  readonly observed: Int32Array;
  /** Base mass of every choice in an observation row, and the mass of the observed choice on top. */
  readonly base: number;
  readonly rowTotal: number;
  readonly nChoices: number;
}

/**
 * A (univariate or multivariate) Parzen estimator over internal parameter values, with
 * Optuna's bandwidths, prior, magic clip and weights. Observations and samples are
 * column arrays, one per dimension, in internal representation.
 */
export class ParzenEstimator {
  readonly weights: Float64Array;
  private logWeightsCache: Float64Array | undefined;
  private cumWeightsCache: Float64Array | undefined;
  private readonly kernels: (NumericalKernel | CategoricalKernel)[];
  private readonly nComponents: number;
  private window: KernelWindow | undefined;

  constructor(
    observations: readonly Float64Array[],
    private readonly dims: readonly ParzenDimension[],
    parameters: ParzenEstimatorParameters,
    predeterminedWeights?: ArrayLike<number>,
    /**
     * Per dimension, the observations' indices in ascending order of value when the
     * caller already knows it (TPE keeps every parameter's trials sorted as they finish),
     * which spares the univariate bandwidths a sort.
     */
    orders?: readonly (Uint32Array | undefined)[],
  ) {
    const n = observations[0]?.length ?? 0;
    const considerPrior = parameters.considerPrior || n === 0;
    const m = n + (considerPrior ? 1 : 0);
    this.nComponents = m;
    const w = new Float64Array(m);
    const raw = predeterminedWeights ?? parameters.weights(n);
    for (let i = 0; i < n; i++) {
      const v = raw[i] as number;
      if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`expected finite non-negative weights, got ${String(v)} at index ${i} for n=${n}`);
      w[i] = v;
    }
    if (considerPrior) w[n] = parameters.priorWeight;
    let total = 0;
    for (let i = 0; i < m; i++) total += w[i] as number;
    if (!(total > 0)) throw new RangeError(`expected weights with a positive sum, got ${total} for n=${n}`);
    for (let i = 0; i < m; i++) w[i] = (w[i] as number) / total;
    this.weights = w;

    const sigma0 = parameters.multivariate ? SIGMA0_MAGNITUDE * Math.max(n, 1) ** (-1 / (dims.length + 4)) : 0;
    this.kernels = dims.map((dim, d) => {
      const obs = observations[d] as Float64Array;
      if (dim.kind === 'categorical') {
        const observed = new Int32Array(m).fill(-1);
        for (let i = 0; i < n; i++) observed[i] = obs[i] as number;
        const base = parameters.priorWeight / m;
        return { kind: 'categorical', observed, base, rowTotal: base * dim.nChoices + 1, nChoices: dim.nChoices };
      }
      return numericalKernel(obs, dim, parameters, considerPrior, sigma0, orders?.[d]);
    });
  }

  /** log of each normalised weight (computed on first use: the 1-d path never needs it). */
  private get logWeights(): Float64Array {
    if (this.logWeightsCache === undefined) {
      const logW = new Float64Array(this.nComponents);
      for (let i = 0; i < logW.length; i++) logW[i] = Math.log(this.weights[i] as number);
      this.logWeightsCache = logW;
    }
    return this.logWeightsCache;
  }

  /** Running sums of the weights, for drawing a component. */
  private get cumWeights(): Float64Array {
    if (this.cumWeightsCache === undefined) {
      const cum = new Float64Array(this.nComponents);
      let acc = 0;
      for (let i = 0; i < cum.length; i++) cum[i] = acc += this.weights[i] as number;
      this.cumWeightsCache = cum;
    }
    return this.cumWeightsCache;
  }

  /** Draws `size` samples (internal representation, one column per dimension). */
  sample(rng: Rng, size: number): Float64Array[] {
    const m = this.nComponents;
    const cumWeights = this.cumWeights;
    const active = new Int32Array(size);
    for (let s = 0; s < size; s++) {
      const u = rng.random();
      let lo = 0;
      let hi = m - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cumWeights[mid] as number) > u) hi = mid;
        else lo = mid + 1;
      }
      active[s] = lo;
    }
    return this.dims.map((dim, d) => {
      const kernel = this.kernels[d] as NumericalKernel | CategoricalKernel;
      const out = new Float64Array(size);
      for (let s = 0; s < size; s++) {
        const i = active[s] as number;
        if (kernel.kind === 'categorical') {
          const k = kernel.nChoices;
          const obs = kernel.observed[i] as number;
          const u = rng.random();
          if (obs < 0) out[s] = Math.min(k - 1, Math.floor(u * k));
          else {
            const r = u * kernel.rowTotal;
            out[s] = r < 1 ? obs : Math.min(k - 1, Math.floor((r - 1) / kernel.base));
          }
        } else if (dim.kind === 'numerical') {
          const mu = kernel.mus[i] as number;
          const sigma = kernel.sigmas[i] as number;
          const a = (dim.low - mu) / sigma;
          const b = (dim.high - mu) / sigma;
          let z = Number.NaN;
          // Rejection from the plain normal is exact and cheap when the interval holds most of the mass.
          if ((kernel.logZ[i] as number) > -0.7) {
            for (let tries = 0; tries < 32 && !(z >= a && z <= b); tries++) z = rng.normal();
          }
          if (!(z >= a && z <= b)) z = truncNormPpf(rng.random(), a, b);
          out[s] = fromUniform(dim, mu + sigma * z);
        }
      }
      return out;
    });
  }

  /** Log density (log mass for discrete dimensions) of each sample (internal representation). */
  logPdf(samples: readonly Float64Array[]): Float64Array {
    const only = this.dims.length === 1 ? this.dims[0] : undefined;
    if (only?.kind === 'numerical' && only.q === null) return this.logPdfContinuous1d(only, samples[0] as Float64Array);
    return this.logPdfGeneral(...samples);
  }

  /** Every dimension kind, through the (samples × components) matrix of log terms. */
  private logPdfGeneral(...samples: readonly Float64Array[]): Float64Array {
    const m = this.nComponents;
    const size = samples[0]?.length ?? 0;
    const comp = new Float64Array(size * m);
    for (let s = 0; s < size; s++) comp.set(this.logWeights, s * m);
    this.dims.forEach((dim, d) => {
      const kernel = this.kernels[d] as NumericalKernel | CategoricalKernel;
      const column = samples[d] as Float64Array;
      if (kernel.kind === 'categorical') {
        const logBase = Math.log(kernel.base / kernel.rowTotal);
        const logHit = Math.log((kernel.base + 1) / kernel.rowTotal);
        const logPrior = -Math.log(kernel.nChoices);
        for (let s = 0; s < size; s++) {
          const c = column[s] as number;
          const row = s * m;
          for (let i = 0; i < m; i++) {
            const obs = kernel.observed[i] as number;
            comp[row + i] = (comp[row + i] as number) + (obs < 0 ? logPrior : obs === c ? logHit : logBase);
          }
        }
        return;
      }
      if (dim.kind !== 'numerical') return;
      const { mus, sigmas, logNorm, logZ } = kernel;
      for (let s = 0; s < size; s++) {
        const x = dim.log ? Math.log(column[s] as number) : (column[s] as number);
        const row = s * m;
        if (dim.q === null) {
          for (let i = 0; i < m; i++) {
            const z = (x - (mus[i] as number)) / (sigmas[i] as number);
            comp[row + i] = (comp[row + i] as number) + (logNorm[i] as number) - 0.5 * z * z;
          }
        } else {
          const upper = Math.min(x + dim.q / 2, dim.high);
          const lower = Math.max(x - dim.q / 2, dim.low);
          for (let i = 0; i < m; i++) {
            const mu = mus[i] as number;
            const sigma = sigmas[i] as number;
            comp[row + i] = (comp[row + i] as number) + logGaussMass((lower - mu) / sigma, (upper - mu) / sigma) - (logZ[i] as number);
          }
        }
      }
    });
    const out = new Float64Array(size);
    for (let s = 0; s < size; s++) {
      const row = s * m;
      let max = -Infinity;
      for (let i = 0; i < m; i++) if ((comp[row + i] as number) > max) max = comp[row + i] as number;
      if (max === -Infinity || !Number.isFinite(max)) {
        out[s] = max;
        continue;
      }
      let sum = 0;
      const floor = max - LOGSUMEXP_CUTOFF;
      for (let i = 0; i < m; i++) {
        const v = comp[row + i] as number;
        if (v > floor) sum += expNonPositive(v - max);
      }
      out[s] = Math.log(sum) + max;
    }
    return out;
  }

  /**
   * A cheap lower bound of the log density of each sample, for the univariate continuous
   * case (`undefined` otherwise): the wide kernels exactly, and the narrow ones by blocks
   * of neighbours. A block's sum Σ aᵢ·exp(fᵢ(x)) is S·Σ pᵢ·exp(fᵢ) with pᵢ = aᵢ/S, which
   * by Jensen's inequality is at least S·exp(Σ pᵢ·fᵢ), a quadratic in x precomputed once
   * per block. So the bound never exceeds the full sum, and it is tight wherever a block is
   * narrow against the bandwidth: where kernels crowd (late in a study, around the
   * optimum), which is exactly where evaluating them one by one costs most. TPE uses it to
   * skip the full evaluation of candidates that cannot win.
   */
  logPdfLowerBound(samples: readonly Float64Array[]): Float64Array | undefined {
    const dim = this.dims.length === 1 ? this.dims[0] : undefined;
    if (dim?.kind !== 'numerical' || dim.q !== null) return undefined;
    const w = (this.window ??= buildWindow(this.kernels[0] as NumericalKernel, this.weights));
    const column = samples[0] as Float64Array;
    const out = new Float64Array(column.length);
    const { wideMu, wideInv, wideC, blockMean, blockLogS, blockA, blockB, blockC } = w;
    const nWide = wideMu.length;
    const nBlocks = blockMean.length;
    const terms = new Float64Array(nWide + nBlocks);
    for (let s = 0; s < column.length; s++) {
      const x = dim.log ? Math.log(column[s] as number) : (column[s] as number);
      let max = -Infinity;
      let k = 0;
      for (let i = 0; i < nWide; i++) {
        const z = (x - (wideMu[i] as number)) * (wideInv[i] as number);
        const v = (wideC[i] as number) - 0.5 * z * z;
        terms[k++] = v;
        if (v > max) max = v;
      }
      for (let b = 0; b < nBlocks; b++) {
        const y = x - (blockMean[b] as number);
        const v = (blockLogS[b] as number) - (((blockA[b] as number) * y - 2 * (blockB[b] as number)) * y + (blockC[b] as number));
        terms[k++] = v;
        if (v > max) max = v;
      }
      out[s] = logSumExp(terms, k, max);
    }
    return out;
  }

  /**
   * The common univariate case, without the component matrix, in linear space: each
   * kernel's weight times its peak height is precomputed, so a term costs one
   * exponential. Kernels with the smallest bandwidths (most of them once a study is long)
   * are kept sorted by centre and only those within {@link WINDOW_Z} of their bandwidth
   * from a sample are summed: the rest add less than e^-40 of the weights' total, which
   * cannot change a double sum that holds a term of ordinary size. When no such term is
   * present (a sample far from every kernel, without prior) the sum falls back to the
   * log-space evaluation over every kernel.
   */
  private logPdfContinuous1d(dim: Extract<ParzenDimension, { kind: 'numerical' }>, column: Float64Array): Float64Array {
    const w = (this.window ??= buildWindow(this.kernels[0] as NumericalKernel, this.weights));
    const out = new Float64Array(column.length);
    const { wideMu, wideInv, wideA, narrowMu, narrowInv, narrowA } = w;
    const radius = WINDOW_Z * w.narrowSigma;
    for (let s = 0; s < column.length; s++) {
      const x = dim.log ? Math.log(column[s] as number) : (column[s] as number);
      let sum = 0;
      for (let i = 0; i < wideMu.length; i++) {
        const z = (x - (wideMu[i] as number)) * (wideInv[i] as number);
        sum += (wideA[i] as number) * expNonPositive(-0.5 * z * z);
      }
      const hi = lowerBound(narrowMu, x + radius + Number.MIN_VALUE);
      for (let i = lowerBound(narrowMu, x - radius); i < hi; i++) {
        const z = (x - (narrowMu[i] as number)) * (narrowInv[i] as number);
        sum += (narrowA[i] as number) * expNonPositive(-0.5 * z * z);
      }
      out[s] = sum > SMALLEST_TRUSTED_SUM ? Math.log(sum) : (this.logPdfGeneral(Float64Array.of(column[s] as number))[0] as number);
    }
    return out;
  }
}

/** log Σ exp(terms[i]) over the first `k` terms, given their maximum. */
function logSumExp(terms: Float64Array, k: number, max: number): number {
  if (!Number.isFinite(max)) return max;
  const floor = max - LOGSUMEXP_CUTOFF;
  let sum = 0;
  for (let i = 0; i < k; i++) {
    const v = terms[i] as number;
    if (v > floor) sum += expNonPositive(v - max);
  }
  return Math.log(sum) + max;
}

/** Narrow kernels farther than this many bandwidths from a sample are left out of its sum. */
const WINDOW_Z = Math.sqrt(2 * LOGSUMEXP_CUTOFF);
/** A windowed sum below this may have lost its terms to the window or to underflow. */
const SMALLEST_TRUSTED_SUM = 1e-200;

interface KernelWindow {
  readonly wideMu: Float64Array;
  readonly wideInv: Float64Array;
  /** Weight × peak height of each wide kernel, and its log. */
  readonly wideA: Float64Array;
  readonly wideC: Float64Array;
  readonly narrowMu: Float64Array;
  readonly narrowInv: Float64Array;
  readonly narrowA: Float64Array;
  /** Twice the smallest bandwidth: every narrow kernel's bandwidth is at most this. */
  readonly narrowSigma: number;
  /**
   * Blocks of {@link BLOCK} consecutive narrow kernels, with weights pᵢ ∝ aᵢ, qᵢ = 1/(2σᵢ²)
   * and dᵢ = μᵢ − mean: the mean centre, log Σ aᵢ, and A = Σ pᵢqᵢ, B = Σ pᵢqᵢdᵢ,
   * C = Σ pᵢqᵢdᵢ², so that Σ pᵢ(x − μᵢ)²/(2σᵢ²) = A·y² − 2B·y + C with y = x − mean.
   */
  readonly blockMean: Float64Array;
  readonly blockLogS: Float64Array;
  readonly blockA: Float64Array;
  readonly blockB: Float64Array;
  readonly blockC: Float64Array;
}

/** Narrow kernels per block of the lower bound. */
const BLOCK = 16;

/** Splits 1-d kernels into wide ones (always evaluated) and narrow ones sorted by centre, in blocks. */
function buildWindow(kernel: NumericalKernel, weights: Float64Array): KernelWindow {
  const { mus, sigmas, norm } = kernel;
  const m = mus.length;
  const order = kernel.order ?? argsort(mus);
  let minSigma = Infinity;
  for (let i = 0; i < m; i++) if ((sigmas[i] as number) < minSigma) minSigma = sigmas[i] as number;
  const narrowSigma = 2 * minSigma;
  let nNarrow = 0;
  for (let i = 0; i < m; i++) if ((sigmas[i] as number) <= narrowSigma) nNarrow++;
  const nWide = m - nNarrow;
  const wideMu = new Float64Array(nWide);
  const wideInv = new Float64Array(nWide);
  const wideA = new Float64Array(nWide);
  const wideC = new Float64Array(nWide);
  const narrowMu = new Float64Array(nNarrow);
  const narrowInv = new Float64Array(nNarrow);
  const narrowA = new Float64Array(nNarrow);
  let a = 0;
  let b = 0;
  // Walking the kernels in centre order keeps the narrow ones sorted.
  for (let k = 0; k < m; k++) {
    const i = order[k] as number;
    const sigma = sigmas[i] as number;
    const weight = (weights[i] as number) * (norm[i] as number);
    if (sigma <= narrowSigma) {
      narrowMu[a] = mus[i] as number;
      narrowInv[a] = 1 / sigma;
      narrowA[a++] = weight;
    } else {
      wideMu[b] = mus[i] as number;
      wideInv[b] = 1 / sigma;
      wideA[b] = weight;
      wideC[b++] = Math.log(weight);
    }
  }
  const nBlocks = Math.ceil(nNarrow / BLOCK);
  const blockMean = new Float64Array(nBlocks);
  const blockLogS = new Float64Array(nBlocks);
  const blockA = new Float64Array(nBlocks);
  const blockB = new Float64Array(nBlocks);
  const blockC = new Float64Array(nBlocks);
  for (let blk = 0; blk < nBlocks; blk++) {
    const start = blk * BLOCK;
    const end = Math.min(start + BLOCK, nNarrow);
    let sum = 0;
    let mean = 0;
    for (let i = start; i < end; i++) {
      sum += narrowA[i] as number;
      mean += (narrowA[i] as number) * (narrowMu[i] as number);
    }
    mean /= sum;
    let qa = 0;
    let qb = 0;
    let qc = 0;
    for (let i = start; i < end; i++) {
      const inv = narrowInv[i] as number;
      const pq = ((narrowA[i] as number) / sum) * 0.5 * inv * inv;
      const d = (narrowMu[i] as number) - mean;
      qa += pq;
      qb += pq * d;
      qc += pq * d * d;
    }
    blockMean[blk] = mean;
    blockLogS[blk] = Math.log(sum);
    blockA[blk] = qa;
    blockB[blk] = qb;
    blockC[blk] = qc;
  }
  return { wideMu, wideInv, wideA, wideC, narrowMu, narrowInv, narrowA, narrowSigma, blockMean, blockLogS, blockA, blockB, blockC };
}

/** First index whose value is ≥ x in an ascending array. */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function numericalKernel(
  obs: Float64Array,
  dim: Extract<ParzenDimension, { kind: 'numerical' }>,
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
    order = knownOrder === undefined || knownOrder.length !== n ? argsort(mus) : considerPrior ? withPrior(knownOrder, mus) : knownOrder;
    bandwidths(mus, order, low, high, parameters.considerEndpoints, sigmas);
  }
  const maxSigma = high - low;
  const minSigma = parameters.considerMagicClip ? (high - low) / Math.min(100, 1 + m) : EPS;
  for (let i = 0; i < m; i++) sigmas[i] = Math.min(Math.max(sigmas[i] as number, minSigma), maxSigma);
  if (considerPrior) sigmas[n] = high - low;
  const logNorm = new Float64Array(m);
  const norm = new Float64Array(m);
  const logZ = new Float64Array(m);
  // Most kernels share a bandwidth (the magic clip's floor, or the multivariate one): reuse its log.
  let lastSigma = Number.NaN;
  let lastLogSigma = 0;
  for (let i = 0; i < m; i++) {
    const mu = mus[i] as number;
    const sigma = sigmas[i] as number;
    const a = (low - mu) / sigma;
    const b = (high - mu) / sigma;
    // Far from both ends the mass is 1 to double precision: skip the erf work.
    const lz = a < -8.5 && b > 8.5 ? 0 : logGaussMass(a, b);
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
    norm[i] = lz === 0 && !parameters.normalizeKernels ? INV_SQRT_2PI : Math.exp(ln);
  }
  return { kind: 'numerical', mus, sigmas, logNorm, norm, logZ, order };
}

const INV_SQRT_2PI = Math.exp(-LOG_SQRT_2PI);

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

