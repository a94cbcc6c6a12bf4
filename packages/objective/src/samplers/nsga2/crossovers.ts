import type { Rng } from '../../random/rng.js';

/**
 * A crossover operator of NSGA-II: combines the numerical parameters of `nParents`
 * parents (each a row in the transformed space, log scale for log distributions) into
 * one child, given each dimension's bounds.
 */
export interface Crossover {
  readonly name: string;
  readonly nParents: number;
  crossover(parents: readonly Float64Array[], rng: Rng, bounds: readonly (readonly [number, number])[], multiObjective: boolean): Float64Array;
}

/** Each gene from one parent or the other (Optuna's default `UniformCrossover`). */
export class UniformCrossover implements Crossover {
  readonly name = 'uniform';
  readonly nParents = 2;
  /** @param swappingProb probability of taking a gene from the second parent. @default 0.5 */
  constructor(private readonly swappingProb = 0.5) {}
  crossover(parents: readonly Float64Array[], rng: Rng): Float64Array {
    const [a, b] = parents as [Float64Array, Float64Array];
    return Float64Array.from(a, (v, i) => (rng.random() < this.swappingProb ? (b[i] as number) : v));
  }
}

/** Blend crossover BLX-α (Eshelman & Schaffer 1993): uniform in the parents' box widened by α each side. */
export class BLXAlphaCrossover implements Crossover {
  readonly name = 'blx_alpha';
  readonly nParents = 2;
  /** @param alpha widening of the parents' interval. @default 0.5 */
  constructor(private readonly alpha = 0.5) {}
  crossover(parents: readonly Float64Array[], rng: Rng): Float64Array {
    const [a, b] = parents as [Float64Array, Float64Array];
    return Float64Array.from(a, (v, i) => {
      const lo = Math.min(v, b[i] as number);
      const hi = Math.max(v, b[i] as number);
      const d = hi - lo;
      return rng.uniform(lo - this.alpha * d, hi + this.alpha * d);
    });
  }
}

/**
 * Simulated binary crossover (Deb & Agrawal 1995) in its bounded form: the spread
 * factor's distribution is truncated so children stay inside the bounds; each gene
 * takes one of the two SBX children or one of the parents, with equal chances.
 */
export class SBXCrossover implements Crossover {
  readonly name = 'sbx';
  readonly nParents = 2;
  /** @param eta distribution index (larger: children nearer the parents). @default 20 for several objectives, 2 for one */
  constructor(private readonly eta?: number) {}
  crossover(parents: readonly Float64Array[], rng: Rng, bounds: readonly (readonly [number, number])[], multiObjective: boolean): Float64Array {
    const [a, b] = parents as [Float64Array, Float64Array];
    const eta = this.eta ?? (multiObjective ? 20 : 2);
    return Float64Array.from(a, (x1, i) => {
      const x2 = b[i] as number;
      const [xl, xu] = bounds[i] as readonly [number, number];
      const lo = Math.min(x1, x2);
      const hi = Math.max(x1, x2);
      const diff = Math.max(hi - lo, 1e-10);
      const spread = (beta: number): number => {
        const alpha = 2 - beta ** -(eta + 1);
        const u = rng.random();
        return u <= 1 / alpha ? (u * alpha) ** (1 / (eta + 1)) : (1 / (2 - u * alpha)) ** (1 / (eta + 1));
      };
      const c1 = 0.5 * (lo + hi - spread(1 + (2 * (lo - xl)) / diff) * diff);
      const c2 = 0.5 * (lo + hi + spread(1 + (2 * (xu - hi)) / diff) * diff);
      if (rng.random() < 0.5) return rng.random() < 0.5 ? c1 : c2;
      return rng.random() < 0.5 ? x1 : x2;
    });
  }
}
