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
  /** Scaled columns for the continuous path (null: bandwidths not shared, use the general path). */
  private packed: PackedContinuous | null | undefined;

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
    if (this.dims.every((dim) => dim.kind === 'numerical' && dim.q === null)) return this.logPdfContinuous(samples);
    return this.logPdfGeneral(...samples);
  }

  /**
   * Several continuous dimensions (multivariate TPE's usual case). Multivariate kernels
   * share one bandwidth per dimension (the prior, last, has its own), so in coordinates
   * scaled by it, centred on the range and halved, a kernel's log term is
   * cᵢ − ‖x̃ − μ̃ᵢ‖² = (cᵢ − ‖μ̃ᵢ‖²) − ‖x̃‖² + 2·x̃·μ̃ᵢ: one multiply-add per dimension and
   * kernel, in tight loops over columns. Coordinates stay within a few units, so the
   * expansion costs at most ~1e-14 of a term. Kernels with their own bandwidths take
   * {@link logPdfGeneral}.
   */
  private logPdfContinuous(samples: readonly Float64Array[]): Float64Array {
    const m = this.nComponents;
    const nDims = this.dims.length;
    const kernels = this.kernels as NumericalKernel[];
    const packed = (this.packed ??= packContinuous(kernels, this.dims as Extract<ParzenDimension, { kind: 'numerical' }>[], this.logWeights));
    if (packed === null) return this.logPdfGeneral(...samples);
    const { shared, centre, scale, columns, offset, priorScale } = packed;
    const size = samples[0]?.length ?? 0;
    const out = new Float64Array(size);
    const acc = new Float64Array(m);
    const xs = new Float64Array(nDims);
    for (let s = 0; s < size; s++) {
      let norm = 0;
      for (let d = 0; d < nDims; d++) {
        const dim = this.dims[d] as Extract<ParzenDimension, { kind: 'numerical' }>;
        const raw = (samples[d] as Float64Array)[s] as number;
        const x = ((dim.log ? Math.log(raw) : raw) - (centre[d] as number)) * (scale[d] as number);
        xs[d] = x;
        norm += x * x;
      }
      // Two dimensions per pass over the kernels: half the loads and stores of `acc`.
      let d = 0;
      if (nDims % 2 === 1) {
        const t0 = 2 * (xs[0] as number);
        const c0 = columns[0] as Float64Array;
        for (let i = 0; i < shared; i++) acc[i] = (offset[i] as number) - norm + t0 * (c0[i] as number);
        d = 1;
      } else {
        for (let i = 0; i < shared; i++) acc[i] = (offset[i] as number) - norm;
      }
      for (; d < nDims; d += 2) {
        const t0 = 2 * (xs[d] as number);
        const t1 = 2 * (xs[d + 1] as number);
        const c0 = columns[d] as Float64Array;
        const c1 = columns[d + 1] as Float64Array;
        for (let i = 0; i < shared; i++) acc[i] = (acc[i] as number) + t0 * (c0[i] as number) + t1 * (c1[i] as number);
      }
      // The prior (if any) by its own bandwidths.
      for (let i = shared; i < m; i++) {
        let v = offset[i] as number;
        for (let d = 0; d < nDims; d++) {
          const z = ((xs[d] as number) / (scale[d] as number)) * (priorScale[d] as number) - (columns[d] as Float64Array)[i]!;
          v -= z * z;
        }
        acc[i] = v;
      }
      let max = -Infinity;
      for (let i = 0; i < m; i++) if ((acc[i] as number) > max) max = acc[i] as number;
      if (!Number.isFinite(max)) {
        out[s] = max;
        continue;
      }
      const floor = max - LOGSUMEXP_CUTOFF;
      let sum = 0;
      for (let i = 0; i < m; i++) {
        const v = acc[i] as number;
        if (v > floor) sum += expNonPositive(v - max);
      }
      out[s] = Math.log(sum) + max;
    }
    return out;
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
   * The common univariate case, without the component matrix, in linear space (each
   * kernel's weight times its peak height precomputed). Only kernels within
   * {@link WINDOW_Z} of their bandwidth from a sample are summed: the rest add less than
   * e^-40 of the weights' total, which cannot change a double sum that holds a term of
   * ordinary size. Late in a study most kernels share the magic clip's floor bandwidth σ;
   * those are gathered on a grid of centres σ/3 apart, each cell summed through a series
   * (a fast Gauss transform, see {@link buildWindow}) whose Gaussian factors follow from
   * cell to cell by two multiplications, so a sample costs about one exponential per
   * dozen cells instead of one per kernel. Where no term of ordinary size is present (a
   * sample far from every kernel, without prior) it falls back to the log-space sum.
   */
  private logPdfContinuous1d(dim: Extract<ParzenDimension, { kind: 'numerical' }>, column: Float64Array): Float64Array {
    const w = (this.window ??= buildWindow(this.kernels[0] as NumericalKernel, this.weights));
    const out = new Float64Array(column.length);
    const { wideMu, wideInv, wideA, midMu, midInv, midA, cellIndex, cellReach, cellCoef, q, h, origin, stepDecay } = w;
    const midRadius = WINDOW_Z * w.midSigma;
    const cellRadius = WINDOW_Z * w.sigma + h;
    const nCells = cellIndex.length;
    for (let s = 0; s < column.length; s++) {
      const x = dim.log ? Math.log(column[s] as number) : (column[s] as number);
      let sum = 0;
      for (let i = 0; i < wideMu.length; i++) {
        const z = (x - (wideMu[i] as number)) * (wideInv[i] as number);
        sum += (wideA[i] as number) * expNonPositive(-0.5 * z * z);
      }
      const midEnd = lowerBound(midMu, x + midRadius + Number.MIN_VALUE);
      for (let i = lowerBound(midMu, x - midRadius); i < midEnd; i++) {
        const z = (x - (midMu[i] as number)) * (midInv[i] as number);
        sum += (midA[i] as number) * expNonPositive(-0.5 * z * z);
      }
      if (nCells > 0) {
        const jLo = Math.ceil((x - cellRadius - origin) / h);
        const jHi = Math.floor((x + cellRadius - origin) / h);
        let c = lowerBoundInt(cellIndex, jLo);
        // Gaussian factor G = e^{−q·y²} of the current cell and its ratio R to the next cell's.
        let j = Number.NaN;
        let gauss = 0;
        let ratio = 0;
        let sinceAnchor = 0;
        for (; c < nCells && (cellIndex[c] as number) <= jHi; c++) {
          const next = cellIndex[c] as number;
          const y = x - (origin + next * h);
          if (next === j + 1 && sinceAnchor < REANCHOR_EVERY) {
            gauss *= ratio;
            ratio *= stepDecay;
            sinceAnchor++;
          } else {
            gauss = expNonPositive(-q * y * y);
            ratio = Math.exp(q * h * (2 * y - h));
            sinceAnchor = 0;
          }
          j = next;
          // Σ aᵢ e^{−q(y−dᵢ)²} = e^{−q y²} Σₖ cₖ tᵏ, t = 2q·y, cut where the rest is below 1e-12.
          const t = 2 * q * y;
          const reach = Math.abs(t) * (cellReach[c] as number);
          const terms = TERMS_BY_REACH[Math.ceil(reach * REACH_BUCKETS)] ?? EXPANSION_TERMS;
          const base = c * EXPANSION_TERMS;
          let poly = cellCoef[base + terms - 1] as number;
          for (let k = terms - 2; k >= 0; k--) poly = poly * t + (cellCoef[base + k] as number);
          sum += gauss * poly;
        }
      }
      out[s] = sum > SMALLEST_TRUSTED_SUM ? Math.log(sum) : (this.logPdfGeneral(Float64Array.of(column[s] as number))[0] as number);
    }
    return out;
  }
}

/** Narrow kernels farther than this many bandwidths from a sample are left out of its sum. */
const WINDOW_Z = Math.sqrt(2 * LOGSUMEXP_CUTOFF);
/** A windowed sum below this may have lost its terms to the window or to underflow. */
const SMALLEST_TRUSTED_SUM = 1e-200;
/**
 * Series terms per grid cell. A cell's kernels lie within h/2 = σ/6 of its centre and the
 * window reaches WINDOW_Z·σ + h, so |t|·max|dᵢ| ≤ ρ ≈ 1.52 and the series cut after K
 * terms errs by at most ρᴷ/K!·e^ρ ≈ 1.3e-12 of the cell's sum; nearer cells use fewer terms.
 */
const EXPANSION_TERMS = 18;
const INVERSE_INTEGERS = Float64Array.from({ length: EXPANSION_TERMS + 1 }, (_, k) => 1 / k);
/**
 * Series terms needed at each reach ρ = |t|·max|dᵢ| (in steps of 1/16, rounded up): the
 * fewest K with ρᴷ/K!·e^ρ ≤ 1.3e-12, the bound the full series meets at the largest reach.
 */
const REACH_BUCKETS = 16;
const TERMS_BY_REACH = Uint8Array.from({ length: Math.ceil(1.6 * REACH_BUCKETS) + 1 }, (_, b) => {
  const rho = b / REACH_BUCKETS;
  let bound = Math.exp(rho);
  for (let k = 1; k <= EXPANSION_TERMS; k++) {
    bound *= rho / k;
    if (bound <= 1.3e-12) return k;
  }
  return EXPANSION_TERMS;
});
/** Grid extent (in cells) beyond which the floor kernels are summed one by one instead. */
const MAX_CELLS = 1e6;
/** Cells stepped by recurrence before the Gaussian factor is recomputed (bounds rounding drift). */
const REANCHOR_EVERY = 16;

interface KernelWindow {
  /** Kernels wider than twice the floor bandwidth: always summed. */
  readonly wideMu: Float64Array;
  readonly wideInv: Float64Array;
  /** Weight × peak height of each kernel. */
  readonly wideA: Float64Array;
  /** Kernels above the floor but within twice it, sorted by centre and summed in a window. */
  readonly midMu: Float64Array;
  readonly midInv: Float64Array;
  readonly midA: Float64Array;
  readonly midSigma: number;
  /** The floor bandwidth σ, q = 1/(2σ²), the grid's spacing h = σ/3 and origin. */
  readonly sigma: number;
  readonly q: number;
  readonly h: number;
  readonly origin: number;
  /** e^{−2q·h²}: the factor by which the ratio of successive Gaussian factors changes. */
  readonly stepDecay: number;
  /** Occupied cells in order: grid index, max |μᵢ − centre|, and coefficients cₖ = Σ aᵢ e^{−q dᵢ²} dᵢᵏ / k!. */
  readonly cellIndex: Int32Array;
  readonly cellReach: Float64Array;
  readonly cellCoef: Float64Array;
}

/** Sorts 1-d kernels into wide, mid and floor-bandwidth ones, the last gathered on a grid with their series. */
function buildWindow(kernel: NumericalKernel, weights: Float64Array): KernelWindow {
  const { mus, sigmas, logNorm } = kernel;
  const m = mus.length;
  const order = kernel.order ?? argsort(mus);
  let sigma = Infinity;
  for (let i = 0; i < m; i++) if ((sigmas[i] as number) < sigma) sigma = sigmas[i] as number;
  const midSigma = 2 * sigma;
  // A floor far below the spread of the centres (no magic clip) would need too many cells:
  // those kernels are then summed one by one with the mid ones.
  const span = m > 0 ? (mus[order[m - 1] as number] as number) - (mus[order[0] as number] as number) : 0;
  const grid = span / (sigma / 3) < MAX_CELLS;
  let nWide = 0;
  let nFloor = 0;
  for (let i = 0; i < m; i++) {
    const si = sigmas[i] as number;
    if (si > midSigma) nWide++;
    else if (si === sigma && grid) nFloor++;
  }
  const nMid = m - nWide - nFloor;
  const wideMu = new Float64Array(nWide);
  const wideInv = new Float64Array(nWide);
  const wideA = new Float64Array(nWide);
  const midMu = new Float64Array(nMid);
  const midInv = new Float64Array(nMid);
  const midA = new Float64Array(nMid);
  const floorMu = new Float64Array(nFloor);
  const floorA = new Float64Array(nFloor);
  let a = 0;
  let b = 0;
  let f = 0;
  // Walking the kernels in centre order keeps each group sorted.
  for (let k = 0; k < m; k++) {
    const i = order[k] as number;
    const si = sigmas[i] as number;
    // Weight × peak height; most kernels have the untruncated height 1/√(2π).
    const ln = logNorm[i] as number;
    const weight = (weights[i] as number) * (ln === -LOG_SQRT_2PI ? INV_SQRT_2PI : Math.exp(ln));
    if (si > midSigma) {
      wideMu[b] = mus[i] as number;
      wideInv[b] = 1 / si;
      wideA[b++] = weight;
    } else if (si === sigma && grid) {
      floorMu[f] = mus[i] as number;
      floorA[f++] = weight;
    } else {
      midMu[a] = mus[i] as number;
      midInv[a] = 1 / si;
      midA[a++] = weight;
    }
  }
  const q = 0.5 / (sigma * sigma);
  const h = sigma / 3;
  const origin = nFloor > 0 ? (floorMu[0] as number) : 0;
  // Kernels are sorted, so each cell's kernels are consecutive: one pass finds the cells.
  const { cellOf, starts, dist, terms } = scratch(nFloor);
  let nCells = 0;
  for (let i = 0; i < nFloor; i++) {
    const j = Math.round(((floorMu[i] as number) - origin) / h);
    cellOf[i] = j;
    if (i === 0 || j !== cellOf[i - 1]) starts[nCells++] = i;
  }
  starts[nCells] = nFloor;
  const cellIndex = new Int32Array(nCells);
  const cellReach = new Float64Array(nCells);
  const cellCoef = new Float64Array(nCells * EXPANSION_TERMS);
  for (let c = 0; c < nCells; c++) {
    const start = starts[c] as number;
    const end = starts[c + 1] as number;
    const j = cellOf[start] as number;
    const centre = origin + j * h;
    cellIndex[c] = j;
    let reach = 0;
    for (let i = start; i < end; i++) {
      const d = (floorMu[i] as number) - centre;
      dist[i] = d;
      if (Math.abs(d) > reach) reach = Math.abs(d);
      // |d| ≤ h/2 = σ/6, so q·d² ≤ 1/72: seven Taylor terms give e^{−q·d²} to 1e-17.
      const y = -q * d * d;
      terms[i] = (floorA[i] as number) * (1 + y * (1 + y * (0.5 + y * (1 / 6 + y * (1 / 24 + y * (1 / 120 + y / 720))))));
    }
    cellReach[c] = reach;
    // k outermost: each kernel's powers advance independently of the others'.
    const base = c * EXPANSION_TERMS;
    for (let k = 0; k < EXPANSION_TERMS; k++) {
      const inv = INVERSE_INTEGERS[k + 1] as number;
      let sum = 0;
      for (let i = start; i < end; i++) {
        const t = terms[i] as number;
        sum += t;
        terms[i] = t * (dist[i] as number) * inv;
      }
      cellCoef[base + k] = sum;
    }
  }
  return { wideMu, wideInv, wideA, midMu, midInv, midA, midSigma, sigma, q, h, origin, stepDecay: Math.exp(-2 * q * h * h), cellIndex, cellReach, cellCoef };
}

let scratchBuffers: { cellOf: Int32Array; starts: Int32Array; dist: Float64Array; terms: Float64Array } | undefined;

/** Working arrays of {@link buildWindow}, kept between calls (a study builds thousands of windows). */
function scratch(n: number): { cellOf: Int32Array; starts: Int32Array; dist: Float64Array; terms: Float64Array } {
  if (scratchBuffers === undefined || scratchBuffers.cellOf.length < n) {
    const size = Math.max(n, 2 * (scratchBuffers?.cellOf.length ?? 0), 256);
    scratchBuffers = { cellOf: new Int32Array(size), starts: new Int32Array(size + 1), dist: new Float64Array(size), terms: new Float64Array(size) };
  }
  return scratchBuffers;
}

/** First index whose value is ≥ x in an ascending integer array. */
function lowerBoundInt(sorted: Int32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface PackedContinuous {
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

/** Scaled columns for {@link ParzenEstimator.logPdfContinuous}, or null when bandwidths are not shared. */
function packContinuous(kernels: readonly NumericalKernel[], dims: readonly Extract<ParzenDimension, { kind: 'numerical' }>[], logWeights: Float64Array): PackedContinuous | null {
  const m = logWeights.length;
  if (m === 0) return null;
  const nDims = kernels.length;
  // The prior, when present, is the last kernel with σ = range; every other kernel must share σ_d.
  let shared = m;
  const first = kernels[0] as NumericalKernel;
  const dim0 = dims[0] as Extract<ParzenDimension, { kind: 'numerical' }>;
  if (m > 1 && first.sigmas[m - 1] === dim0.high - dim0.low && first.sigmas[m - 1] !== first.sigmas[0]) shared = m - 1;
  for (const kernel of kernels) {
    const sigma = kernel.sigmas[0] as number;
    for (let i = 1; i < shared; i++) if (kernel.sigmas[i] !== sigma) return null;
  }
  const centre = new Float64Array(nDims);
  const scale = new Float64Array(nDims);
  const priorScale = new Float64Array(nDims);
  const offset = logWeights.slice();
  const columns = kernels.map((kernel, d) => {
    const dim = dims[d] as Extract<ParzenDimension, { kind: 'numerical' }>;
    const c = 0.5 * (dim.low + dim.high);
    const k = Math.SQRT1_2 / (kernel.sigmas[0] as number);
    const kp = Math.SQRT1_2 / (kernel.sigmas[m - 1] as number);
    centre[d] = c;
    scale[d] = k;
    priorScale[d] = kp;
    const column = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const mu = ((kernel.mus[i] as number) - c) * (i < shared ? k : kp);
      column[i] = mu;
      offset[i] = (offset[i] as number) + (kernel.logNorm[i] as number) - (i < shared ? mu * mu : 0);
    }
    return column;
  });
  return { shared, centre, scale, priorScale, columns, offset };
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
  }
  return { kind: 'numerical', mus, sigmas, logNorm, logZ, order };
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

