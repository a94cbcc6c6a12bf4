/**
 * The univariate continuous density in linear space, windowed: wide kernels always,
 * mid-width ones within {@link WINDOW_Z} bandwidths, and the floor-bandwidth ones (most
 * of them late in a study) on a grid of cells summed through a truncated series — a fast
 * Gauss transform whose Gaussian factors follow from cell to cell by two multiplications.
 */
import { HEAP, type Allocator } from './arena.js';
import { expNonPositive } from './normal-math.js';
import { LOGSUMEXP_CUTOFF, argsort, lowerBound, peakHeight, type NumericalKernel, type SortedKernels } from './parzen-kernels.js';

/** Narrow kernels farther than this many bandwidths from a sample are left out of its sum. */
const WINDOW_Z = Math.sqrt(2 * LOGSUMEXP_CUTOFF);
/** A windowed sum below this may have lost its terms to the window or to underflow. */
const SMALLEST_TRUSTED_SUM = 1e-200;
/**
 * Grid cells per floor bandwidth: the grid's spacing is h = σ/CELLS_PER_SIGMA. Wider cells
 * mean fewer cells per sample (each costs a fixed overhead) but longer series per cell.
 */
const CELLS_PER_SIGMA = 2;
/** q·(h/2)²: how far e^{−q·d²} can fall inside a cell (1/(8C²)). */
const HALF_CELL_Q = 1 / (8 * CELLS_PER_SIGMA * CELLS_PER_SIGMA);
/**
 * Largest reach ρ = |t|·max|dᵢ|: a cell's kernels lie within h/2 of its centre and the
 * window reaches WINDOW_Z·σ + h, so ρ ≤ 2q·(WINDOW_Z·σ + h)·h/2 = (WINDOW_Z + 1/C)/(2C).
 */
const REACH_BUCKETS = 16;
const MAX_REACH = Math.ceil(((WINDOW_Z + 1 / CELLS_PER_SIGMA) / (2 * CELLS_PER_SIGMA)) * REACH_BUCKETS) / REACH_BUCKETS;
/** The fewest K with ρᴷ/K!·e^ρ ≤ 1.3e-12 (the series' remainder bound, relative to the cell's sum). */
function termsForReach(rho: number): number {
  let bound = Math.exp(rho);
  for (let k = 1; ; k++) {
    bound *= rho / k;
    if (bound <= 1.3e-12) return k;
  }
}
/** Series terms per grid cell at the largest reach; nearer cells use fewer. */
const EXPANSION_TERMS = termsForReach(MAX_REACH);
const INVERSE_INTEGERS = Float64Array.from({ length: EXPANSION_TERMS + 1 }, (_, k) => 1 / k);
/** Series terms needed at each reach (in steps of 1/16, rounded up). */
const TERMS_BY_REACH = Uint8Array.from({ length: MAX_REACH * REACH_BUCKETS + 1 }, (_, b) => termsForReach(b / REACH_BUCKETS));
/**
 * Error allowed per cell, relative to a lower bound of the density: at most
 * {@link MAX_CELLS_IN_REACH} cells lie within a sample's reach, so the whole density errs
 * by ≤ 1.2e-12 of itself.
 */
export const CELL_TOLERANCE = 2e-14;
/** Cells within a sample's reach, at most: 2·⌈(WINDOW_Z·σ + h)/h⌉ + 1. */
export const MAX_CELLS_IN_REACH = 2 * Math.ceil(CELLS_PER_SIGMA * WINDOW_Z + 1) + 1;
/** e^ρ at the largest reach: bounds Σₖ ρᵏ/k!. */
const E_TO_MAX_REACH = Math.exp(MAX_REACH) * (1 + 1e-15);
/** Budgets tabulated down to 2^-BUDGET_LEVELS; smaller ones take the cell's own bound. */
const BUDGET_LEVELS = 63;
/**
 * Series terms at each reach bucket b (as {@link TERMS_BY_REACH}) and budget 2^-e: the
 * fewest K with ρᴷ/K! ≤ 2^-e, never more than the reach alone needs. Row b, column e.
 */
