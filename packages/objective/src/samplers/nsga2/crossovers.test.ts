import { describe, expect, it } from 'vitest';
import { contains, toInternal, type Distribution } from '../../distributions/index.js';
import { categoricalDistribution, floatDistribution, intDistribution } from '../../distributions/factories.js';
import type { FrozenTrial } from '../../frozen-trial.js';
import { createRng, type Rng } from '../../random/rng.js';
import { createStudy } from '../../study/study-registry.js';
import type { Study } from '../../study/study.js';
import type { Trial } from '../../trial/trial.js';
import type { ParamValue } from '../base-sampler.js';
import { RandomSampler } from '../random-sampler.js';
import { runStudy } from '../test-support/run-study.js';
import { hypervolume } from '../tpe/mo-weights.js';
import { BLXAlphaCrossover, SBXCrossover, SPXCrossover, UNDXCrossover, UniformCrossover, VSBXCrossover, type Crossover } from './crossovers.js';
import { dominates } from './dominance.js';
import { NSGAIISampler } from './nsga2-sampler.js';
import { MAX_CROSSOVER_ATTEMPTS, performCrossover, untransformValue } from './perform-crossover.js';

type Bounds = readonly (readonly [number, number])[];
const unitBounds = (n: number): Bounds => Array.from({ length: n }, () => [0, 1] as const);
const row = (...v: number[]): Float64Array => Float64Array.from(v);
const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => Array.from(a).reduce((s, v, i) => s + v * (b[i] as number), 0);
const sub = (a: ArrayLike<number>, b: ArrayLike<number>): number[] => Array.from(a, (v, i) => v - (b[i] as number));
const scale = (a: ArrayLike<number>, k: number): number[] => Array.from(a, (v) => v * k);
const unit = (a: ArrayLike<number>): number[] => scale(a, 1 / Math.sqrt(dot(a, a)));
const mean = (xs: readonly number[]): number => xs.reduce((s, v) => s + v, 0) / xs.length;
const variance = (xs: readonly number[]): number => {
  const m = mean(xs);
  return xs.reduce((s, v) => s + (v - m) ** 2, 0) / xs.length;
};
const draw = (op: Crossover, parents: Float64Array[], n: number, seed: number, bounds = unitBounds(parents[0]?.length ?? 0), multi = false): Float64Array[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => op.crossover(parents, rng, bounds, multi));
};

describe('UniformCrossover', () => {
  it("takes each gene from the first parent with probability swappingProb, as Optuna's", () => {
    const rng = createRng(6);
    const [a, b] = [new Float64Array(2000), new Float64Array(2000).fill(1)];
    for (const p of [0.2, 0.5, 0.9]) {
      const child = new UniformCrossover(p).crossover([a, b], rng);
      const fromFirst = child.filter((v) => v === 0).length / child.length;
      expect(fromFirst).toBeGreaterThan(p - 0.04);
      expect(fromFirst).toBeLessThan(p + 0.04);
    }
  });
});

