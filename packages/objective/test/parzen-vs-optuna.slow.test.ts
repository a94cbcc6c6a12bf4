/**
 * Differential test of TPE's Parzen estimator against Optuna 3.1's `_ParzenEstimator`
 * (test/python/parzen_reference.py, run with Debian's python3-optuna).
 *
 * On the same observations over a mixed search space (log float, int, int with step,
 * float with step, plain float, log int, categorical), multivariate and univariate:
 * the log density at fixed points (1e-9), the component weights, and the sampling
 * distribution — per dimension and for pairs of dimensions (multivariate components
 * share one kernel index across dimensions) — against the exact outcome probabilities
 * computed from Optuna's own weights, centres and bandwidths. Optuna's empirical
 * frequencies are held to the same bound, which checks the exact figures themselves.
 * Then what TPE feeds its estimators in a study: the below/above sets in internal
 * representation after the observation pairs and the split. Last, the whole step of
 * multivariate TPE on the benchmark problem `mixed`: over many seeds, the distribution
 * of the next suggestion after the same history, ours against Optuna's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Distribution } from '../src/distributions/index.js';
import { createRng } from '../src/random/rng.js';
import { createStudy } from '../src/study/study-registry.js';
import { ObservationCache } from '../src/samplers/tpe/observations.js';
import { ParzenEstimator, toParzenDimension, type ParzenEstimatorParameters } from '../src/samplers/tpe/parzen-estimator.js';
import { defaultGamma, defaultWeights, splitObservations } from '../src/samplers/tpe/split.js';
import { TPESampler } from '../src/samplers/tpe/tpe-sampler.js';
import { hasOptuna, runPython } from './support/python.js';

/** Samples drawn from our estimator per case. */
const N_SAMPLES = 60_000;
/** Samples Optuna draws per case (its 3.1 truncated-normal sampler is slow). */
const N_OPTUNA_SAMPLES = 3_000;
/** Largest |z| of any outcome's count with at least 5 expected draws (deterministic seeds). */
const MAX_Z = 5;
/** Equal bins over the transformed range of a continuous dimension (as the Python side). */
const BINS = 10;

const distributionSchema = z.union([
  z.object({ kind: z.literal('float'), low: z.number(), high: z.number(), log: z.boolean(), step: z.number().nullable() }),
  z.object({ kind: z.literal('int'), low: z.number(), high: z.number(), log: z.boolean(), step: z.number() }),
  z.object({ kind: z.literal('categorical'), choices: z.array(z.string()) }),
]);
const tableSchema = z.object({ p: z.array(z.number()), optunaCounts: z.array(z.number()) });
const caseSchema = z.object({
  name: z.string(),
  names: z.array(z.string()),
  multivariate: z.boolean(),
  obs: z.record(z.string(), z.array(z.number())),
  xs: z.record(z.string(), z.array(z.number())),
  logpdf: z.array(z.number()),
  logpdfShipped: z.array(z.number()),
  weights: z.array(z.number()),
  marginals: z.record(z.string(), tableSchema),
  joint: z.array(tableSchema.extend({ dims: z.tuple([z.string(), z.string()]) })),
});
const referenceSchema = z.object({
  nSamples: z.number(),
  space: z.record(z.string(), distributionSchema),
  cases: z.array(caseSchema),
  study: z.object({
    space: z.record(z.string(), distributionSchema),
    trials: z.array(
      z.object({
        params: z.record(z.string(), z.union([z.number(), z.string()])),
        value: z.number().nullable(),
        state: z.enum(['COMPLETE', 'PRUNED']),
        intermediate: z.record(z.string(), z.number()),
      }),
    ),
    below: z.record(z.string(), z.array(z.number())),
    above: z.record(z.string(), z.array(z.number())),
  }),
});
type Reference = z.infer<typeof referenceSchema>;
type Case = z.infer<typeof caseSchema>;

