import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../distributions/index.js';
import { createRng } from '../../random/rng.js';
import reference from '../test-support/optuna-parzen-reference.json' with { type: 'json' };
import { parzenParameters } from '../test-support/parzen-parameters.js';
import { ParzenEstimator, toParzenDimension, type ParzenEstimatorParameters } from './parzen-estimator.js';
import { defaultWeights } from './split.js';

const dists: Record<string, Distribution> = {
  float: { kind: 'float', low: -5, high: 10, log: false, step: null },
  floatLog: { kind: 'float', low: 1e-3, high: 10, log: true, step: null },
  floatStep: { kind: 'float', low: 0, high: 1, log: false, step: 0.1 },
  int: { kind: 'int', low: 1, high: 20, log: false, step: 1 },
  intLog: { kind: 'int', low: 1, high: 1000, log: true, step: 1 },
  categorical: { kind: 'categorical', choices: ['a', 'b', 'c'] },
};

const baseParams = parzenParameters;

// Reference log densities computed by Optuna 3.1's _ParzenEstimator, as shipped and with
// the kernel normalisation fix (test/python/sampler-parzen-reference.py).
for (const normalizeKernels of [false, true]) {
  describe(`ParzenEstimator against Optuna 3.1${normalizeKernels ? ' with normalised kernels' : ''}`, () => {
    const ref = normalizeKernels ? reference.normalized : reference;
    const params = (over: Partial<ParzenEstimatorParameters> = {}) => baseParams({ normalizeKernels, ...over });
    for (const [key, c] of Object.entries(ref.cases)) {
      it(`log pdf of ${key}`, () => {
        const multivariate = key.endsWith('-mv');
        const dist = dists[key.replace('-mv', '')] as Distribution;
        const pe = new ParzenEstimator([Float64Array.from(c.obs)], [toParzenDimension(dist)], params({ multivariate }));
        const got = pe.logPdf([Float64Array.from(c.xs)]);
        c.logpdf.forEach((r, i) => expect(got[i]).toBeCloseTo(r, 9));
      });
    }

    it('joint (multivariate) log pdf over float, int and categorical', () => {
      const space = [
        toParzenDimension({ kind: 'float', low: -5, high: 10, log: false, step: null }),
        toParzenDimension({ kind: 'int', low: 1, high: 20, log: false, step: 1 }),
        toParzenDimension({ kind: 'categorical', choices: ['x', 'y'] }),
      ];
      const obs = [Float64Array.of(0.5, 2, -1, 7.5), Float64Array.of(3, 7, 7, 15), Float64Array.of(0, 1, 1, 0)];
      const pe = new ParzenEstimator(obs, space, params({ multivariate: true }));
      const got = pe.logPdf([Float64Array.of(0, 5), Float64Array.of(4, 12), Float64Array.of(1, 0)]);
      ref.joint.forEach((r, i) => expect(got[i]).toBeCloseTo(r, 9));
    });

    it('weights ramp, magic clip, endpoints and prior weight with 30 observations', () => {
      const dim = [toParzenDimension(dists.float as Distribution)];
      const obs = [Float64Array.from(ref.ramp30.obs)];
      const xs = [Float64Array.from(ref.ramp30.xs)];
      const check = (pe: ParzenEstimator, refs: number[]): void => {
        const got = pe.logPdf(xs);
        refs.forEach((ref, i) => expect(got[i]).toBeCloseTo(ref, 9));
      };
      check(new ParzenEstimator(obs, dim, params()), ref.ramp30.logpdf);
      check(new ParzenEstimator(obs, dim, params({ considerPrior: false, considerMagicClip: false, considerEndpoints: true })), ref.ramp30NoPriorEndpoints);
      check(new ParzenEstimator(obs, dim, params({ priorWeight: 3 })), ref.ramp30Prior3);
      Array.from(defaultWeights(30)).forEach((w, i) => expect(w).toBeCloseTo(ref.weights30[i] as number, 14));
    });
  });
}

describe('ParzenEstimator sampling', () => {
  const params = baseParams;

  it('samples stay inside the distribution, on its grid, and follow the density', () => {
    const rng = createRng(3);
    for (const dist of Object.values(dists)) {
      const pe = new ParzenEstimator([Float64Array.of(dist.kind === 'categorical' ? 1 : dist.kind === 'float' && dist.log ? 0.2 : 1)], [toParzenDimension(dist)], params());
      const [col] = pe.sample(rng, 500) as [Float64Array];
      for (const v of col) {
        if (dist.kind === 'categorical') expect([0, 1, 2]).toContain(v);
        else {
          expect(v).toBeGreaterThanOrEqual(dist.low);
          expect(v).toBeLessThanOrEqual(dist.high);
          if (dist.kind === 'int') expect(Number.isInteger(v)).toBe(true);
          if (dist.kind === 'float' && dist.step !== null) expect(Math.abs(v / dist.step - Math.round(v / dist.step))).toBeLessThan(1e-9);
        }
      }
    }
    // Empirical mass near an observation matches the estimator's own density.
    const pe = new ParzenEstimator([Float64Array.of(2)], [toParzenDimension(dists.float as Distribution)], params());
    const [col] = pe.sample(createRng(5), 20_000) as [Float64Array];
    const share = col.filter((v) => v > 1 && v < 3).length / col.length;
    let mass = 0;
    const normalized = new ParzenEstimator([Float64Array.of(2)], [toParzenDimension(dists.float as Distribution)], params({ normalizeKernels: true }));
    for (let x = 1.005; x < 3; x += 0.01) mass += Math.exp(normalized.logPdf([Float64Array.of(x)])[0] as number) * 0.01;
    expect(share).toBeCloseTo(mass, 1.5);
  });
});
