import { parzenFromUniform } from '../optuna-transform.js';
import type { ParzenDimension } from '../search-space-transform.js';
import { numpyChoice } from '../../random/mt19937.js';
import type { Rng } from '../../random/rng.js';
import { HEAP, type Allocator } from './arena.js';
import { expNonPositive, logGaussMass } from './normal-math.js';
import { continuousArgmax, continuousLogPdf, packContinuous, type PackedContinuous } from './parzen-continuous.js';
import {
  LOGSUMEXP_CUTOFF,
  numericalKernel,
  sortedKernels,
  type CategoricalKernel,
  type NumericalDimension,
  type NumericalKernel,
  type ParzenEstimatorParameters,
} from './parzen-kernels.js';
import { MAX_CELLS_IN_REACH, buildWindow, windowLogDensity, windowOfSorted, type KernelWindow } from './parzen-window-1d.js';
import { optunaTruncNormPpfFrom, truncationTail } from './truncnorm-ppf.js';

export { toParzenDimension } from '../search-space-transform.js';
export { argsort, type ParzenEstimatorParameters } from './parzen-kernels.js';

/** Scott's-rule constant of the multivariate bandwidth (as in BOHB and Optuna). */
const SIGMA0_MAGNITUDE = 0.2;

/**
 * Per-cell tolerance of the first, loose pass of {@link ParzenEstimator.argmaxLogRatio}:
 * the log density is then within MAX_CELLS_IN_REACH × 1e-7 ≈ 6e-6 of the full one.
 */
const LOOSE_CELL_TOLERANCE = 1e-7;
/** How far a loose score may be from the full one (twice the bound, for rounding and the full pass's own error). */
const LOOSE_SLACK = 2 * -Math.log1p(-MAX_CELLS_IN_REACH * LOOSE_CELL_TOLERANCE) + 1e-9;

/** numpy's argmax of a − b: the first index of the largest difference, or of the first NaN. */
export function argmaxDifference(a: Float64Array, b: Float64Array): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let s = 0; s < a.length; s++) {
    const score = (a[s] as number) - (b[s] as number);
    if (Number.isNaN(score)) return s;
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  return best;
}

/**
 * A (univariate or multivariate) Parzen estimator over internal parameter values, with
 * Optuna's bandwidths, prior, magic clip and weights. Observations and samples are
 * column arrays, one per dimension, in internal representation.
 */
export class ParzenEstimator {
  readonly weights: Float64Array;
  private logWeightsCache: Float64Array | undefined;
  private kernelsCache: (NumericalKernel | CategoricalKernel)[] | undefined;
  private readonly nComponents: number;
  private readonly considerPrior: boolean;
  private readonly sigma0: number;
  private window: KernelWindow | undefined;
  /** Scaled columns for the continuous path (null: bandwidths not shared, use the general path). */
  private packed: PackedContinuous | null | undefined;

  constructor(
    private readonly observations: readonly Float64Array[],
    private readonly dims: readonly ParzenDimension[],
    private readonly parameters: ParzenEstimatorParameters,
    predeterminedWeights?: ArrayLike<number>,
    /**
     * Per dimension, the observations' indices in ascending order of value when the
     * caller already knows it (TPE keeps every parameter's trials sorted as they finish),
     * which spares the univariate bandwidths a sort.
     */
    private readonly orders?: readonly (Uint32Array | undefined)[],
    /** Where the estimator's arrays come from (TPE passes an arena reset between sampling calls). */
    private readonly alloc: Allocator = HEAP,
    /** A lone dimension's kernel centres (internal, the prior's included) in the order `orders[0]` gives, when known. */
    private readonly centres?: Float64Array,
  ) {
    const n = observations[0]?.length ?? 0;
    const considerPrior = parameters.considerPrior || n === 0;
    const m = n + (considerPrior ? 1 : 0);
    this.nComponents = m;
    const w = alloc.f64(m);
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

    this.considerPrior = considerPrior;
    this.sigma0 = parameters.multivariate ? SIGMA0_MAGNITUDE * Math.max(n, 1) ** (-1 / (dims.length + 4)) : 0;
  }