const parameters = (multivariate: boolean): ParzenEstimatorParameters => ({
  considerPrior: true,
  priorWeight: 1,
  considerMagicClip: true,
  considerEndpoints: false,
  weights: defaultWeights,
  multivariate,
  normalizeKernels: false,
});

function estimator(ref: Reference, c: Case): ParzenEstimator {
  const dims = c.names.map((name) => toParzenDimension(ref.space[name] as Distribution));
  return new ParzenEstimator(
    c.names.map((name) => Float64Array.from(c.obs[name] as number[])),
    dims,
    parameters(c.multivariate),
  );
}

/** Index of an internal value among the outcomes the Python side tabulates. */
function outcomeIndex(dist: Distribution, v: number): number {
  if (dist.kind === 'categorical') return v;
  if (dist.kind === 'int' && dist.log) return v - dist.low;
  if (dist.step !== null) return Math.round((v - dist.low) / dist.step);
  const dim = toParzenDimension(dist) as Extract<ReturnType<typeof toParzenDimension>, { kind: 'numerical' }>;
  const t = dist.log ? Math.log(v) : v;
  return Math.min(BINS - 1, Math.max(0, Math.ceil(((t - dim.low) / (dim.high - dim.low)) * BINS) - 1));
}

/** Largest |z| of the counts against the probabilities (outcomes expected at least 5 times). */
function maxZ(counts: ArrayLike<number>, p: readonly number[], n: number): { z: number; at: number } {
  let worst = { z: 0, at: -1 };
  p.forEach((pi, i) => {
    if (n * pi < 5) return;
    const z = Math.abs(((counts[i] as number) - n * pi) / Math.sqrt(n * pi * (1 - pi)));
    if (z > worst.z) worst = { z, at: i };
  });
  return worst;
}

