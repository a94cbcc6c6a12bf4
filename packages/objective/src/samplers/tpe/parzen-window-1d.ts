/**
 * The univariate continuous density in linear space, windowed: wide kernels always,
 * mid-width ones within {@link WINDOW_Z} bandwidths, and the floor-bandwidth ones (most
 * of them late in a study) on a grid of cells summed through a truncated series — a fast
 * Gauss transform whose Gaussian factors follow from cell to cell by two multiplications.
 */
import { LOG_SQRT_2PI, expNonPositive } from './normal-math.js';
import { INV_SQRT_2PI, LOGSUMEXP_CUTOFF, argsort, lowerBound, type NumericalKernel } from './parzen-kernels.js';

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

export interface KernelWindow {
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
  readonly cellIndex: Float64Array;
  readonly cellReach: Float64Array;
  readonly cellCoef: Float64Array;
}

/** Sorts 1-d kernels into wide, mid and floor-bandwidth ones, the last gathered on a grid with their series. */
export function buildWindow(kernel: NumericalKernel, weights: Float64Array): KernelWindow {
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
  const cellIndex = new Float64Array(nCells);
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

/**
 * log of the density at x (internal, log-transformed when the dimension is), or NaN when
 * no term of ordinary size was found (a sample far from every kernel, without prior): the
 * window or underflow may then have lost terms, and the caller sums in log space instead.
 */
export function windowLogDensity(w: KernelWindow, x: number): number {
  const { wideMu, wideInv, wideA, midMu, midInv, midA, cellIndex, cellReach, cellCoef, q, h, origin, stepDecay } = w;
  const midRadius = WINDOW_Z * w.midSigma;
  const cellRadius = WINDOW_Z * w.sigma + h;
  const nCells = cellIndex.length;
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
    // Gaussian factor G = e^{−q·y²} of the current cell and its ratio R to the next cell's.
    let j = Number.NaN;
    let gauss = 0;
    let ratio = 0;
    let sinceAnchor = 0;
    for (let c = lowerBound(cellIndex, jLo); c < nCells && (cellIndex[c] as number) <= jHi; c++) {
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
      // Σ aᵢ e^{−q(y−dᵢ)²} = e^{−q y²} Σₖ cₖ tᵏ, t = 2q·y, cut where the rest is below 1.3e-12.
      const t = 2 * q * y;
      const reach = Math.abs(t) * (cellReach[c] as number);
      const terms = TERMS_BY_REACH[Math.ceil(reach * REACH_BUCKETS)] ?? EXPANSION_TERMS;
      const base = c * EXPANSION_TERMS;
      let poly = cellCoef[base + terms - 1] as number;
      for (let k = terms - 2; k >= 0; k--) poly = poly * t + (cellCoef[base + k] as number);
      sum += gauss * poly;
    }
  }
  return sum > SMALLEST_TRUSTED_SUM ? Math.log(sum) : Number.NaN;
}