  /**
   * Each dimension's kernels, built on first use: a lone continuous dimension that is
   * only evaluated (TPE's "above" estimator) builds its window from the sorted centres
   * instead and never needs them.
   */
  private get kernels(): (NumericalKernel | CategoricalKernel)[] {
    if (this.kernelsCache !== undefined) return this.kernelsCache;
    const m = this.nComponents;
    const { parameters, considerPrior } = this;
    this.kernelsCache = this.dims.map((dim, d) => {
      const obs = this.observations[d] as Float64Array;
      if (dim.kind === 'categorical') {
        const observed = this.alloc.i32(m).fill(-1);
        for (let i = 0; i < obs.length; i++) observed[i] = obs[i] as number;
        const base = parameters.priorWeight / m;
        return { kind: 'categorical', observed, base, rowTotal: base * dim.nChoices + 1, nChoices: dim.nChoices };
      }
      return numericalKernel(obs, dim, parameters, considerPrior, this.sigma0, this.orders?.[d], this.alloc);
    });
    return this.kernelsCache;
  }

  /** The window of a lone continuous dimension (see parzen-window-1d.ts). */
  private windowOf(dim: NumericalDimension): KernelWindow {
    if (this.window !== undefined) return this.window;
    // Multivariate bandwidths are not the univariate gaps: those go through the kernels.
    this.window =
      this.kernelsCache === undefined && !this.parameters.multivariate
        ? windowOfSorted(sortedKernels(this.observations[0] as Float64Array, dim, this.parameters, this.considerPrior, this.orders?.[0], this.weights, this.alloc, this.centres), this.alloc)
        : buildWindow(this.kernels[0] as NumericalKernel, this.weights, this.alloc);
    return this.window;
  }

  /** log of each normalised weight (computed on first use: the 1-d path never needs it). */
  private get logWeights(): Float64Array {
    if (this.logWeightsCache === undefined) {
      const logW = this.alloc.f64(this.nComponents);
      for (let i = 0; i < logW.length; i++) logW[i] = Math.log(this.weights[i] as number);
      this.logWeightsCache = logW;
    }
    return this.logWeightsCache;
  }

  /**
   * Draws `size` samples (internal representation, one column per dimension), consuming
   * `rng` exactly as Optuna 3.1's `_ParzenEstimator.sample` consumes a numpy
   * `RandomState`: `size` uniforms choose the components (numpy's `choice` with
   * p = weights); then, dimension by dimension, `size` uniforms that are quantiles —
   * compared with each chosen component's running choice probabilities (categorical) or
   * mapped through Optuna's truncated-normal ppf and back to the distribution (numerical).
   * With an {@link MT19937} seeded like Optuna's generator, the samples are Optuna's.
   */
  sample(rng: Rng, size: number): Float64Array[] {
    const active = numpyChoice(this.weights, size, () => rng.random(), this.alloc.i32(size), this.alloc.f64Dirty(this.nComponents));
    const quantiles = this.alloc.f64(size);
    return this.dims.map((dim, d) => {
      const kernel = this.kernels[d] as NumericalKernel | CategoricalKernel;
      const out = this.alloc.f64(size);
      for (let s = 0; s < size; s++) quantiles[s] = rng.random();
      if (kernel.kind === 'categorical') {
        for (let s = 0; s < size; s++) out[s] = categoricalQuantile(kernel, active[s] as number, quantiles[s] as number);
      } else if (dim.kind === 'numerical') {
        // A component's tail term is shared by its samples; its log mass is the kernel's log Z.
        const tails = this.alloc.f64(this.nComponents).fill(Number.NaN);
        for (let s = 0; s < size; s++) {
          const i = active[s] as number;
          const mu = kernel.mus[i] as number;
          const sigma = kernel.sigmas[i] as number;
          const a = (dim.low - mu) / sigma;
          const b = (dim.high - mu) / sigma;
          let tail = tails[i] as number;
          if (Number.isNaN(tail)) tails[i] = tail = truncationTail(a, b);
          const z = optunaTruncNormPpfFrom(quantiles[s] as number, a, b, tail, kernel.logZ[i] as number);
          out[s] = parzenFromUniform(dim.distribution, z * sigma + mu);
        }
      }
      return out;
    });
  }

  /** Log density (log mass for discrete dimensions) of each sample (internal representation). */
  logPdf(samples: readonly Float64Array[]): Float64Array {
    const only = this.dims.length === 1 ? this.dims[0] : undefined;
    if (only?.kind === 'numerical' && only.q === null) return this.logPdfContinuous1d(only, samples[0] as Float64Array);
    if (this.dims.every((dim) => dim.kind === 'numerical' && dim.q === null)) return this.logPdfContinuous(samples);
    return this.logPdfGeneral(...samples);
  }

  /** Several continuous dimensions: scaled columns when bandwidths are shared (multivariate). */
  private logPdfContinuous(samples: readonly Float64Array[]): Float64Array {
    const packed = this.packedContinuous();
    return packed === null ? this.logPdfGeneral(...samples) : continuousLogPdf(packed, this.dims as NumericalDimension[], samples, this.alloc);
  }

