import { ObjectiveError, echo } from '../../errors.js';
import type { Rng } from '../../random/rng.js';

/**
 * A crossover operator of NSGA-II: combines the numerical parameters of `nParents`
 * parents (each a row in Optuna's transformed space: log scale for log distributions,
 * half a step beyond each end for discrete ones) into one child, given each dimension's
 * bounds in that space. The child may leave the bounds: the sampler then draws new
 * parents and tries again, as Optuna 3.1 does.
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
  /**
   * @param swappingProb probability of taking a gene from the first parent, as in Optuna
   * (which keeps parent 0's gene where its uniform draw is below it). @default 0.5
   */
  constructor(private readonly swappingProb = 0.5) {}
  crossover(parents: readonly Float64Array[], rng: Rng): Float64Array {
    const [a, b] = parents as [Float64Array, Float64Array];
    return Float64Array.from(a, (v, i) => (rng.random() < this.swappingProb ? v : (b[i] as number)));
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

/**
 * Simplex crossover SPX (Tsutsui, Goldberg & Sastry 2000) as Optuna 3.1's
 * `SPXCrossover`: three parents span a simplex, which is expanded by `epsilon` about
 * their centroid; the child is drawn uniformly inside the expanded simplex.
 */
export class SPXCrossover implements Crossover {
  readonly name = 'spx';
  readonly nParents = 3;
  /** @param epsilon expansion rate of the parents' simplex about its centroid. @default sqrt(number of numerical parameters + 2) */
  constructor(private readonly epsilon?: number) {
    if (epsilon !== undefined && !(epsilon > 0 && Number.isFinite(epsilon))) {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected a positive finite number for \`epsilon\`, got ${echo(epsilon)}`);
    }
  }
  crossover(parents: readonly Float64Array[], rng: Rng, bounds: readonly (readonly [number, number])[]): Float64Array {
    const m = parents.length;
    const n = (parents[0] as Float64Array).length;
    const epsilon = this.epsilon ?? Math.sqrt(bounds.length + 2);
    // r_k = u^(1/(k+1)) makes the nested recursion below uniform over the simplex.
    const rs = Array.from({ length: m - 1 }, (_, k) => rng.random() ** (1 / (k + 1)));
    const centroid = new Float64Array(n);
    for (const p of parents) for (let i = 0; i < n; i++) centroid[i] = (centroid[i] as number) + (p[i] as number) / m;
    const vertex = (k: number, i: number): number => (centroid[i] as number) + epsilon * (((parents[k] as Float64Array)[i] as number) - (centroid[i] as number));
    const child = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let c = 0;
      for (let k = 1; k < m; k++) c = (rs[k - 1] as number) * (vertex(k - 1, i) - vertex(k, i) + c);
      child[i] = vertex(m - 1, i) + c;
    }
    return child;
  }
}

/**
 * Modified simulated binary crossover vSBX (Ballester & Carter 2003) as Optuna 3.1's
 * `VSBXCrossover`: unlike SBX, no region around or between the parents is excluded.
 * Each gene is, with equal chances, one of two vSBX children or one of the parents.
 * As in Optuna, for a fixed order of the parents the children lean slightly towards
 * the second parent (the order itself is random in the sampler).
 */
export class VSBXCrossover implements Crossover {
  readonly name = 'vsbx';
  readonly nParents = 2;
  /** @param eta distribution index (larger: children nearer the parents). @default 20 for several objectives, 2 for one */
  constructor(private readonly eta?: number) {
    if (eta !== undefined && !(eta >= 0 && Number.isFinite(eta))) {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected a finite number ≥ 0 for \`eta\`, got ${echo(eta)}`);
    }
  }
  crossover(parents: readonly Float64Array[], rng: Rng, _bounds: readonly (readonly [number, number])[], multiObjective: boolean): Float64Array {
    const [a, b] = parents as [Float64Array, Float64Array];
    const power = 1 / ((this.eta ?? (multiObjective ? 20 : 2)) + 1);
    const us = Float64Array.from(a, () => rng.random());
    return Float64Array.from(a, (x1, i) => {
      const x2 = b[i] as number;
      const u = us[i] as number;
      const beta1 = (0.5 * u) ** power;
      const beta2 = (0.5 * (1 - u)) ** power;
      // c1 between the parents, c2 beyond one of them; mirrored when u > 1/2.
      const c1 = u > 0.5 ? 0.5 * ((1 - beta1) * x1 + (1 + beta1) * x2) : 0.5 * ((1 + beta1) * x1 + (1 - beta1) * x2);
      const c2 = u > 0.5 ? 0.5 * (-(1 - beta2) * x1 + (3 - beta2) * x2) : 0.5 * ((3 - beta2) * x1 - (1 - beta2) * x2);
      if (rng.random() < 0.5) return rng.random() < 0.5 ? c1 : c2;
      return rng.random() < 0.5 ? x1 : x2;
    });
  }
}

