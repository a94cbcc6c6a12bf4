import type { Rng } from '../../random/rng.js';
import { matVec, norm, symmetricEigen } from './linalg.js';

/** Settings of one CMA-ES run. */
export interface CmaOptions {
  mean: Float64Array;
  sigma: number;
  /** Box bounds per dimension (samples outside are redrawn, then clipped). */
  bounds?: readonly (readonly [number, number])[];
  /** Initial covariance (row-major n×n); identity by default. */
  cov?: Float64Array;
  /** Offspring per generation. @default 4 + floor(3 ln n) */
  populationSize?: number;
  /** Redraws of an out-of-bounds sample before clipping. @default 10 n */
  nMaxResampling?: number;
  rng: Rng;
}

/**
 * Everything that evolves during a run of {@link Cma} (the constants follow from
 * `dim` and `populationSize`). Numbers are kept exactly, so a run rebuilt from a
 * snapshot continues bit for bit.
 */
export interface CmaSnapshot {
  dim: number;
  populationSize: number;
  generation: number;
  sigma: number;
  sigma0: number;
  nMaxResampling: number;
  bounds: [number, number][] | null;
  mean: number[];
  /** Covariance, row-major n×n. */
  C: number[];
  /** Eigenvectors of C (columns), row-major n×n. */
  B: number[];
  /** Square roots of C's eigenvalues. */
  D: number[];
  pSigma: number[];
  pc: number[];
  funHist: number[];
  lastValues: number[];
}

const EPS = 1e-8;
const SIGMA_MAX = 1e32;

/**
 * The covariance matrix adaptation evolution strategy with weighted recombination,
 * rank-one and rank-μ updates and negative weights (Hansen, "The CMA Evolution
 * Strategy: A Tutorial", 2016), plus the usual stopping criteria used for restarts.
 */
export class Cma {
  readonly dim: number;
  readonly populationSize: number;
  generation = 0;
  private mean: Float64Array;
  private sigma: number;
  private sigma0: number;
  private C: Float64Array;
  private B: Float64Array;
  private D: Float64Array;
  private pSigma: Float64Array;
  private pc: Float64Array;
  private readonly weights: Float64Array;
  private readonly mu: number;
  private readonly muEff: number;
  private readonly cc: number;
  private readonly c1: number;
  private readonly cmu: number;
  private readonly cSigma: number;
  private readonly dSigma: number;
  private readonly chiN: number;
  private readonly bounds: readonly (readonly [number, number])[] | undefined;
  private readonly nMaxResampling: number;
  private readonly rng: Rng;
  private funHist: number[] = [];
  private readonly funHistLength: number;
  private lastValues: number[] = [];

  constructor(options: CmaOptions) {
    const n = options.mean.length;
    this.dim = n;
    this.mean = Float64Array.from(options.mean);
    this.sigma = options.sigma;
    this.sigma0 = options.sigma;
    this.bounds = options.bounds;
    this.rng = options.rng;
    this.nMaxResampling = options.nMaxResampling ?? 10 * n;
    const lambda = options.populationSize ?? 4 + Math.floor(3 * Math.log(n));
    this.populationSize = lambda;
    const mu = Math.floor(lambda / 2);
    this.mu = mu;
    const raw = Float64Array.from({ length: lambda }, (_, i) => Math.log((lambda + 1) / 2) - Math.log(i + 1));
    let sumPos = 0;
    let sumPos2 = 0;
    let sumNeg = 0;
    let sumNeg2 = 0;
    for (const w of raw) {
      if (w >= 0) {
        sumPos += w;
        sumPos2 += w * w;
      } else {
        sumNeg += w;
        sumNeg2 += w * w;
      }
    }
    const muEff = (sumPos * sumPos) / sumPos2;
    const muEffMinus = sumNeg2 > 0 ? (sumNeg * sumNeg) / sumNeg2 : 0;
    this.muEff = muEff;
    const alphaCov = 2;
    this.c1 = alphaCov / ((n + 1.3) ** 2 + muEff);
    this.cmu = Math.min(1 - this.c1 - 1e-8, (alphaCov * (muEff - 2 + 1 / muEff)) / ((n + 2) ** 2 + (alphaCov * muEff) / 2));
    const minAlpha = Math.min(1 + this.c1 / this.cmu, 1 + (2 * muEffMinus) / (muEff + 2), (1 - this.c1 - this.cmu) / (n * this.cmu));
    this.weights = Float64Array.from(raw, (w) => (w >= 0 ? w / sumPos : (minAlpha * w) / Math.abs(sumNeg)));
    this.cSigma = (muEff + 2) / (n + muEff + 5);
    this.dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + this.cSigma;
    this.cc = (4 + muEff / n) / (n + 4 + (2 * muEff) / n);
    this.chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
    this.C = options.cov ? Float64Array.from(options.cov) : identity(n);
    this.B = identity(n);
    this.D = new Float64Array(n).fill(1);
    this.decompose();
    this.pSigma = new Float64Array(n);
    this.pc = new Float64Array(n);
    this.funHistLength = 10 + Math.ceil((30 * n) / lambda);
  }