describe('SPXCrossover', () => {
  // Four dimensions, three parents: the simplex is a triangle in a plane of R^4.
  const parents = [row(0.1, 0.2, 0.9, 0.4), row(0.7, 0.3, 0.2, 0.5), row(0.4, 0.8, 0.5, 0.1)];
  const centroid = Array.from({ length: 4 }, (_, i) => mean(parents.map((p) => p[i] as number)));
  const eps = Math.sqrt(4 + 2);
  const vertices = parents.map((p) => Array.from(p, (v, i) => (centroid[i] as number) + eps * (v - (centroid[i] as number))));

  /** Barycentric coordinates of x in the expanded triangle, and the distance of x from its plane. */
  function barycentric(x: ArrayLike<number>): { lambda: [number, number, number]; offPlane: number } {
    const [v1, v2, v3] = vertices as [number[], number[], number[]];
    const a = sub(v1, v3);
    const b = sub(v2, v3);
    const r = sub(x, v3);
    const [aa, ab, bb, ar, br] = [dot(a, a), dot(a, b), dot(b, b), dot(a, r), dot(b, r)];
    const det = aa * bb - ab * ab;
    const l1 = (bb * ar - ab * br) / det;
    const l2 = (aa * br - ab * ar) / det;
    const residual = sub(r, a.map((v, i) => l1 * v + l2 * (b[i] as number)));
    return { lambda: [l1, l2, 1 - l1 - l2], offPlane: Math.sqrt(dot(residual, residual)) };
  }

  it('draws children uniformly in the parents simplex expanded by sqrt(n + 2) about the centroid', () => {
    const n = 10_000;
    const children = draw(new SPXCrossover(), parents, n, 11);
    const coords = children.map(barycentric);
    expect(Math.max(...coords.map((c) => c.offPlane))).toBeLessThan(1e-9);
    expect(Math.min(...coords.map((c) => Math.min(...c.lambda)))).toBeGreaterThanOrEqual(-1e-9);
    const lambdas = coords.map((c) => c.lambda);
    // Mean of a uniform triangle is its centroid (= the parents' centroid): each λ has mean 1/3.
    for (let i = 0; i < 4; i++) expect(mean(children.map((c) => c[i] as number))).toBeCloseTo(centroid[i] as number, 2);
    for (let k = 0; k < 3; k++) {
      const lk = lambdas.map((l) => l[k] as number);
      expect(mean(lk)).toBeCloseTo(1 / 3, 2);
      // Uniform in a triangle: P(λ_k > 1/2) = 1/4, and the corners are reached.
      expect(lk.filter((v) => v > 0.5).length / n).toBeCloseTo(0.25, 1.5);
      expect(Math.max(...lk)).toBeGreaterThan(0.97);
    }
  });

  it('takes epsilon from the number of dimensions by default and honours an explicit one', () => {
    const byDefault = draw(new SPXCrossover(), parents, 50, 3);
    expect(draw(new SPXCrossover(eps), parents, 50, 3)).toEqual(byDefault);
    // ε = 1: the parents' own triangle.
    const own = draw(new SPXCrossover(1), parents, 2000, 4);
    const extent = own.map((c) => {
      const { lambda } = barycentric(c);
      // Map back from the expanded triangle: μ = 1/3 + (λ − 1/3)·ε.
      return lambda.map((l) => 1 / 3 + (l - 1 / 3) * eps);
    });
    expect(Math.min(...extent.flat())).toBeGreaterThanOrEqual(-1e-9);
    expect(Math.min(...extent.flat())).toBeLessThan(0.02);
    expect(() => new SPXCrossover(0)).toThrow(/epsilon/);
  });
});

