import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../distributions/index.js';
import { createRng } from '../../random/rng.js';
import { toParzenDimension } from '../search-space-transform.js';
import { parzenParameters } from '../test-support/parzen-parameters.js';
import { Arena } from './arena.js';
import { argsort, numericalKernel, sortedKernels, type NumericalDimension, type ParzenEstimatorParameters } from './parzen-kernels.js';
import { buildWindow, windowOfSorted, type KernelWindow } from './parzen-window-1d.js';

/** Every field of a window as plain numbers (typed arrays of different buffers compare equal). */
function plain(w: KernelWindow): Record<string, unknown> {
  return Object.fromEntries(Object.entries(w).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v]));
}

describe('the window built from sorted kernels', () => {
  // TPE's "above" estimator builds its window straight from the sorted centres, without
  // the per-index kernel arrays; it must be the window of those kernels, bit for bit.
  const cases: [string, Distribution, Partial<ParzenEstimatorParameters>][] = [
    ['defaults', { kind: 'float', low: -5, high: 5, log: false, step: null }, {}],
    ['log scale', { kind: 'float', low: 1e-4, high: 1, log: true, step: null }, {}],
    ['endpoints, no prior, no magic clip', { kind: 'float', low: 0, high: 1, log: false, step: null }, { considerPrior: false, considerEndpoints: true, considerMagicClip: false }],
    ['normalised kernels, prior weight 2', { kind: 'float', low: -1, high: 3, log: false, step: null }, { normalizeKernels: true, priorWeight: 2 }],
  ];
  for (const [name, dist, over] of cases) {
    it(`equals buildWindow on the kernels (${name})`, () => {
      const rng = createRng(5);
      const params = parzenParameters(over);
      const dim = toParzenDimension(dist) as NumericalDimension;
      const [lo, hi] = dim.log ? [Math.log(dim.low), Math.log(dim.high)] : [dim.low, dim.high];
      for (let trial = 0; trial < 40; trial++) {
        const n = [1, 2, 7, 60, 300, 975][trial % 6] as number;
        // Crowded near a point, some at the bounds (truncated kernels), some repeated (ties).
        const centre = lo + (hi - lo) * rng.random();
        const internal = Float64Array.from({ length: n }, (_, i) => {
          const u = rng.random();
          const v = u < 0.1 ? (u < 0.05 ? lo : hi) : u < 0.2 && i > 0 ? Number.NaN : centre + 0.05 * (hi - lo) * rng.normal();
          return Math.min(hi, Math.max(lo, v));
        });
        for (let i = 0; i < n; i++) if (Number.isNaN(internal[i] as number)) internal[i] = internal[i - 1] as number;
        const obs = dim.log ? internal.map(Math.exp) : internal;
        const considerPrior = params.considerPrior || n === 0;
        const m = n + (considerPrior ? 1 : 0);
        const raw = Float64Array.from({ length: m }, () => 0.1 + rng.random());
        let total = 0;
        for (const v of raw) total += v;
        const weights = raw.map((v) => v / total);
        const known = trial % 2 === 0 ? argsort(internal) : undefined;
        const viaKernels = buildWindow(numericalKernel(obs, dim, params, considerPrior, 0, known), weights);
        const arena = new Arena(128);
        const direct = windowOfSorted(sortedKernels(obs, dim, params, considerPrior, known, weights, arena), arena);
        expect(plain(direct), `trial ${trial}, n = ${n}`).toEqual(plain(viaKernels));
      }
    });
  }
});
