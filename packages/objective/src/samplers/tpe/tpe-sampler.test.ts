import { describe, expect, it } from 'vitest';
import { ObjectiveError } from '../../errors.js';
import { createStudy } from '../../study/study-registry.js';
import type { SamplerEvent } from '../sampler-events.js';
import { branin, median, mixed } from '../test-support/problems.js';
import { runStudy } from '../test-support/run-study.js';
import { ObservationCache } from './observations.js';
import { splitObservations } from './split.js';
import { TPESampler } from './tpe-sampler.js';

describe('TPESampler', () => {
  it('replays exactly for a seed and differs across seeds', () => {
    const params = (seed: number) => runStudy(new TPESampler({ seed }), mixed.fn, 25).trials.map((t) => t.params);
    expect(params(7)).toEqual(params(7));
    expect(params(7)).not.toEqual(params(8));
  });

  it('finds the Branin optimum region over several seeds (median best after 100 trials)', () => {
    const bests = [0, 1, 2, 3, 4].map((seed) => runStudy(new TPESampler({ seed }), branin.fn, 100).bestValue);
    expect(median(bests)).toBeLessThan(0.6);
    const mv = [0, 1, 2, 3, 4].map((seed) => runStudy(new TPESampler({ seed, multivariate: true }), branin.fn, 100).bestValue);
    expect(median(mv)).toBeLessThan(0.6);
  });

  it('handles log, int, step and categorical exactly and learns the best choice', () => {
    const study = runStudy(new TPESampler({ seed: 3 }), mixed.fn, 120);
    for (const t of study.trials) {
      const { lr, n, q, kind } = t.params as { lr: number; n: number; q: number; kind: string };
      expect(lr).toBeGreaterThanOrEqual(1e-4);
      expect(lr).toBeLessThanOrEqual(1);
      expect(Number.isInteger(n) && n >= 1 && n <= 32).toBe(true);
      expect(Math.abs(q / 0.05 - Math.round(q / 0.05))).toBeLessThan(1e-9);
      expect(['a', 'b', 'c', 'd']).toContain(kind);
    }
    const late = study.trials.slice(60).map((t) => t.params.kind);
    expect(late.filter((k) => k === 'b').length).toBeGreaterThan(late.length / 2);
    expect(study.bestValue).toBeLessThan(0.3);
  });

  it('samples the first nStartupTrials at random, then concentrates', () => {
    const study = runStudy(new TPESampler({ seed: 1, nStartupTrials: 20 }), (t) => (t.suggestFloat('x', -10, 10) - 2) ** 2, 80);
    const dist = (from: number, to: number) => median(study.trials.slice(from, to).map((t) => Math.abs((t.params.x as number) - 2)));
    expect(dist(60, 80)).toBeLessThan(dist(0, 20) / 3);
  });

  it('ranks pruned trials by their last intermediate value, later steps first (Optuna)', () => {
    const study = createStudy({ sampler: new TPESampler({ seed: 0 }) });
    const complete = study.ask();
    complete.suggestFloat('x', 0, 1);
    study.tell(complete, 5);
    const prunedLate = study.ask();
    prunedLate.suggestFloat('x', 0, 1);
    prunedLate.report(9, 1);
    prunedLate.report(3, 4);
    study.tell(prunedLate, 'PRUNED');
    const prunedEarly = study.ask();
    prunedEarly.suggestFloat('x', 0, 1);
    prunedEarly.report(0.5, 2);
    study.tell(prunedEarly, 'PRUNED');
    const prunedNoValue = study.ask();
    prunedNoValue.suggestFloat('x', 0, 1);
    study.tell(prunedNoValue, 'PRUNED');
    const obs = new ObservationCache().collect(study, false, false);
    expect(Array.from(obs.stepKeys)).toEqual([-Infinity, -4, -2, 1]);
    // complete < pruned at step 4 < pruned at step 2 < pruned without values.
    expect(Array.from(splitObservations(obs, 2).below)).toEqual([0, 1]);
    expect(Array.from(splitObservations(obs, 3).below)).toEqual([0, 1, 2]);
  });

  it('splits the best n from the rest exactly as a full sort would (ties, NaN, steps, subsets)', async () => {
    const { createRng } = await import('../../random/rng.js');
    for (let seed = 0; seed < 40; seed++) {
      const rng = createRng(seed);
      const n = 1 + Math.floor(rng.random() * 300);
      const stepKeys = Float64Array.from({ length: n }, () => [-Infinity, -3, -1, 1][Math.floor(rng.random() * 4)] as number);
      const scores = Float64Array.from({ length: n }, () => (rng.random() < 0.05 ? Number.NaN : Math.round(rng.random() * 20)));
      const obs = { numbers: Int32Array.from({ length: n }, (_, i) => i), stepKeys, scores, nObjectives: 1, violations: undefined, nFinished: n, running: new Map() };
      const subset = seed % 2 === 0 ? undefined : Int32Array.from({ length: n }, (_, i) => i).filter(() => rng.random() < 0.7);
      const all = Array.from(subset ?? Int32Array.from({ length: n }, (_, i) => i));
      const key = (i: number): [number, number, number] => [stepKeys[i] as number, Number.isNaN(scores[i] as number) ? Infinity : (scores[i] as number), i];
      const sorted = [...all].sort((i, j) => {
        const [a, b] = [key(i), key(j)];
        return a[0] - b[0] || (a[1] === b[1] ? 0 : a[1] < b[1] ? -1 : 1) || a[2] - b[2];
      });
      const nBelow = Math.floor(rng.random() * 30);
      const split = splitObservations(obs, nBelow, subset);
      expect(Array.from(split.below), `seed ${seed}`).toEqual(sorted.slice(0, nBelow).sort((a, b) => a - b));
      expect(Array.from(split.above), `seed ${seed}`).toEqual(sorted.slice(nBelow).sort((a, b) => a - b));
    }
  });

  it('keeps each parameter\'s finished trials in value order: the order an argsort of any subset gives', async () => {
    const { argsort } = await import('./parzen-estimator.js');
    const study = createStudy({ sampler: new TPESampler({ seed: 3 }) });
    for (let i = 0; i < 120; i++) {
      const t = study.ask();
      // Repeated values (a step) make ties, broken by trial number.
      const x = t.suggestFloat('x', 0, 1, { step: 0.125 });
      const lr = t.suggestFloat('lr', 1e-3, 1, { log: true });
      if (i % 7 === 3) study.tell(t, 'PRUNED');
      else study.tell(t, x + lr);
    }
    const cache = new ObservationCache();
    const obs = cache.collect(study, false, false);
    const split = splitObservations(obs, 25);
    for (const name of ['x', 'lr']) {
      for (const indices of [split.below, split.above]) {
        const column = cache.column(name, obs, indices);
        expect(Array.from(cache.sortedPositions(name, obs, indices) as Uint32Array)).toEqual(Array.from(argsort(column)));
      }
    }
  });

  it('counts running trials as the worst observations with constantLiar', () => {
    const study = createStudy({ sampler: new TPESampler({ seed: 0, constantLiar: true }) });
    for (let i = 0; i < 3; i++) {
      const t = study.ask();
      study.tell(t, t.suggestFloat('x', 0, 1));
    }
    const running = study.ask();
    running.suggestFloat('x', 0, 1);
    const withLiar = new ObservationCache().collect(study, true, false);
    expect(withLiar.numbers.length).toBe(4);
    expect(withLiar.nFinished).toBe(3);
    expect(Array.from(splitObservations(withLiar, 3).above)).toEqual([3]);
    expect(new ObservationCache().collect(study, false, false).numbers.length).toBe(3);
  });

  it('spreads parallel trials out with constantLiar', () => {
    const spread = (constantLiar: boolean): number => {
      const study = createStudy({ sampler: new TPESampler({ seed: 4, constantLiar, nStartupTrials: 5 }) });
      for (let i = 0; i < 5; i++) {
        const t = study.ask();
        study.tell(t, (t.suggestFloat('x', -5, 5) - 1) ** 2);
      }
      const batch = Array.from({ length: 8 }, () => study.ask());
      const xs = batch.map((t) => t.suggestFloat('x', -5, 5));
      return new Set(xs.map((x) => x.toFixed(6))).size;
    };
    expect(spread(true)).toBe(8);
  });

  it('stores constraint values and steers towards feasible points', () => {
    const sampler = new TPESampler({ seed: 2, constraintsFunc: (t) => [1 - (t.params.x as number)] });
    const study = runStudy(sampler, (t) => t.suggestFloat('x', -5, 5) ** 2, 80);
    expect(study.trials[0]?.systemAttrs.constraints).toEqual([1 - (study.trials[0]?.params.x as number)]);
    const feasibleLate = (s: typeof study) => s.trials.slice(40).filter((t) => (t.params.x as number) >= 1).length;
    const unconstrained = runStudy(new TPESampler({ seed: 2 }), (t) => t.suggestFloat('x', -5, 5) ** 2, 80);
    expect(feasibleLate(study)).toBeGreaterThan(18);
    expect(feasibleLate(unconstrained)).toBeLessThan(10);
    const bestFeasible = Math.min(...study.trials.filter((t) => (t.params.x as number) >= 1).map((t) => t.value as number));
    expect(bestFeasible).toBeLessThan(1.1);
  });

  it('samples a conditional space jointly per group (no independent-sampling warnings)', () => {
    const objective = (t: import('../../trial/trial.js').Trial) => {
      const kind = t.suggestCategorical('kind', ['a', 'b']);
      if (kind === 'a') return (t.suggestFloat('a', -5, 5) - 1) ** 2;
      return (t.suggestInt('b', 0, 10) - 3) ** 2 + 0.5;
    };
    const events: SamplerEvent[] = [];
    const grouped = runStudy(new TPESampler({ seed: 0, multivariate: true, group: true, onEvent: (e) => events.push(e) }), objective, 60);
    expect(events.filter((e) => e.type === 'sampler-independent-sampling' && e.trialNumber > 30)).toHaveLength(0);
    expect(grouped.bestValue).toBeLessThan(0.05);
    const plain: SamplerEvent[] = [];
    runStudy(new TPESampler({ seed: 0, multivariate: true, onEvent: (e) => plain.push(e) }), objective, 40);
    expect(plain.some((e) => e.type === 'sampler-independent-sampling')).toBe(true);
  });

  it('optimises two objectives (the Pareto front moves towards the ideal)', () => {
    const objective = (t: import('../../trial/trial.js').Trial): number[] => {
      const x = t.suggestFloat('x', 0, 1);
      const y = t.suggestFloat('y', 0, 1);
      return [x + y * y, 1 - x + y * y];
    };
    const study = runStudy(new TPESampler({ seed: 0 }), objective, 80, { directions: ['minimize', 'minimize'] });
    const ys = study.trials.slice(50).map((t) => t.params.y as number);
    expect(median(ys)).toBeLessThan(0.25);
  });

  it('rejects group without multivariate and bad counts', () => {
    expect(() => new TPESampler({ group: true })).toThrow(ObjectiveError);
    expect(() => new TPESampler({ nEICandidates: 0 })).toThrow(/nEICandidates/);
  });
});