describe('UNDXCrossover', () => {
  const [x1, x2, x3] = [row(0.2, 0.3, 0.1), row(0.8, 0.5, 0.4), row(0.5, 0.9, 0.6)];
  const mid = Array.from(x1, (v, i) => 0.5 * (v + (x2[i] as number)));
  const d = sub(x1, x2);
  const dHat = unit(d);
  const v13 = sub(x3, x1);
  const inPlane = sub(v13, scale(dHat, dot(v13, dHat)));
  const distance = Math.sqrt(dot(inPlane, inPlane));
  const inPlaneHat = unit(inPlane);
  const normalHat = unit([d[1]! * v13[2]! - d[2]! * v13[1]!, d[2]! * v13[0]! - d[0]! * v13[2]!, d[0]! * v13[1]! - d[1]! * v13[0]!]);

  it("centres children on the first two parents' midpoint with Optuna 3.1's spread", () => {
    const n = 20_000;
    const children = draw(new UNDXCrossover(), [x1, x2, x3], n, 5);
    for (let i = 0; i < 3; i++) expect(mean(children.map((c) => c[i] as number))).toBeCloseTo(mid[i] as number, 2);
    const rel = children.map((c) => sub(c, mid));
    // Along x1 − x2: ξ·|d| with ξ of standard deviation σξ² (Optuna passes σ² as the scale).
    const along = variance(rel.map((r) => dot(r, dHat)));
    expect(along / (0.5 ** 4 * dot(d, d))).toBeCloseTo(1, 1);
    // Orthogonal to the line, in and out of the parents' plane: D·η with η of sd ση², ση = 0.35/√3.
    const expected = distance ** 2 * (0.35 / Math.sqrt(3)) ** 4;
    expect(variance(rel.map((r) => dot(r, inPlaneHat))) / expected).toBeCloseTo(1, 1);
    expect(variance(rel.map((r) => dot(r, normalHat))) / expected).toBeCloseTo(1, 1);
    // The two components are independent.
    expect(Math.abs(mean(rel.map((r) => dot(r, dHat) * dot(r, inPlaneHat))))).toBeLessThan(0.05 * Math.sqrt(along * expected));
  });

  it('honours sigmaXi and sigmaEta, stays on the line in one dimension, drops the first axis when x1 = x2', () => {
    const wide = draw(new UNDXCrossover(1, 0.5), [x1, x2, x3], 20_000, 6).map((c) => sub(c, mid));
    expect(variance(wide.map((r) => dot(r, dHat))) / dot(d, d)).toBeCloseTo(1, 1);
    expect(variance(wide.map((r) => dot(r, normalHat))) / (distance ** 2 * 0.5 ** 4)).toBeCloseTo(1, 1);
    // σξ = 0: the children fill the hyperplane through the midpoint orthogonal to x1 − x2.
    const flat = draw(new UNDXCrossover(0), [x1, x2, x3], 2000, 9).map((c) => sub(c, mid));
    expect(Math.max(...flat.map((r) => Math.abs(dot(r, dHat))))).toBeLessThan(1e-12);
    expect(variance(flat.map((r) => dot(r, inPlaneHat))) / (distance ** 2 * (0.35 / Math.sqrt(3)) ** 4)).toBeCloseTo(1, 0.7);
    const line = draw(new UNDXCrossover(), [row(0.2), row(0.6), row(0.9)], 10_000, 7).map((c) => c[0] as number);
    expect(mean(line)).toBeCloseTo(0.4, 2);
    expect(variance(line) / (0.5 ** 4 * 0.4 ** 2)).toBeCloseTo(1, 1);
    // x1 = x2: Optuna's orthonormal basis is the unit vectors 2..n, so the first coordinate stays put.
    const same = draw(new UNDXCrossover(), [row(0.3, 0.3, 0.3), row(0.3, 0.3, 0.3), row(0.9, 0.1, 0.5)], 200, 8);
    for (const c of same) expect(c[0]).toBe(0.3);
    expect(variance(same.map((c) => c[1] as number))).toBeGreaterThan(0);
    expect(() => new UNDXCrossover(-1)).toThrow(/sigmaXi/);
  });
});

describe('VSBXCrossover', () => {
  const a = row(0.2, 0.5);
  const b = row(0.8, 0.1);
  /** E[child] − mean of the parents, per gene, from Optuna's formulas: B/2 with B = δ/2·(∫₀^½ − ∫½^1)(u/2)^p du. */
  const expectedShift = (x1: number, x2: number, eta: number): number => {
    const p = 1 / (eta + 1);
    const integral = (lo: number, hi: number): number => (2 / (p + 1)) * ((hi / 2) ** (p + 1) - (lo / 2) ** (p + 1));
    return (0.5 * (0.5 * (x1 - x2)) * (integral(0, 0.5) - integral(0.5, 1)));
  };

  it('gives each gene a parent (1/2), a point between them (1/4) or beyond one by at most half their distance (1/4)', () => {
    const n = 20_000;
    for (const [eta, multi] of [[2, false], [20, true]] as const) {
      const children = draw(new VSBXCrossover(), [a, b], n, 9, unitBounds(2), multi);
      for (let i = 0; i < 2; i++) {
        const x1 = a[i] as number;
        const x2 = b[i] as number;
        const m = 0.5 * (x1 + x2);
        const half = 0.5 * Math.abs(x1 - x2);
        const genes = children.map((c) => c[i] as number);
        const parent = genes.filter((g) => g === x1 || g === x2);
        const inner = genes.filter((g) => g !== x1 && g !== x2 && Math.abs(g - m) < half);
        const outer = genes.filter((g) => Math.abs(g - m) > half);
        expect(parent.length / n).toBeCloseTo(0.5, 1.5);
        expect(inner.length / n).toBeCloseTo(0.25, 1.5);
        expect(outer.length / n).toBeCloseTo(0.25, 1.5);
        expect(Math.max(...outer.map((g) => Math.abs(g - m)))).toBeLessThanOrEqual(2 * half + 1e-12);
        // Between the parents the spread is β = (u/2)^(1/(η+1)) of half the distance: P(β ≤ t) = 2t^(η+1).
        const t = 0.5 ** (1 / (eta + 1)) * 0.9;
        expect(inner.filter((g) => Math.abs(g - m) <= t * half).length / inner.length).toBeCloseTo(2 * t ** (eta + 1), 1.5);
        // The mean, as Optuna's formulas give it (leaning towards the second parent) ...
        expect(mean(genes) - m).toBeCloseTo(expectedShift(x1, x2, eta), 2);
      }
      // ... and mirrored when the parents swap, so symmetric about their mean over random parent order.
      const swapped = draw(new VSBXCrossover(), [b, a], n, 10, unitBounds(2), multi);
      const both = [...children, ...swapped];
      for (let i = 0; i < 2; i++) expect(mean(both.map((c) => c[i] as number))).toBeCloseTo(0.5 * ((a[i] as number) + (b[i] as number)), 2);
    }
    expect(() => new VSBXCrossover(-1)).toThrow(/eta/);
  });
});

