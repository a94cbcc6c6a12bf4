import { describe, expect, it } from 'vitest';
import { aggregateResults, median } from './aggregate.js';
import { meanSquaredError, r2Score } from './regression.js';

const run = (equationId: string, testR2: number | null, exactRecovery: boolean | null, complexity: number | null = 5, error: unknown = null) => ({ equationId, testR2, exactRecovery, complexity, error });

describe('metrics', () => {
  it('computes R² and MSE like SRBench (sklearn) does', () => {
    const y = [3, -0.5, 2, 7];
    const p = [2.5, 0.0, 2, 8];
    expect(r2Score(y, p)).toBeCloseTo(0.9486081370449679, 12);
    expect(meanSquaredError(y, p)).toBeCloseTo(0.375, 12);
    expect(r2Score(y, y)).toBe(1);
    expect(r2Score(y, [1, 1, 1, Number.NaN])).toBeNull();
    expect(r2Score([2, 2], [2, 2])).toBe(1);
    expect(r2Score([2, 2], [1, 2])).toBe(0);
  });

  it('takes the median over runs per equation, then the mean over equations', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const aggregate = aggregateResults([
      run('a', 0.9, true, 3),
      run('a', 0.5, false, 9),
      run('a', 0.7, true, 5),
      run('b', 1, true, 7),
      run('b', null, null, null, { code: 'SR_RUNNER_FIT_TIMEOUT' }),
    ]);
    expect(aggregate.perEquation).toEqual([
      { equationId: 'a', runs: 3, failedRuns: 0, medianTestR2: 0.7, medianComplexity: 5, solutionRate: 2 / 3, accuracyRate: 0 },
      { equationId: 'b', runs: 2, failedRuns: 1, medianTestR2: 0.5, medianComplexity: 7, solutionRate: 0.5, accuracyRate: 0.5 },
    ]);
    expect(aggregate.meanTestR2).toBeCloseTo(0.6, 12);
    expect(aggregate.solutionRate).toBeCloseTo((2 / 3 + 0.5) / 2, 12);
    expect(aggregate.meanComplexity).toBe(6);
    expect(aggregate).toMatchObject({ equations: 2, runs: 5, failedRuns: 1, accuracyRate: 0.25 });
  });

  it('has no solution rate when no equation has a ground truth', () => {
    expect(aggregateResults([run('x', 0.99, null)]).solutionRate).toBeNull();
  });
});