/**
 * Unimodal normal distribution crossover UNDX (Ono & Kobayashi; Kita, Ono & Kobayashi
 * 1999) as Optuna 3.1's `UNDXCrossover`: the child is normally distributed about the
 * midpoint of the first two parents, spread along the line through them (ξ·(x1 − x2))
 * and, orthogonally to that line, in proportion to the third parent's distance D from it.
 * Exactly as Optuna 3.1 draws them, ξ has standard deviation `sigmaXi²` and each
 * orthogonal coordinate (before scaling by D) standard deviation `sigmaEta²`.
 */
export class UNDXCrossover implements Crossover {
  readonly name = 'undx';
  readonly nParents = 3;
  /**
   * @param sigmaXi spread along the line through the first two parents. @default 0.5
   * @param sigmaEta spread orthogonal to that line. @default 0.35 / sqrt(number of numerical parameters)
   */
  constructor(
    private readonly sigmaXi = 0.5,
    private readonly sigmaEta?: number,
  ) {
    for (const [key, v] of [['sigmaXi', sigmaXi], ['sigmaEta', sigmaEta]] as const) {
      if (v !== undefined && !(v >= 0 && Number.isFinite(v))) {
        throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected a finite number ≥ 0 for \`${key}\`, got ${echo(v)}`);
      }
    }
  }
  crossover(parents: readonly Float64Array[], rng: Rng, bounds: readonly (readonly [number, number])[]): Float64Array {
    const [x1, x2, x3] = parents as [Float64Array, Float64Array, Float64Array];
    const n = bounds.length;
    const sigmaEta = this.sigmaEta ?? 0.35 / Math.sqrt(n);
    const etas = Float64Array.from(x1, () => sigmaEta ** 2 * rng.normal());
    const xi = this.sigmaXi ** 2 * rng.normal();
    const child = Float64Array.from(x1, (v, i) => 0.5 * (v + (x2[i] as number)) + xi * (v - (x2[i] as number)));
    if (n === 1) return child;
    // e12: direction x1 → x2 (Optuna divides by max(|x2 − x1|, 1e-10)); D: distance of x3 from that line.
    let norm12 = 0;
    for (let i = 0; i < n; i++) norm12 += ((x2[i] as number) - (x1[i] as number)) ** 2;
    norm12 = Math.sqrt(norm12);
    const e12 = Float64Array.from(x1, (v, i) => ((x2[i] as number) - v) / Math.max(norm12, 1e-10));
    let along = 0;
    for (let i = 0; i < n; i++) along += ((x3[i] as number) - (x1[i] as number)) * (e12[i] as number);
    let distance = 0;
    for (let i = 0; i < n; i++) distance += ((x3[i] as number) - (x1[i] as number) - along * (e12[i] as number)) ** 2;
    distance = Math.sqrt(distance);
    // Σ η_k e_k over an orthonormal basis of the complement of the line is an isotropic
    // normal in that complement: project the drawn vector on it. Optuna's basis when
    // x1 = x2 is the unit vectors 2..n, so the first coordinate is dropped then.
    if (norm12 === 0) etas[0] = 0;
    else {
      const unit = 1 / norm12;
      let dot = 0;
      for (let i = 0; i < n; i++) dot += (etas[i] as number) * ((x2[i] as number) - (x1[i] as number)) * unit;
      for (let i = 0; i < n; i++) etas[i] = (etas[i] as number) - dot * ((x2[i] as number) - (x1[i] as number)) * unit;
    }
    for (let i = 0; i < n; i++) child[i] = (child[i] as number) + distance * (etas[i] as number);
    return child;
  }
}