describe('new crossovers are deterministic for a seed', () => {
  const parents = [row(0.1, 0.9, 0.3), row(0.6, 0.2, 0.8), row(0.4, 0.5, 0.2)];
  for (const op of [new SPXCrossover(), new UNDXCrossover(), new VSBXCrossover()]) {
    it(op.name, () => {
      const used = parents.slice(0, op.nParents);
      expect(draw(op, used, 20, 42)).toEqual(draw(op, used, 20, 42));
      expect(draw(op, used, 20, 42)).not.toEqual(draw(op, used, 20, 43));
    });
  }
});

// A mixed search space: continuous, log, stepped, integer, integer log/step, categorical.
const space: Record<string, Distribution> = {
  x: floatDistribution(-1, 1),
  lr: floatDistribution(1e-4, 1e-1, { log: true }),
  q: floatDistribution(0, 1, { step: 0.25 }),
  n: intDistribution(1, 9),
  k: intDistribution(1, 64, { log: true }),
  s: intDistribution(0, 20, { step: 5 }),
  c: categoricalDistribution(['a', 'b', 'c']),
};

function randomParams(rng: Rng): Record<string, ParamValue> {
  return {
    x: rng.uniform(-1, 1),
    lr: Math.exp(rng.uniform(Math.log(1e-4), Math.log(1e-1))),
    q: 0.25 * rng.integer(0, 4),
    n: rng.integer(1, 9),
    k: Math.round(Math.exp(rng.uniform(0, Math.log(64)))),
    s: 5 * rng.integer(0, 4),
    c: ['a', 'b', 'c'][rng.integer(0, 2)] as string,
  };
}

const fakeTrial = (number: number, params: Record<string, ParamValue>, values: number[]): FrozenTrial =>
  ({ number, values, value: undefined, state: 'COMPLETE', systemAttrs: {}, params, distributions: space }) as unknown as FrozenTrial;

