import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../distributions/index.js';
import { createRng } from '../../random/rng.js';
import { parzenParameters } from '../test-support/parzen-parameters.js';
import { expNonPositive } from './normal-math.js';
import { continuousArgmax, continuousLogPdf, packContinuous } from './parzen-continuous.js';
import { numericalKernel, type NumericalDimension } from './parzen-kernels.js';
import { toParzenDimension } from './parzen-estimator.js';
import { PARZEN_TERMS_WASM } from './parzen-terms-wasm.js';
import { parzenTermsSimd } from './parzen-terms.js';

const simd = parzenTermsSimd();

describe('parzen-terms (WebAssembly)', () => {
  it('is available on the supported Node versions', () => {
    expect(simd).not.toBeNull();
  });

  it('the committed bytes are the assembled parzen-terms.wat', async () => {
    const script = '../../../scripts/build-wasm.mjs';
    const { assembleParzenTerms } = (await import(script)) as { assembleParzenTerms: () => Promise<string> };
    expect(await assembleParzenTerms()).toBe(PARZEN_TERMS_WASM);
  });

  it('sums exponentials bitwise as expNonPositive does, rounding ties of k as Math.round', () => {
    const engine = simd!;
    const rng = createRng(5);
    const ys = Array.from({ length: 4000 }, () => -40 * rng.random());
    // −y·64/ln2 at (or next to) k + ½: where round-half-even would pick another k than Math.round.
    for (let k = 0; k < 200; k++) {
      const y = -(k + 0.5) / 92.33248261689366;
      ys.push(y, y * (1 + 2 ** -52), y * (1 - 2 ** -52));
    }
    ys.push(0, -0, -1e-300, -39.999999);
    const loaded = engine.load([], new Float64Array(1), 0, 1);
    for (const y of ys) {
      loaded.terms[0] = y;
      expect(loaded.looseSum(0, 0, 40), `y = ${y}`).toBe(expNonPositive(y));
    }
    // Terms at or below max − cutoff (here −2) are left out; the rest are summed in index order.
    const many = engine.load([], new Float64Array(5), 0, 1);
    many.terms.set([-1, -3, -2.5, -2, -0.5]);
    expect(many.looseSum(0, -0.5, 1.5)).toBe(expNonPositive(-0.5) + expNonPositive(0));
  });

  it('gives the JavaScript loops\' densities and choices bit for bit (1–9 dimensions, odd and even kernel counts, prior or not)', () => {
    const rng = createRng(9);
    const float: Distribution = { kind: 'float', low: -5, high: 5, log: false, step: null };
    const floatLog: Distribution = { kind: 'float', low: 1e-4, high: 1, log: true, step: null };
    let compared = 0;
    for (let trial = 0; trial < 60; trial++) {
      const nDims = 1 + (trial % 9);
      const n = [0, 1, 2, 25, 200, 976][trial % 6] as number;
      const considerPrior = trial % 7 !== 3 || n === 0;
      const parameters = parzenParameters({ multivariate: true, considerPrior });
      const dists = Array.from({ length: nDims }, (_, d) => (d % 3 === 2 ? floatLog : float));
      const dims = dists.map(toParzenDimension) as NumericalDimension[];
      const observe = (dim: NumericalDimension) =>
        Float64Array.from({ length: n }, () => {
          const u = dim.low + (dim.high - dim.low) * rng.random();
          return dim.log ? Math.exp(u) : u;
        });
      const sigma0 = 0.2 * Math.max(n, 1) ** (-1 / (nDims + 4));
      const kernels = dims.map((dim) => numericalKernel(observe(dim), dim, parameters, considerPrior, sigma0, undefined));
      const m = n + (considerPrior ? 1 : 0);
      // Some zero weights (log −∞ offsets) among the rest.
      const logWeights = Float64Array.from({ length: m }, (_, i) => (i % 11 === 4 ? -Infinity : Math.log(0.1 + rng.random())));
      const packed = packContinuous(kernels, dims, logWeights);
      if (packed === null) throw new Error('expected shared bandwidths');
      const samples = dims.map((dim) => Float64Array.from({ length: 24 }, () => {
        const u = dim.low + (dim.high - dim.low) * rng.random();
        return dim.log ? Math.exp(u) : u;
      }));
      const viaWasm = continuousLogPdf(packed, dims, samples, undefined, simd);
      const viaJs = continuousLogPdf(packed, dims, samples, undefined, null);
      expect(Array.from(viaWasm)).toEqual(Array.from(viaJs));
      for (let s = 0; s < 24; s++) expect(Object.is(viaWasm[s], viaJs[s]), `sample ${s}`).toBe(true);
      // Scores crowded within the loose slack, so that several samples are summed in full.
      const logL = Float64Array.from(viaJs, (v) => v + 1e-9 * rng.random());
      expect(continuousArgmax(packed, dims, samples, logL, undefined, simd)).toBe(continuousArgmax(packed, dims, samples, logL, undefined, null));
      compared++;
    }
    expect(compared).toBe(60);
  });
});