  private decompose(): void {
    const n = this.dim;
    // Keep C symmetric and positive.
    for (let i = 0; i < n; i++)
      for (let j = 0; j < i; j++) {
        const v = ((this.C[i * n + j] as number) + (this.C[j * n + i] as number)) / 2;
        this.C[i * n + j] = v;
        this.C[j * n + i] = v;
      }
    const { values, vectors } = symmetricEigen(this.C, n);
    for (let i = 0; i < n; i++) if ((values[i] as number) < 0) values[i] = EPS;
    this.B = vectors;
    this.D = Float64Array.from(values, Math.sqrt);
    // C = B D² Bᵀ, rebuilt so it matches the clipped eigenvalues.
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += (this.B[i * n + k] as number) * (values[k] as number) * (this.B[j * n + k] as number);
        this.C[i * n + j] = s;
      }
  }

  /** The evolving state, as plain data (see {@link Cma.fromSnapshot}). */
  snapshot(): CmaSnapshot {
    return {
      dim: this.dim,
      populationSize: this.populationSize,
      generation: this.generation,
      sigma: this.sigma,
      sigma0: this.sigma0,
      nMaxResampling: this.nMaxResampling,
      bounds: this.bounds ? this.bounds.map(([lo, hi]) => [lo, hi]) : null,
      mean: [...this.mean],
      C: [...this.C],
      B: [...this.B],
      D: [...this.D],
      pSigma: [...this.pSigma],
      pc: [...this.pc],
      funHist: [...this.funHist],
      lastValues: [...this.lastValues],
    };
  }

  /** Rebuilds a run from {@link Cma.snapshot}; its next `tell` and `ask` equal the original's. */
  static fromSnapshot(snapshot: CmaSnapshot, rng: Rng): Cma {
    const n = snapshot.dim;
    const sizes: [string, number, number][] = [
      ['mean', snapshot.mean.length, n],
      ['C', snapshot.C.length, n * n],
      ['B', snapshot.B.length, n * n],
      ['D', snapshot.D.length, n],
      ['pSigma', snapshot.pSigma.length, n],
      ['pc', snapshot.pc.length, n],
      ['bounds', snapshot.bounds?.length ?? n, n],
    ];
    for (const [field, got, expected] of sizes) {
      if (got !== expected) throw new RangeError(`expected ${expected} entries in \`${field}\` of a ${n}-d CMA-ES snapshot, got ${got}`);
    }
    const cma = new Cma({
      mean: Float64Array.from(snapshot.mean),
      sigma: snapshot.sigma,
      ...(snapshot.bounds ? { bounds: snapshot.bounds } : {}),
      populationSize: snapshot.populationSize,
      nMaxResampling: snapshot.nMaxResampling,
      rng,
    });
    cma.generation = snapshot.generation;
    cma.sigma0 = snapshot.sigma0;
    cma.C = Float64Array.from(snapshot.C);
    cma.B = Float64Array.from(snapshot.B);
    cma.D = Float64Array.from(snapshot.D);
    cma.pSigma = Float64Array.from(snapshot.pSigma);
    cma.pc = Float64Array.from(snapshot.pc);
    cma.funHist = [...snapshot.funHist];
    cma.lastValues = [...snapshot.lastValues];
    return cma;
  }

  /** One candidate solution, drawn with `rng` (the run's own generator by default). */
  ask(rng: Rng = this.rng): Float64Array {
    for (let tries = 0; tries < this.nMaxResampling; tries++) {
      const x = this.sampleOne(rng);
      if (this.inBounds(x)) return x;
    }
    const x = this.sampleOne(rng);
    if (this.bounds)
      this.bounds.forEach(([lo, hi], i) => {
        x[i] = Math.min(Math.max(x[i] as number, lo), hi);
      });
    return x;
  }

  private sampleOne(rng: Rng): Float64Array {
    const n = this.dim;
    const z = Float64Array.from({ length: n }, (_, i) => (this.D[i] as number) * rng.normal());
    const y = matVec(this.B, z, n);
    for (let i = 0; i < n; i++) y[i] = (this.mean[i] as number) + this.sigma * (y[i] as number);
    return y;
  }

  private inBounds(x: Float64Array): boolean {
    if (!this.bounds) return true;
    return this.bounds.every(([lo, hi], i) => (x[i] as number) >= lo && (x[i] as number) <= hi);
  }

  /** Updates the distribution from a whole generation of evaluated solutions (minimised). */
  tell(solutions: readonly { x: Float64Array; value: number }[]): void {
    if (solutions.length !== this.populationSize) {
      throw new RangeError(`expected ${this.populationSize} solutions for a generation, got ${solutions.length}`);
    }
    const n = this.dim;
    this.generation++;
    const sorted = [...solutions].sort((a, b) => a.value - b.value);
    this.lastValues = sorted.map((s) => s.value);
    this.funHist.push(sorted[0]?.value ?? Infinity);
    if (this.funHist.length > this.funHistLength) this.funHist.shift();

    // C^{-1/2} = B D^{-1} Bᵀ
    const invSqrtC = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += ((this.B[i * n + k] as number) * (this.B[j * n + k] as number)) / (this.D[k] as number);
        invSqrtC[i * n + j] = s;
      }
    const ys = sorted.map((s) => Float64Array.from(s.x, (v, i) => (v - (this.mean[i] as number)) / this.sigma));
    const yw = new Float64Array(n);
    for (let k = 0; k < this.mu; k++) for (let i = 0; i < n; i++) yw[i] = (yw[i] as number) + (this.weights[k] as number) * ((ys[k] as Float64Array)[i] as number);
    for (let i = 0; i < n; i++) this.mean[i] = (this.mean[i] as number) + this.sigma * (yw[i] as number);

    const cInvYw = matVec(invSqrtC, yw, n);
    const sCoef = Math.sqrt(this.cSigma * (2 - this.cSigma) * this.muEff);
    for (let i = 0; i < n; i++) this.pSigma[i] = (1 - this.cSigma) * (this.pSigma[i] as number) + sCoef * (cInvYw[i] as number);
    const normPs = norm(this.pSigma);
    this.sigma *= Math.exp((this.cSigma / this.dSigma) * (normPs / this.chiN - 1));
    this.sigma = Math.min(this.sigma, SIGMA_MAX);

    const hSigma = normPs / Math.sqrt(1 - (1 - this.cSigma) ** (2 * this.generation)) < (1.4 + 2 / (n + 1)) * this.chiN ? 1 : 0;
    const cCoef = Math.sqrt(this.cc * (2 - this.cc) * this.muEff);
    for (let i = 0; i < n; i++) this.pc[i] = (1 - this.cc) * (this.pc[i] as number) + hSigma * cCoef * (yw[i] as number);

    const wCirc = Float64Array.from(this.weights, (w, k) => {
      if (w >= 0) return w;
      const v = norm(matVec(invSqrtC, ys[k] as Float64Array, n));
      return (w * n) / (v * v + EPS);
    });
    const deltaH = (1 - hSigma) * this.cc * (2 - this.cc);
    let sumW = 0;
    for (const w of this.weights) sumW += w;
    const decay = 1 + this.c1 * deltaH - this.c1 - this.cmu * sumW;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let rankMu = 0;
        for (let k = 0; k < ys.length; k++) rankMu += (wCirc[k] as number) * ((ys[k] as Float64Array)[i] as number) * ((ys[k] as Float64Array)[j] as number);
        this.C[i * n + j] = decay * (this.C[i * n + j] as number) + this.c1 * (this.pc[i] as number) * (this.pc[j] as number) + this.cmu * rankMu;
      }
    this.decompose();
  }

  /** The stopping criteria of a restart strategy (tolfun, tolx, no-effect axis/coordinate, condition). */
  shouldStop(): boolean {
    const n = this.dim;
    if (this.generation === 0) return false;
    const all = [...this.funHist, ...this.lastValues];
    if (this.funHist.length >= this.funHistLength && Math.max(...all) - Math.min(...all) < 1e-12) return true;
    const tolX = 1e-12 * this.sigma0;
    let small = true;
    for (let i = 0; i < n && small; i++) {
      if (this.sigma * Math.abs(this.pc[i] as number) >= tolX || this.sigma * Math.sqrt(this.C[i * n + i] as number) >= tolX) small = false;
    }
    if (small) return true;
    if (this.sigma * Math.max(...this.D) > 1e4 * this.sigma0) return true;
    const axis = this.generation % n;
    let noEffectAxis = true;
    for (let i = 0; i < n; i++) {
      const step = 0.1 * this.sigma * (this.D[axis] as number) * (this.B[i * n + axis] as number);
      if ((this.mean[i] as number) + step !== (this.mean[i] as number)) noEffectAxis = false;
    }
    if (noEffectAxis) return true;
    for (let i = 0; i < n; i++) if ((this.mean[i] as number) + 0.2 * this.sigma * Math.sqrt(this.C[i * n + i] as number) === (this.mean[i] as number)) return true;
    const cond = (Math.max(...this.D) / Math.min(...this.D)) ** 2;
    return cond > 1e14;
  }
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}
