import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../distributions/index.js';
import { createRng, type Rng } from '../../random/rng.js';
import { parzenParameters } from '../test-support/parzen-parameters.js';
import { ParzenEstimator, argmaxDifference, toParzenDimension } from './parzen-estimator.js';

const params = parzenParameters();

const float: Distribution = { kind: 'float', low: -5, high: 5, log: false, step: null };
const floatLog: Distribution = { kind: 'float', low: 1e-4, high: 1, log: true, step: null };

/** A late-study "above" set: most observations crowded near a good region, some spread out. */
function observations(rng: Rng, n: number, dist: Distribution): Float64Array {
  const [low, high] = dist.kind === 'float' ? [dist.low, dist.high] : [0, 1];
  const log = dist.kind === 'float' && dist.log;
  const lo = log ? Math.log(low) : low;
  const hi = log ? Math.log(high) : high;
  const centre = lo + (hi - lo) * (0.3 + 0.4 * rng.random());
  return Float64Array.from({ length: n }, () => {
    const v = rng.random() < 0.7 ? centre + 0.05 * (hi - lo) * rng.normal() : lo + (hi - lo) * rng.random();
    const clipped = Math.min(hi, Math.max(lo, v));
    return log ? Math.exp(clipped) : clipped;
  });
}

/**
 * The pruned choice must be the one a full evaluation of every sample makes: checked on
 * the real ratio, on scores crowded within the loose pass's slack, on exact ties and NaN.
 */
function expectSameArgmax(g: ParzenEstimator, below: ParzenEstimator, rng: Rng): void {
  const samples = below.sample(rng, 24);
  const logG = g.logPdf(samples);
  const logL = below.logPdf(samples);
  expect(g.argmaxLogRatio(samples, logL)).toBe(argmaxDifference(logL, logG));
  // Scores within 1e-9 of each other (far inside the loose tolerance): every one must be
  // evaluated in full, and the largest full score still wins.
  const crowded = Float64Array.from(logG, (v) => v + 1e-9 * rng.random());
  expect(g.argmaxLogRatio(samples, crowded)).toBe(argmaxDifference(crowded, logG));
  // Exact ties (logL equal to the full log density): numpy picks the first.
  expect(g.argmaxLogRatio(samples, Float64Array.from(logG))).toBe(0);
  // A NaN score: numpy returns the first NaN.
  const withNaN = Float64Array.from(logL);
  withNaN[7] = Number.NaN;
  withNaN[15] = Number.NaN;
  expect(g.argmaxLogRatio(samples, withNaN)).toBe(7);
}

describe('ParzenEstimator.argmaxLogRatio', () => {
  // The pruned choice must be the one a full evaluation of every sample makes: check it on
  // random scores, on scores crowded within the loose pass's slack, on exact ties and NaN.
  for (const [name, dist] of [
    ['linear', float],
    ['log', floatLog],
  ] as const) {
    it(`equals numpy's argmax over full densities (${name} scale)`, () => {
      const rng = createRng(11);
      let crowdedCases = 0;
      for (let trial = 0; trial < 60; trial++) {
        const n = [30, 200, 975][trial % 3] as number;
        const g = new ParzenEstimator([observations(rng, n, dist)], [toParzenDimension(dist)], params);
        const below = new ParzenEstimator([observations(rng, 25, dist)], [toParzenDimension(dist)], params);
        expectSameArgmax(g, below, rng);
        crowdedCases++;
      }
      expect(crowdedCases).toBe(60);
    });
  }

  it('equals numpy\'s argmax over full densities (multivariate, 2 to 6 dimensions, log and linear)', () => {
    const rng = createRng(12);
    const mv = parzenParameters({ multivariate: true });
    for (let trial = 0; trial < 30; trial++) {
      const dims = Array.from({ length: 2 + (trial % 5) }, (_, d) => (d % 2 === 0 ? float : floatLog));
      const columns = (n: number): Float64Array[] => dims.map((dist) => observations(rng, n, dist));
      const n = [30, 200, 975][trial % 3] as number;
      const g = new ParzenEstimator(columns(n), dims.map(toParzenDimension), mv);
      const below = new ParzenEstimator(columns(25), dims.map(toParzenDimension), mv);
      expectSameArgmax(g, below, rng);
    }
  });

  it('takes the full path for discrete estimators', () => {
    const rng = createRng(3);
    const int: Distribution = { kind: 'int', low: 1, high: 32, log: false, step: 1 };
    const g = new ParzenEstimator([Float64Array.from({ length: 100 }, () => 1 + Math.floor(32 * rng.random()))], [toParzenDimension(int)], params);
    const samples = [Float64Array.from({ length: 24 }, () => 1 + Math.floor(32 * rng.random()))];
    const logL = Float64Array.from({ length: 24 }, () => -3 * rng.random());
    expect(g.argmaxLogRatio(samples, logL)).toBe(argmaxDifference(logL, g.logPdf(samples)));
  });
});