  /** Scaled columns of several continuous dimensions (null: bandwidths not shared). */
  private packedContinuous(): PackedContinuous | null {
    return (this.packed ??= packContinuous(this.kernels as NumericalKernel[], this.dims as NumericalDimension[], this.logWeights, this.alloc));
  }

  /** Every dimension kind, through the (samples × components) matrix of log terms. */
  private logPdfGeneral(...samples: readonly Float64Array[]): Float64Array {
    const m = this.nComponents;
    const size = samples[0]?.length ?? 0;
    const comp = this.alloc.f64Dirty(size * m);
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
    const out = this.alloc.f64(size);
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
   * The index of the sample with the largest `logL[s] − log density(sample s)` (the first
   * on ties, or the first NaN, as numpy's argmax): TPE's choice among its candidates. In one
   * continuous dimension, and in several with shared bandwidths (multivariate), every
   * sample is first evaluated to a loose, proven tolerance; only those whose score could
   * still reach the best are evaluated in full, so the choice is the one a full evaluation
   * of every sample makes.
   */
  argmaxLogRatio(samples: readonly Float64Array[], logL: Float64Array): number {
    const only = this.dims.length === 1 ? this.dims[0] : undefined;
    if (only?.kind !== 'numerical' || only.q !== null) {
      const packed = this.dims.length > 1 && this.dims.every((dim) => dim.kind === 'numerical' && dim.q === null) ? this.packedContinuous() : null;
      if (packed !== null) return continuousArgmax(packed, this.dims as NumericalDimension[], samples, logL, this.alloc);
      return argmaxDifference(logL, this.logPdf(samples));
    }
    const w = this.windowOf(only);
    const column = samples[0] as Float64Array;
    const size = column.length;
    const full = (s: number): number => {
      const raw = column[s] as number;
      const logDensity = windowLogDensity(w, only.log ? Math.log(raw) : raw);
      return Number.isNaN(logDensity) ? (this.logPdfGeneral(Float64Array.of(raw))[0] as number) : logDensity;
    };
    const score = this.alloc.f64(size);
    const exact = this.alloc.u8(size);
    let bestLow = -Infinity;
    for (let s = 0; s < size; s++) {
      const raw = column[s] as number;
      const loose = windowLogDensity(w, only.log ? Math.log(raw) : raw, LOOSE_CELL_TOLERANCE);
      if (Number.isNaN(loose)) {
        score[s] = (logL[s] as number) - full(s);
        exact[s] = 1;
      } else score[s] = (logL[s] as number) - loose;
      // A NaN score is NaN in full too, and numpy's argmax returns the first NaN.
      if (Number.isNaN(score[s] as number)) return s;
      const low = (score[s] as number) - (exact[s] === 1 ? 0 : LOOSE_SLACK);
      if (low > bestLow) bestLow = low;
    }
    let best = 0;
    let bestScore = -Infinity;
    for (let s = 0; s < size; s++) {
      // Proven below another sample's score: cannot be the argmax.
      if ((score[s] as number) + LOOSE_SLACK < bestLow) continue;
      const value = exact[s] === 1 ? (score[s] as number) : (logL[s] as number) - full(s);
      if (value > bestScore) {
        bestScore = value;
        best = s;
      }
    }
    return best;
  }

  /** The common univariate case, windowed and in linear space (see parzen-window-1d.ts). */
  private logPdfContinuous1d(dim: NumericalDimension, column: Float64Array): Float64Array {
    const w = this.windowOf(dim);
    const out = this.alloc.f64(column.length);
    for (let s = 0; s < column.length; s++) {
      const raw = column[s] as number;
      const logDensity = windowLogDensity(w, dim.log ? Math.log(raw) : raw);
      // No term of ordinary size in the window: sum every kernel in log space.
      out[s] = Number.isNaN(logDensity) ? (this.logPdfGeneral(Float64Array.of(raw))[0] as number) : logDensity;
    }
    return out;
  }
}

/**
 * The choice a quantile u picks from a categorical kernel's row, as Optuna 3.1: the
 * number of running (normalised) row probabilities below u, capped at the last choice.
 */
function categoricalQuantile(kernel: CategoricalKernel, i: number, u: number): number {
  const k = kernel.nChoices;
  const observed = kernel.observed[i] as number;
  const base = kernel.base;
  let total = 0;
  for (let j = 0; j < k; j++) total += j === observed ? base + 1 : base;
  let cum = 0;
  let count = 0;
  for (let j = 0; j < k; j++) {
    cum += (j === observed ? base + 1 : base) / total;
    if (cum < u) count++;
  }
  return Math.min(count, k - 1);
}