describe.runIf(hasOptuna())('ParzenEstimator against Optuna 3.1 _ParzenEstimator', () => {
  let ref: Reference;
  beforeAll(async () => {
    ref = referenceSchema.parse(JSON.parse(await runPython('parzen_reference.py', [String(N_OPTUNA_SAMPLES)])));
    expect(ref.cases.length).toBeGreaterThan(40);
  }, 120_000);

  /** Cases whose log density at the fixed points differs from `want` by more than 1e-9 (relative above 1). */
  function logPdfMismatches(want: (c: Case) => number[]): string[] {
    const failures: string[] = [];
    for (const c of ref.cases) {
      const got = estimator(ref, c).logPdf(c.names.map((name) => Float64Array.from(c.xs[name] as number[])));
      want(c).forEach((w, i) => {
        if (!(Math.abs((got[i] as number) - w) <= 1e-9 * Math.max(1, Math.abs(w)))) failures.push(`${c.name}[${i}]: ours ${got[i]}, Optuna ${w}`);
      });
    }
    return failures;
  }

  it('has the same log density at fixed points in every case (ties of univariate centres in trial order)', () => {
    expect(logPdfMismatches((c) => c.logpdf)).toEqual([]);
  });

  it('agrees with multivariate Optuna as shipped, to 1e-9, in every multivariate case', () => {
    const failures = logPdfMismatches((c) => (c.multivariate ? c.logpdfShipped : c.logpdf));
    expect(failures).toEqual([]);
    expect(ref.cases.filter((c) => c.multivariate).length).toBeGreaterThan(10);
  });

  // Known difference, not in the multivariate path: Optuna 3.1 gives univariate bandwidths
  // through np.argsort's unstable quicksort, so tied centres (int / step / repeated values)
  // share their bandwidths in numpy's introsort order; with unequal weights (n > 25
  // observations) that changes the density (up to 0.12 in log here: the n=40 int, int-step,
  // float-step and log-int cases). `argsort` in parzen-estimator.ts breaks ties by index.
  // Matching would mean reproducing numpy's introsort; flip to `it` if that is ever done.
  it.fails('agrees with univariate Optuna as shipped when centres tie (numpy unstable argsort)', () => {
    expect(logPdfMismatches((c) => c.logpdfShipped)).toEqual([]);
  });

  it('has the same component weights in every case', () => {
    const failures: string[] = [];
    for (const c of ref.cases) {
      const pe = estimator(ref, c);
      c.weights.forEach((want, i) => {
        if (!(Math.abs((pe.weights[i] as number) - want) <= 1e-15)) failures.push(`${c.name} weight ${i}: ours ${pe.weights[i]}, Optuna ${want}`);
      });
    }
    expect(failures).toEqual([]);
  });

  it('Optuna samples its own exact outcome probabilities (checks the reference)', () => {
    const failures: string[] = [];
    for (const c of ref.cases) {
      for (const [name, m] of Object.entries(c.marginals)) {
        const { z, at } = maxZ(m.optunaCounts, m.p, ref.nSamples);
        if (z > MAX_Z) failures.push(`${c.name} ${name}[${at}]: z = ${z.toFixed(2)}`);
      }
      for (const j of c.joint) {
        const { z, at } = maxZ(j.optunaCounts, j.p, ref.nSamples);
        if (z > MAX_Z) failures.push(`${c.name} ${j.dims.join('×')}[${at}]: z = ${z.toFixed(2)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('samples the same distribution per dimension and for pairs of dimensions', () => {
    const failures: string[] = [];
    ref.cases.forEach((c, k) => {
      const pe = estimator(ref, c);
      const samples = pe.sample(createRng(1000 + k), N_SAMPLES);
      const dists = c.names.map((name) => ref.space[name] as Distribution);
      const index = samples.map((column, d) => Int32Array.from(column, (v) => outcomeIndex(dists[d] as Distribution, v)));
      c.names.forEach((name, d) => {
        const m = c.marginals[name] as { p: number[] };
        const counts = new Float64Array(m.p.length);
        for (const i of index[d] as Int32Array) counts[i] = (counts[i] as number) + 1;
        const { z, at } = maxZ(counts, m.p, N_SAMPLES);
        if (z > MAX_Z || counts.length !== m.p.length) failures.push(`${c.name} ${name}[${at}]: z = ${z.toFixed(2)}`);
      });
      for (const j of c.joint) {
        const [a, b] = j.dims.map((name) => c.names.indexOf(name)) as [number, number];
        const nb = (c.marginals[j.dims[1]] as { p: number[] }).p.length;
        const counts = new Float64Array(j.p.length);
        const ia = index[a] as Int32Array;
        const ib = index[b] as Int32Array;
        for (let s = 0; s < N_SAMPLES; s++) {
          const cell = (ia[s] as number) * nb + (ib[s] as number);
          counts[cell] = (counts[cell] as number) + 1;
        }
        const { z, at } = maxZ(counts, j.p, N_SAMPLES);
        if (z > MAX_Z) failures.push(`${c.name} ${j.dims.join('×')}[${at}]: z = ${z.toFixed(2)}`);
      }
    });
    expect(failures).toEqual([]);
  });

  it('feeds the estimators the same below/above sets (internal representation) in a study', () => {
    const { space, trials, below, above } = ref.study;
    const study = createStudy();
    for (const t of trials) {
      study.addTrial({
        state: t.state,
        value: t.value ?? undefined,
        params: t.params,
        distributions: space as Record<string, Distribution>,
        intermediateValues: Object.fromEntries(Object.entries(t.intermediate).map(([s, v]) => [Number(s), v])),
      });
    }
    const cache = new ObservationCache();
    const obs = cache.collect(study, false, false);
    const split = splitObservations(obs, defaultGamma(obs.nFinished));
    for (const name of Object.keys(space)) {
      expect(Array.from(cache.column(name, obs, split.below)), `below ${name}`).toEqual(below[name]);
      expect(Array.from(cache.column(name, obs, split.above)), `above ${name}`).toEqual(above[name]);
    }
  });
});

/** History length and seeds of the whole-step comparison (test/python/tpe_next_reference.py). */
const NEXT_TRIALS = 50;
const NEXT_SEEDS = 1500;

const nextSchema = z.object({
  trials: z.array(z.object({ params: z.record(z.string(), z.union([z.number(), z.string()])), value: z.number() })),
  samples: z.array(z.object({ lr: z.number(), n: z.number(), q: z.number(), kind: z.string() })),
});
type Suggestion = z.infer<typeof nextSchema>['samples'][number];

const MIXED_SPACE: Record<string, Distribution> = {
  lr: { kind: 'float', low: 1e-4, high: 1, log: true, step: null },
  n: { kind: 'int', low: 1, high: 32, log: false, step: 1 },
  q: { kind: 'float', low: 0, high: 1, log: false, step: 0.05 },
  kind: { kind: 'categorical', choices: ['a', 'b', 'c', 'd'] },
};

/** Largest |z| of a two-sample comparison of outcome counts (pooled proportions, cells with ≥ 5 expected each side). */
function twoSampleMaxZ(a: readonly number[], b: readonly number[]): number {
  const na = a.reduce((s, x) => s + x, 0);
  const nb = b.reduce((s, x) => s + x, 0);
  let worst = 0;
  a.forEach((ca, i) => {
    const cb = b[i] ?? 0;
    const p = (ca + cb) / (na + nb);
    if (na * p < 5 || nb * p < 5) return;
    const z = Math.abs(ca / na - cb / nb) / Math.sqrt(p * (1 - p) * (1 / na + 1 / nb));
    worst = Math.max(worst, z);
  });
  return worst;
}

function histogram(samples: readonly Suggestion[], key: (s: Suggestion) => number, size: number): number[] {
  const counts = new Array<number>(size).fill(0);
  for (const s of samples) {
    const i = key(s);
    counts[i] = (counts[i] as number) + 1;
  }
  return counts;
}

describe.runIf(hasOptuna())('multivariate TPESampler against Optuna 3.1: the next suggestion on `mixed`', () => {
  it('suggests from the same distribution (each parameter, over seeds) after the same 50 trials', async () => {
    const ref = nextSchema.parse(JSON.parse(await runPython('tpe_next_reference.py', [String(NEXT_TRIALS), String(NEXT_SEEDS)])));
    const study = createStudy();
    for (const t of ref.trials) study.addTrial({ state: 'COMPLETE', value: t.value, params: t.params, distributions: MIXED_SPACE });
    const trial = study.getTrials()[0] as NonNullable<ReturnType<typeof study.getTrials>[number]>;
    const ours: Suggestion[] = [];
    for (let seed = 0; seed < NEXT_SEEDS; seed++) {
      const sampler = new TPESampler({ seed, multivariate: true });
      const space = sampler.inferRelativeSearchSpace(study, trial);
      expect(Object.keys(space).sort()).toEqual(['kind', 'lr', 'n', 'q']);
      ours.push(nextSchema.shape.samples.element.parse(sampler.sampleRelative(study, trial, space)));
    }
    const kinds = ['a', 'b', 'c', 'd'];
    const views: [string, (s: Suggestion) => number, number][] = [
      ['lr', (s) => Math.min(9, Math.floor(((Math.log10(s.lr) + 4) / 4) * 10)), 10],
      ['n', (s) => s.n - 1, 32],
      ['q', (s) => Math.round(s.q / 0.05), 21],
      ['kind', (s) => kinds.indexOf(s.kind), 4],
    ];
    const z = Object.fromEntries(views.map(([name, key, size]) => [name, twoSampleMaxZ(histogram(ref.samples, key, size), histogram(ours, key, size))]));
    for (const [name, value] of Object.entries(z)) expect(value, `max |z| of ${name}`).toBeLessThan(MAX_Z);
  }, 120_000);
});