const TERMS_BY_REACH_AND_BUDGET = Uint8Array.from({ length: TERMS_BY_REACH.length * (BUDGET_LEVELS + 1) }, (_, index) => {
  const b = Math.floor(index / (BUDGET_LEVELS + 1));
  const e = index % (BUDGET_LEVELS + 1);
  const most = TERMS_BY_REACH[b] as number;
  const rho = b / REACH_BUCKETS;
  let bound = 1;
  for (let k = 0; k < most; k++) {
    if (bound <= 2 ** -e) return k;
    bound *= rho / (k + 1);
  }
  return most;
});
/** e^{−ρ−q(h/2)²} at the top of each reach bucket: the least a cell's sum can be, per unit of G·A. */
const LEAST_FACTOR_BY_REACH = Float64Array.from(TERMS_BY_REACH, (_, b) => Math.exp(-(b / REACH_BUCKETS) - HALF_CELL_Q) * (1 - 1e-15));
/** A double's bits, for its binary exponent. */
const BITS = new Float64Array(1);
const BITS_HIGH = new Int32Array(BITS.buffer, 4, 1);

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
  /** The floor bandwidth σ, q = 1/(2σ²), the grid's spacing h = σ/CELLS_PER_SIGMA and origin. */
  readonly sigma: number;
  readonly q: number;
  readonly h: number;
  readonly origin: number;
  /** e^{−2q·h²}: the factor by which the ratio of successive Gaussian factors changes. */
  readonly stepDecay: number;
  /** Occupied cells in order: grid index, max |μᵢ − centre|, and first kernel (in the floor arrays). */
  readonly cellIndex: Float64Array;
  readonly cellReach: Float64Array;
  /** Total weight Σ aᵢ of each cell's kernels (bounds its contribution), and the largest. */
  readonly cellMass: Float64Array;
  readonly cellMassMax: number;
  readonly cellStart: Int32Array;
  /**
   * Series coefficients cₖ = Σ aᵢ e^{−q dᵢ²} dᵢᵏ / k! of each cell, built on demand: only
   * cells within reach of a sample, and only as many terms as the farthest sample needs.
   */
  readonly cellCoef: Float64Array;
  /** Coefficients built so far per cell. */
  readonly cellTerms: Uint8Array;
  /** Per floor kernel: μᵢ, replaced by dᵢ = μᵢ − centre once its cell is first used. */
  readonly floorD: Float64Array;
  /** Per floor kernel: aᵢ, then aᵢ e^{−q dᵢ²} dᵢᵏ / k! for the next k its cell needs. */
  readonly floorPower: Float64Array;
}

/** The window of a kernel (and its normalised weights): {@link windowOfSorted} on its kernels in centre order. */
export function buildWindow(kernel: NumericalKernel, weights: Float64Array, alloc: Allocator = HEAP): KernelWindow {
  const { mus, sigmas, logNorm } = kernel;
  const order = kernel.order ?? argsort(mus);
  const m = mus.length;
  const mu = alloc.f64(m);
  const sigma = alloc.f64(m);
  const a = alloc.f64(m);
  let sigmaMin = Infinity;
  for (let k = 0; k < m; k++) {
    const i = order[k] as number;
    mu[k] = mus[i] as number;
    sigma[k] = sigmas[i] as number;
    if ((sigma[k] as number) < sigmaMin) sigmaMin = sigma[k] as number;
    a[k] = (weights[i] as number) * peakHeight(logNorm[i] as number);
  }
  return windowOfSorted({ mu, sigma, a, sigmaMin }, alloc);
}

/**
 * Sorts 1-d kernels (in centre order) into wide, mid and floor-bandwidth ones, the last
 * gathered on a grid of cells (their series are built on demand). One pass: each group
 * stays in centre order, so a cell's kernels are consecutive.
 */