describe('the multivariate continuous density (scaled columns)', () => {
  it('matches the component-matrix evaluation to 1e-12 with and without prior, log and plain dimensions', async () => {
    const { ParzenEstimator, toParzenDimension } = await import('./parzen-estimator.js');
    const { createRng } = await import('../../random/rng.js');
    const { defaultWeights } = await import('./split.js');
    const dims = [
      toParzenDimension({ kind: 'float', low: -5, high: 10, log: false, step: null }),
      toParzenDimension({ kind: 'float', low: 1e-4, high: 1, log: true, step: null }),
      toParzenDimension({ kind: 'int', low: 1, high: 64, log: true, step: 1 }),
      toParzenDimension({ kind: 'float', low: 0, high: 1, log: false, step: null }),
    ];
    let checked = 0;
    for (let seed = 0; seed < 16; seed++) {
      const rng = createRng(seed);
      const params = { considerPrior: seed % 4 !== 1, priorWeight: 1 + (seed % 3), considerMagicClip: true, considerEndpoints: false, weights: defaultWeights, multivariate: true, normalizeKernels: seed % 2 === 0 };
      const n = 5 + seed * 40;
      const draw = () => [-5 + 15 * rng.random(), Math.exp(Math.log(1e-4) * rng.random()), Math.round(Math.exp(Math.log(64) * rng.random())) || 1, rng.random()];
      const rows = Array.from({ length: n }, draw);
      const obs = dims.map((_, d) => Float64Array.from(rows, (r) => r[d] as number));
      const g = new ParzenEstimator(obs, dims, params);
      const general = g as unknown as { logPdfGeneral(...columns: Float64Array[]): Float64Array };
      const candidates = Array.from({ length: 30 }, draw);
      const samples = dims.map((_, d) => Float64Array.from(candidates, (r) => r[d] as number));
      const fast = g.logPdf(samples);
      // The scaled-column path was taken (not the fallback this compares against).
      expect((g as unknown as { packed: unknown }).packed).toBeTruthy();
      const slow = general.logPdfGeneral(...samples);
      fast.forEach((v, s) => {
        expect(Math.abs(v - (slow[s] as number)), `seed ${seed}, sample ${s}`).toBeLessThan(1e-12 * Math.max(1, Math.abs(slow[s] as number)));
        checked++;
      });
    }
    expect(checked).toBe(16 * 30);
  });
});

