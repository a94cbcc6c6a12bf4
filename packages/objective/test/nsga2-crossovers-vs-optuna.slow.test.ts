/**
 * Differential test of the SPX, UNDX and vSBX crossovers against Python Optuna 3.1
 * (Debian's python3-optuna): for fixed parents, test/python/nsga2_crossover_reference.py
 * draws children with Optuna's operators (numpy's generator) and we draw as many with
 * ours (our generator). The two samples cannot agree draw for draw, so they are compared
 * as distributions: a two-sample Kolmogorov–Smirnov test on every coordinate and on a
 * few fixed oblique directions (which sees the covariance), at a level where a correct
 * implementation fails about once in 10^6 runs — while a wrong spread, centre or shape
 * (σ used where Optuna uses σ², a missing power in SPX, a mirrored vSBX) is far outside.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRng } from '../src/random/rng.js';
import { SPXCrossover, UNDXCrossover, VSBXCrossover, type Crossover } from '../src/samplers/nsga2/crossovers.js';
import { hasOptuna, runPython } from './support/python.js';

/** Children per case on each side. */
const N = 6000;

interface Case {
  readonly name: string;
  readonly op: 'spx' | 'undx' | 'vsbx';
  readonly args: Record<string, number>;
  readonly ours: Crossover;
  readonly parents: readonly (readonly number[])[];
  readonly multiObjective: boolean;
}

const p3 = [
  [0.2, 0.3, 0.1],
  [0.8, 0.5, 0.4],
  [0.5, 0.9, 0.6],
];
const p5 = [
  [0.1, 0.7, 0.3, 0.9, 0.5],
  [0.6, 0.2, 0.4, 0.3, 0.8],
  [0.9, 0.5, 0.1, 0.6, 0.2],
];
const CASES: readonly Case[] = [
  { name: 'SPX default ε, 3-d', op: 'spx', args: {}, ours: new SPXCrossover(), parents: p3, multiObjective: false },
  { name: 'SPX ε = 1.5, 5-d', op: 'spx', args: { epsilon: 1.5 }, ours: new SPXCrossover(1.5), parents: p5, multiObjective: true },
  { name: 'UNDX defaults, 3-d', op: 'undx', args: {}, ours: new UNDXCrossover(), parents: p3, multiObjective: false },
  { name: 'UNDX σξ 0.8, ση 0.6, 5-d', op: 'undx', args: { sigmaXi: 0.8, sigmaEta: 0.6 }, ours: new UNDXCrossover(0.8, 0.6), parents: p5, multiObjective: false },
  { name: 'UNDX x1 = x2, 3-d', op: 'undx', args: {}, ours: new UNDXCrossover(), parents: [[0.3, 0.3, 0.3], [0.3, 0.3, 0.3], [0.9, 0.1, 0.5]], multiObjective: false },
  { name: 'UNDX 1-d', op: 'undx', args: {}, ours: new UNDXCrossover(), parents: [[0.2], [0.6], [0.9]], multiObjective: false },
  { name: 'vSBX one objective (η 2), 3-d', op: 'vsbx', args: {}, ours: new VSBXCrossover(), parents: p3.slice(0, 2), multiObjective: false },
  { name: 'vSBX several objectives (η 20), 5-d', op: 'vsbx', args: {}, ours: new VSBXCrossover(), parents: p5.slice(0, 2), multiObjective: true },
  { name: 'vSBX η 5, 3-d', op: 'vsbx', args: { eta: 5 }, ours: new VSBXCrossover(5), parents: p3.slice(0, 2), multiObjective: false },
];

/** Largest gap between the two empirical distribution functions. */
function ksStatistic(a: readonly number[], b: readonly number[]): number {
  const xs = [...a].sort((u, v) => u - v);
  const ys = [...b].sort((u, v) => u - v);
  let i = 0;
  let j = 0;
  let gap = 0;
  while (i < xs.length && j < ys.length) {
    const t = Math.min(xs[i] as number, ys[j] as number);
    while (i < xs.length && (xs[i] as number) <= t) i++;
    while (j < ys.length && (ys[j] as number) <= t) j++;
    gap = Math.max(gap, Math.abs(i / xs.length - j / ys.length));
  }
  return gap;
}

/** KS critical value for two samples of n at level α = 1e-6 (c(α) = sqrt(−ln(α/2)/2)). */
const KS_LIMIT = Math.sqrt(-Math.log(1e-6 / 2) / 2) * Math.sqrt(2 / N);

const samplesSchema = z.array(z.array(z.array(z.number())));

describe.runIf(hasOptuna())('SPX, UNDX and vSBX against Optuna 3.1', () => {
  let optuna: number[][][] = [];
  beforeAll(async () => {
    const input = CASES.map((c) => ({ op: c.op, args: c.args, parents: c.parents, multiObjective: c.multiObjective, n: N, seed: 0 }));
    optuna = samplesSchema.parse(JSON.parse(await runPython('nsga2_crossover_reference.py', [JSON.stringify(input)]))) as number[][][];
  }, 60_000);

  CASES.forEach((c, k) => {
    it(c.name, () => {
      const dim = (c.parents[0] as readonly number[]).length;
      const rng = createRng(1000 + k);
      const parents = c.parents.map((p) => Float64Array.from(p));
      const bounds = Array.from({ length: dim }, () => [0, 1] as const);
      const ours = Array.from({ length: N }, () => Array.from(c.ours.crossover(parents, rng, bounds, c.multiObjective)));
      const theirs = optuna[k] as number[][];
      expect(theirs.length).toBe(N);
      // Coordinates, then three fixed oblique directions.
      const dirRng = createRng(7);
      const directions = [
        ...Array.from({ length: dim }, (_, i) => Array.from({ length: dim }, (_, j) => (i === j ? 1 : 0))),
        ...Array.from({ length: dim > 1 ? 3 : 0 }, () => Array.from({ length: dim }, () => dirRng.normal())),
      ];
      for (const [d, w] of directions.entries()) {
        const project = (x: readonly number[]): number => x.reduce((s, v, i) => s + v * (w[i] as number), 0);
        const gap = ksStatistic(ours.map(project), theirs.map(project));
        expect(gap, `${c.name}, direction ${d}`).toBeLessThan(KS_LIMIT);
      }
    });
  });
});