export function windowOfSorted(kernels: SortedKernels, alloc: Allocator = HEAP): KernelWindow {
  const { mu, sigma: sigmas, a, sigmaMin: sigma } = kernels;
  const m = mu.length;
  const midSigma = 2 * sigma;
  // A floor far below the spread of the centres (no magic clip) would need too many cells:
  // those kernels are then summed one by one with the mid ones.
  const span = m > 0 ? (mu[m - 1] as number) - (mu[0] as number) : 0;
  const grid = span / (sigma / CELLS_PER_SIGMA) < MAX_CELLS;
  // Room for every kernel in each group; the groups are cut to size at the end.
  const wideMu = alloc.f64Dirty(m);
  const wideInv = alloc.f64Dirty(m);
  const wideA = alloc.f64Dirty(m);
  const midMu = alloc.f64Dirty(m);
  const midInv = alloc.f64Dirty(m);
  const midA = alloc.f64Dirty(m);
  const floorD = alloc.f64Dirty(m);
  const floorPower = alloc.f64Dirty(m);
  const q = 0.5 / (sigma * sigma);
  const h = sigma / CELLS_PER_SIGMA;
  const cells = scratch(m);
  let origin = 0;
  let nCells = 0;
  let b = 0;
  let c = 0;
  let f = 0;
  for (let k = 0; k < m; k++) {
    const si = sigmas[k] as number;
    const x = mu[k] as number;
    if (si > midSigma) {
      wideMu[b] = x;
      wideInv[b] = 1 / si;
      wideA[b++] = a[k] as number;
    } else if (si === sigma && grid) {
      if (f === 0) origin = x;
      const j = Math.round((x - origin) / h);
      if (nCells === 0 || j !== cells.index[nCells - 1]) {
        cells.index[nCells] = j;
        cells.reach[nCells] = 0;
        cells.mass[nCells] = 0;
        cells.start[nCells++] = f;
      }
      const d = Math.abs(x - (origin + j * h));
      if (d > (cells.reach[nCells - 1] as number)) cells.reach[nCells - 1] = d;
      cells.mass[nCells - 1] = (cells.mass[nCells - 1] as number) + (a[k] as number);
      floorD[f] = x;
      floorPower[f++] = a[k] as number;
    } else {
      midMu[c] = x;
      midInv[c] = 1 / si;
      midA[c++] = a[k] as number;
    }
  }
  const cellStart = alloc.i32(nCells + 1);
  const cellIndex = alloc.f64(nCells);
  const cellReach = alloc.f64(nCells);
  const cellMass = alloc.f64(nCells);
  for (let k = 0; k < nCells; k++) {
    cellStart[k] = cells.start[k] as number;
    cellIndex[k] = cells.index[k] as number;
    cellReach[k] = cells.reach[k] as number;
    cellMass[k] = cells.mass[k] as number;
  }
  cellStart[nCells] = f;
  let cellMassMax = 0;
  for (let k = 0; k < nCells; k++) if ((cellMass[k] as number) > cellMassMax) cellMassMax = cellMass[k] as number;
  return {
    wideMu: wideMu.subarray(0, b),
    wideInv: wideInv.subarray(0, b),
    wideA: wideA.subarray(0, b),
    midMu: midMu.subarray(0, c),
    midInv: midInv.subarray(0, c),
    midA: midA.subarray(0, c),
    midSigma,
    sigma,
    q,
    h,
    origin,
    stepDecay: Math.exp(-2 * q * h * h),
    cellIndex,
    cellReach,
    cellMass,
    cellMassMax,
    cellStart,
    cellCoef: alloc.f64Dirty(nCells * EXPANSION_TERMS),
    cellTerms: alloc.u8(nCells),
    floorD: floorD.subarray(0, f),
    floorPower: floorPower.subarray(0, f),
  };
}

interface CellScratch {
  readonly index: Float64Array;
  readonly reach: Float64Array;
  readonly mass: Float64Array;
  readonly start: Int32Array;
}

let scratchCells: CellScratch | undefined;

/** Room for the cells of n floor kernels, kept between calls (a study builds thousands of windows). */
function scratch(n: number): CellScratch {
  if (scratchCells === undefined || scratchCells.start.length < n) {
    const size = Math.max(n, 2 * (scratchCells?.start.length ?? 0), 256);
    scratchCells = { index: new Float64Array(size), reach: new Float64Array(size), mass: new Float64Array(size), start: new Int32Array(size) };
  }
  return scratchCells;
}

/** Builds cell c's series coefficients up to `terms` (the same sums, in the same order, whenever they are built). */
function extendCell(w: KernelWindow, c: number, terms: number): void {
  const { floorD, floorPower, cellCoef, cellTerms, cellStart } = w;
  const start = cellStart[c] as number;
  const end = cellStart[c + 1] as number;
  let k = cellTerms[c] as number;
  if (k === 0) {
    const centre = w.origin + (w.cellIndex[c] as number) * w.h;
    const q = w.q;
    for (let i = start; i < end; i++) {
      const d = (floorD[i] as number) - centre;
      floorD[i] = d;
      // |d| ≤ h/2, so q·d² ≤ 1/(8C²) ≤ 1/32: eight Taylor terms give e^{−q·d²} to 3e-17.
      const y = -q * d * d;
      floorPower[i] = (floorPower[i] as number) * (1 + y * (1 + y * (0.5 + y * (1 / 6 + y * (1 / 24 + y * (1 / 120 + y * (1 / 720 + y / 5040)))))));
    }
  }
  // k outermost: each kernel's powers advance independently of the others'.
  const base = c * EXPANSION_TERMS;
  for (; k < terms; k++) {
    const inv = INVERSE_INTEGERS[k + 1] as number;
    let sum = 0;
    for (let i = start; i < end; i++) {
      const t = floorPower[i] as number;
      sum += t;
      floorPower[i] = t * (floorD[i] as number) * inv;
    }
    cellCoef[base + k] = sum;
  }
  cellTerms[c] = terms;
}

/**
 * log of the density at x (internal, log-transformed when the dimension is), or NaN when
 * no term of ordinary size was found (a sample far from every kernel, without prior): the
 * window or underflow may then have lost terms, and the caller sums in log space instead.
 */