describe('the 1-d density (windowed, with series-summed blocks)', () => {
  it('matches the direct sum over every kernel to 1e-11, on spread, crowded and clipped observations', async () => {
    const { ParzenEstimator, toParzenDimension } = await import('./parzen-estimator.js');
    const { createRng } = await import('../../random/rng.js');
    const { defaultWeights } = await import('./split.js');
    const base = { considerPrior: true, priorWeight: 1, considerMagicClip: true, considerEndpoints: false, weights: defaultWeights, multivariate: false, normalizeKernels: false };
    const float = toParzenDimension({ kind: 'float', low: -5, high: 5, log: false, step: null });
    const logFloat = toParzenDimension({ kind: 'float', low: 1e-4, high: 1, log: true, step: null });
    let checked = 0;
    for (let seed = 0; seed < 24; seed++) {
      const rng = createRng(seed);
      const params = { ...base, normalizeKernels: seed % 3 === 0, considerPrior: seed % 4 !== 1, considerMagicClip: seed % 5 !== 2 };
      const dim = seed % 6 === 5 ? logFloat : float;
      const n = 30 + seed * 60;
      const spread = seed % 2 === 0 ? 1.5 : 0.05; // crowded: a study late in its run
      const clip = (v: number) => (dim === float ? Math.max(-5, Math.min(5, v)) : Math.exp(Math.max(Math.log(1e-4), Math.min(0, -3 + v))));
      const obs = Float64Array.from({ length: n }, () => clip(rng.normal() * spread + (rng.random() < 0.1 ? 3 : 0)));
      const g = new ParzenEstimator([obs], [dim], params);
      const direct = g as unknown as { logPdfGeneral(column: Float64Array): Float64Array };
      const samples = Float64Array.from({ length: 40 }, (_, s) => (s < 30 ? obs[Math.floor(rng.random() * n)] as number : clip(rng.normal() * 3)));
      const fast = g.logPdf([samples]);
      const slow = direct.logPdfGeneral(samples);
      fast.forEach((v, s) => {
        expect(Math.abs(v - (slow[s] as number)), `seed ${seed}, sample ${s}`).toBeLessThan(1e-11);
        checked++;
      });
    }
    expect(checked).toBe(24 * 40);
  });
});