describe('performCrossover', () => {
  it("maps children back as Optuna 3.1's untransform: discrete rounded half to even and clipped, continuous kept below high only", () => {
    const f = floatDistribution(0, 1);
    expect(untransformValue(f, 1.5)).toBe(1 - 2 ** -53);
    expect(untransformValue(f, -0.1)).toBe(-0.1);
    const lg = floatDistribution(1e-3, 1e-1, { log: true });
    expect(untransformValue(lg, Math.log(2))).toBeLessThan(0.1);
    expect(untransformValue(lg, Math.log(2))).toBeGreaterThan(0.1 - 1e-16);
    expect(untransformValue(lg, Math.log(1e-4))).toBeCloseTo(1e-4, 15);
    const q = floatDistribution(0, 1, { step: 0.25 });
    expect([0.125, 0.375, 1.2, -0.2].map((x) => untransformValue(q, x))).toEqual([0, 0.5, 1, 0]);
    const i = intDistribution(0, 10);
    expect([2.5, 3.5, -0.6, 10.6].map((x) => untransformValue(i, x))).toEqual([2, 4, 0, 10]);
    const il = intDistribution(1, 64, { log: true });
    expect([Math.log(100), Math.log(0.4), Math.log(2.5)].map((x) => untransformValue(il, x))).toEqual([64, 1, 2]);
    const is = intDistribution(0, 20, { step: 5 });
    expect([7.5, 12.5, 23].map((x) => untransformValue(is, x))).toEqual([10, 10, 20]);
  });

  it('keeps every child of random parents inside the search space, rejecting (not clipping) strays as Optuna 3.1', () => {
    for (const crossover of [new SPXCrossover(), new UNDXCrossover(), new VSBXCrossover(), new BLXAlphaCrossover(), new SBXCrossover()]) {
      const rng = createRng(21);
      const ctx = { crossover, rng, directions: ['minimize', 'minimize'] as const, swappingProb: 0.5, dominates };
      let lowest = Infinity;
      let atLow = 0;
      const outside: string[] = [];
      for (let round = 0; round < 20; round++) {
        const population = Array.from({ length: 10 }, (_, i) => fakeTrial(i, randomParams(rng), [rng.random(), rng.random()]));
        for (let j = 0; j < 25; j++) {
          const child = performCrossover(ctx, population, space);
          for (const [name, dist] of Object.entries(space)) {
            const v = child[name];
            if (v === undefined || !contains(dist, toInternal(dist, v)) || (dist.kind === 'int' && !Number.isInteger(v))) outside.push(`${name}=${String(v)}`);
          }
          lowest = Math.min(lowest, child.x as number);
          if (child.x === -1 || child.lr === 1e-4) atLow++;
        }
      }
      // Children reach the edge of the range, yet none sits exactly on a continuous lower bound (clipping would pile them there).
      expect(outside, crossover.name).toEqual([]);
      expect(lowest).toBeLessThan(-0.9);
      expect(atLow).toBe(0);
    }
  });

  it('draws nParents distinct parents from the operator and takes categoricals from the first or last one', () => {
    const seen: number[] = [];
    const probe: Crossover = {
      name: 'probe',
      nParents: 4,
      crossover(parents, _rng, bounds) {
        seen.push(parents.length);
        // Optuna's transformed space: log scale, half a step beyond discrete ends; no categorical column.
        const expected = [[-1, 1], [Math.log(1e-4), Math.log(1e-1)], [-0.125, 1.125], [0.5, 9.5], [Math.log(0.5), Math.log(64.5)], [-2.5, 22.5]];
        expect(bounds.length).toBe(expected.length);
        bounds.forEach(([lo, hi], i) => {
          expect(lo).toBeCloseTo(expected[i]?.[0] as number, 12);
          expect(hi).toBeCloseTo(expected[i]?.[1] as number, 12);
        });
        // x = trial number / 10 names each parent.
        chosen = parents.map((p) => Math.round((p[0] as number) * 10));
        expect(new Set(chosen).size).toBe(4);
        return Float64Array.from(parents[0] as Float64Array);
      },
    };
    let chosen: number[] = [];
    const rng = createRng(2);
    // Each trial has its own categorical choice, so we know which parent a gene came from.
    const own = { ...space, c: categoricalDistribution(['t0', 't1', 't2', 't3', 't4', 't5']) };
    const population = Array.from({ length: 6 }, (_, i) => fakeTrial(i, { ...randomParams(rng), x: i / 10, c: `t${i}` }, [i, 6 - i]));
    let fromFirst = 0;
    const draws = 1000;
    for (let j = 0; j < draws; j++) {
      const child = performCrossover({ crossover: probe, rng, directions: ['minimize', 'minimize'], swappingProb: 0.8, dominates }, population, own);
      const [first, last] = [chosen[0], chosen[3]];
      expect([`t${first}`, `t${last}`]).toContain(child.c);
      if (child.c === `t${first}`) fromFirst++;
    }
    // As Optuna: the first parent's choice with probability swappingProb.
    expect(fromFirst / draws).toBeCloseTo(0.8, 1);
    expect(seen.every((k) => k === 4)).toBe(true);
    expect(() => new NSGAIISampler({ populationSize: 2, crossover: new SPXCrossover() })).toThrow(/populationSize/);
  });

  it(`clips instead of looping forever once ${MAX_CROSSOVER_ATTEMPTS} children in a row fell outside`, () => {
    let calls = 0;
    const below: Crossover = {
      name: 'below',
      nParents: 2,
      crossover(parents) {
        calls++;
        return Float64Array.from(parents[0] as Float64Array, () => -1e9);
      },
    };
    const rng = createRng(3);
    const population = Array.from({ length: 4 }, (_, i) => fakeTrial(i, randomParams(rng), [i, -i]));
    const child = performCrossover({ crossover: below, rng, directions: ['minimize', 'minimize'], swappingProb: 0.5, dominates }, population, space);
    expect(calls).toBe(MAX_CROSSOVER_ATTEMPTS);
    expect(child).toMatchObject({ x: -1, lr: 1e-4, q: 0, n: 1, k: 1, s: 0 });
  });
});

