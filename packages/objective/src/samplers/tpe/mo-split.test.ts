import { describe, expect, it } from 'vitest';
import { greedyHypervolumeSubset, hypervolume, referencePoint } from './mo-weights.js';
import type { Observations } from './observations.js';
import { splitObservations } from './split.js';

const points = (rows: number[][]): Float64Array[] => rows.map((r) => Float64Array.from(r));

function observations(rows: number[][]): Observations {
  return {
    numbers: Int32Array.from(rows.keys()),
    stepKeys: new Float64Array(rows.length).fill(Number.NEGATIVE_INFINITY),
    scores: Float64Array.from(rows.flat()),
    nObjectives: 2,
    violations: undefined,
    nFinished: rows.length,
    running: new Map(),
  };
}

describe('multi-objective TPE split (Optuna 3.1)', () => {
  it('2-d hypervolume: rectangles swept by x, dominated points adding nothing', () => {
    const ref = Float64Array.of(4, 4);
    expect(hypervolume(points([[1, 2], [2, 1], [3, 3]]), ref)).toBeCloseTo(3 * 2 + 2 * 1, 14);
    expect(hypervolume(points([[1, 2]]), ref)).toBe(6);
  });

  it("reference point: each objective's worst moved 10% outwards, 0 becoming 1e-12", () => {
    expect(Array.from(referencePoint(points([[1, -2], [3, -4], [0, 0]])))).toEqual([3 * 1.1, 1e-12]);
    expect(Array.from(referencePoint(points([[-1, 2], [-3, 1]])))).toEqual([-1 * 0.9, 2 * 1.1]);
  });

  it('greedy HSSP picks the largest single hypervolume first, then the largest gain (hand-computed)', () => {
    // ref (5.5, 5.5): single volumes 2.25, 8.75, 8.75, 2.25 → the first 8.75 (position 1);
    // gains over it: 0.5, —, 2.5, 1.0 → position 2.
    const front = points([[1, 5], [2, 3], [3, 2], [5, 1]]);
    expect(greedyHypervolumeSubset(front, 2, referencePoint(front))).toEqual([1, 2]);
  });

  it('below: whole fronts in trial order, then the subset in the order picked (not sorted), as Optuna keeps it', () => {
    // Trial 3 is the only point of rank 0; the rank-1 front is the one above, cut to 2.
    const obs = observations([[1, 5], [2, 3], [3, 2], [0, 0], [5, 1]]);
    const split = splitObservations(obs, 3);
    expect(Array.from(split.below)).toEqual([3, 1, 2]);
    expect(Array.from(split.above)).toEqual([0, 4]);
  });

  it('with constraints, below is the feasible split sorted into trial order (np.sort), infeasible trials above', () => {
    const obs = { ...observations([[1, 5], [2, 3], [3, 2], [0, 0], [5, 1], [-1, -1]]), violations: Float64Array.of(0, 0, 0, 0, 0, 0.5) };
    const split = splitObservations(obs, 3);
    expect(Array.from(split.below)).toEqual([1, 2, 3]);
    expect(Array.from(split.above)).toEqual([0, 4, 5]);
  });
});