export function windowLogDensity(w: KernelWindow, x: number, tolerance = CELL_TOLERANCE): number {
  const { wideMu, wideInv, wideA, midMu, midInv, midA, cellIndex, h, origin } = w;
  const midRadius = WINDOW_Z * w.midSigma;
  const cellRadius = WINDOW_Z * w.sigma + h;
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
  if (cellIndex.length > 0) {
    // Outwards from x on each side, so the running sum soon bounds how little far cells matter.
    const at = (x - origin) / h;
    const first = lowerBound(cellIndex, at);
    const right = lowerBound(cellIndex, Math.floor((x + cellRadius - origin) / h) + 0.5);
    const left = lowerBound(cellIndex, Math.ceil((x - cellRadius - origin) / h)) - 1;
    sum = sweepCells(w, x, first, 1, Math.max(first, right), sum, tolerance);
    sum = sweepCells(w, x, first - 1, -1, Math.min(first - 1, left), sum, tolerance);
  }
  return sum > SMALLEST_TRUSTED_SUM ? Math.log(sum) : Number.NaN;
}

/**
 * Adds the cells from `c` stepping by `dir` (±1) up to `end` (excluded), to `sum`. Each cell's series is cut at the fewest terms whose remainder bound
 * G·A·e^ρ·ρᴷ/K! (G = e^{−q·y²}, A = the cell's total weight, ρ = |t|·reach) is at most
 * `tolerance` (default {@link CELL_TOLERANCE}) of a lower bound of the final sum (the sum before the sweep plus
 * each cell's least possible contribution so far), and never
 * beyond the terms that bound the cell's own sum to 1.3e-12; a far cell may need none.
 */
function sweepCells(w: KernelWindow, x: number, c: number, dir: 1 | -1, end: number, sum: number, tolerance: number): number {
  const { cellIndex, cellReach, cellMass, cellMassMax, cellCoef, cellTerms, q, h, origin, stepDecay } = w;
  // Gaussian factor G = e^{−q·y²} of the current cell and its ratio to the next cell's.
  let j = Number.NaN;
  let gauss = 0;
  let ratio = 0;
  let sinceAnchor = 0;
  let lower = sum;
  // Module constants read once (V8 checks a module constant's type at every read).
  const reanchorEvery = REANCHOR_EVERY;
  const reachBuckets = REACH_BUCKETS;
  const leastFactor = LEAST_FACTOR_BY_REACH;
  const eToMaxReach = E_TO_MAX_REACH;
  const budgetLevels = BUDGET_LEVELS;
  const termsTable = TERMS_BY_REACH_AND_BUDGET;
  const expansionTerms = EXPANSION_TERMS;
  const bits = BITS;
  const bitsHigh = BITS_HIGH;
  for (; c !== end; c += dir) {
    const next = cellIndex[c] as number;
    const y = x - (origin + next * h);
    if (next === j + dir && sinceAnchor < reanchorEvery) {
      gauss *= ratio;
      ratio *= stepDecay;
      sinceAnchor++;
    } else {
      gauss = expNonPositive(-q * y * y);
      ratio = Math.exp(-q * h * (h - 2 * dir * y));
      sinceAnchor = 0;
    }
    j = next;
    // Σ aᵢ e^{−q(y−dᵢ)²} = e^{−q y²} Σₖ cₖ tᵏ, t = 2q·y.
    const t = 2 * q * y;
    const rho = Math.abs(t) * (cellReach[c] as number);
    const bucket = Math.ceil(rho * reachBuckets);
    const mass = gauss * (cellMass[c] as number);
    // The cell's sum is at least G·A·e^{−ρ−q(h/2)²}: the running total of those bounds the
    // final sum from below without waiting on each cell's series.
    lower += mass * (leastFactor[bucket] as number);
    // The remainder after K terms is at most G·A·e^ρ·ρᴷ/K!: allowed ratio r = budget / (G·A·e^ρ).
    const budget = tolerance * lower;
    // G only falls from here on and the bound only rises: no later cell can matter either.
    if (gauss * cellMassMax * eToMaxReach <= budget) break;
    const r = budget / (mass * eToMaxReach);
    if (r >= 1) continue;
    bits[0] = r;
    // r = 2^e·f with f ∈ [1, 2): 2^-level ≤ r (zero or subnormal r: the last level).
    const level = Math.min(budgetLevels, 1023 - ((bitsHigh[0] as number) >>> 20));
    const terms = termsTable[bucket * (budgetLevels + 1) + level] ?? expansionTerms;
    if ((cellTerms[c] as number) < terms) extendCell(w, c, terms);
    const base = c * expansionTerms;
    let poly = cellCoef[base + terms - 1] as number;
    for (let k = terms - 2; k >= 0; k--) poly = poly * t + (cellCoef[base + k] as number);
    sum += gauss * poly;
  }
  return sum;
}