describe('NSGAIISampler with SPX, UNDX and vSBX', () => {
  function optimize(sampler: NSGAIISampler, objective: (t: Trial) => number[], nTrials: number, check?: (t: Trial) => void): Study {
    const study = createStudy({ sampler, directions: ['minimize', 'minimize'] });
    for (let i = 0; i < nTrials; i++) {
      const trial = study.ask();
      const values = objective(trial);
      check?.(trial);
      study.tell(trial, values);
    }
    return study;
  }

  it('proposes only in-range relative parameters for int, step, log and categorical parameters', () => {
    const objective = (t: Trial): number[] => {
      const v = [t.suggestFloat('x', -1, 1), t.suggestFloat('lr', 1e-4, 1e-1, { log: true }), t.suggestFloat('q', 0, 1, { step: 0.25 })];
      const w = [t.suggestInt('n', 1, 9), t.suggestInt('k', 1, 64, { log: true }), t.suggestInt('s', 0, 20, { step: 5 })];
      const c = t.suggestCategorical('c', ['a', 'b', 'c']);
      return [v[0]! ** 2 + Math.log10(v[1]!) ** 2 + v[2]! + w[0]! + (c === 'a' ? 0 : 1), (v[0]! - 1) ** 2 + w[1]! / 64 + w[2]! / 20];
    };
    for (const crossover of [new SPXCrossover(), new UNDXCrossover(), new VSBXCrossover()]) {
      let relative = 0;
      optimize(new NSGAIISampler({ seed: 1, populationSize: 10, crossover }), objective, 120, (t) => {
        for (const [name, value] of Object.entries(t.relativeParams)) {
          const dist = t.relativeSearchSpace[name] as Distribution;
          expect(contains(dist, toInternal(dist, value)), `${crossover.name} ${name}=${String(value)}`).toBe(true);
          relative++;
        }
      });
      expect(relative).toBeGreaterThan(250);
    }
  });

  const zdt1 = (t: Trial): number[] => {
    const x = Array.from({ length: 5 }, (_, i) => t.suggestFloat(`x${i}`, 0, 1));
    const f1 = x[0] as number;
    const g = 1 + (9 * x.slice(1).reduce((s, v) => s + v, 0)) / 4;
    return [f1, g * (1 - Math.sqrt(f1 / g))];
  };
  const frontHypervolume = (trials: readonly FrozenTrial[]): number => {
    const pts = trials.map((t) => Float64Array.from(t.values as number[]));
    return hypervolume(pts, Float64Array.of(1.1, 11));
  };

  it('improves the ZDT1 hypervolume well beyond the random first generation and 600 random trials (30 generations of 20)', () => {
    const random = frontHypervolume(runStudy(new RandomSampler({ seed: 0 }), zdt1, 600, { directions: ['minimize', 'minimize'] }).trials);
    for (const crossover of [new SPXCrossover(), new UNDXCrossover(), new VSBXCrossover()]) {
      const study = optimize(new NSGAIISampler({ seed: 0, populationSize: 20, crossover }), zdt1, 600);
      const first = frontHypervolume(study.trials.slice(0, 20));
      const final = frontHypervolume(study.trials);
      // Ideal front: 1.1·11 − 1/3 ≈ 11.77; the first generation is about 8.7, random search about 10.6.
      expect(final, crossover.name).toBeGreaterThan(first * 1.15);
      expect(final, crossover.name).toBeGreaterThan(random);
      // The last generation alone also beats the first: the population itself moved.
      expect(frontHypervolume(study.trials.slice(580)), crossover.name).toBeGreaterThan(first);
    }
  });

  it('replays the same study for a seed', () => {
    for (const crossover of [new SPXCrossover(), new UNDXCrossover(), new VSBXCrossover()]) {
      const params = (seed: number): unknown[] => optimize(new NSGAIISampler({ seed, populationSize: 10, crossover }), zdt1, 60).trials.map((t) => t.params);
      expect(params(7)).toEqual(params(7));
      expect(params(7)).not.toEqual(params(8));
    }
  });
});
