import { describe, expect, it } from 'vitest';
import type { FitResult } from './fit-result.js';
import { aggregate, summarizeEquations } from './metrics.js';

function fit(equation: string, run: number, testR2: number | null, extra: Partial<FitResult> = {}): FitResult {
  return { equation, run, testR2, trainR2: testR2, testLoss: testR2 === null ? null : 1 - testR2, exact: testR2 === 1, complexity: 5, wallS: 1, expression: 'x', error: null, ...extra };
}

describe('aggregate', () => {
  const results = [fit('a', 0, 0.9), fit('a', 1, 0.5), fit('a', 2, 0.7), fit('b', 0, 1), fit('b', 1, 1), fit('c', 0, null, { error: 'boom' })];

  it('median-then-mean is the SRBench aggregate: per-equation median over runs, then mean', () => {
    // a: median 0.7; b: 1; c: a failed fit counts as R² 0
    expect(aggregate(results, 'test_r2', 'median-then-mean')).toBeCloseTo((0.7 + 1 + 0) / 3, 12);
    expect(aggregate(results, 'test_r2', 'mean')).toBeCloseTo((0.9 + 0.5 + 0.7 + 1 + 1 + 0) / 6, 12);
    expect(aggregate(results, 'solution_rate', 'median-then-mean')).toBeCloseTo((0 + 1 + 0) / 3, 12);
  });

  it('ignores failed fits for metrics without a worst value, and returns null when nothing is left', () => {
    expect(aggregate([fit('c', 0, null, { error: 'x' })], 'test_loss', 'mean')).toBeNull();
    expect(aggregate([], 'test_r2', 'median-then-mean')).toBeNull();
  });

  it('summarises each equation with its best discovered formula', () => {
    const summary = summarizeEquations(results, [{ id: 'b', formula: 'x*y' }, { id: 'a', formula: 'x' }, { id: 'c', formula: null }], { metric: 'test_r2', aggregation: 'median-then-mean' });
    expect(summary.map((s) => s.id)).toEqual(['b', 'a', 'c']);
    expect(summary[1]).toMatchObject({ id: 'a', runs: 3, medianTestR2: 0.7, exactRecoveries: 0, errors: 0, formula: 'x' });
    expect(summary[0]).toMatchObject({ exactRecoveries: 2, metric: 1 });
    expect(summary[2]).toMatchObject({ errors: 1, bestExpression: null });
  });
});
